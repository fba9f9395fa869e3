package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/frames"
	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// retention is how far back Graph keeps sign-ins (30 days with Entra ID P1/P2): an explain
// query looks that far back from the panel's end, whatever the panel's range.
const retention = 30 * 24 * time.Hour

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
	res, err := ds.source.List(ctx, graph.Query{From: q.TimeRange.To.Add(-retention), To: q.TimeRange.To, Filter: ids.GraphFilter(), MaxRows: 1000})
	if err != nil {
		return errorResponse(err)
	}
	e := ds.engine()
	xs := make([]engine.Explanation, len(res.SignIns))
	for i := range res.SignIns {
		xs[i] = e.Explain(ctx, &res.SignIns[i])
	}
	frame := frames.Explain(q.RefID, res.SignIns, xs)
	frame.Meta.ExecutedQueryString = executedQuery(res)
	if len(res.SignIns) == 0 {
		frame.Meta.Notices = append(frame.Meta.Notices, data.Notice{Severity: data.NoticeSeverityWarning,
			Text: fmt.Sprintf("No sign-in with this ID in the 30 days before %s: check the ID and that the data source reads the right tenant.", q.TimeRange.To.UTC().Format(time.RFC3339))})
	}
	return backend.DataResponse{Frames: data.Frames{frame}}
}
