package plugin

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// queryHandler answers one query of a request.
type queryHandler func(ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse

// QueryData answers each query on its own: a failing query gets an error response and the
// others still get their data.
func (ds *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	for _, q := range req.Queries {
		resp.Responses[q.RefID] = ds.query(ctx, q)
	}
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
	handlers := map[query.Type]queryHandler{
		query.TypeSignIns: ds.querySignIns,
		query.TypeRules:   ds.queryRules,
		query.TypeExplain: ds.queryExplain,
	}
	return handlers[m.QueryType](ctx, q, m)
}

// errorResponse turns a Graph or Entra error into a response marked as downstream, with the
// hint the error carries.
func errorResponse(err error) backend.DataResponse {
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
