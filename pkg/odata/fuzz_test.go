package odata

import (
	"reflect"
	"testing"
	"time"
)

// FuzzParse checks that Parse never panics, that whatever it accepts prints
// in a canonical form that parses back to the same tree, and that
// Properties and Match cope with any tree Parse produces.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"startsWith(appDisplayName,'Graph')",
		"conditionalAccessStatus eq 'failure'",
		"(createdDateTime ge 2024-01-01T00:00:00Z and createdDateTime le 2024-01-02T00:00:00Z) and appId eq 'de8bc8b5-d9f9-48b1-a8ad-b748da725064'",
		"signInEventTypes/any(t: t eq 'nonInteractiveUser')",
		"status/errorCode eq 50126",
		"not (a eq 'O''Brien') or p/all(x: x/r ne null and contains(tolower(x/n),'y'))",
		"appId eq DE8BC8B5-D9F9-48B1-A8AD-B748DA725064 and d lt 2024-01-01T01:00:00.5+01:00",
		"x eq -1.5e3 or x/any() or (not b) eq true",
		"a eq 'x",
		"((a)",
	} {
		f.Add(seed)
	}
	obj := map[string]any{
		"appDisplayName": "Graph explorer", "createdDateTime": "2024-01-01T10:20:30.1234567Z",
		"status": map[string]any{"errorCode": 50126.0}, "signInEventTypes": []any{"nonInteractiveUser"},
		"a": "O'Brien", "b": true, "x": 3.0, "p": []any{map[string]any{"r": "s", "n": "Y"}},
	}
	f.Fuzz(func(t *testing.T, filter string) {
		e, err := Parse(filter)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Parse error %T, want *SyntaxError", err)
			}
			return
		}
		canon := e.String()
		again, err := Parse(canon)
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", canon, filter, err)
		}
		if !reflect.DeepEqual(again, e) {
			t.Fatalf("round trip of %q via %q changed the tree", filter, canon)
		}
		if again.String() != canon {
			t.Fatalf("canonical form is not stable: %q then %q", canon, again.String())
		}
		_ = Properties(e)
		_, _ = Match(e, obj)
	})
}

// FuzzEqEscaping checks the security property of the builders: whatever a
// user types, it ends up as exactly one string literal with the same
// value, and adds no operator, property or parenthesis of its own.
func FuzzEqEscaping(f *testing.F) {
	for _, s := range [][2]string{
		{"a@b.com", "adm"},
		{"x' or userPrincipalName ne 'y", "' or true or '"},
		{"'); drop", "a') or (b eq 'c"},
		{"''''", "'"},
		{"", "\x00\xff' or"},
	} {
		f.Add(s[0], s[1])
	}
	upn, app := prop("userPrincipalName"), prop("appDisplayName")
	when := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, a, b string) {
		eqA := bin("eq", upn, lit(a))
		swB := &Call{Name: "startswith", Args: []Expr{app, lit(b)}}
		cases := []struct {
			filter string
			want   Expr
		}{
			{Eq("userPrincipalName", a), eqA},
			{StartsWith("appDisplayName", b), swB},
			{And(Eq("userPrincipalName", a), StartsWith("appDisplayName", b)), bin("and", eqA, swB)},
			{Or(Eq("userPrincipalName", a), StartsWith("appDisplayName", b)), bin("or", eqA, swB)},
			{And(Ge("createdDateTime", when), Or(Eq("userPrincipalName", a), StartsWith("appDisplayName", b))),
				bin("and", bin("ge", prop("createdDateTime"), lit(when)), bin("or", eqA, swB))},
			{Any("signInEventTypes", "t", Eq("t", a)), &Lambda{Collection: prop("signInEventTypes"),
				Kind: "any", Var: "t", Body: bin("eq", prop("t"), lit(a))}},
		}
		for _, c := range cases {
			got, err := Parse(c.filter)
			if err != nil {
				t.Fatalf("Parse(%q): %v", c.filter, err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("Parse(%q) = %s, want %s", c.filter, got, c.want)
			}
		}
		// The value also matches itself, and only itself, in the simulator.
		ok, err := Match(eqA, map[string]any{"userPrincipalName": a})
		if err != nil || !ok {
			t.Fatalf("Match(%s) on its own value = %v, %v", eqA, ok, err)
		}
		ok, err = Match(eqA, map[string]any{"userPrincipalName": a + "x"})
		if err != nil || ok {
			t.Fatalf("Match(%s) on a longer value = %v, %v", eqA, ok, err)
		}
	})
}
