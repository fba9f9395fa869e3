package plugin

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// queryHandler answers one query of a request.
type queryHandler func(ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse

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
			r := ds.query(ctx, q)
			mu.Lock()
			defer mu.Unlock()
			resp.Responses[q.RefID] = r
		})
	}
	wg.Wait()
	return resp, nil
}

func (ds *Datasource) query(ctx context.Context, q backend.DataQuery) (res backend.DataResponse) {
	defer func() {
		if r := recover(); r != nil {
			ds.logger.Error("query panicked", "refId", q.RefID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			res = backend.ErrDataResponse(backend.StatusInternal, "the plugin failed on this query; the error is in Grafana's server log")
		}
	}()
	m, err := query.Parse(q.JSON, q.QueryType)
	if err != nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, err.Error())
	}
	return ds.handler(m.QueryType)(ctx, q, m)
}

// handler picks the query type's handler; query.Parse has rejected unknown types.
func (ds *Datasource) handler(t query.Type) queryHandler {
	switch t {
	case query.TypeRules:
		return ds.queryRules
	case query.TypeExplain:
		return ds.queryExplain
	case query.TypeTimeSeries:
		return ds.queryTimeSeries
	case query.TypeBreakdown:
		return ds.queryBreakdown
	case query.TypeVariable:
		return ds.queryVariable
	case query.TypeAnnotations:
		return ds.queryAnnotations
	case query.TypePatterns:
		return ds.queryPatterns
	}
	return ds.querySignIns
}

// errorResponse turns a Graph or Entra error into a response marked as downstream, with the
// hint the error carries.
func errorResponse(err error) backend.DataResponse {
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
