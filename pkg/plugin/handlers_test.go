package plugin

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// Every query type the query package accepts has a handler, and the table has no other.
func TestEveryQueryTypeHasAHandler(t *testing.T) {
	for _, qt := range query.Types {
		if _, ok := handlers[qt]; !ok {
			t.Errorf("query type %q has no handler", qt)
		}
	}
	for qt := range handlers {
		if !slices.Contains(query.Types, qt) {
			t.Errorf("handler for %q, which query.Parse refuses", qt)
		}
	}
}

// Each query type's handler answers over a fake sign-in source, without the plugin binary:
// the frame it is meant to return, and the source read only by the types that read sign-ins.
func TestQueryHandlersOverAFakeSource(t *testing.T) {
	now := time.Now()
	rows := oddSignIns(t, now)
	models := map[query.Type]string{
		query.TypeSignIns:     `{"status":"all"}`,
		query.TypeTimeSeries:  `{"status":"all","groupBy":"errorCode"}`,
		query.TypeBreakdown:   `{"status":"all","groupBy":"app"}`,
		query.TypePatterns:    `{}`,
		query.TypeExplain:     `{"requestId":"00000000-0000-0000-0000-000000000001"}`,
		query.TypeRules:       `{}`,
		query.TypeAnnotations: `{}`,
		query.TypeVariable:    `{"variable":"apps"}`,
	}
	// frameNames tell the handlers apart; a time series is named after its group and typed.
	frameNames := map[query.Type]string{
		query.TypeSignIns: "signins", query.TypeBreakdown: "breakdown", query.TypePatterns: "patterns", query.TypeExplain: "explain",
		query.TypeRules: "rules", query.TypeAnnotations: "annotations", query.TypeVariable: "values",
	}
	for _, qt := range query.Types {
		t.Run(string(qt), func(t *testing.T) {
			model, ok := models[qt]
			if !ok {
				t.Fatalf("no test query for %q: add one", qt)
			}
			src := &countingSource{staticSource: staticSource{rows}}
			ds, _ := testDatasource(t, nil, src)
			q := backend.DataQuery{RefID: "A", QueryType: string(qt), JSON: json.RawMessage(model), Interval: time.Minute, MaxDataPoints: 100,
				TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}
			r, _ := ds.query(context.Background(), q)
			if r.Error != nil || len(r.Frames) == 0 {
				t.Fatalf("error %v, %d frames", r.Error, len(r.Frames))
			}
			if got := r.Frames[0].Name; frameNames[qt] != got && (qt != query.TypeTimeSeries || r.Frames[0].Meta == nil || !strings.HasPrefix(string(r.Frames[0].Meta.Type), "timeseries")) {
				t.Errorf("frame %q (meta %+v): not what the %s handler returns", got, r.Frames[0].Meta, qt)
			}
			if read := src.calls > 0; read != handlers[qt].readsSignIns {
				t.Errorf("source read %d times; the table says readsSignIns = %v", src.calls, handlers[qt].readsSignIns)
			}
		})
	}
}

// countingSource counts the listings asked of a staticSource.
type countingSource struct {
	staticSource
	mu    sync.Mutex
	calls int
}

func (c *countingSource) List(ctx context.Context, q graph.Query) (*graph.Result, error) {
	c.mu.Lock()
	c.calls++
	c.mu.Unlock()
	return c.staticSource.List(ctx, q)
}

// Every group-by the query package accepts has a grouper, except pattern, which counts
// pattern findings instead of grouping sign-ins.
func TestEveryGroupByHasAGrouper(t *testing.T) {
	for _, g := range query.GroupBys {
		if _, ok := groupers[g]; !ok && g != query.GroupByPattern {
			t.Errorf("group-by %q has no grouper", g)
		}
	}
	for g := range groupers {
		if !slices.Contains(query.GroupBys, g) {
			t.Errorf("grouper %q, which query.Parse refuses", g)
		}
	}
}

// maxRows cuts the sign-ins table, with a notice, and nothing else: a breakdown over the same
// listing counts every sign-in.
func TestMaxRowsCutsOnlyTheTable(t *testing.T) {
	now := time.Now()
	ds, _ := testDatasource(t, nil, staticSource{oddSignIns(t, now)})
	q := func(queryType, model string) backend.DataQuery {
		return backend.DataQuery{RefID: "A", QueryType: queryType, JSON: json.RawMessage(model), Interval: time.Minute, MaxDataPoints: 100,
			TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}
	}
	table, _ := ds.query(context.Background(), q("signins", `{"status":"all","maxRows":2}`))
	if table.Error != nil || table.Frames[0].Rows() != 2 {
		t.Fatalf("table: %v, %d rows; want 2", table.Error, table.Frames[0].Rows())
	}
	notices := table.Frames[0].Meta.Notices
	if !slices.ContainsFunc(notices, func(n data.Notice) bool { return strings.Contains(n.Text, "newest 2 rows (maxRows)") }) {
		t.Errorf("no maxRows notice in %v", notices)
	}
	breakdown, _ := ds.query(context.Background(), q("breakdown", `{"status":"all","groupBy":"status","maxRows":2}`))
	if breakdown.Error != nil {
		t.Fatal(breakdown.Error)
	}
	var total float64
	for _, f := range breakdown.Frames[0].Fields {
		if f.Name != "total" {
			continue
		}
		for i := range f.Len() {
			v, _ := f.FloatAt(i)
			total += v
		}
	}
	if total != 5 {
		t.Errorf("the breakdown counted %v sign-ins, want all 5", total)
	}
}
