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

// testDashboardRefresh (issue #9): the ten panels of a dashboard refreshed over one time
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
	var wg sync.WaitGroup
	for i, p := range panels {
		wg.Go(func() {
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
		})
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
	t.Logf("10 panels over 24 hours: %d Graph requests (%d listing starts, the rest its next pages)", len(reqs), first)
	// One listing: one first request, plus the first requests of the slices it was split
	// into when its first page showed many pages to come (graph.List).
	if len(reqs) == 0 || first > 4 {
		t.Errorf("%d Graph requests, %d of them first pages: the panels did not share one listing", len(reqs), first)
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
