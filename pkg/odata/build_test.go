package odata

import (
	"testing"
	"time"
)

func TestBuilders(t *testing.T) {
	may1 := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		name, got, want string
	}{
		{"quote plain", Quote("a@b.com"), `'a@b.com'`},
		{"quote doubles quotes", Quote("O'Brien"), `'O''Brien'`},
		{"quote only quotes", Quote("''"), `''''''`},
		{"quote empty", Quote(""), `''`},
		{"eq", Eq("userPrincipalName", "a@b.com"), `userPrincipalName eq 'a@b.com'`},
		{"eq injection stays literal", Eq("userPrincipalName", "x' or userPrincipalName ne 'y"),
			`userPrincipalName eq 'x'' or userPrincipalName ne ''y'`},
		{"ne", Ne("t", "servicePrincipal"), `t ne 'servicePrincipal'`},
		{"eq int", EqInt("status/errorCode", 50126), `status/errorCode eq 50126`},
		{"eq negative int", EqInt("status/errorCode", -1), `status/errorCode eq -1`},
		{"startswith", StartsWith("userPrincipalName", "adm"), `startswith(userPrincipalName,'adm')`},
		{"datetime utc", DateTime(may1), `2024-05-01T10:00:00Z`},
		{"datetime converts to utc", DateTime(may1.In(cet)), `2024-05-01T10:00:00Z`},
		{"datetime keeps fraction", DateTime(may1.Add(619583300 * time.Nanosecond)), `2024-05-01T10:00:00.6195833Z`},
		{"datetime trims fraction zeros", DateTime(may1.Add(500 * time.Millisecond)), `2024-05-01T10:00:00.5Z`},
		{"ge", Ge("createdDateTime", may1), `createdDateTime ge 2024-05-01T10:00:00Z`},
		{"le", Le("createdDateTime", may1), `createdDateTime le 2024-05-01T10:00:00Z`},
		{"gt", Gt("createdDateTime", may1), `createdDateTime gt 2024-05-01T10:00:00Z`},
		{"lt", Lt("createdDateTime", may1), `createdDateTime lt 2024-05-01T10:00:00Z`},
		{"and skips empty", And("", "a eq 'x'", "  ", "b eq 'y'"), `a eq 'x' and b eq 'y'`},
		{"and single clause", And("a eq 'x'"), `a eq 'x'`},
		{"and single clause with or", And("a eq 'x' or b eq 'y'"), `(a eq 'x' or b eq 'y')`},
		{"and none", And(), ``},
		{"and wraps top-level or", And("a eq 'x' or b eq 'y'", "c eq 1"), `(a eq 'x' or b eq 'y') and c eq 1`},
		{"and wraps OR in any case", And("a eq 'x' OR b eq 'y'", "c eq 1"), `(a eq 'x' OR b eq 'y') and c eq 1`},
		{"and wraps or after newline", And("a eq 'x'\nor b eq 'y'", "c eq 1"), "(a eq 'x'\nor b eq 'y') and c eq 1"},
		{"and ignores or in literal", And(Eq("a", "x or y"), "c eq 1"), `a eq 'x or y' and c eq 1`},
		{"and ignores or in identifier", And("orderId eq 1", "c eq 1"), `orderId eq 1 and c eq 1`},
		{"and ignores nested or", And("(a eq 'x' or b eq 'y')", "c eq 1"), `(a eq 'x' or b eq 'y') and c eq 1`},
		{"and ignores or in lambda", And("e/any(t: t eq 'a' or t eq 'b')", "c eq 1"), `e/any(t: t eq 'a' or t eq 'b') and c eq 1`},
		{"and wraps unlexable clause", And("a eq 'x", "c eq 1"), `(a eq 'x) and c eq 1`},
		{"or wraps", Or("a eq 'x'", "", "b eq 'y'"), `(a eq 'x' or b eq 'y')`},
		{"or single", Or("a eq 'x'"), `a eq 'x'`},
		{"or none", Or("", " "), ``},
		{"any", Any("signInEventTypes", "t", Eq("t", "servicePrincipal")), `signInEventTypes/any(t: t eq 'servicePrincipal')`},
		{"any with or", Any("signInEventTypes", "t", Or(Eq("t", "interactiveUser"), Eq("t", "nonInteractiveUser"))),
			`signInEventTypes/any(t: (t eq 'interactiveUser' or t eq 'nonInteractiveUser'))`},
		{"any empty", Any("riskEventTypes", "t", ""), `riskEventTypes/any()`},
		{"all", All("appliedConditionalAccessPolicies", "p", Ne("p/result", "failure")),
			`appliedConditionalAccessPolicies/all(p: p/result ne 'failure')`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got  %s\nwant %s", tt.got, tt.want)
			}
		})
	}
}

// Every builder output must parse, or the plugin would send Graph filters
// that Graph rejects.
func TestBuilderOutputParses(t *testing.T) {
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	filters := []string{
		And(Ge("createdDateTime", from), Le("createdDateTime", from.Add(24*time.Hour)),
			Or(Eq("userPrincipalName", "o'brien@contoso.com"), StartsWith("userPrincipalName", "adm")),
			EqInt("status/errorCode", 50126),
			Any("signInEventTypes", "t", Or(Eq("t", "interactiveUser"), Eq("t", "nonInteractiveUser")))),
		And(DateTime(from.Add(123*time.Nanosecond))+" le createdDateTime", Any("riskEventTypes", "t", "")),
	}
	for _, f := range filters {
		if _, err := Parse(f); err != nil {
			t.Errorf("Parse(%q): %v", f, err)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{in: "  UserPrincipalName   EQ 'a'  ", want: "UserPrincipalName eq 'a'"},
		{in: "(a eq 'x' or b eq 'y')", want: "a eq 'x' or b eq 'y'"},
		// A user filter that tries to close And's parentheses early.
		{in: "a eq 'b') or (c eq 'd'", wantErr: true},
		{in: "a eq 'b' or (c eq 'd'", wantErr: true},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
	// Normalised user text combined with And keeps the time window binding.
	user, _ := Normalize("appId eq 'x' or appId eq 'y'")
	e, err := Parse(And(Ge("createdDateTime", time.Unix(0, 0)), user))
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := e.(*Binary); !ok || b.Op != "and" {
		t.Errorf("top-level operator of %s is not and", e)
	}
}
