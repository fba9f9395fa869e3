package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
	"github.com/sigdiag/signin-diagnostics/pkg/series"
)

// queryTimeSeries counts sign-ins (or distinct users) per interval, one series per group. The
// frames are the multi-frame time series Grafana's alerting reads: no frame at all when there is
// nothing to count, which alerting treats as "no data".
func (ds *Datasource) queryTimeSeries(ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse {
	if m.GroupBy == query.GroupByPattern {
		return ds.queryPatternSeries(ctx, q, m)
	}
	a, errResp := ds.fetchAnnotated(ctx, q, m)
	if errResp != nil {
		return *errResp
	}
	defer ds.framesSpan(ctx)()
	label, group := m.GroupBy, groupers[m.GroupBy]
	if label == "" {
		label = "status"
		group = nil
	}
	points := make([]series.Point, len(a.rows))
	for i := range a.rows {
		s, d := &a.rows[i], &a.decisions[i]
		g := string(m.Status)
		if group != nil {
			g = group(s, d)
		}
		points[i] = series.Point{Time: s.CreatedDateTime, Group: g, User: orUnknown(s.UserPrincipalName, s.UserID)}
	}
	metric := "signins"
	if m.Metric == query.MetricUsers {
		metric = "users"
	}
	frames := series.Frames(points, series.Options{
		From: q.TimeRange.From, To: q.TimeRange.To, Interval: series.Interval(q.TimeRange.From, q.TimeRange.To, q.Interval, q.MaxDataPoints),
		TopN: m.TopN, Label: label, Metric: metric, DistinctUsers: m.Metric == query.MetricUsers,
	})
	for _, f := range frames {
		f.RefID = q.RefID
	}
	if len(frames) > 0 {
		frames[0].Meta.ExecutedQueryString = executedQuery(a.res)
		frames[0].Meta.Notices = a.notices
		frames[0].Meta.Stats = a.stats()
	}
	return backend.DataResponse{Frames: frames}
}

// queryBreakdown is a table of counts per group with failures, interrupts and successes,
// distinct users, first and last seen, and the cause and next steps of the group's sign-ins.
func (ds *Datasource) queryBreakdown(ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse {
	a, errResp := ds.fetchAnnotated(ctx, q, m)
	if errResp != nil {
		return *errResp
	}
	defer ds.framesSpan(ctx)()
	by := m.GroupBy
	if by == "" {
		by = "errorCode"
	}
	group := groupers[by]
	items := make([]series.Item, len(a.rows))
	for i := range a.rows {
		s, d := &a.rows[i], &a.decisions[i]
		items[i] = series.Item{Time: s.CreatedDateTime, Group: group(s, d), User: orUnknown(s.UserPrincipalName, s.UserID), Status: d.Status}
		if w := d.Winner(); w != nil && explainsGroup[by] {
			items[i].Cause, items[i].NextSteps = w.Cause, joinSteps(w.NextSteps)
		}
	}
	frame := series.Breakdown(items, by, m.TopN)
	frame.RefID = q.RefID
	frame.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable, ExecutedQueryString: executedQuery(a.res), Notices: a.notices, Stats: a.stats()}
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// explainsGroup names the groupings whose rows share one cause, so the table can show it.
var explainsGroup = map[string]bool{"errorCode": true, "cause": true, "rule": true}

func joinSteps(steps []string) string {
	out := ""
	for i, s := range steps {
		if i > 0 {
			out += "\n"
		}
		out += s
	}
	return out
}
