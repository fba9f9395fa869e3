package odata

import (
	"encoding/json"
	"fmt"
	"strings"
)

// EvalError reports a filter that parses but cannot be evaluated against an
// object, such as startswith on a number. Graph answers these with 400 Bad
// Request, so the simulator should too.
type EvalError struct {
	Expr string // the sub-expression that failed, in canonical form
	Msg  string
}

// Error implements error.
func (e *EvalError) Error() string {
	return fmt.Sprintf("%s: %s", e.Expr, e.Msg)
}

func evalErr(e Expr, format string, args ...any) *EvalError {
	return &EvalError{Expr: e.String(), Msg: fmt.Sprintf(format, args...)}
}

// Match reports whether obj, a JSON object decoded by encoding/json (with
// or without UseNumber), satisfies e. Logic is OData's three-valued logic:
// a condition on a missing or null property is null, and a null result does
// not match. Errors are *EvalError.
func Match(e Expr, obj map[string]any) (bool, error) {
	v, err := eval(e, obj, nil)
	if err != nil {
		return false, err
	}
	switch v := v.(type) {
	case bool:
		return v, nil
	case nil:
		return false, nil
	}
	return false, evalErr(e, "filter is %s, not boolean", typeName(v))
}

// scope binds lambda variables to the current collection element. It is a
// linked list so nested lambdas can shadow outer variables cheaply.
type scope struct {
	name  string
	value any
	outer *scope
}

func (s *scope) lookup(name string) (any, bool) {
	for ; s != nil; s = s.outer {
		if s.name == name {
			return s.value, true
		}
	}
	return nil, false
}

// eval returns a normalised value: nil, bool, string, int64, float64,
// time.Time, []any or map[string]any.
func eval(e Expr, obj map[string]any, sc *scope) (any, error) {
	switch e := e.(type) {
	case *Literal:
		return normalize(e.Value), nil
	case *Property:
		return resolve(e, obj, sc)
	case *Not:
		return evalNot(e, obj, sc)
	case *Binary:
		if e.Op == "and" || e.Op == "or" {
			return evalLogical(e, obj, sc)
		}
		return evalComparison(e, obj, sc)
	case *Call:
		return evalCall(e, obj, sc)
	case *Lambda:
		return evalLambda(e, obj, sc)
	case nil:
		return nil, &EvalError{Expr: "<nil>", Msg: "missing expression"}
	}
	return nil, &EvalError{Expr: fmt.Sprintf("%T", e), Msg: "unsupported expression type"}
}

// resolve walks a property path from the object, or from a lambda variable
// when the first segment names one.
func resolve(p *Property, obj map[string]any, sc *scope) (any, error) {
	if len(p.Path) == 0 {
		return nil, evalErr(p, "empty property path")
	}
	cur, rest := any(obj), p.Path
	if v, ok := sc.lookup(p.Path[0]); ok {
		cur, rest = v, p.Path[1:]
	}
	for _, seg := range rest {
		switch m := cur.(type) {
		case nil:
			return nil, nil // a null parent makes the whole path null
		case map[string]any:
			cur = field(m, seg)
		default:
			return nil, evalErr(p, "cannot read %q from a %s", seg, typeName(normalize(m)))
		}
	}
	return normalize(cur), nil
}

// field looks name up exactly, then case-insensitively, because Graph
// resolves property names in query options without regard to case.
func field(m map[string]any, name string) any {
	if v, ok := m[name]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

// normalize maps the numeric types that encoding/json (and callers building
// literals by hand) produce onto int64 or float64.
func normalize(v any) any {
	switch n := v.(type) {
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return i
		}
		if f, err := n.Float64(); err == nil {
			return f
		}
		return string(n)
	case int:
		return int64(n)
	case int32:
		return int64(n)
	case float32:
		return float64(n)
	}
	return v
}

// evalBool evaluates e where a boolean is required; nil stands for null.
func evalBool(e Expr, obj map[string]any, sc *scope) (any, error) {
	v, err := eval(e, obj, sc)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case bool, nil:
		return v, nil
	}
	return nil, evalErr(e, "is %s, want boolean", typeName(v))
}

func evalNot(n *Not, obj map[string]any, sc *scope) (any, error) {
	v, err := evalBool(n.X, obj, sc)
	if b, ok := v.(bool); ok {
		return !b, err
	}
	return nil, err
}

// evalLogical evaluates both sides before combining them, even when the
// left side decides the result, so a type error is reported for every
// object rather than only for those that reach the faulty side.
func evalLogical(b *Binary, obj map[string]any, sc *scope) (any, error) {
	l, err := evalBool(b.Left, obj, sc)
	if err != nil {
		return nil, err
	}
	r, err := evalBool(b.Right, obj, sc)
	if err != nil {
		return nil, err
	}
	decisive := b.Op == "or" // true decides or; false decides and
	if l == decisive || r == decisive {
		return decisive, nil
	}
	if l == nil || r == nil {
		return nil, nil
	}
	return !decisive, nil
}

func evalLambda(l *Lambda, obj map[string]any, sc *scope) (any, error) {
	if l.Collection == nil || (l.Kind != "any" && l.Kind != "all") {
		return nil, evalErr(l, "malformed lambda")
	}
	v, err := resolve(l.Collection, obj, sc)
	if err != nil {
		return nil, err
	}
	var items []any
	switch c := v.(type) {
	case nil: // a missing collection behaves as an empty one
	case []any:
		items = c
	default:
		return nil, evalErr(l, "%s is %s, not a collection", l.Collection, typeName(c))
	}
	if l.Body == nil {
		return len(items) > 0, nil
	}
	// Like and/or, every element is evaluated so errors do not depend on
	// element order.
	all := l.Kind == "all"
	result := all
	for _, item := range items {
		r, err := evalBool(l.Body, obj, &scope{name: l.Var, value: item, outer: sc})
		if err != nil {
			return nil, err
		}
		if (r == true) != all {
			result = !all // any: some element true; all: some element not true
		}
	}
	return result, nil
}
