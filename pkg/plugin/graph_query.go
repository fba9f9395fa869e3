package plugin

import (
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// graphQuery translates a panel's query into the Graph listing, and says in notices what
// could not be pushed to Graph.
func (ds *Datasource) graphQuery(q backend.DataQuery, m query.Model) (graph.Query, []data.Notice) {
	version := ds.settings.GraphAPIVersion
	gq := graph.Query{From: q.TimeRange.From, To: q.TimeRange.To, Filter: m.GraphFilterFor(version), MaxRows: FetchLimit,
		Select: ds.tableSelect()}
	return gq, pushdownNotices(m, version)
}

// tableSelect is the $select of the data source's listings: only the built-in rules' needs,
// or every property (nil) when the admin has rules of their own, which may read any.
func (ds *Datasource) tableSelect() []string {
	if ds.hasUserRules() {
		return nil
	}
	return graph.Select(ds.settings.GraphAPIVersion)
}

// hasUserRules reports whether the admin configured rules of their own.
func (ds *Datasource) hasUserRules() bool {
	return strings.TrimSpace(ds.settings.CustomRules) != "" || ds.settings.RulesPath != ""
}

// pushdownNotices names the query fields Graph did not filter on.
func pushdownNotices(m query.Model, version string) []data.Notice {
	var out []data.Notice
	if len(m.SignInEventTypes) > 0 && version != "beta" {
		out = append(out, data.Notice{Severity: data.NoticeSeverityWarning, Text: fmt.Sprintf(
			"signInEventTypes (%s) was ignored: Graph v1.0 returns interactive user sign-ins only. Set the data source's graphApiVersion to beta to read non-interactive, service principal and managed identity sign-ins.",
			strings.Join(m.SignInEventTypes, ", "))})
	}
	if m.Status != query.StatusAll {
		out = append(out, data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
			"status %q is applied by the plugin, not by Graph: the classification is a rule, so every sign-in matching the other filters is read and the rules keep the %s ones.", m.Status, m.Status)})
	}
	return out
}
