package dataset

import (
	"encoding/json"
	"reflect"
	"regexp"
	"testing"
	"time"
)

// sampleRecords returns rows of every event type and status form.
func sampleRecords(t *testing.T) []Record {
	t.Helper()
	d := newTestDataset(t, Options{})
	var out []Record
	seen := map[[2]int]bool{}
	for _, r := range d.Between(testNow.Add(-3*time.Hour), testNow) {
		k := [2]int{int(r.Type)*10 + int(r.Form), r.Code}
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

var createdFormat = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$`)

func TestMarshalIsValidJSON(t *testing.T) {
	for _, r := range sampleRecords(t) {
		for _, v := range []string{V1, Beta} {
			for _, withCA := range []bool{false, true} {
				b, _ := r.MarshalVersion(v, withCA)
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Fatalf("%s: invalid JSON: %v\n%s", v, err, b)
				}
				if _, has := m["appliedConditionalAccessPolicies"]; has != withCA {
					t.Fatalf("%s withCA=%v: policies present %v", v, withCA, has)
				}
				if _, has := m["riskEventTypes"]; has != (v == V1) {
					t.Fatalf("%s: riskEventTypes present %v", v, has)
				}
				if _, has := m["signInEventTypes"]; has != (v == Beta) {
					t.Fatalf("%s: signInEventTypes present %v", v, has)
				}
				if !createdFormat.MatchString(m["createdDateTime"].(string)) {
					t.Fatalf("createdDateTime %q", m["createdDateTime"])
				}
			}
		}
	}
}

// TestPropertyMatchesJSON checks that the fast filter view agrees with the JSON a client
// sees, for every filterable property (status/errorCode is compared when status is not {}).
func TestPropertyMatchesJSON(t *testing.T) {
	names := []string{"id", "createdDateTime", "userDisplayName", "userPrincipalName", "userId", "appId", "appDisplayName",
		"ipAddress", "clientAppUsed", "correlationId", "conditionalAccessStatus", "isInteractive", "resourceDisplayName",
		"resourceId", "riskDetail", "riskLevelAggregated", "riskLevelDuringSignIn", "riskState", "riskEventTypes_v2"}
	beta := []string{"signInEventTypes", "userAgent", "authenticationRequirement", "servicePrincipalId", "servicePrincipalName",
		"appOwnerTenantId", "resourceOwnerTenantId", "conditionalAccessAudiences", "originalRequestId", "tokenIssuerName", "tokenIssuerType", "userType"}
	for _, r := range sampleRecords(t) {
		for _, v := range []string{V1, Beta} {
			m := r.JSON(v)
			list := append([]string{"status", "deviceDetail", "location"}, names...)
			if v == Beta {
				list = append(list, beta...)
			} else {
				list = append(list, "riskEventTypes")
			}
			for _, name := range list {
				got, _ := r.Property(v, name)
				want := normalise(m[name])
				if obj, ok := got.(map[string]any); ok {
					wobj, _ := want.(map[string]any)
					for k, gv := range obj {
						if name == "status" && r.Form == StatusEmpty {
							continue
						}
						if !reflect.DeepEqual(gv, wobj[k]) {
							t.Fatalf("%s %s/%s: Property %#v, JSON %#v", v, name, k, gv, wobj[k])
						}
					}
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s %s: Property %#v, JSON %#v", v, name, got, want)
				}
			}
		}
	}
}

// normalise turns json.Number into int64 and recurses, as odata.Match sees values.
func normalise(v any) any {
	switch x := v.(type) {
	case json.Number:
		i, _ := x.Int64()
		return i
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = normalise(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalise(e)
		}
		return out
	}
	return v
}

func TestAppendQuoted(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "O'Brien", "tab\tnew\nline\x01", "Zoë Schäfer", "sep\u2028x", "bad\xffutf8", "<&>"} {
		got := appendQuoted(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%q: %s is not JSON: %v", s, got, err)
		}
		want, _ := json.Marshal(s)
		var wantBack string
		_ = json.Unmarshal(want, &wantBack)
		if back != wantBack {
			t.Fatalf("%q round-trips to %q, want %q", s, back, wantBack)
		}
	}
}
