package odata

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// loadSignIns decodes testdata/signins.json, whose first object is
// Microsoft's documented List signIns example (graph-signins.md, 1.4). The
// others are made up to exercise failures, time windows and event types.
func loadSignIns(t *testing.T, useNumber bool) []map[string]any {
	t.Helper()
	data, err := os.ReadFile("testdata/signins.json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if useNumber {
		dec.UseNumber()
	}
	var out []map[string]any
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

const (
	docExample = "66ea54eb-6301-4ee5-be62-ff5a759b0100"
	failure    = "a-failure"
	svcPrinc   = "a-service-principal"
	afterWin   = "just-after-window"
)

func TestMatchSignIns(t *testing.T) {
	tests := []struct {
		filter string
		want   []string
	}{
		// Microsoft's documented example filters (graph-signins.md, section 2).
		{"startsWith(appDisplayName,'Graph')", []string{docExample, failure, afterWin}},
		{"conditionalAccessStatus eq 'failure'", []string{failure, afterWin}},
		// The window ends exactly on a-service-principal; just-after-window is
		// 100 ns later, which only the 7-digit fraction shows.
		{"(createdDateTime ge 2024-01-01T00:00:00Z and createdDateTime le 2024-01-02T00:00:00Z) and appId eq 'de8bc8b5-d9f9-48b1-a8ad-b748da725064'",
			[]string{failure, svcPrinc}},
		{"signInEventTypes/any(t: t eq 'nonInteractiveUser')", []string{failure, afterWin}},
		{"status/errorCode eq 50126", []string{failure, afterWin}},
		{"signInEventTypes/any(t: t eq 'servicePrincipal') and servicePrincipalId eq '00000000-0000-0000-0000-000000000000'",
			[]string{svcPrinc}},
		// Builder output, including a value with a quote and an injection attempt.
		{Eq("userPrincipalName", "O'Brien@Contoso.com"), []string{failure}},
		{Eq("userPrincipalName", "x' or userPrincipalName ne 'y"), nil},
		{StartsWith("userPrincipalName", "' or true or '"), nil},
		// Datetimes.
		{"createdDateTime eq 2020-03-13T19:15:41.6195833Z", []string{docExample}},
		{"createdDateTime lt 2024-01-01T00:00:00Z", []string{docExample}},
		{"createdDateTime gt 2024-01-02T00:00:00Z", []string{afterWin}},
		{"createdDateTime ge 2024-01-02T01:00:00+01:00", []string{svcPrinc, afterWin}},
		{"2024-01-02T00:00:00Z lt createdDateTime", []string{afterWin}},
		{"2024-01-01T00:00:00Z lt 2024-01-02T00:00:00Z", []string{docExample, failure, svcPrinc, afterWin}},
		{"isInteractive ne true", []string{failure, svcPrinc, afterWin}},
		// Numbers, booleans, GUIDs, case-insensitive names and values.
		{"status/errorCode eq 0", []string{docExample}},
		{"status/errorCode ge 50000 and status/errorCode le 50200", []string{failure, afterWin}},
		{"location/geoCoordinates/latitude gt 47.5", []string{docExample}},
		{"appId eq DE8BC8B5-D9F9-48B1-A8AD-B748DA725064", []string{docExample, failure, svcPrinc, afterWin}},
		{"isInteractive eq false", []string{failure}},
		{"isInteractive", []string{docExample}},
		{"UserPrincipalName eq 'ADMIN@contoso.com'", []string{afterWin}},
		// Null: missing properties, JSON null and empty objects.
		{"status/errorCode eq null", []string{svcPrinc}},
		{"status/errorCode ne 0", []string{failure, svcPrinc, afterWin}},
		{"status/errorCode gt 0", []string{failure, afterWin}},
		{"location/city eq null", []string{svcPrinc, afterWin}},
		{"location/city ne null", []string{docExample, failure}},
		{"not isInteractive", []string{failure}},
		{"startswith(userDisplayName,'T') or not startswith(userDisplayName,'T')", []string{docExample, failure}},
		// Functions.
		{"contains(userPrincipalName,'BRIEN')", []string{failure}},
		{"endswith(userPrincipalName,'@contoso.com')", []string{docExample, failure, afterWin}},
		{"tolower(appDisplayName) eq 'azure portal'", []string{svcPrinc}},
		{"toupper(location/city) eq 'dublin'", []string{failure}},
		// Logic and lambdas.
		{"not (conditionalAccessStatus eq 'failure')", []string{docExample, svcPrinc}},
		{"signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')", []string{failure, afterWin}},
		{"signInEventTypes/all(t: t ne 'servicePrincipal')", []string{docExample, failure, afterWin}},
		{"signInEventTypes/any()", []string{failure, svcPrinc, afterWin}},
		{"riskEventTypes/any()", nil},
		{"appliedConditionalAccessPolicies/any(p: p/result eq 'failure')", []string{failure}},
		{"appliedConditionalAccessPolicies/all(p: p/result eq 'notEnabled')", []string{docExample, svcPrinc, afterWin}},
		{"appliedConditionalAccessPolicies/any(p: p/result eq 'failure' and conditionalAccessStatus eq 'failure')", []string{failure}},
		{"true", []string{docExample, failure, svcPrinc, afterWin}},
		{"false or null", nil},
	}
	for _, useNumber := range []bool{false, true} {
		signIns := loadSignIns(t, useNumber)
		for _, tt := range tests {
			e, err := Parse(tt.filter)
			if err != nil {
				t.Fatalf("Parse(%s): %v", tt.filter, err)
			}
			var got []string
			for _, s := range signIns {
				ok, err := Match(e, s)
				if err != nil {
					t.Fatalf("Match(%s) on %v: %v", tt.filter, s["id"], err)
				}
				if ok {
					got = append(got, s["id"].(string))
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("UseNumber=%v %s\nmatched %q\nwant    %q", useNumber, tt.filter, got, tt.want)
			}
		}
	}
}

func TestMatchErrors(t *testing.T) {
	tests := []struct {
		filter  string
		msgPart string
	}{
		{"startswith(status/errorCode,'5')", "argument 1 is number, want string"},
		{"contains(appDisplayName,1)", "argument 2 is number, want string"},
		{"status/errorCode eq '50126'", "cannot compare number with string"},
		{"userPrincipalName ge 2024-01-01T00:00:00Z", "is not a datetime"},
		{"isInteractive gt false", "booleans support only eq and ne"},
		{"signInEventTypes eq 'servicePrincipal'", "cannot compare collection with string"},
		{"userPrincipalName/any(t: t eq 'a')", "not a collection"},
		{"status", "filter is object, not boolean"},
		{"appDisplayName and true", "is string, want boolean"},
		{"not userPrincipalName", "is string, want boolean"},
		{"signInEventTypes/any(t: t)", "is string, want boolean"},
		{"location/countryOrRegion/code eq 'US'", `cannot read "code" from a string`},
		// Both sides of and/or are evaluated, so the error does not depend on
		// which rows happen to short-circuit.
		{"true or startswith(status/errorCode,'5')", "want string"},
	}
	obj := loadSignIns(t, false)[1]
	for _, tt := range tests {
		e, err := Parse(tt.filter)
		if err != nil {
			t.Fatalf("Parse(%s): %v", tt.filter, err)
		}
		ok, err := Match(e, obj)
		var ee *EvalError
		if !errors.As(err, &ee) || !strings.Contains(err.Error(), tt.msgPart) || ok {
			t.Errorf("Match(%s) = %v, %v; want an *EvalError containing %q", tt.filter, ok, err, tt.msgPart)
		}
	}
}

// Trees built by hand can be malformed in ways Parse never produces; Match
// must report them rather than panic.
func TestMatchMalformedTrees(t *testing.T) {
	a := prop("a")
	trees := []Expr{
		nil,
		&Binary{Op: "xor", Left: a, Right: a},
		&Binary{Op: "and", Left: nil, Right: lit(true)},
		&Call{Name: "substringof", Args: []Expr{a, a}},
		&Call{Name: "startswith", Args: []Expr{a}},
		&Lambda{Kind: "any", Var: "t", Body: lit(true)},
		&Lambda{Collection: a, Kind: "some", Var: "t", Body: lit(true)},
		&Property{},
	}
	for _, e := range trees {
		if _, err := Match(e, map[string]any{"a": []any{"x"}}); err == nil {
			t.Errorf("Match(%#v) succeeded, want an error", e)
		}
	}
}

func TestMatchNullAndNumbers(t *testing.T) {
	obj := map[string]any{
		"n": nil, "i": json.Number("7"), "f": 7.0, "big": json.Number("1e400"), "int": 3,
		"nums": []any{json.Number("2"), 3.0}, "objs": []any{nil, map[string]any{"k": "v"}},
	}
	tests := []struct {
		filter string
		want   bool
	}{
		{"n eq null", true}, {"missing eq null", true}, {"n ne null", false},
		{"n eq 'x'", false}, {"n ne 'x'", true}, {"n ge null", true}, {"n gt null", false},
		{"n lt 1", false}, {"1 le n", false}, {"startswith(n,'x')", false}, {"not startswith(n,'x')", false},
		{"n or true", true}, {"n and false", false}, {"n or false", false},
		{"i eq 7", true}, {"i eq 7.0", true}, {"f eq 7", true}, {"i eq f", true}, {"i lt 7.5", true},
		// A number beyond float64 stays as its text rather than becoming Inf.
		{"int eq 3", true}, {"big eq '1E400'", true},
		{"nums/any(t: t eq 2)", true}, {"nums/all(t: t gt 2)", false}, {"nums/all(t: t ge 2)", true},
		{"objs/any(t: t eq null)", true}, {"objs/any(t: t/k eq 'V')", true},
		{"missing/all(t: t eq 1)", true}, {"missing/any(t: t eq 1)", false},
	}
	for _, tt := range tests {
		e, err := Parse(tt.filter)
		if err != nil {
			t.Fatalf("Parse(%s): %v", tt.filter, err)
		}
		got, err := Match(e, obj)
		if err != nil || got != tt.want {
			t.Errorf("Match(%s) = %v, %v; want %v", tt.filter, got, err, tt.want)
		}
	}
}
