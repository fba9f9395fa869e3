package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// explainApp is the app registration of the explain test, so its Graph requests are its own.
const explainApp = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"

// testExplainBudget: explaining a row that a table listed moments ago costs no
// Graph request; explaining a sign-in of weeks ago that nothing cached costs one request over
// the 30 days, not one per calendar slice.
func (env *graphEnv) testExplainBudget(t *testing.T) {
	ds := env.dataSource(env.sim, map[string]string{"clientId": explainApp}, map[string]string{"azureClientSecret": appSecret}, nil)
	now := time.Now()
	day := backend.TimeRange{From: now.Add(-24 * time.Hour), To: now}
	table := env.queryFrame(t, ds, backend.DataQuery{RefID: "T", QueryType: "signins", JSON: json.RawMessage(`{"status":"all"}`), TimeRange: day})
	correlations, requests := stringColumn(t, table, "correlationId"), stringColumn(t, table, "requestId")
	if len(correlations) == 0 {
		t.Fatal("the table of the last 24 hours is empty")
	}
	listed := len(env.requestsOf(explainApp))
	// The panel inspector says what the table spent of the budget.
	if got := stat(table, "Graph requests"); int(got) != listed || listed == 0 {
		t.Errorf("the table's stats say %v Graph requests, Graph saw %d", got, listed)
	}
	if _, ok := statOK(table, "Seconds waiting for the Graph budget"); !ok {
		t.Error("the table's stats do not say how long it waited for the Graph budget")
	}
	for _, model := range []string{
		`{"correlationId":"` + correlations[0] + `"}`,                   // the newest row: the hour still running
		`{"correlationId":"` + correlations[len(correlations)/2] + `"}`, // hours ago
		`{"requestId":"` + requests[len(requests)-1] + `"}`,
	} {
		f := env.queryFrame(t, ds, backend.DataQuery{RefID: "X", QueryType: "explain", JSON: json.RawMessage(model), TimeRange: day})
		if f.Rows() == 0 {
			t.Errorf("explain %s: no sign-in", model)
		}
		if got := len(env.requestsOf(explainApp)) - listed; got != 0 {
			t.Errorf("explain %s of a listed row read Graph %d times, want 0", model, got)
		}
		if stat(f, "Graph requests") != 0 {
			t.Errorf("explain %s: the frame says %v Graph requests", model, stat(f, "Graph requests"))
		}
	}

	// Three weeks ago, never listed: one request over the retention window.
	var old string
	for _, r := range env.sim.Dataset().Between(now.Add(-21*24*time.Hour), now.Add(-21*24*time.Hour+time.Hour)) {
		if r.Interactive() {
			old = r.CorrelationID.String()
			break
		}
	}
	if old == "" {
		t.Fatal("no sign-in three weeks ago in the simulator")
	}
	before := len(env.requestsOf(explainApp))
	f := env.queryFrame(t, ds, backend.DataQuery{RefID: "O", QueryType: "explain", JSON: json.RawMessage(`{"correlationId":"` + old + `"}`), TimeRange: day})
	got := len(env.requestsOf(explainApp)) - before
	t.Logf("explain of a listed row: 0 Graph requests; of a flow three weeks old, not cached: %d", got)
	if f.Rows() == 0 || got < 1 || got > 2 {
		t.Errorf("explain of a flow three weeks old: %d rows in %d Graph requests, want its rows in at most 2", f.Rows(), got)
	}

	// The health check tells the budget's use over the last minutes (its own request included).
	res, err := env.plugin.CheckHealth(context.Background(), ds)
	sent := len(env.requestsOf(explainApp))
	want := fmt.Sprintf("Graph budget: this Grafana server sent %d of the app's sign-in log requests in the last 5 minutes", sent)
	if err != nil || !strings.Contains(res.Message, want) {
		t.Errorf("health %v %q; want it to say %q", err, res.Message, want)
	}
}
