package odata

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func prop(path ...string) *Property { return &Property{Path: path} }
func lit(v any) *Literal            { return &Literal{Value: v} }
func bin(op string, l, r Expr) Expr { return &Binary{Op: op, Left: l, Right: r} }

func TestParseTree(t *testing.T) {
	jan1 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want Expr
	}{
		{"userPrincipalName eq 'a@b.com'", bin("eq", prop("userPrincipalName"), lit("a@b.com"))},
		{"userPrincipalName eq 'O''Brien'", bin("eq", prop("userPrincipalName"), lit("O'Brien"))},
		{"status/errorCode eq 50126", bin("eq", prop("status", "errorCode"), lit(int64(50126)))},
		{"x gt -1.5e3", bin("gt", prop("x"), lit(-1500.0))},
		{"isInteractive EQ True", bin("eq", prop("isInteractive"), lit(true))},
		{"location/city eq null", bin("eq", prop("location", "city"), lit(nil))},
		{"createdDateTime ge 2024-01-01T00:00:00Z", bin("ge", prop("createdDateTime"), lit(jan1))},
		{"createdDateTime ge 2024-01-01T01:00+01:00", bin("ge", prop("createdDateTime"), lit(jan1))},
		{"appId eq de8bc8b5-d9f9-48b1-a8ad-b748da725064",
			bin("eq", prop("appId"), &Literal{Value: "de8bc8b5-d9f9-48b1-a8ad-b748da725064", GUID: true})},
		{"startsWith(appDisplayName,'Graph')",
			&Call{Name: "startswith", Args: []Expr{prop("appDisplayName"), lit("Graph")}}},
		{"a eq 1 or b eq 2 and c eq 3",
			bin("or", bin("eq", prop("a"), lit(int64(1))),
				bin("and", bin("eq", prop("b"), lit(int64(2))), bin("eq", prop("c"), lit(int64(3)))))},
		{"(a eq 1 or b eq 2) and c eq 3",
			bin("and", bin("or", bin("eq", prop("a"), lit(int64(1))), bin("eq", prop("b"), lit(int64(2)))),
				bin("eq", prop("c"), lit(int64(3))))},
		{"not contains(a,'x') and b", bin("and",
			&Not{X: &Call{Name: "contains", Args: []Expr{prop("a"), lit("x")}}}, prop("b"))},
		{"not (a eq 'x')", &Not{X: bin("eq", prop("a"), lit("x"))}},
		{"(not a) eq true", bin("eq", &Not{X: prop("a")}, lit(true))},
		{"signInEventTypes/any(t: t eq 'nonInteractiveUser')", &Lambda{Collection: prop("signInEventTypes"),
			Kind: "any", Var: "t", Body: bin("eq", prop("t"), lit("nonInteractiveUser"))}},
		{"p/ALL(x:x/result ne 'failure')", &Lambda{Collection: prop("p"),
			Kind: "all", Var: "x", Body: bin("ne", prop("x", "result"), lit("failure"))}},
		{"riskEventTypes/any()", &Lambda{Collection: prop("riskEventTypes"), Kind: "any"}},
		{"tolower(userPrincipalName) eq 'a'",
			bin("eq", &Call{Name: "tolower", Args: []Expr{prop("userPrincipalName")}}, lit("a"))},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

// TestParseCanonical checks the canonical String form and that it parses
// back to the same tree.
func TestParseCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		// Microsoft's documented example filters (graph-signins.md, section 2).
		{"startsWith(appDisplayName,'Graph')", "startswith(appDisplayName,'Graph')"},
		{"conditionalAccessStatus eq 'failure'", "conditionalAccessStatus eq 'failure'"},
		{"(createdDateTime ge 2024-01-01T00:00:00Z and createdDateTime le 2024-01-02T00:00:00Z) and appId eq 'de8bc8b5-d9f9-48b1-a8ad-b748da725064'",
			"createdDateTime ge 2024-01-01T00:00:00Z and createdDateTime le 2024-01-02T00:00:00Z and appId eq 'de8bc8b5-d9f9-48b1-a8ad-b748da725064'"},
		{"signInEventTypes/any(t: t eq 'nonInteractiveUser')", "signInEventTypes/any(t: t eq 'nonInteractiveUser')"},
		{"status/errorCode eq 50126", "status/errorCode eq 50126"},
		{"signInEventTypes/any(t: t eq 'servicePrincipal') and servicePrincipalId eq '00000000-0000-0000-0000-000000000000'",
			"signInEventTypes/any(t: t eq 'servicePrincipal') and servicePrincipalId eq '00000000-0000-0000-0000-000000000000'"},
		// Seen in practice (Microsoft-Extractor-Suite#202).
		{"createdDateTime ge 2024-01-01T00:00:00Z and createdDateTime le 2024-01-02T00:00:00Z and (signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser'))",
			"createdDateTime ge 2024-01-01T00:00:00Z and createdDateTime le 2024-01-02T00:00:00Z and signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')"},
		// Whitespace, case and redundant parentheses do not matter.
		{"\t( ( a  EQ 'x' ) )\n", "a eq 'x'"},
		{"a eq 'x' And (b eq 'y' Or c eq 'z')", "a eq 'x' and (b eq 'y' or c eq 'z')"},
		{"a or (b or c)", "a or (b or c)"},
		{"(a or b) or c", "a or b or c"},
		{"a and (b and c)", "a and (b and c)"},
		{"not not a", "not not a"},
		{"NOT (x eq 1)", "not (x eq 1)"},
		{"x eq 1.0", "x eq 1.0"},
		{"x eq 2.5E-3", "x eq 0.0025"},
		{"x eq 1e300", "x eq 1e+300"},
		{"d eq 2020-03-13T19:15:41.6195833Z", "d eq 2020-03-13T19:15:41.6195833Z"},
		{"d eq 2020-03-13T19:15:41.000Z", "d eq 2020-03-13T19:15:41Z"},
		{"d eq 2020-03-13t19:15z", "d eq 2020-03-13T19:15:00Z"},
		{"id eq DE8BC8B5-D9F9-48B1-A8AD-B748DA725064", "id eq DE8BC8B5-D9F9-48B1-A8AD-B748DA725064"},
		{"('a') eq x", "'a' eq x"},
		{"x/any(t: t/any(u: u eq 1))", "x/any(t: t/any(u: u eq 1))"},
		{"status/any eq 1", "status/any eq 1"},
		{"ENDSWITH(a,'x') or Contains(toUpper(a),'Y')", "endswith(a,'x') or contains(toupper(a),'Y')"},
		{"a eq 'üñí''cødé'", "a eq 'üñí''cødé'"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.String(); got != tt.want {
				t.Errorf("String() = %s\nwant       %s", got, tt.want)
			}
			again, err := Parse(e.String())
			if err != nil {
				t.Fatalf("canonical form does not parse: %v", err)
			}
			if !reflect.DeepEqual(again, e) {
				t.Errorf("round trip changed the tree:\n%#v\n%#v", e, again)
			}
		})
	}
}

