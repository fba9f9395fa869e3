package odata

import (
	"strconv"
	"strings"
	"time"
)

// The builders below take property paths from code (trusted constants such
// as "userPrincipalName") and values that may come from users. Values only
// ever reach the output through Quote, DateTime or strconv, so they cannot
// add operators. The result is raw filter text: the HTTP client must still
// URL-encode it (Graph SDK request builders do).

// Quote returns s as an OData string literal: wrapped in single quotes,
// with each single quote doubled. This is the only escaping OData needs
// inside a literal; every other byte is literal text:
//
//	Quote("O'Brien") == "'O''Brien'"
func Quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// Eq returns "property eq 'value'".
func Eq(property, value string) string {
	return property + " eq " + Quote(value)
}

// Ne returns "property ne 'value'". Graph documents ne only for beta
// signInEventTypes.
func Ne(property, value string) string {
	return property + " ne " + Quote(value)
}

// EqInt returns "property eq v", for numeric properties such as
// status/errorCode.
func EqInt(property string, v int64) string {
	return property + " eq " + strconv.FormatInt(v, 10)
}

// StartsWith returns "startswith(property,'prefix')".
func StartsWith(property, prefix string) string {
	return "startswith(" + property + "," + Quote(prefix) + ")"
}

// DateTime formats t as an unquoted OData DateTimeOffset literal in UTC,
// such as 2024-05-01T10:00:00Z. Fractional seconds appear only when
// non-zero, without trailing zeros. Parse reads back years 0000 to 9999.
func DateTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond() == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format(time.RFC3339Nano)
}

// Ge returns "property ge <datetime>".
func Ge(property string, t time.Time) string {
	return property + " ge " + DateTime(t)
}

// Le returns "property le <datetime>".
func Le(property string, t time.Time) string {
	return property + " le " + DateTime(t)
}

// Gt returns "property gt <datetime>". Graph documents only ge and le for
// createdDateTime, so prefer those for requests to Graph.
func Gt(property string, t time.Time) string {
	return property + " gt " + DateTime(t)
}

// Lt returns "property lt <datetime>". See Gt.
func Lt(property string, t time.Time) string {
	return property + " lt " + DateTime(t)
}

// And joins the non-empty clauses with " and ". A clause with a top-level
// "or" is parenthesised so that and's higher precedence cannot regroup it;
// this is done even for a single clause, so the result stays safe to
// combine again. Clauses must be well-formed filters: build them here or
// pass user filters through Normalize first.
func And(clauses ...string) string {
	cs := nonEmpty(clauses)
	for i, c := range cs {
		if hasTopLevelOr(c) {
			cs[i] = "(" + c + ")"
		}
	}
	return strings.Join(cs, " and ")
}

// Or joins the non-empty clauses with " or " and parenthesises the result
// when there is more than one clause, so it can be used as an And clause or
// inside a lambda without regrouping.
func Or(clauses ...string) string {
	cs := nonEmpty(clauses)
	if len(cs) > 1 {
		return "(" + strings.Join(cs, " or ") + ")"
	}
	return strings.Join(cs, "")
}

// Any returns "collection/any(variable: inner)", for example
// signInEventTypes/any(t: t eq 'servicePrincipal'). An empty inner gives
// "collection/any()", which is true for a non-empty collection.
func Any(collection, variable, inner string) string {
	if strings.TrimSpace(inner) == "" {
		return collection + "/any()"
	}
	return collection + "/any(" + variable + ": " + inner + ")"
}

// All returns "collection/all(variable: inner)".
func All(collection, variable, inner string) string {
	return collection + "/all(" + variable + ": " + inner + ")"
}

// Normalize parses a user-written filter and returns its canonical form.
// Use it before combining a user's filter with And or Or: a filter that
// does not parse is rejected, and the canonical form has balanced
// parentheses, so text such as "a eq 'b') or (c eq 'd'" cannot break out
// of the parentheses And adds.
func Normalize(filter string) (string, error) {
	e, err := Parse(filter)
	if err != nil {
		return "", err
	}
	return e.String(), nil
}

func nonEmpty(clauses []string) []string {
	out := make([]string, 0, len(clauses))
	for _, c := range clauses {
		if strings.TrimSpace(c) != "" {
			out = append(out, c)
		}
	}
	return out
}

// hasTopLevelOr reports whether clause has an "or" keyword outside
// parentheses and string literals. It uses the lexer so that "or" inside a
// quoted value, or an identifier such as "orderId", is not mistaken for the
// operator. A clause that does not lex is treated as needing parentheses.
func hasTopLevelOr(clause string) bool {
	toks, err := lex(clause)
	if err != nil {
		return true
	}
	depth := 0
	for _, t := range toks {
		switch t.kind {
		case tokLParen:
			depth++
		case tokRParen:
			depth--
		case tokIdent:
			if depth <= 0 && keyword(t) == "or" {
				return true
			}
		}
	}
	return false
}
