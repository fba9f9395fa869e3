package plugin

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// queryConcurrency is how many queries of one request run at once. Their Graph requests
// still queue for the app's pacer; running them together lets one query's rule evaluation
// overlap another's wait.
const queryConcurrency = 4

// QueryData answers each query on its own: a failing query gets an error response and the
// others still get their data.
func (ds *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, queryConcurrency)
	for _, q := range req.Queries {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			start := time.Now()
			qctx, done := ds.metrics.Query(ctx)
			r, qt := ds.query(qctx, q)
			done(qt, &r)
			ds.logQuery(q, r, time.Since(start))
			mu.Lock()
			defer mu.Unlock()
			resp.Responses[q.RefID] = r
		})
	}
	wg.Wait()
	return resp, nil
}

// query answers one query; queryType is its type for the metrics ("invalid" when the query
// could not be parsed).
func (ds *Datasource) query(ctx context.Context, q backend.DataQuery) (res backend.DataResponse, queryType string) {
	queryType = "invalid"
	defer func() {
		if r := recover(); r != nil {
			ds.logPanic("query", r, "refId", q.RefID)
			res = backend.ErrDataResponse(backend.StatusInternal, "the plugin failed on this query; the error is in Grafana's server log")
		}
	}()
	ctx, cancel := queryContext(ctx)
	defer cancel()
	if errors.Is(ds.initErr, settings.ErrNotAllowed) {
		// Even the queries that need no network say so: the panel shows the setting to change.
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, "the data source is not configured correctly: "+ds.initErr.Error()), queryType
	}
	m, err := query.Parse(q.JSON, q.QueryType)
	if err != nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, err.Error()), queryType
	}
	queryType = string(m.QueryType)
	h, ok := handlers[m.QueryType]
	if !ok { // query.Parse accepts only query.Types, and each has a handler (tested)
		return backend.ErrDataResponseWithSource(backend.StatusInternal, backend.ErrorSourcePlugin, "the plugin has no handler for query type "+string(m.QueryType)), queryType
	}
	if h.readsSignIns {
		slots := ds.running()
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		case <-ctx.Done():
			return backend.ErrDataResponseWithSource(backend.StatusTimeout, backend.ErrorSourcePlugin,
				"the plugin was busy with this data source's other queries until this query's deadline: try again, or refresh fewer panels at once"), queryType
		}
	}
	return h.answer(ds, ctx, q, m), queryType
}

// running bounds the sign-in queries of one data source that run at once, across requests.
// Each holds its sign-ins, decisions and frames (tens of MB for a day of a busy tenant):
// without a bound, a crowd of dashboards and alert rules grows memory with the crowd (2.1 GB
// for 50 callers in the load test), while the CPUs cannot evaluate more of them at once and
// the data source's Graph pacer cannot read faster. Waiting queries hold nothing; identical
// ones still share one Graph read in the cache. The bound is per data source (by UID, which
// survives settings changes) so one tenant's slow Graph never holds up another's queries.
func (ds *Datasource) running() chan struct{} {
	v, _ := runningByUID.LoadOrStore(ds.uid, make(chan struct{}, maxRunning))
	return v.(chan struct{})
}

// handlers answer each query type (query.Types; a test checks every type has one). readsSignIns
// marks the types that list sign-ins and so take one of the data source's running slots.
var handlers = map[query.Type]struct {
	answer       func(ds *Datasource, ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse
	readsSignIns bool
}{
	query.TypeSignIns:     {(*Datasource).querySignIns, true},
	query.TypeTimeSeries:  {(*Datasource).queryTimeSeries, true},
	query.TypeBreakdown:   {(*Datasource).queryBreakdown, true},
	query.TypePatterns:    {(*Datasource).queryPatterns, true},
	query.TypeExplain:     {(*Datasource).queryExplain, true},
	query.TypeVariable:    {(*Datasource).queryVariable, true},
	query.TypeRules:       {(*Datasource).queryRules, false},
	query.TypeAnnotations: {(*Datasource).queryAnnotations, false},
}

// errorResponse turns a Graph or Entra error into a response marked as downstream, with the
// hint the error carries.
func errorResponse(err error) backend.DataResponse {
	var pe *graph.PanicError
	if errors.As(err, &pe) {
		backend.Logger.Error("reading sign-ins panicked", "panic", fmt.Sprint(pe.Value), "stack", string(pe.Stack))
		return backend.ErrDataResponseWithSource(backend.StatusInternal, backend.ErrorSourcePlugin, pe.Error())
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return backend.ErrDataResponseWithSource(backend.StatusTimeout, backend.ErrorSourceDownstream,
			"Microsoft Graph did not answer in time: narrow the time range or filters")
	}
	status := backend.StatusBadGateway
	switch graph.StatusCode(err) {
	case 401:
		status = backend.StatusUnauthorized
	case 403:
		status = backend.StatusForbidden
	case 429:
		status = backend.StatusTooManyRequests
	case 400:
		status = backend.StatusBadRequest
	}
	return backend.ErrDataResponseWithSource(status, backend.ErrorSourceDownstream, err.Error())
}

// A query answers before its caller gives up: with a deadline (Grafana's, or an alert rule's
// timeout), answerMargin before it, so the panel gets "did not answer in time" as this query's
// error instead of a cancelled call; without one, after maxQueryTime, so nothing runs forever.
const (
	answerMargin = 2 * time.Second
	maxQueryTime = 10 * time.Minute
)

func queryContext(ctx context.Context) (context.Context, context.CancelFunc) {
	dl, ok := ctx.Deadline()
	if !ok {
		return context.WithTimeout(ctx, maxQueryTime)
	}
	margin := min(answerMargin, time.Until(dl)/10)
	return context.WithDeadline(ctx, dl.Add(-margin))
}

// logPanic logs a recovered panic with its stack, once, at Error: a panic is a bug, and the
// response only says where to look. The value and stack never hold a secret: settings are not
// formatted into panics.
func (ds *Datasource) logPanic(what string, r any, args ...any) {
	logger := ds.logger
	if logger == nil {
		logger = backend.Logger
	}
	logger.Error(what+" panicked", append(args, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))...)
}

// logQuery records one query at Debug: its type, outcome and duration. Per-query detail stays
// at Debug, and no URL, filter or user text is logged: Graph URLs carry what users typed, and
// the frame's executed query already shows them to whoever may see the panel.
func (ds *Datasource) logQuery(q backend.DataQuery, r backend.DataResponse, took time.Duration) {
	if ds.logger == nil {
		return
	}
	args := []any{"refId", q.RefID, "queryType", q.QueryType, "frames", len(r.Frames), "duration", took.Round(time.Millisecond)}
	if r.Error != nil {
		args = append(args, "status", r.Status, "errorSource", r.ErrorSource)
	}
	ds.logger.Debug("Query answered", args...)
}
