package plugin

import (
	"context"
	"slices"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/frames"
	"github.com/sigdiag/signin-diagnostics/pkg/patterns"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
	"github.com/sigdiag/signin-diagnostics/pkg/series"
)

// detectPatterns reads every sign-in of the query's filters (whatever its status: a spray is
// judged against the sign-ins that succeeded from the same address) and runs the detector.
func (ds *Datasource) detectPatterns(ctx context.Context, q backend.DataQuery, m query.Model) ([]patterns.Finding, *annotated, *backend.DataResponse) {
	m.Status = query.StatusAll
	a, errResp := ds.fetchAnnotated(ctx, q, m)
	if errResp != nil {
		return nil, nil, errResp
	}
	defer ds.framesSpan(ctx)()
	statuses := make([]string, len(a.decisions))
	for i := range a.decisions {
		statuses[i] = a.decisions[i].Status
	}
	findings, err := ds.rules.Load().Detector.Detect(ctx, a.rows, statuses)
	if err != nil {
		resp := backend.ErrDataResponseWithSource(backend.StatusInternal, backend.ErrorSourcePlugin, "the pattern rules failed: "+err.Error())
		return nil, nil, &resp
	}
	return keepPatterns(findings, m.PatternIDs), a, nil
}

// keepPatterns keeps the findings of the patterns the query names (all when it names none).
func keepPatterns(findings []patterns.Finding, ids []string) []patterns.Finding {
	if len(ids) == 0 {
		return findings
	}
	kept := findings[:0]
	for _, f := range findings {
		if slices.Contains(ids, f.PatternID) {
			kept = append(kept, f)
		}
	}
	return kept
}

// queryPatterns lists the patterns found in the range: a table, and annotations (time,
// timeEnd, title, text, tags) for time series panels.
func (ds *Datasource) queryPatterns(ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse {
	findings, a, errResp := ds.detectPatterns(ctx, q, m)
	if errResp != nil {
		return *errResp
	}
	frame := frames.Patterns(q.RefID, findings)
	frame.Meta.ExecutedQueryString = executedQuery(a.res)
	frame.Meta.Notices = a.notices
	frame.Meta.Stats = a.stats()
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// queryPatternSeries counts the findings active per interval, one series per pattern (zeros
// included), for alert rules on patterns.
func (ds *Datasource) queryPatternSeries(ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse {
	findings, _, errResp := ds.detectPatterns(ctx, q, m)
	if errResp != nil {
		return *errResp
	}
	step := series.Interval(q.TimeRange.From, q.TimeRange.To, q.Interval, q.MaxDataPoints)
	ids := ds.rules.Load().Detector.IDs()
	if len(m.PatternIDs) > 0 {
		ids = slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(m.PatternIDs, id) })
	}
	times, values := patterns.Series(findings, ids, q.TimeRange.From, q.TimeRange.To, step)
	out := make(data.Frames, 0, len(ids))
	for _, id := range ids {
		value := data.NewField("findings", data.Labels{"pattern": id}, values[id])
		value.Config = &data.FieldConfig{DisplayNameFromDS: id}
		f := data.NewFrame(id, data.NewField("time", nil, times), value)
		f.RefID = q.RefID
		f.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
		out = append(out, f)
	}
	return backend.DataResponse{Frames: out}
}
