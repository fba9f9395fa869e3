package plugin

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"go.uber.org/goleak"
)

// A data source instance leaves no goroutine behind once Grafana disposes of it: its Graph
// client, token cache, sign-in cache, rules folder watcher and (for the demo) the simulator
// all stop, after queries that succeeded, failed and were cancelled.
func TestDisposeLeavesNoGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mine.rego"), []byte("package signin.rules.mine\n\nfindings contains {\"ruleId\": \"mine\"} if input.status.errorCode == 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	jsonData, _ := json.Marshal(map[string]any{"source": "demo", "rulesPath": dir})
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{UID: "leak-test", JSONData: jsonData})
	if err != nil {
		t.Fatal(err)
	}
	ds := inst.(*Datasource)
	if ds.initErr != nil {
		t.Fatal(ds.initErr)
	}
	if h, err := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{}); err != nil || h.Status != backend.HealthStatusOk {
		t.Fatalf("health: %+v %v", h, err)
	}
	queries := []backend.DataQuery{
		dataQuery("signins", "signins", `{"status":"all"}`),
		dataQuery("timeseries", "timeseries", `{"groupBy":"cause"}`),
		dataQuery("patterns", "patterns", `{}`),
		dataQuery("bad", "signins", `{"filter":"isInteractive eq true"}`),
	}
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: queries})
	if err != nil {
		t.Fatal(err)
	}
	if r := resp.Responses["signins"]; r.Error != nil {
		t.Fatalf("signins: %v", r.Error)
	}
	// A query cancelled in the middle of its Graph read.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	long := dataQuery("long", "signins", `{"status":"all"}`)
	long.TimeRange.From = long.TimeRange.To.Add(-29 * 24 * time.Hour)
	if _, err := ds.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{long}}); err != nil {
		t.Fatal(err)
	}
	ds.Dispose()
}
