package e2e

// The provisioned dashboards and alert rules hold queries of this plugin; pkg/provisioning builds them with
// Grafana's typed builders and fails while the committed files differ. TestProvisioningQueries runs every
// query they hold through the built plugin, as Grafana would, against the demo tenant.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-foundation-sdk/go/alerting"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/demorun"
	"github.com/sigdiag/signin-diagnostics/pkg/provisioning"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// defaultMaxDataPoints stands in for a panel's width in pixels, which Grafana sends as maxDataPoints.
const defaultMaxDataPoints = 1000

func TestProvisioningQueries(t *testing.T) {
	dashboards, err := provisioning.Dashboards()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dashboards {
		t.Run(*d.Title, func(t *testing.T) { runDashboard(t, d) })
	}
	groups, err := provisioning.AlertGroups()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		for _, r := range g.Rules {
			t.Run("alert "+r.Title, func(t *testing.T) { runAlertRule(t, r) })
		}
	}
}

func runDashboard(t *testing.T, d dashboard.Dashboard) {
	span, err := time.ParseDuration(strings.TrimPrefix(d.Time.From, "now-"))
	if err != nil {
		t.Fatalf("time range from %s: %v", d.Time.From, err)
	}
	now := time.Now()
	tr := backend.TimeRange{From: now.Add(-span), To: now}
	vars := variableDefaults(d)
	for name, value := range vars {
		if value == "" && (name == "correlationId" || name == "requestId") {
			vars[name] = sampleID(t, name, vars, tr)
		}
	}
	for _, p := range allPanels(d.Panels) {
		t.Run(substitute(*p.Title, vars), func(t *testing.T) {
			queries, targets := panelQueries(t, p, vars, tr)
			if len(queries) == 0 {
				t.Skip("no query of this plugin")
			}
			res := queryData(t, nil, queries...)
			for i, q := range queries {
				frames := checkResponse(t, res, q.RefID)
				if len(frames) == 0 || frames[0].Rows() == 0 {
					t.Errorf("query %s (%s) returned no rows, though the demo tenant has sign-ins for it", q.RefID, q.JSON)
				}
				checkShape(t, targets[i], frames)
			}
		})
	}
}

// allPanels flattens rows: a collapsed row keeps its panels inside it.
func allPanels(ps []dashboard.PanelOrRowPanel) []dashboard.Panel {
	var out []dashboard.Panel
	for _, p := range ps {
		if p.Panel != nil {
			out = append(out, *p.Panel)
		}
		if p.RowPanel != nil {
			out = append(out, p.RowPanel.Panels...)
		}
	}
	return out
}

// variableDefaults are the values the dashboard's variables have when it opens.
func variableDefaults(d dashboard.Dashboard) map[string]string {
	vars := map[string]string{}
	for _, v := range d.Templating.List {
		switch {
		case v.Type == dashboard.VariableTypeDatasource:
			vars[v.Name] = demorun.Settings().UID
		case (v.Type == dashboard.VariableTypeTextbox || v.Type == dashboard.VariableTypeConstant) && v.Query != nil:
			vars[v.Name] = *v.Query.String
		case v.Current != nil && v.Current.Value.String != nil:
			vars[v.Name] = *v.Current.Value.String
		}
	}
	return vars
}

// substitute interpolates $name, ${name}, ${name:format} and [[name]] as Grafana does for plain values. The
// values go into JSON strings, so they are escaped.
func substitute(s string, vars map[string]string) string {
	names := slices.Collect(maps.Keys(vars))
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) }) // $userId before $user
	for _, name := range names {
		escaped, _ := json.Marshal(vars[name])
		value := strings.Trim(string(escaped), `"`)
		q := regexp.QuoteMeta(name)
		re := regexp.MustCompile(`\$\{` + q + `(?::[^}]*)?\}|\[\[` + q + `\]\]|\$` + q + `\b`)
		s = re.ReplaceAllLiteralString(s, value)
	}
	return s
}

// sampleID finds a value for an ID variable whose default is empty (the explain panel's correlation ID): IDs
// change with the demo tenant's clock, so the test takes one from a failure of the dashboard's user.
func sampleID(t *testing.T, field string, vars map[string]string, tr backend.TimeRange) string {
	t.Helper()
	model, _ := json.Marshal(map[string]any{"status": "failure", "user": vars["user"], "maxRows": 10})
	q := backend.DataQuery{RefID: "sample", QueryType: "signins", JSON: model, TimeRange: tr}
	frames := checkResponse(t, queryData(t, nil, q), q.RefID)
	if len(frames) == 0 || frames[0].Rows() == 0 {
		t.Fatalf("no failure of user %q to take a %s from", vars["user"], field)
	}
	return stringColumn(t, frames[0], field)[0]
}

