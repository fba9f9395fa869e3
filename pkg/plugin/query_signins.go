package plugin

import (
	"context"
	"fmt"
	"net/url"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/frames"
	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// FetchLimit bounds how many sign-ins one query reads from Graph. The status filter cannot be
// pushed to Graph (Graph filters status/errorCode with eq only, and the classification is a
// rule), so a failure query reads every sign-in in range and keeps the failures.
const FetchLimit = 50000

func (ds *Datasource) querySignIns(ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse {
	a, errResp := ds.fetchAnnotated(ctx, q, m)
	if errResp != nil {
		return *errResp
	}
	defer ds.framesSpan(ctx)()
	rows, kept := a.rows, a.decisions
	notices := a.notices
	if len(rows) > m.MaxRows {
		rows, kept = rows[:m.MaxRows], kept[:m.MaxRows]
		notices = append(notices, data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf("Showing the newest %d rows (maxRows); raise maxRows or narrow the query to see more.", m.MaxRows)})
	}
	res := a.res
	frame := frames.SignIns(q.RefID, rows, kept, ds.frameContext())
	frame.Meta.ExecutedQueryString = executedQuery(res)
	frame.Meta.Custom = map[string]any{"pages": res.Pages, "slices": res.Slices, "fetched": len(res.SignIns), "duplicatesDropped": res.Duplicates,
		"requests": res.Requests, "cacheHits": a.cache.Hits, "cacheMisses": a.cache.Misses}
	frame.Meta.Stats = a.stats()
	frame.Meta.Notices = notices
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// frameContext is what the sign-ins frame links with: the portals of the data source's cloud
// and its tenant (the simulator's for the demo).
func (ds *Datasource) frameContext() frames.Context {
	if ds.settings == nil {
		return frames.Context{}
	}
	tenant, _ := graph.Identity(ds.settings)
	if ds.settings.Source == settings.SourceDemo {
		tenant = simulator.DemoTenantID
	}
	return frames.Context{Portals: ds.settings.Portals(), TenantID: tenant}
}

// selectRows keeps the sign-ins whose classification and winning rule the query asked for.
func selectRows(all []signin.SignIn, decisions []engine.Decision, m query.Model) ([]signin.SignIn, []engine.Decision) {
	rows := make([]signin.SignIn, 0, len(all))
	kept := make([]engine.Decision, 0, len(all))
	for i := range all {
		if m.Wants(decisions[i].Status) && m.WantsRule(winnerRule(&decisions[i])) {
			rows = append(rows, all[i])
			kept = append(kept, decisions[i])
		}
	}
	return rows, kept
}

func winnerRule(d *engine.Decision) string {
	if w := d.Winner(); w != nil {
		return w.RuleID
	}
	return ""
}

// notices are what every query over a listing tells its panel: a listing cut at FetchLimit,
// refused rules, a Grafana cluster that no longer shares the Graph budget.
func (ds *Datasource) notices(res *graph.Result) []data.Notice {
	var out []data.Notice
	if res.Truncated {
		out = append(out, data.Notice{Severity: data.NoticeSeverityWarning, Text: fmt.Sprintf(
			"Only the newest %d sign-ins in the time range were read from Graph: narrow the time range or filter by user, app or error code to see older ones.", len(res.SignIns))})
	}
	if err := ds.rules.Load().Refused; err != nil {
		out = append(out, data.Notice{Severity: data.NoticeSeverityError, Text: "Your rules are not loaded, the built-in rules annotate these rows: " + err.Error()})
	}
	return append(out, ds.clusterNotices()...)
}

// withExecutedQuery adds an empty frame carrying the Graph request to an error response, so
// the query inspector shows what was sent even when it failed.
func withExecutedQuery(resp backend.DataResponse, refID string, res *graph.Result) backend.DataResponse {
	if res == nil || len(res.Requests) == 0 {
		return resp
	}
	frame := data.NewFrame("signins")
	frame.RefID = refID
	frame.Meta = &data.FrameMeta{ExecutedQueryString: executedQuery(res)}
	resp.Frames = data.Frames{frame}
	return resp
}

// executedQuery shows the Graph request of the first page, decoded so it reads like the filter.
func executedQuery(res *graph.Result) string {
	if len(res.Requests) == 0 {
		return ""
	}
	first := res.Requests[0]
	if u, err := url.QueryUnescape(first); err == nil {
		first = u
	}
	if res.Pages > 1 {
		return fmt.Sprintf("GET %s (and %d more pages)", first, res.Pages-1)
	}
	return "GET " + first
}
