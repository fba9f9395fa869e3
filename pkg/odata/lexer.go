package odata

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// SyntaxError reports why a filter does not parse. Pos is the 0-based byte
// offset in the filter where the problem starts.
type SyntaxError struct {
	Pos int
	Msg string
}

// Error implements error.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("position %d: %s", e.Pos, e.Msg)
}

func syntaxErr(pos int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokIdent
	tokString
	tokNumber
	tokDateTime
	tokGUID
	tokLParen
	tokRParen
	tokComma
	tokColon
	tokSlash
)

// token is one lexeme. text is the source text (for identifiers and error
// messages); val is the decoded value of a literal.
type token struct {
	kind tokenKind
	pos  int
	text string
	val  any
}

var (
	// Once a token starts like a date, it must be a whole datetime: this
	// gives "invalid datetime" instead of a confusing error on "-01".
	datePrefixRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}`)
	dateTimeRe   = regexp.MustCompile(`^([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}:[0-9]{2})(:[0-9]{2}(\.[0-9]{1,12})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})`)
	guidRe       = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`)
	numberRe     = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`)
	identRe      = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*`)
)

func isGUID(s string) bool {
	return len(s) == 36 && guidRe.MatchString(s)
}

// isWordByte reports whether c may continue a literal or identifier; a
// literal followed by such a byte is malformed (for example "50126abc").
func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' ||
		('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// lex splits src into tokens, ending with a tokEOF at len(src).
func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		var tok token
		var err error
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case strings.IndexByte("(),:/", c) >= 0:
			tok = token{kind: punctKind(c), pos: i, text: src[i : i+1]}
		case c == '\'':
			tok, err = lexString(src, i)
		case c == '-' || ('0' <= c && c <= '9'):
			tok, err = lexNumeric(src, i)
		case c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z'):
			tok = lexWord(src, i)
		default:
			r, _ := utf8.DecodeRuneInString(src[i:])
			err = syntaxErr(i, "unexpected character %q", r)
		}
		if err != nil {
			return nil, err
		}
		toks = append(toks, tok)
		i = tok.pos + len(tok.text)
	}
	return append(toks, token{kind: tokEOF, pos: len(src)}), nil
}

func punctKind(c byte) tokenKind {
	switch c {
	case '(':
		return tokLParen
	case ')':
		return tokRParen
	case ',':
		return tokComma
	case ':':
		return tokColon
	}
	return tokSlash
}

// lexString decodes a quoted literal whose opening quote is at src[start]. A
// doubled quote is an escaped quote; any other byte, including invalid
// UTF-8, is kept as is so the literal round-trips exactly.
func lexString(src string, start int) (token, error) {
	var b strings.Builder
	for i := start + 1; ; {
		j := strings.IndexByte(src[i:], '\'')
		if j < 0 {
			return token{}, syntaxErr(start, "unterminated string literal")
		}
		b.WriteString(src[i : i+j])
		i += j + 1
		if i < len(src) && src[i] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return token{kind: tokString, pos: start, text: src[start:i], val: b.String()}, nil
	}
}

// lexNumeric reads a datetime, a GUID that starts with a digit, or a number.
func lexNumeric(src string, start int) (token, error) {
	rest := src[start:]
	if datePrefixRe.MatchString(rest) {
		return lexDateTime(src, start)
	}
	if tok, ok := lexGUID(src, start); ok {
		return tok, nil
	}
	m := numberRe.FindString(rest)
	if m == "" {
		return token{}, syntaxErr(start, "unexpected character '-'")
	}
	if end := start + len(m); end < len(src) && isWordByte(src[end]) {
		return token{}, syntaxErr(start, "invalid number literal")
	}
	tok := token{kind: tokNumber, pos: start, text: m}
	if !strings.ContainsAny(m, ".eE") {
		n, err := strconv.ParseInt(m, 10, 64)
		if err != nil {
			return token{}, syntaxErr(start, "integer %s out of range", m)
		}
		tok.val = n
		return tok, nil
	}
	f, err := strconv.ParseFloat(m, 64)
	if err != nil {
		return token{}, syntaxErr(start, "number %s out of range", m)
	}
	tok.val = f
	return tok, nil
}

func lexDateTime(src string, start int) (token, error) {
	m := dateTimeRe.FindStringSubmatch(src[start:])
	if m == nil || (start+len(m[0]) < len(src) && isWordByte(src[start+len(m[0])])) {
		return token{}, syntaxErr(start, "invalid datetime literal (want e.g. 2024-05-01T10:00:00Z)")
	}
	sec := m[3]
	if sec == "" {
		sec = ":00" // OData allows hh:mm; RFC 3339 needs seconds.
	}
	norm := m[1] + "T" + m[2] + sec + strings.ToUpper(m[5])
	t, err := time.Parse(time.RFC3339Nano, norm)
	if err != nil {
		return token{}, syntaxErr(start, "invalid datetime %s", m[0])
	}
	// An offset can push the UTC value outside four-digit years, which
	// DateTime could not write back.
	if t = t.UTC(); t.Year() < 0 || t.Year() > 9999 {
		return token{}, syntaxErr(start, "datetime %s out of range in UTC", m[0])
	}
	return token{kind: tokDateTime, pos: start, text: m[0], val: t}, nil
}

func lexGUID(src string, start int) (token, bool) {
	m := guidRe.FindString(src[start:])
	if m == "" || (start+len(m) < len(src) && isWordByte(src[start+len(m)])) {
		return token{}, false
	}
	return token{kind: tokGUID, pos: start, text: m, val: m}, true
}

// lexWord reads a GUID that starts with a hex letter, or an identifier.
// Keywords are identifiers here; the parser recognises them.
func lexWord(src string, start int) token {
	if tok, ok := lexGUID(src, start); ok {
		return tok
	}
	m := identRe.FindString(src[start:])
	return token{kind: tokIdent, pos: start, text: m}
}
