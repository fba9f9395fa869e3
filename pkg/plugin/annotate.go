package plugin

import (
	"context"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/metrics"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// annotated is the first half of every query type that reads sign-ins: fetch them with the
// query's filters, evaluate the rules, keep the statuses asked for.
type annotated struct {
	res       *graph.Result
	rows      []signin.SignIn
	decisions []engine.Decision
	notices   []data.Notice
	// cache says how much of the range the sign-in cache served (hour buckets).
	cache cache.Stats
}

// stats are the query's figures for the panel inspector: Graph pages read, sign-ins read, and
// the hours the cache served.
func (a *annotated) stats() []data.QueryStat {
	stat := func(name string, v int) data.QueryStat {
		return data.QueryStat{FieldConfig: data.FieldConfig{DisplayName: name}, Value: float64(v)}
	}
	out := []data.QueryStat{
		stat("Graph pages", a.res.Pages), stat("Sign-ins read", len(a.res.SignIns)),
		stat("Hours from cache", a.cache.Hits), stat("Hours read from Graph", a.cache.Misses),
		// What the query spent of the app's Graph budget (5 requests per 10 s, shared by
		// every panel and alert): its requests, and how long they queued for the budget.
		stat("Graph requests", len(a.res.Requests)),
		{FieldConfig: data.FieldConfig{DisplayName: "Seconds waiting for the Graph budget", Unit: "s", Decimals: ptr(uint16(1))},
			Value: a.res.Waited.Seconds()},
	}
	if a.cache.SharedHits > 0 || a.cache.SharedWaits > 0 {
		// Only with a shared cache (Redis): how much came from the other Grafana replicas.
		out = append(out, stat("Hours from the replicas' shared cache", a.cache.SharedHits),
			stat("Listings left to another replica", a.cache.SharedWaits))
	}
	return out
}

// fetchAnnotated returns the sign-ins of the query with their decisions, or an error response.
func (ds *Datasource) fetchAnnotated(ctx context.Context, q backend.DataQuery, m query.Model) (*annotated, *backend.DataResponse) {
	if ds.initErr != nil {
		resp := backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, "the data source is not configured correctly: "+ds.initErr.Error())
		return nil, &resp
	}
	gq, pushdown := ds.graphQuery(q, m)
	listCtx, recorder := cache.WithRecorder(ctx)
	listCtx, span := ds.metrics.Start(listCtx, metrics.SpanCacheLookup)
	res, err := ds.source.List(listCtx, gq)
	hits := recorder.Stats()
	span.SetAttributes(attribute.Int("cache.hits", hits.Hits), attribute.Int("cache.misses", hits.Misses), attribute.Int("cache.coalesced", hits.Coalesced))
	if res != nil {
		span.SetAttributes(attribute.Int("source.requests", len(res.Requests)), attribute.Int("source.pages", res.Pages), attribute.Int("rows", len(res.SignIns)))
	}
	if err != nil {
		span.SetStatus(codes.Error, "listing failed")
		span.End()
		resp := withExecutedQuery(errorResponse(err), q.RefID, res)
		return nil, &resp
	}
	span.End()
	_, span = ds.metrics.Start(ctx, metrics.SpanRules)
	start := time.Now()
	decisions, counts := ds.engine().EvaluateAllCounted(ctx, res.SignIns)
	ds.metrics.Rules(time.Since(start), counts.Decided, counts.MemoHits)
	span.SetAttributes(attribute.Int("rules.decided", counts.Decided), attribute.Int("rules.memo_hits", counts.MemoHits))
	span.End()
	// Every sign-in of the status and rule asked for: aggregates count them all, and the
	// sign-ins table cuts its own rows at maxRows.
	rows, kept := selectRows(res.SignIns, decisions, m)
	notices := append(pushdown, ds.notices(res)...)
	return &annotated{res: res, rows: rows, decisions: kept, notices: notices, cache: recorder.Stats()}, nil
}

func ptr[T any](v T) *T { return &v }

// framesSpan starts the span of building a query's frames; call the result when they are built.
func (ds *Datasource) framesSpan(ctx context.Context) func() {
	_, span := ds.metrics.Start(ctx, metrics.SpanFrames)
	return func() { span.End() }
}
