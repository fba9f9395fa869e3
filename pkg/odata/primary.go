package odata

import (
	"strconv"
	"strings"
)

// parsePrimary parses a parenthesised expression, a literal, a function
// call, a property path or a lambda.
func (p *parser) parsePrimary() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.next()
	switch t.kind {
	case tokLParen:
		e, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(tokRParen, "')'"); err != nil {
			return nil, err
		}
		return e, nil
	case tokString, tokNumber, tokDateTime:
		return &Literal{Value: t.val}, nil
	case tokGUID:
		return &Literal{Value: t.val, GUID: true}, nil
	case tokIdent:
		return p.parseIdent(t)
	}
	return nil, syntaxErr(t.pos, "unexpected %s, want an operand", describe(t))
}

// parseIdent parses what starts with an identifier: a keyword literal, a
// function call or a property path.
func (p *parser) parseIdent(t token) (Expr, error) {
	switch kw := keyword(t); kw {
	case "true", "false":
		return &Literal{Value: kw == "true"}, nil
	case "null":
		return &Literal{Value: nil}, nil
	default:
		if reserved[kw] {
			return nil, syntaxErr(t.pos, "unexpected keyword %q, want an operand", t.text)
		}
	}
	if p.peek().kind == tokLParen {
		return p.parseCall(t)
	}
	path := []string{t.text}
	for p.peek().kind == tokSlash {
		p.next()
		seg, err := p.expect(tokIdent, "property name after '/'")
		if err != nil {
			return nil, err
		}
		if kind := keyword(seg); (kind == "any" || kind == "all") && p.peek().kind == tokLParen {
			return p.parseLambda(&Property{Path: path}, kind)
		}
		path = append(path, seg.text)
	}
	return &Property{Path: path}, nil
}

func (p *parser) parseCall(name token) (Expr, error) {
	fn := strings.ToLower(name.text)
	n, ok := functions[fn]
	if !ok {
		return nil, syntaxErr(name.pos, "unknown function %q", name.text)
	}
	p.next() // '('
	call := &Call{Name: fn}
	for i := 0; i < n; i++ {
		if i > 0 {
			if _, err := p.expect(tokComma, "',' ("+fn+" takes "+strconv.Itoa(n)+" arguments)"); err != nil {
				return nil, err
			}
		}
		arg, err := p.parsePrimary()
		if err != nil {
			return nil, err
		}
		call.Args = append(call.Args, arg)
	}
	if _, err := p.expect(tokRParen, "')' ("+fn+" takes "+strconv.Itoa(n)+" arguments)"); err != nil {
		return nil, err
	}
	return call, nil
}

// parseLambda parses "(v: body)" or "()" after collection/any or /all.
func (p *parser) parseLambda(coll *Property, kind string) (Expr, error) {
	open := p.next() // '('
	if p.peek().kind == tokRParen {
		if kind == "all" {
			return nil, syntaxErr(open.pos, "all() needs a variable and a condition")
		}
		p.next()
		return &Lambda{Collection: coll, Kind: kind}, nil
	}
	v, err := p.expect(tokIdent, "lambda variable")
	if err != nil {
		return nil, err
	}
	if reserved[keyword(v)] {
		return nil, syntaxErr(v.pos, "keyword %q cannot be a lambda variable", v.text)
	}
	if _, err := p.expect(tokColon, "':' after lambda variable"); err != nil {
		return nil, err
	}
	body, err := p.parseBool(p.parseOr)
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(tokRParen, "')' closing "+kind+"()"); err != nil {
		return nil, err
	}
	return &Lambda{Collection: coll, Kind: kind, Var: v.text, Body: body}, nil
}

// describe names a token for an error message.
func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of filter"
	case tokString:
		return "string literal"
	case tokIdent:
		return strconv.Quote(t.text)
	}
	return "'" + t.text + "'"
}
