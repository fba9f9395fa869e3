package simulator

import (
	"fmt"
	"strings"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

// filterCheck validates a parsed $filter against what Graph allows on signIns, so the
// simulator rejects what Graph rejects (400 "Invalid filter clause: ...") instead of
// quietly answering filters the real service would refuse.
type filterCheck struct {
	version string
	props   map[string]bool // canonical top-level properties the filter reads
}

// filterError is a filter Graph would refuse; msg follows "Invalid filter clause: ".
type filterError struct{ msg string }

func (e *filterError) Error() string { return e.msg }

func filterErrorf(format string, args ...any) error {
	return &filterError{fmt.Sprintf(format, args...)}
}

// lambdaScope is the any() variable in scope and the collection's rule.
type lambdaScope struct {
	name string
	rule filterRule
}

func (c *filterCheck) check(e odata.Expr, lam *lambdaScope) error {
	switch e := e.(type) {
	case *odata.Binary:
		if e.Op == "and" || e.Op == "or" {
			if err := c.check(e.Left, lam); err != nil {
				return err
			}
			return c.check(e.Right, lam)
		}
		return c.comparison(e, lam)
	case *odata.Call:
		return c.call(e, lam)
	case *odata.Lambda:
		return c.lambda(e, lam)
	case *odata.Not:
		return filterErrorf("The 'not' operator is not supported on signIns.")
	}
	return filterErrorf("'%s' is not a boolean condition.", e)
}

// operand names the property side of a comparison: its canonical path and rule, or the
// lambda variable (path "" with the collection's rule).
func (c *filterCheck) operand(p *odata.Property, lam *lambdaScope) (string, filterRule, error) {
	if lam != nil && len(p.Path) == 1 && p.Path[0] == lam.name {
		return "", lam.rule, nil
	}
	name, rule, ok := filterRuleFor(c.version, p.Path)
	if !ok {
		if _, known := canonical(propertiesOf(c.version), p.Path[0]); known {
			return "", rule, filterErrorf("Filtering on property '%s' is not supported.", name)
		}
		return "", rule, filterErrorf("Could not find a property named '%s' on type 'microsoft.graph.signIn'.", name)
	}
	top, _, _ := strings.Cut(name, "/")
	c.props[top] = true
	return name, rule, nil
}

var opNames = map[string]string{"eq": "Equal", "ne": "NotEqual", "gt": "GreaterThan", "ge": "GreaterThanOrEqual", "lt": "LessThan", "le": "LessThanOrEqual"}

func (c *filterCheck) comparison(b *odata.Binary, lam *lambdaScope) error {
	p, lit := asPropertyLiteral(b.Left, b.Right)
	if p == nil {
		return filterErrorf("The comparison '%s' must compare a property with a constant.", b)
	}
	name, rule, err := c.operand(p, lam)
	if err != nil {
		return err
	}
	var need opSet
	switch b.Op {
	case "eq":
		need = opEq
	case "ne":
		need = opNe
	default:
		need = opRange
	}
	elem := name == ""
	if rule.ops&need == 0 || (rule.kind == kindCollection && !elem) {
		if elem {
			name = p.Path[0]
		}
		return filterErrorf("The '%s' operator is not supported for property '%s'.", b.Op, name)
	}
	return checkLiteral(rule, lit, opNames[b.Op])
}

// asPropertyLiteral returns the property and literal of a comparison in either order.
func asPropertyLiteral(l, r odata.Expr) (*odata.Property, *odata.Literal) {
	if p, ok := l.(*odata.Property); ok {
		if lit, ok := r.(*odata.Literal); ok {
			return p, lit
		}
	}
	if p, ok := r.(*odata.Property); ok {
		if lit, ok := l.(*odata.Literal); ok {
			return p, lit
		}
	}
	return nil, nil
}

// checkLiteral reports a literal of the wrong type, in the words OData uses.
func checkLiteral(rule filterRule, lit *odata.Literal, op string) error {
	edm := map[valueKind]string{kindString: "Edm.String", kindEnum: "microsoft.graph.enum", kindInt: "Edm.Int32", kindTime: "Edm.DateTimeOffset", kindCollection: "Edm.String"}[rule.kind]
	got := "Edm.String"
	ok := false
	switch v := lit.Value.(type) {
	case nil:
		return nil
	case string:
		ok = rule.kind == kindString || rule.kind == kindEnum || rule.kind == kindCollection
		if ok && len(rule.enum) > 0 && !containsFold(rule.enum, v) {
			return filterErrorf("The string '%s' is not a valid enumeration type constant.", v)
		}
	case int64:
		got, ok = "Edm.Int32", rule.kind == kindInt
	case float64:
		got = "Edm.Double"
	case bool:
		got = "Edm.Boolean"
	case time.Time:
		got, ok = "Edm.DateTimeOffset", rule.kind == kindTime
	}
	if !ok {
		return filterErrorf("A binary operator with incompatible types was detected. Found operand types '%s' and '%s' for operator kind '%s'.", edm, got, op)
	}
	return nil
}

func (c *filterCheck) call(f *odata.Call, lam *lambdaScope) error {
	if f.Name != "startswith" {
		return filterErrorf("The function '%s' is not supported on signIns.", f.Name)
	}
	p, ok := f.Args[0].(*odata.Property)
	lit, ok2 := f.Args[1].(*odata.Literal)
	if !ok || !ok2 {
		return filterErrorf("startswith takes a property and a string constant.")
	}
	name, rule, err := c.operand(p, lam)
	if err != nil {
		return err
	}
	if rule.ops&opStartsWith == 0 || (rule.kind == kindCollection && name != "") {
		return filterErrorf("The function 'startswith' is not supported for property '%s'.", strings.Join(p.Path, "/"))
	}
	if _, isString := lit.Value.(string); !isString {
		return filterErrorf("The second argument of startswith must be a string.")
	}
	return nil
}

func (c *filterCheck) lambda(l *odata.Lambda, outer *lambdaScope) error {
	if outer != nil || l.Kind != "any" || l.Body == nil || l.Collection == nil {
		return filterErrorf("Only a single any() with a condition is supported, as in signInEventTypes/any(t: t eq 'interactiveUser').")
	}
	name, rule, err := c.operand(l.Collection, nil)
	if err != nil {
		return err
	}
	if rule.kind != kindCollection {
		return filterErrorf("The property '%s' is not a collection.", name)
	}
	return c.check(l.Body, &lambdaScope{name: l.Var, rule: rule})
}

// timeBounds reads the createdDateTime range from the top-level and-chain, so a query
// scans only the hours it can match. Anything not understood leaves the bounds open.
func timeBounds(e odata.Expr, from, to time.Time) (time.Time, time.Time) {
	b, ok := e.(*odata.Binary)
	if !ok {
		return from, to
	}
	if b.Op == "and" {
		from, to = timeBounds(b.Left, from, to)
		return timeBounds(b.Right, from, to)
	}
	p, lit := asPropertyLiteral(b.Left, b.Right)
	if p == nil || len(p.Path) != 1 || !strings.EqualFold(p.Path[0], "createdDateTime") {
		return from, to
	}
	t, isTime := lit.Value.(time.Time)
	if !isTime {
		return from, to
	}
	op := b.Op
	if _, litLeft := b.Left.(*odata.Literal); litLeft {
		op = map[string]string{"ge": "le", "gt": "lt", "le": "ge", "lt": "gt", "eq": "eq"}[op]
	}
	if (op == "ge" || op == "gt" || op == "eq") && t.After(from) {
		from = t
	}
	if (op == "le" || op == "lt" || op == "eq") && t.Before(to) {
		to = t
	}
	return from, to
}

func containsFold(list []string, s string) bool {
	_, ok := canonical(list, s)
	return ok
}

// canonical returns the list's spelling of s, compared without regard to case.
func canonical(list []string, s string) (string, bool) {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return v, true
		}
	}
	return "", false
}
