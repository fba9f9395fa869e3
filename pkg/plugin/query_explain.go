package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/frames"
	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// retention is how far back Graph keeps sign-ins (30 days with Entra ID P1/P2): an explain
// query looks that far back from the panel's end, whatever the panel's range.
const retention = 30 * 24 * time.Hour

// finder is a source that can answer an explain from the sign-ins it holds (the cache).
type finder interface {
	Find(from, to time.Time, l cache.Lookup) ([]signin.SignIn, bool)
	Gather(ctx context.Context, filter string, sel []string, from, to time.Time) int
}

// queryExplain shows every rule that matched the sign-ins of one request or correlation ID,
// and the values each rule read, so an admin can see why a row got its cause.
func (ds *Datasource) queryExplain(ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse {
	if ds.initErr != nil {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream, "the data source is not configured correctly: "+ds.initErr.Error())
	}
	if m.RequestID == "" && m.CorrelationID == "" {
		return backend.ErrDataResponseWithSource(backend.StatusBadRequest, backend.ErrorSourceDownstream,
			"an explain query needs a requestId or a correlationId: copy it from a row of a sign-ins table (or the Entra portal's Activity details)")
	}
	// Only the IDs select the sign-ins: filters left over from a sign-ins query must not hide them.
	ids := query.Model{RequestID: m.RequestID, CorrelationID: m.CorrelationID}
	from, to := q.TimeRange.To.Add(-retention), q.TimeRange.To
	// The row was usually listed by a table moments ago: its sign-ins are in the cache, and
	// reading them again would spend the tenant's Graph budget for nothing.
	var res *graph.Result
	if f, ok := ds.source.(finder); ok {
		lookup := cache.Lookup{RequestID: m.RequestID, CorrelationID: m.CorrelationID}
		rows, whole := f.Find(from, to, lookup)
		if !whole && f.Gather(ctx, "", ds.tableSelect(), from, to) > 0 {
			// Another Grafana replica may have listed it: its buckets are in Redis.
			rows, whole = f.Find(from, to, lookup)
		}
		if whole {
			res = &graph.Result{SignIns: rows}
		}
	}
	fromCache := res != nil
	if res == nil {
		var err error
		if res, err = ds.source.List(ctx, graph.Query{From: from, To: to, Filter: ids.GraphFilter(), MaxRows: 1000}); err != nil {
			return errorResponse(err)
		}
	}
	e := ds.engine()
	xs := make([]engine.Explanation, len(res.SignIns))
	for i := range res.SignIns {
		xs[i] = e.Explain(ctx, &res.SignIns[i])
	}
	frame := frames.Explain(q.RefID, res.SignIns, xs)
	frame.Meta.ExecutedQueryString = executedQuery(res)
	frame.Meta.Stats = append(frame.Meta.Stats, data.QueryStat{FieldConfig: data.FieldConfig{DisplayName: "Graph requests"}, Value: float64(len(res.Requests))})
	if fromCache {
		frame.Meta.Notices = append(frame.Meta.Notices, data.Notice{Severity: data.NoticeSeverityInfo,
			Text: "Explained from the sign-ins this data source read moments ago (no Graph request): a sign-in of this flow that Graph logged since then is not shown until the next read."})
	}
	if len(res.SignIns) == 0 {
		frame.Meta.Notices = append(frame.Meta.Notices, data.Notice{Severity: data.NoticeSeverityWarning,
			Text: fmt.Sprintf("No sign-in with this ID in the 30 days before %s: check the ID and that the data source reads the right tenant.", q.TimeRange.To.UTC().Format(time.RFC3339))})
	}
	return backend.DataResponse{Frames: data.Frames{frame}}
}
