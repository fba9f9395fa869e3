package odata

import (
	"strings"
)

// maxDepth bounds nesting so a hostile filter sent to the simulator cannot
// exhaust the stack; real Graph filters nest a handful of levels.
const maxDepth = 100

// functions maps each supported function to its argument count.
var functions = map[string]int{
	"startswith": 2,
	"endswith":   2,
	"contains":   2,
	"tolower":    1,
	"toupper":    1,
}

// boolFunctions are the functions whose result is boolean.
var boolFunctions = map[string]bool{"startswith": true, "endswith": true, "contains": true}

var comparisons = map[string]bool{"eq": true, "ne": true, "gt": true, "ge": true, "lt": true, "le": true}

// reserved words cannot name a property or a lambda variable, which keeps
// every parse unambiguous and the canonical form re-parseable.
var reserved = map[string]bool{
	"and": true, "or": true, "not": true, "true": true, "false": true, "null": true,
	"eq": true, "ne": true, "gt": true, "ge": true, "lt": true, "le": true,
}

type parser struct {
	toks  []token
	i     int
	depth int
}

// Parse parses an OData $filter expression. It accepts comparisons (eq ne
// gt ge lt le), and, or, not, parentheses, property paths (status/errorCode),
// any/all lambdas, the functions startswith, endswith, contains, tolower and
// toupper, and literals: 'strings', integers, decimals, true, false, null,
// unquoted datetimes (2024-01-01T00:00:00Z) and unquoted GUIDs. Keywords and
// function names are case-insensitive and whitespace is free. Errors are
// *SyntaxError; an expression that cannot be boolean where one is needed,
// such as a bare 'text', is a syntax error too.
func Parse(filter string) (Expr, error) {
	toks, err := lex(filter)
	if err != nil {
		return nil, err
	}
	if toks[0].kind == tokEOF {
		return nil, syntaxErr(0, "empty filter")
	}
	p := &parser{toks: toks}
	e, err := p.parseBool(p.parseOr)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, syntaxErr(t.pos, "unexpected %s, want and, or, or end of filter", describe(t))
	}
	return e, nil
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

// keyword returns the lower-cased identifier text of t, or "".
func keyword(t token) string {
	if t.kind != tokIdent {
		return ""
	}
	return strings.ToLower(t.text)
}

func (p *parser) expect(kind tokenKind, what string) (token, error) {
	t := p.next()
	if t.kind != kind {
		return t, syntaxErr(t.pos, "unexpected %s, want %s", describe(t), what)
	}
	return t, nil
}

// parseBool runs parse and rejects results that cannot be boolean, such as
// a bare string literal: Graph would reject them, so the user hears it early.
func (p *parser) parseBool(parse func() (Expr, error)) (Expr, error) {
	pos := p.peek().pos
	e, err := parse()
	if err != nil {
		return nil, err
	}
	if !maybeBool(e) {
		return nil, syntaxErr(pos, "%s is not a boolean expression", e.String())
	}
	return e, nil
}

func maybeBool(e Expr) bool {
	switch e := e.(type) {
	case *Literal:
		_, ok := e.Value.(bool)
		return ok || e.Value == nil
	case *Call:
		return boolFunctions[e.Name]
	}
	return true // properties may be boolean, e.g. isInteractive
}

func (p *parser) parseOr() (Expr, error) { return p.parseLogical("or", p.parseAnd) }

func (p *parser) parseAnd() (Expr, error) { return p.parseLogical("and", p.parseUnary) }

// parseLogical parses a left-associative chain of op. Operands are checked
// to be boolean only when op is present: a lone operand may be a
// parenthesised value, as in "('a') eq x".
func (p *parser) parseLogical(op string, operand func() (Expr, error)) (Expr, error) {
	pos := p.peek().pos
	left, err := operand()
	if err != nil {
		return nil, err
	}
	for keyword(p.peek()) == op {
		if !maybeBool(left) {
			return nil, syntaxErr(pos, "%s is not a boolean expression", left.String())
		}
		p.next()
		right, err := p.parseBool(operand)
		if err != nil {
			return nil, err
		}
		left = &Binary{Op: op, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) parseUnary() (Expr, error) {
	if keyword(p.peek()) != "not" {
		return p.parseComparison()
	}
	e, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); comparisons[keyword(t)] {
		return nil, syntaxErr(t.pos, "'not' applies only to the operand before %q; write not (a %s b) or (not a) %s b",
			t.text, keyword(t), keyword(t))
	}
	return e, nil
}

// parseNot parses "not" followed by a primary (or another not), which is
// OData's precedence: not binds tighter than comparisons.
func (p *parser) parseNot() (Expr, error) {
	if keyword(p.peek()) != "not" {
		return p.parseBool(p.parsePrimary)
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.next()
	x, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	return &Not{X: x}, nil
}

// parseComparison parses a primary, optionally compared with another.
// Comparisons do not chain: "a eq b eq c" is rejected as trailing input.
func (p *parser) parseComparison() (Expr, error) {
	left, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	op := keyword(p.peek())
	if !comparisons[op] {
		return left, nil
	}
	p.next()
	right, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	return &Binary{Op: op, Left: left, Right: right}, nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return syntaxErr(p.peek().pos, "expression nested too deeply")
	}
	return nil
}

func (p *parser) leave() { p.depth-- }
