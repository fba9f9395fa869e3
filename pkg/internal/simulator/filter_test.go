package simulator

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

// TestGraphFilterSemantics runs filters through HTTP and compares the ids with a Go
// predicate over the ground truth, so the simulator answers with Graph's semantics
// (case-insensitive strings, OData escaping, and/or/parentheses, interactive-only
// defaults) rather than by matching filter text.
func TestGraphFilterSemantics(t *testing.T) {
	tok := demoToken(t, shared)
	ds := shared.Dataset()
	obrien := ds.User("liam.o'brien@contoso.com")
	spray := findIncident(t, ds, dataset.KindPasswordSpray, false)
	someone := ds.Between(testNow.Add(-2*time.Hour), testNow)[3].UPN()
	from, to := testNow.Add(-6*time.Hour), testNow.Add(-90*time.Minute)
	rng := odata.And(odata.Ge("createdDateTime", from), odata.Le("createdDateTime", to))
	inRange := func(r *dataset.Record) bool { return !r.Time.Before(from) && !r.Time.After(to) }
	cases := []struct {
		name, version, filter string
		from, to              time.Time
		want                  func(r *dataset.Record) bool
	}{
		{"time range", "v1.0", rng, from, to, inRange},
		{"upn eq is case-insensitive", "v1.0", odata.And(odata.Ge("createdDateTime", from), odata.Eq("userPrincipalName", strings.ToUpper(someone))), from, testNow,
			func(r *dataset.Record) bool { return r.UPN() == someone }},
		{"apostrophe in a UPN", "v1.0", odata.And(odata.Ge("createdDateTime", testNow.Add(-7*24*time.Hour)), odata.Eq("userPrincipalName", obrien.UPN)),
			testNow.Add(-7 * 24 * time.Hour), testNow, func(r *dataset.Record) bool { return r.User == obrien }},
		{"startswith with apostrophe", "v1.0", odata.And(odata.Ge("createdDateTime", testNow.Add(-7*24*time.Hour)), odata.StartsWith("userPrincipalName", "LIAM.O'")),
			testNow.Add(-7 * 24 * time.Hour), testNow, func(r *dataset.Record) bool { return strings.HasPrefix(r.UPN(), "liam.o'") }},
		{"or of error codes", "v1.0", odata.And(rng, "("+odata.Or(odata.EqInt("status/errorCode", 50126), odata.EqInt("status/errorCode", 50053))+")"), from, to,
			func(r *dataset.Record) bool { return inRange(r) && (r.Code == 50126 || r.Code == 50053) }},
		{"parentheses and startswith", "v1.0", odata.And(odata.Ge("createdDateTime", spray.Start), odata.Le("createdDateTime", spray.End),
			"("+odata.Or(odata.EqInt("status/errorCode", 50126), odata.EqInt("status/errorCode", 50053))+")", odata.StartsWith("ipAddress", "192.0.2.")),
			spray.Start, spray.End, func(r *dataset.Record) bool {
				return (r.Code == 50126 || r.Code == 50053) && strings.HasPrefix(r.IP, "192.0.2.")
			}},
		{"nested properties", "v1.0", odata.And(rng, odata.Eq("deviceDetail/operatingSystem", "Ios"), odata.Eq("location/countryOrRegion", "us")), from, to,
			func(r *dataset.Record) bool { return inRange(r) && r.Device.OS == "Ios" && r.Place.Country == "US" }},
		{"enum", "v1.0", odata.And(rng, odata.Eq("conditionalAccessStatus", "failure")), from, to,
			func(r *dataset.Record) bool { return inRange(r) && r.CA.Status == "failure" }},
		{"risk events", "v1.0", odata.And(odata.Ge("createdDateTime", spray.Start), odata.Le("createdDateTime", spray.End), odata.Any("riskEventTypes_v2", "x", odata.Eq("x", "passwordSpray"))), spray.Start, spray.End,
			func(r *dataset.Record) bool { return r.Risk != nil && slices.Contains(r.Risk.Events, "passwordSpray") }},
		{"beta defaults to interactive", "beta", rng, from, to, inRange},
		{"beta non-interactive", "beta", odata.And(rng, odata.Any("signInEventTypes", "t", odata.Eq("t", "nonInteractiveUser"))), from, to,
			func(r *dataset.Record) bool { return inRange(r) && r.Type == dataset.NonInteractiveUser }},
		{"beta interactive or service principal", "beta", odata.And(rng, odata.Any("signInEventTypes", "t", odata.Or(odata.Eq("t", "interactiveUser"), odata.Eq("t", "servicePrincipal")))), from, to,
			func(r *dataset.Record) bool { return inRange(r) && r.Type != dataset.NonInteractiveUser }},
		{"beta ne", "beta", odata.And(rng, odata.Any("signInEventTypes", "t", odata.Ne("t", "interactiveUser"))), from, to,
			func(r *dataset.Record) bool { return inRange(r) && r.Type != dataset.InteractiveUser }},
		{"beta userAgent", "beta", odata.And(odata.Ge("createdDateTime", spray.Start), odata.Le("createdDateTime", spray.End), odata.Eq("userAgent", "BAV2ROPC")),
			spray.Start, spray.End, func(r *dataset.Record) bool { return r.Interactive() && r.UserAgent == "BAV2ROPC" }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, r := range ds.Between(tc.from, tc.to) {
				interactiveOnly := tc.version == "v1.0" || !strings.Contains(tc.filter, "signInEventTypes")
				if (!interactiveOnly || r.Interactive()) && tc.want(&r) {
					want = append(want, r.ID.String())
				}
			}
			got, _ := collect(t, shared, tok, signIns(tc.version, "$filter", tc.filter))
			if len(want) == 0 {
				t.Fatal("the case matches nothing: it tests nothing")
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%d ids from Graph, %d expected", len(got), len(want))
			}
		})
	}
}

func findIncident(t *testing.T, ds *dataset.Dataset, kind string, nearMiss bool) dataset.Incident {
	t.Helper()
	for _, inc := range ds.Incidents() {
		if inc.Kind == kind && inc.NearMiss == nearMiss {
			return inc
		}
	}
	t.Fatalf("no %s incident", kind)
	return dataset.Incident{}
}
