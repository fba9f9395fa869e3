package odata

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Expr is a parsed filter expression. String returns the canonical form,
// which Parse accepts again and which yields an equal tree.
type Expr interface {
	String() string
}

// Binary is a logical operator ("and", "or") or a comparison ("eq", "ne",
// "gt", "ge", "lt", "le"). Op is always lower case.
type Binary struct {
	Op          string
	Left, Right Expr
}

// Not is the logical negation of X.
type Not struct {
	X Expr
}

// Call is a function call. Name is lower case (Parse accepts any case, as
// Graph does, so "startsWith" becomes "startswith").
type Call struct {
	Name string
	Args []Expr
}

// Property is a property path such as ["status", "errorCode"]. Inside a
// lambda body, a path whose first segment is the lambda variable refers to
// the current collection element.
type Property struct {
	Path []string
}

// Lambda is an any/all operator over a collection property, as in
// "signInEventTypes/any(t: t eq 'servicePrincipal')". Kind is "any" or
// "all". For the bodiless form "collection/any()", Var is empty and Body nil.
type Lambda struct {
	Collection *Property
	Kind       string
	Var        string
	Body       Expr
}

// Literal is a constant. Value holds one of: string, int64, float64, bool,
// nil, or time.Time (in UTC) for an unquoted datetime. Parse never produces
// NaN or infinite floats, and String cannot write them in a form Parse reads.
type Literal struct {
	Value any
	// GUID marks a string Value that was written as an unquoted GUID, so
	// String can write it back the same way.
	GUID bool
}

// Precedence levels, lowest first. String uses them to add exactly the
// parentheses that the parser needs to rebuild the same tree.
const (
	precOr = iota + 1
	precAnd
	precCompare
	precNot
	precPrimary
)

func precedence(e Expr) int {
	switch e := e.(type) {
	case *Binary:
		switch e.Op {
		case "or":
			return precOr
		case "and":
			return precAnd
		}
		return precCompare
	case *Not:
		return precNot
	}
	return precPrimary
}

// wrap parenthesises e when its precedence is below min.
func wrap(e Expr, min int) string {
	if e == nil {
		return "null"
	}
	if precedence(e) < min {
		return "(" + e.String() + ")"
	}
	return e.String()
}

// String implements Expr.
func (b *Binary) String() string {
	p := precedence(b)
	if p == precCompare {
		// Comparisons do not chain and take only primary operands.
		return wrap(b.Left, precPrimary) + " " + b.Op + " " + wrap(b.Right, precPrimary)
	}
	// and/or parse left-associatively, so a right operand of the same
	// level needs parentheses to keep its shape.
	return wrap(b.Left, p) + " " + b.Op + " " + wrap(b.Right, p+1)
}

// String implements Expr.
func (n *Not) String() string {
	return "not " + wrap(n.X, precNot)
}

// String implements Expr.
func (c *Call) String() string {
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		args[i] = wrap(a, precPrimary)
	}
	return c.Name + "(" + strings.Join(args, ",") + ")"
}

// String implements Expr.
func (p *Property) String() string {
	if p == nil {
		return "null" // only in hand-built trees; keeps error messages safe
	}
	return strings.Join(p.Path, "/")
}

// String implements Expr.
func (l *Lambda) String() string {
	head := l.Collection.String() + "/" + l.Kind + "("
	if l.Body == nil {
		return head + ")"
	}
	return head + l.Var + ": " + l.Body.String() + ")"
}

// String implements Expr.
func (l *Literal) String() string {
	switch v := l.Value.(type) {
	case nil:
		return "null"
	case string:
		if l.GUID && isGUID(v) {
			return v
		}
		return Quote(v)
	case bool:
		return strconv.FormatBool(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		// Keep a decimal point so the value parses back as float64.
		if !strings.ContainsAny(s, ".eEIN") {
			s += ".0"
		}
		return s
	case time.Time:
		return DateTime(v)
	}
	// Deliberately unparsable, so a misuse fails loudly at Parse or at
	// Graph instead of silently matching something else.
	return fmt.Sprintf("<unsupported literal %T>", l.Value)
}

// Properties returns the distinct property paths referenced by e, joined
// with "/" and sorted. Paths rooted at a lambda variable are left out: they
// name parts of a collection element, not properties of the object.
func Properties(e Expr) []string {
	seen := map[string]bool{}
	collectProperties(e, map[string]bool{}, seen)
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func collectProperties(e Expr, vars, seen map[string]bool) {
	switch e := e.(type) {
	case *Binary:
		collectProperties(e.Left, vars, seen)
		collectProperties(e.Right, vars, seen)
	case *Not:
		collectProperties(e.X, vars, seen)
	case *Call:
		for _, a := range e.Args {
			collectProperties(a, vars, seen)
		}
	case *Property:
		if len(e.Path) > 0 && !vars[e.Path[0]] {
			seen[e.String()] = true
		}
	case *Lambda:
		if e.Collection != nil {
			collectProperties(e.Collection, vars, seen)
		}
		if e.Body == nil {
			return
		}
		inner := make(map[string]bool, len(vars)+1)
		for v := range vars {
			inner[v] = true
		}
		inner[e.Var] = true
		collectProperties(e.Body, inner, seen)
	}
}
