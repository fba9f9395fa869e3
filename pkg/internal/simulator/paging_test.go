package simulator

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

// TestPaging follows nextLinks and compares the rows with the ground truth: absolute
// links, no duplicates or gaps, newest first, and no nextLink on the last page.
func TestPaging(t *testing.T) {
	tok := demoToken(t, shared)
	ds := shared.Dataset()
	from, to := testNow.Add(-24*time.Hour), testNow
	rng := odata.And(odata.Ge("createdDateTime", from), odata.Le("createdDateTime", to))
	var all, failures []string
	failCodes := map[int]bool{}
	for _, r := range ds.Between(from, to) {
		if r.Interactive() {
			all = append(all, r.ID.String())
			if r.Failure() {
				failures = append(failures, r.ID.String())
				failCodes[r.Code] = true
			}
		}
	}
	// A failure query as Graph allows it: errorCode only supports eq, so the codes are
	// or-ed (the 24-hour demo needs more than one page of 1000 for them).
	var ors []string
	for c := range failCodes {
		ors = append(ors, odata.EqInt("status/errorCode", int64(c)))
	}
	slices.Sort(ors)
	cases := []struct {
		name, path string
		want       []string
		minPages   int
	}{
		{"24 hours, pages of 1000", signIns("v1.0", "$filter", rng), all, 2},
		{"24 hours of failures", signIns("v1.0", "$filter", odata.And(rng, odata.Or(ors...))), failures, 2},
		{"small pages", signIns("beta", "$filter", odata.And(odata.Ge("createdDateTime", to.Add(-20*time.Minute)), odata.Le("createdDateTime", to)), "$top", "7"),
			tail(ds, to.Add(-20*time.Minute), to), 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, pages := collect(t, shared, tok, tc.path)
			top := 1000
			if strings.Contains(tc.path, "top=7") {
				top = 7
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("%d rows over %d pages, want %d", len(got), pages, len(tc.want))
			}
			if pages < tc.minPages || pages != (len(tc.want)+top-1)/top {
				t.Fatalf("%d rows in %d pages of %d", len(got), pages, top)
			}
		})
	}
	if len(failures) <= 1200 {
		t.Fatalf("only %d failures in the last 24 hours", len(failures))
	}
}

func tail(ds *dataset.Dataset, from, to time.Time) []string {
	var ids []string
	for _, r := range ds.Between(from, to) {
		if r.Interactive() {
			ids = append(ids, r.ID.String())
		}
	}
	return ids
}

// TestSkipTokenRoundTrip checks that a nextLink carries the query: the filter, $select
// and $top of the first request apply to later pages, and that a tampered or foreign
// skiptoken is refused.
func TestSkipTokenRoundTrip(t *testing.T) {
	tok := demoToken(t, shared)
	r := get(t, shared, tok, signIns("v1.0", "$filter", odata.EqInt("status/errorCode", 50126), "$select", "userPrincipalName,status", "$top", "3"))
	next, _ := r.obj["@odata.nextLink"].(string)
	u, err := url.Parse(next)
	if err != nil || !strings.HasPrefix(next, shared.URL()+"/v1.0/auditLogs/signins?") || u.Query().Get("$skiptoken") == "" {
		t.Fatalf("nextLink %q", next)
	}
	r2 := get(t, shared, tok, next)
	rows := pageValues(r2)
	if r2.status != 200 || len(rows) != 3 {
		t.Fatalf("second page: %d %d rows", r2.status, len(rows))
	}
	for _, v := range rows {
		st := v["status"].(map[string]any)
		if len(v) != 3 || st["errorCode"] != float64(50126) {
			t.Fatalf("second page row %v does not follow the query", v)
		}
	}
	skip := u.Query().Get("$skiptoken")
	tampered := skip[:len(skip)-2] + "xx"
	other := startServer(t, Options{})
	cases := []struct {
		name string
		s    *Server
		path string
	}{
		{"tampered", shared, signIns("v1.0", "$skiptoken", tampered)},
		{"other version", shared, signIns("beta", "$skiptoken", skip)},
		{"other server", other, signIns("v1.0", "$skiptoken", skip)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if r := get(t, tc.s, demoToken(t, tc.s), tc.path); r.status != http.StatusBadRequest {
				t.Fatalf("status %d", r.status)
			}
		})
	}
}