// Trees built by hand must also print in a form that parses back to them.
func TestStringParenthesisesHandBuiltTrees(t *testing.T) {
	a, b, c := prop("a"), prop("b"), prop("c")
	tests := []struct {
		e    Expr
		want string
	}{
		{bin("and", bin("or", a, b), c), "(a or b) and c"},
		{bin("and", a, bin("or", b, c)), "a and (b or c)"},
		{bin("eq", bin("eq", a, b), c), "(a eq b) eq c"},
		{bin("eq", a, bin("and", b, c)), "a eq (b and c)"},
		{&Not{X: bin("eq", a, lit("x"))}, "not (a eq 'x')"},
		{bin("eq", &Not{X: a}, lit(false)), "(not a) eq false"},
		{&Call{Name: "startswith", Args: []Expr{bin("eq", a, b), lit("x")}}, "startswith((a eq b),'x')"},
		{bin("eq", a, lit(3.0)), "a eq 3.0"},
		{bin("eq", a, lit(float32(1))), "a eq <unsupported literal float32>"},
		{bin("eq", a, &Literal{Value: "de8bc8b5-d9f9-48b1-a8ad-b748da725064", GUID: true}),
			"a eq de8bc8b5-d9f9-48b1-a8ad-b748da725064"},
	}
	for _, tt := range tests {
		got := tt.e.String()
		if got != tt.want {
			t.Errorf("String() = %s, want %s", got, tt.want)
			continue
		}
		if strings.Contains(got, "<") {
			continue
		}
		if again, err := Parse(got); err != nil || !reflect.DeepEqual(again, tt.e) {
			t.Errorf("Parse(%s) = %v, %v; want the original tree", got, again, err)
		}
	}
	// A GUID flag on a value that is not a GUID must not leak it unquoted.
	if got := (&Literal{Value: "x' or 1 eq 1", GUID: true}).String(); got != `'x'' or 1 eq 1'` {
		t.Errorf("String() = %s, want the value quoted", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		pos     int
		msgPart string
	}{
		{"", 0, "empty filter"},
		{"   ", 0, "empty filter"},
		{"a eq 'x", 5, "unterminated string"},
		{"a eq 'x''", 5, "unterminated string"},
		{"a eq 'x' b", 9, `unexpected "b"`},
		{"a eq 'x')", 8, "unexpected ')'"},
		{"(a eq 'x'", 9, "unexpected end of filter, want ')'"},
		{"a eq", 4, "want an operand"},
		{"a eq eq", 5, `unexpected keyword "eq"`},
		{"eq eq 1", 0, `unexpected keyword "eq"`},
		{"a eq 1 eq 2", 7, `unexpected "eq"`},
		{"a eq 'x' and", 12, "want an operand"},
		{"a == 'x'", 2, "unexpected character '='"},
		{"a eq \"x\"", 5, "unexpected character '\"'"},
		{"a eq 'x' && b", 9, "unexpected character '&'"},
		{"a eq 50126abc", 5, "invalid number"},
		{"a eq 1.", 5, "invalid number"},
		{"a eq 99999999999999999999", 5, "out of range"},
		{"a eq 1e999", 5, "out of range"},
		{"a eq - 1", 5, "unexpected character '-'"},
		{"d ge 2024-01-01", 5, "invalid datetime"},
		{"d ge 2024-13-01T00:00:00Z", 5, "invalid datetime"},
		{"d ge 2024-01-01T00:00:00", 5, "invalid datetime"},
		{"d ge 2024-01-01T00:00:00Zx", 5, "invalid datetime"},
		{"foo(a,'x')", 0, `unknown function "foo"`},
		{"a eq substringof('x',a)", 5, `unknown function "substringof"`},
		{"startswith(a)", 12, "want ','"},
		{"startswith(a,'x','y')", 16, "want ')'"},
		{"startswith(a eq 'x','y')", 13, "want ','"},
		{"'abc'", 0, "not a boolean"},
		{"a eq 'x' and 'abc'", 13, "not a boolean"},
		{"42 or a", 0, "not a boolean"},
		{"tolower(a)", 0, "not a boolean"},
		{"not 'x'", 4, "not a boolean"},
		{"not a eq 'x'", 6, "'not' applies only"},
		{"x/any(t t eq 1)", 8, "want ':'"},
		{"x/any(eq: eq eq 1)", 6, "cannot be a lambda variable"},
		{"x/any(t: 'a')", 9, "not a boolean"},
		{"x/any(t: t eq 1", 15, "want ')' closing any()"},
		{"x/all()", 5, "all() needs"},
		{"status/", 7, "want property name"},
		{"status/'a'", 7, "want property name"},
		{"a eq 'x' é", 9, "unexpected character 'é'"},
		{"a eq microsoft.graph.x", 14, "unexpected character '.'"},
		{strings.Repeat("(", 200) + "a" + strings.Repeat(")", 200), 100, "nested too deeply"},
		{strings.Repeat("not ", 200) + "a", 400, "nested too deeply"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := Parse(tt.in)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse = %v, %v; want *SyntaxError", e, err)
			}
			if se.Pos != tt.pos || !strings.Contains(se.Msg, tt.msgPart) {
				t.Errorf("got %q; want position %d and a message containing %q", err, tt.pos, tt.msgPart)
			}
			if !strings.HasPrefix(err.Error(), "position ") {
				t.Errorf("Error() = %q, want it to start with \"position N:\"", err)
			}
		})
	}
}

func TestProperties(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"status/errorCode eq 50126", []string{"status/errorCode"}},
		{"b eq 1 and a eq 2 or b eq 3", []string{"a", "b"}},
		{"signInEventTypes/any(t: t eq 'x' or t/y eq appId)", []string{"appId", "signInEventTypes"}},
		{"p/any(x: x/q/all(y: y eq x/z and startswith(userPrincipalName,'a')))", []string{"p", "userPrincipalName"}},
		{"not contains(tolower(a),'x')", []string{"a"}},
		{"true", []string{}},
	}
	for _, tt := range tests {
		e, err := Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := Properties(e); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Properties(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
