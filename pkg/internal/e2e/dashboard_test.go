package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
)

// dashApp is the app registration of the dashboard refresh test, so its Graph requests are
// its own.
const dashApp = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a"

// dashRule is a data source rule for 50126 with a given title.
func dashRule(title string) string {
	return `package signin.rules.dashboard

findings contains {
	"ruleId": "dashboard-50126", "title": "` + title + `",
	"cause": "c", "nextSteps": ["n"], "severity": "low", "category": "credentials", "actor": "user", "kind": "contextual", "links": [],
} if input.status.errorCode == 50126
`
}

// testDashboardRefresh: the ten panels of a dashboard refreshed over one time
// range cause one Graph listing between them; editing the data source's rule afterwards (a new
// instance, as Grafana builds on save) re-annotates the sign-ins already read with zero Graph
// requests.
func (env *graphEnv) testDashboardRefresh(t *testing.T) {
	ds := env.dataSource(env.sim, map[string]string{"clientId": dashApp}, map[string]string{"azureClientSecret": appSecret},
		map[string]any{"customRules": dashRule("First title")})
	now := time.Now()
	tr := backend.TimeRange{From: now.Add(-24 * time.Hour), To: now}
	panels := []struct{ typ, model string }{
		{"signins", `{"status":"failure"}`}, {"signins", `{"status":"all"}`}, {"signins", `{"status":"interrupted"}`},
		{"signins", `{"status":"failure","errorCodes":[]}`}, {"timeseries", `{"status":"failure","groupBy":"cause"}`},
		{"timeseries", `{"status":"all","groupBy":"status"}`}, {"breakdown", `{"status":"all","groupBy":"errorCode"}`},
		{"breakdown", `{"status":"failure","groupBy":"app"}`}, {"patterns", `{}`}, {"variable", `{"variable":"users"}`},
	}
	// Grafana sends a dashboard's panels as they come into view and as their variables resolve:
	// some arrive together, some while the first listing runs, some after it has finished.
	// Every one of them must be served by that one listing or by what it cached.
	query := func(i int) {
		p := panels[i]
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		q := backend.DataQuery{RefID: fmt.Sprintf("P%d", i), QueryType: p.typ, JSON: json.RawMessage(p.model), TimeRange: tr,
			Interval: time.Minute, MaxDataPoints: 1000}
		res, err := env.plugin.QueryData(ctx, ds, nil, q)
		if err != nil {
			t.Error(err)
			return
		}
		if r := res.Responses[q.RefID]; r.Error != nil {
			t.Errorf("panel %d (%s): %v", i, p.typ, r.Error)
		}
	}
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			time.Sleep(time.Duration(i) * 400 * time.Millisecond)
			query(i)
		})
	}
	wg.Wait()
	afterFirst := len(env.requestsOf(dashApp))
	for i := 6; i < len(panels); i++ {
		wg.Go(func() { query(i) })
	}
	wg.Wait()
	reqs := env.requestsOf(dashApp)
	first := 0
	for _, r := range reqs {
		if r.Status != http.StatusOK {
			t.Errorf("Graph answered %d", r.Status)
		}
		if !strings.Contains(r.Path, "skiptoken=") {
			first++
		}
	}
	t.Logf("10 panels over 24 hours: %d Graph requests (%d chains of one listing, the rest their next pages); %d after the first 6 panels", len(reqs), first, len(reqs)-afterFirst)
	// One listing may be cut into several chains (graph.List splits by the density of its
	// pages, which depends on Graph's latency), but no sign-in may be read twice.
	if len(reqs) == 0 {
		t.Fatal("no Graph request")
	}
	assertReadOnce(t, env.sim, reqs, tr)
	if late := len(reqs) - afterFirst; late != 0 {
		t.Errorf("the 4 panels sent after the first listing had finished read Graph %d times, want 0 (the cache holds the range, its edges included)", late)
	}
	before := len(reqs)

	// The admin edits the rule: Grafana builds a new instance with the new settings.
	edited := ds
	raw := map[string]any{}
	_ = json.Unmarshal(ds.JSONData, &raw)
	raw["customRules"] = dashRule("Edited title")
	edited.JSONData, _ = json.Marshal(raw)
	edited.Updated = time.Now().Add(time.Second)
	// The same panel as before (a filter pushed to Graph would be another listing).
	f := env.queryFrame(t, edited, backend.DataQuery{RefID: "E", QueryType: "signins", JSON: json.RawMessage(`{"status":"failure"}`), TimeRange: tr})
	titles, rules := stringColumn(t, f, "title"), stringColumn(t, f, "ruleId")
	edits := 0
	for i := range rules {
		if rules[i] == "dashboard-50126" {
			if titles[i] != "Edited title" {
				t.Fatalf("after the edit a row says %q, want the edited rule's title", titles[i])
			}
			edits++
		}
	}
	if edits == 0 {
		t.Error("no 50126 failure in the last 24 hours carries the edited rule")
	}
	if after := len(env.requestsOf(dashApp)); after != before {
		t.Errorf("re-annotating after a rule change read Graph %d times, want 0", after-before)
	}
}

// assertReadOnce fails when Graph served more sign-ins than the range holds: a sign-in read
// twice (an edge hour read again, two listings of the same range) is budget spent for nothing.
// How the listing was cut into request chains does not matter, except that a chain cut off
// another starts at the instant where the other's last page ended (graph.List's split), so the
// sign-ins of that instant, usually one, are read by both.
func assertReadOnce(t *testing.T, sim *simulator.Server, reqs []simulator.RequestLog, tr backend.TimeRange) {
	t.Helper()
	want := 0
	// A listing of a day reads its oldest edge's hour whole, so that the next range finds it
	// cached (cache.Cache.reads): those sign-ins are read once too.
	sim.Dataset().Scan(tr.From.Truncate(time.Hour), tr.To, false, nil, func(r *dataset.Record) bool {
		if r.Interactive() {
			want++
		}
		return true
	})
	served, chains := 0, 0
	for _, r := range reqs {
		served += r.Rows
		if !strings.Contains(r.Path, "skiptoken=") {
			chains++
		}
	}
	if served < want || served-want > chains-1 {
		t.Errorf("Graph served %d sign-ins over %d requests (%d chains) for a range that holds %d: some were read twice", served, len(reqs), chains, want)
	}
}
