package odata

import (
	"reflect"
	"testing"
)

// FuzzNormalize checks the property the query model relies on when it ANDs an advanced
// filter a user typed with its own clauses: whatever Normalize accepts stays one operand of
// the and, with the tree the user wrote, and cannot regroup the trusted clause beside it.
func FuzzNormalize(f *testing.F) {
	for _, seed := range []string{
		"a eq 'b') or (c eq 'd'",
		"x eq 1 or y eq 2",
		"not startswith(appDisplayName,'O''') or true",
		"signInEventTypes/any(t: t eq 'x' or t ne 'y')",
		"(((a)))",
		"a eq 'x' or",
	} {
		f.Add(seed)
	}
	trusted := "userPrincipalName eq 'admin@contoso.com'"
	f.Fuzz(func(t *testing.T, filter string) {
		norm, err := Normalize(filter)
		if err != nil {
			return
		}
		user, err := Parse(filter)
		if err != nil {
			t.Fatalf("Normalize accepted %q but Parse does not: %v", filter, err)
		}
		combined := And(trusted, norm)
		got, err := Parse(combined)
		if err != nil {
			t.Fatalf("And(trusted, Normalize(%q)) = %q does not parse: %v", filter, combined, err)
		}
		want := bin("and", bin("eq", prop("userPrincipalName"), lit("admin@contoso.com")), user)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("And(trusted, Normalize(%q)) = %q regroups the trusted clause: %s", filter, combined, got)
		}
	})
}