func panelQueries(t *testing.T, p dashboard.Panel, vars map[string]string, tr backend.TimeRange) ([]backend.DataQuery, []provisioning.Query) {
	t.Helper()
	maxDataPoints := int64(defaultMaxDataPoints)
	if p.MaxDataPoints != nil {
		maxDataPoints = int64(*p.MaxDataPoints)
	}
	interval := tr.To.Sub(tr.From) / time.Duration(maxDataPoints)
	if p.Interval != nil {
		minInterval, err := time.ParseDuration(*p.Interval)
		if err != nil {
			t.Fatalf("panel interval: %v", err)
		}
		interval = max(interval, minInterval)
	}
	var queries []backend.DataQuery
	var targets []provisioning.Query
	for _, tg := range p.Targets {
		if q, ok := tg.(provisioning.Query); !ok || q.Hide {
			continue // another data source's query, or one Grafana does not send
		}
		raw, err := json.Marshal(tg)
		if err != nil {
			t.Fatal(err)
		}
		model := json.RawMessage(substitute(string(raw), vars))
		var q provisioning.Query
		if err := json.Unmarshal(model, &q); err != nil {
			t.Fatalf("query %s: %v", model, err)
		}
		queries = append(queries, backend.DataQuery{RefID: q.RefID, QueryType: string(q.QueryType), JSON: model, TimeRange: tr,
			Interval: interval, MaxDataPoints: maxDataPoints})
		targets = append(targets, q)
	}
	return queries, targets
}

func queryData(t *testing.T, headers map[string]string, queries ...backend.DataQuery) *backend.QueryDataResponse {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := plugin.QueryData(ctx, demorun.Settings(), headers, queries...)
	if err != nil {
		t.Fatalf("QueryData: %v", err)
	}
	return res
}

func checkResponse(t *testing.T, res *backend.QueryDataResponse, refID string) data.Frames {
	t.Helper()
	r, ok := res.Responses[refID]
	if !ok {
		t.Fatalf("no response for query %s", refID)
	}
	if r.Error != nil {
		t.Fatalf("query %s failed: %v", refID, r.Error)
	}
	return r.Frames
}

// checkShape checks what the panels rely on: a timeseries query returns labelled numeric time series, a
// breakdown a column named after its groupBy.
func checkShape(t *testing.T, q provisioning.Query, frames data.Frames) {
	t.Helper()
	switch q.QueryType {
	case query.TypeTimeSeries:
		checkTimeSeries(t, frames, q.GroupBy)
	case query.TypeBreakdown:
		if len(frames) > 0 {
			if f, _ := frames[0].FieldByName(q.GroupBy); f == nil {
				t.Errorf("breakdown by %s has no %s field", q.GroupBy, q.GroupBy)
			}
		}
	}
}

// checkTimeSeries checks the multi-frame time series shape Grafana alerting reads: in each frame a time field
// and a float field whose labels name the series (the group, or the status filter without groupBy).
func checkTimeSeries(t *testing.T, frames data.Frames, groupBy string) {
	t.Helper()
	seen := map[string]bool{}
	for _, f := range frames {
		var hasTime bool
		var value *data.Field
		for _, field := range f.Fields {
			switch field.Type() {
			case data.FieldTypeTime, data.FieldTypeNullableTime:
				hasTime = true
			case data.FieldTypeFloat64, data.FieldTypeNullableFloat64:
				value = field
			}
		}
		if !hasTime || value == nil || len(value.Labels) == 0 {
			t.Errorf("frame %q is not a labelled time series: fields %v", f.Name, fieldNames(f))
			continue
		}
		if groupBy != "" {
			if _, ok := value.Labels[groupBy]; !ok {
				t.Errorf("frame %q: labels %v lack %q", f.Name, value.Labels, groupBy)
			}
		}
		key := value.Labels.String()
		if seen[key] {
			t.Errorf("two series have the labels %s: Grafana alerting needs them unique", key)
		}
		seen[key] = true
	}
}

func fieldNames(f *data.Frame) []string {
	names := make([]string, len(f.Fields))
	for i, field := range f.Fields {
		names[i] = fmt.Sprintf("%s %s", field.Name, field.Type())
	}
	return names
}

// runAlertRule runs the rule's data source queries as Grafana's alert evaluation does (the FromAlert header,
// the rule's relative time range), then over the demo tenant's last 24 hours, where each must return labelled
// series: the demo embeds the incident each rule is for. The reduce and threshold are Grafana's to evaluate.
func runAlertRule(t *testing.T, r alerting.Rule) {
	fromAlert := map[string]string{"FromAlert": "true"}
	now := time.Now()
	for _, aq := range r.Data {
		m, ok := aq.Model.(provisioning.Query)
		if !ok {
			continue // a server-side expression
		}
		model, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		q := backend.DataQuery{RefID: m.RefID, QueryType: string(m.QueryType), JSON: model,
			Interval: time.Duration(m.IntervalMs) * time.Millisecond, MaxDataPoints: m.MaxDataPoints}
		window := time.Duration(*aq.RelativeTimeRange.From) * time.Second
		q.TimeRange = backend.TimeRange{From: now.Add(-window), To: now.Add(-time.Duration(*aq.RelativeTimeRange.To) * time.Second)}
		frames := checkResponse(t, queryData(t, fromAlert, q), q.RefID)
		checkTimeSeries(t, frames, m.GroupBy)
		if len(frames) == 0 {
			t.Logf("query %s: no data in its last %s (noDataState %s)", q.RefID, window, r.NoDataState)
		}

		q.TimeRange = backend.TimeRange{From: now.Add(-24 * time.Hour), To: now}
		frames = checkResponse(t, queryData(t, fromAlert, q), q.RefID)
		if len(frames) == 0 {
			t.Fatalf("query %s returned no series over the demo tenant's last 24 hours", q.RefID)
		}
		checkTimeSeries(t, frames, m.GroupBy)
	}
}
