package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/odata"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

func TestTimeSlicesNewestFirst(t *testing.T) {
	to := time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC)
	week := to.Add(-7 * 24 * time.Hour)
	if one := timeSlices(week, to, 0); len(one) != 1 || !one[0].from.Equal(week) || !one[0].to.Equal(to) {
		t.Errorf("a week without a slice length is %+v, want one slice", one)
	}
	got := timeSlices(week, to, 3*24*time.Hour)
	if len(got) != 3 || !got[0].to.Equal(to) || !got[0].from.Equal(to.Add(-3*24*time.Hour)) || !got[2].from.Equal(week) {
		t.Fatalf("slices = %+v", got)
	}
	for i := 1; i < len(got); i++ {
		if !got[i].to.Equal(got[i-1].from) {
			t.Errorf("slice %d ends at %v, the previous starts at %v: a gap or overlap", i, got[i].to, got[i-1].from)
		}
	}
	if empty := timeSlices(to, to, 0); len(empty) != 1 {
		t.Errorf("an empty range must still make one request, got %d slices", len(empty))
	}
}

// A selective filter over 30 days is one request when Graph returns one page: the range is
// not cut by the calendar.
func TestListOfOnePageIsOneRequest(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	c := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
	from, to := sim.Dataset().Window()
	if month := to.Add(-30 * 24 * time.Hour); from.Before(month) {
		from = month
	}
	// The user of the newest interactive sign-in whose 30 days fit one page. Which user that is
	// depends on the hour the test runs (the demo tenant's data follows the clock), and some
	// users, such as an incident's target, sign in thousands of times.
	ids := map[string][]string{}
	for _, r := range sim.Dataset().Between(from, to) {
		if r.Interactive() {
			ids[r.UPN()] = append(ids[r.UPN()], r.ID.String())
		}
	}
	var user string
	var want []string
	for _, r := range sim.Dataset().Between(from, to) { // newest first
		if n := len(ids[r.UPN()]); r.Interactive() && n > 1 && n <= 1000 {
			user, want = r.UPN(), ids[r.UPN()]
			break
		}
	}
	if user == "" {
		t.Fatal("no user of the demo tenant has between 2 and 1,000 sign-ins in 30 days")
	}
	res, err := c.List(context.Background(), Query{From: from, To: to, Filter: odata.Eq("userPrincipalName", user)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Requests) != 1 || res.Slices != 1 {
		t.Errorf("30 days of one user's %d sign-ins took %d requests in %d slices, want 1", len(want), len(res.Requests), res.Slices)
	}
	assertIDs(t, res.SignIns, want)
}

// A week of a filter with many pages is cut into slices by the density of its pages, read
// newest first, and matches the simulator's ground truth.
func TestListReadsLongRangesInSlices(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	c := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
	_, to := sim.Dataset().Window()
	from := to.Add(-7 * 24 * time.Hour)
	res, err := c.List(context.Background(), Query{From: from, To: to, Filter: odata.EqInt("status/errorCode", 50126), PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range sim.Dataset().Between(from, to) {
		if r.Interactive() && r.Code == 50126 {
			want = append(want, r.ID.String())
		}
	}
	if res.Slices < 3 || res.Pages < 3 || res.Truncated {
		t.Errorf("slices %d pages %d truncated %v", res.Slices, res.Pages, res.Truncated)
	}
	assertIDs(t, res.SignIns, want)
}

// A slice with many pages to come is split, so that several request chains read it at once;
// the rows are the same, newest first, none twice.
func TestListSplitsASliceWithManyPages(t *testing.T) {
	// Fixed clocks through the day, so that quiet nights and busy mornings are both covered
	// whatever the time the test runs.
	for _, hour := range []int{3, 9, 15, 21} {
		t.Run(fmt.Sprintf("%02d:00", hour), func(t *testing.T) {
			// Small pages, so that even a quiet night's first page shows many more to come.
			_, res, want := listed(t, simulator.Options{Now: time.Date(2026, 11, 25, hour, 0, 0, 0, time.UTC)}, 24*time.Hour, 50)
			// How many cuts depends on the volume through the day: at least one into 2 slices;
			// each cut into k adds k-1 chains, at most maxExtraSlices in all.
			if res.Slices < 3 || res.Slices > 1+2*maxExtraSlices || res.Truncated {
				t.Errorf("slices %d truncated %v; want the day's slice cut, at most %d extra chains", res.Slices, res.Truncated, maxExtraSlices)
			}
			// Each added chain ends with at most one partly filled page.
			if full := (len(want) + 49) / 50; res.Pages > full+maxExtraSlices {
				t.Errorf("%d pages for %d sign-ins (%d full pages)", res.Pages, len(want), full)
			}
			assertIDs(t, res.SignIns, want)
		})
	}
}

// A day whose newest hours are quiet: the first page covers seven hours and promises two more
// pages, the morning behind it many. The chain is cut when a page shows the density, not only
// after its first page (which would leave a 26-page listing to one chain).
func TestListCutsAfterAQuietFirstPage(t *testing.T) {
	for _, hour := range []int{10, 12} {
		t.Run(fmt.Sprintf("%02d:00", hour), func(t *testing.T) {
			from, res, want := listed(t, simulator.Options{Now: time.Date(2026, 11, 25, hour, 0, 0, 0, time.UTC), Days: 2, Scale: 4}, 24*time.Hour, 0)
			page := res.SignIns[:MaxPageSize]
			if est := page[MaxPageSize-1].CreatedDateTime.Sub(from) / page[0].CreatedDateTime.Sub(page[MaxPageSize-1].CreatedDateTime); est >= firstSplitPages {
				t.Fatalf("the first page promises %d more pages: not the quiet start this test is about", est)
			}
			if res.Slices < 3 || res.Truncated {
				t.Errorf("slices %d truncated %v for %d sign-ins: the day was read by one chain", res.Slices, res.Truncated, len(want))
			}
			if full := (len(want) + MaxPageSize - 1) / MaxPageSize; res.Pages > full+maxExtraSlices {
				t.Errorf("%d pages for %d sign-ins (%d full pages)", res.Pages, len(want), full)
			}
			assertIDs(t, res.SignIns, want)
		})
	}
}

// The chains a listing runs at once follow the page latency: Graph allows a request every 2 s
// on average, a chain sends one per page latency.
func TestChainsForLatency(t *testing.T) {
	for _, tc := range []struct {
		latency time.Duration
		want    int
	}{
		{0, sliceWorkers}, // not measured yet
		{5 * time.Millisecond, 2},
		{1500 * time.Millisecond, 2},
		{2 * time.Second, 2},
		{2100 * time.Millisecond, 3},
		{30 * time.Second, sliceWorkers},
	} {
		if got := chainsFor(tc.latency); got != tc.want {
			t.Errorf("chainsFor(%v) = %d, want %d", tc.latency, got, tc.want)
		}
	}
}

// With a fetch limit, the newest rows are kept and older slices are not read.
func TestListLimitKeepsTheNewestAcrossSlices(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	c := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
	_, to := sim.Dataset().Window()
	from := to.Add(-10 * 24 * time.Hour)
	res, err := c.List(context.Background(), Query{From: from, To: to, MaxRows: 1500, SliceLength: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range sim.Dataset().Between(from, to) {
		if r.Interactive() && len(want) < 1500 {
			want = append(want, r.ID.String())
		}
	}
	if !res.Truncated || res.Slices != 10 {
		t.Errorf("truncated %v slices %d", res.Truncated, res.Slices)
	}
	// 2 pages are needed. Workers read ahead at most a page or two of older slices before the
	// newer slices' counts arrive; the 10 days (about 70 pages) are never read.
	if n := len(graphRequests(sim)); n > 2+2*sliceWorkers {
		t.Errorf("%d Graph requests for 1500 rows: older slices were read for nothing", n)
	}
	assertIDs(t, res.SignIns, want)
}

func assertIDs(t *testing.T, got []signin.SignIn, want []string) {
	t.Helper()
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("got %d sign-ins, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].ID != want[i] {
			t.Fatalf("row %d is %s, want %s (newest first)", i, got[i].ID, want[i])
		}
	}
}

// On beta, the event type filter reaches the non-interactive sign-ins v1.0 never returns.
func TestBetaEventTypes(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	s := simSettings(sim, "clientsecret", simulator.DemoTenantID, simulator.DemoClientID)
	s.GraphAPIVersion, s.Secrets.ClientSecret = "beta", simulator.DemoClientSecret
	c := clientFor(t, sim, s, nil)
	_, to := sim.Dataset().Window()
	from := to.Add(-2 * time.Hour)
	filter := odata.Any("signInEventTypes", "t", "t eq 'servicePrincipal' or t eq 'nonInteractiveUser'")
	res, err := c.List(context.Background(), Query{From: from, To: to, Filter: filter, Select: SelectBeta})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, r := range sim.Dataset().Between(from, to) {
		if r.Type == dataset.ServicePrincipal || r.Type == dataset.NonInteractiveUser {
			want++
		}
	}
	if len(res.SignIns) != want || want == 0 {
		t.Fatalf("got %d sign-ins, the simulator holds %d non-interactive and service principal ones", len(res.SignIns), want)
	}
	for _, si := range res.SignIns {
		var doc struct {
			Types []string `json:"signInEventTypes"`
		}
		_ = json.Unmarshal(si.Raw, &doc)
		if len(doc.Types) == 0 || doc.Types[0] == "interactiveUser" {
			t.Fatalf("sign-in %s has event types %v", si.ID, doc.Types)
		}
	}
}

// $select asks Graph for the listed properties only; without it every property comes back.
func TestSelectNarrowsTheRows(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	c := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
	q := lastHour(sim)
	q.Select = SelectV1
	res, err := c.List(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Requests[0], "%24select=id,createdDateTime,") {
		t.Errorf("request %s has no $select", res.Requests[0])
	}
	var row map[string]any
	_ = json.Unmarshal(res.SignIns[0].Raw, &row)
	if _, ok := row["riskEventTypes"]; ok {
		t.Error("an unselected property came back")
	}
	for _, p := range []string{"status", "clientAppUsed", "appliedConditionalAccessPolicies", "deviceDetail", "location"} {
		if _, ok := row[p]; !ok {
			t.Errorf("selected property %s is missing", p)
		}
	}
}

func TestMergeDropsDuplicateIDs(t *testing.T) {
	l := &listing{q: Query{MaxRows: 3}, parts: []*sliceResult{
		{rows: []signin.SignIn{{ID: "a"}, {ID: "b"}}, pages: 1},
		{rows: []signin.SignIn{{ID: "b"}, {ID: "c"}, {ID: "d"}}, pages: 2},
	}}
	res := l.merge()
	if res.Duplicates != 1 || len(res.SignIns) != 3 || res.SignIns[2].ID != "c" || !res.Truncated || res.Pages != 3 {
		t.Errorf("merge = %+v", res)
	}
}
