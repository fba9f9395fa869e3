package e2e

// The provisioned dashboards and alert rules (provisioning/) are part of the product: Grafana refuses to start
// provisioning when one alert rule is malformed, and a dashboard whose query the plugin rejects shows an error
// panel. TestProvisioningFiles checks their structure; TestProvisioningQueries runs every query they hold
// through the built plugin, as Grafana would, against the demo tenant.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"go.yaml.in/yaml/v3"

	"github.com/sigdiag/signin-diagnostics/pkg/demo"
	"github.com/sigdiag/signin-diagnostics/pkg/harness"
)

// grafanaProvisioning is where docker-compose.yaml mounts ./provisioning in the Grafana container.
const grafanaProvisioning = "/etc/grafana/provisioning"

// exprUID is the data source UID of Grafana's server-side expressions in alert rules.
const exprUID = "__expr__"

// dashboardFolder is the Grafana folder of the dashboards and the alert rules.
const dashboardFolder = "Sign-in Diagnostics"

// defaultMaxDataPoints stands in for a panel's width in pixels, which Grafana sends as maxDataPoints.
const defaultMaxDataPoints = 1000

type dashboard struct {
	file       string
	UID        string `json:"uid"`
	Title      string `json:"title"`
	Time       struct{ From, To string }
	Templating struct {
		List []templateVar `json:"list"`
	} `json:"templating"`
	Panels []panel `json:"panels"`
	raw    string
}

type templateVar struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Query   any    `json:"query"`
	Current struct {
		Value any `json:"value"`
	} `json:"current"`
}

type panel struct {
	ID            int               `json:"id"`
	Type          string            `json:"type"`
	Title         string            `json:"title"`
	Datasource    *dataSourceRef    `json:"datasource"`
	Targets       []json.RawMessage `json:"targets"`
	Panels        []panel           `json:"panels"` // a collapsed row's panels
	Interval      string            `json:"interval"`
	MaxDataPoints int64             `json:"maxDataPoints"`
}

type dataSourceRef struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

type target struct {
	RefID      string         `json:"refId"`
	QueryType  string         `json:"queryType"`
	Hide       bool           `json:"hide"`
	Datasource *dataSourceRef `json:"datasource"`
	GroupBy    string         `json:"groupBy"`
}

// The alert rule file, as Grafana's file provisioning reads it (pkg/services/provisioning/alerting, AlertRuleGroupV1).
type alertFile struct {
	APIVersion int          `yaml:"apiVersion"`
	Groups     []alertGroup `yaml:"groups"`
}

type alertGroup struct {
	OrgID    int64       `yaml:"orgId"`
	Name     string      `yaml:"name"`
	Folder   string      `yaml:"folder"`
	Interval string      `yaml:"interval"`
	Rules    []alertRule `yaml:"rules"`
}

type alertRule struct {
	UID          string            `yaml:"uid"`
	Title        string            `yaml:"title"`
	Condition    string            `yaml:"condition"`
	Data         []alertQuery      `yaml:"data"`
	NoDataState  string            `yaml:"noDataState"`
	ExecErrState string            `yaml:"execErrState"`
	For          string            `yaml:"for"`
	IsPaused     bool              `yaml:"isPaused"`
	Annotations  map[string]string `yaml:"annotations"`
	Labels       map[string]string `yaml:"labels"`
}

type alertQuery struct {
	RefID             string `yaml:"refId"`
	QueryType         string `yaml:"queryType"`
	RelativeTimeRange struct {
		From int64 `yaml:"from"`
		To   int64 `yaml:"to"`
	} `yaml:"relativeTimeRange"`
	DatasourceUID string         `yaml:"datasourceUid"`
	Model         map[string]any `yaml:"model"`
}

func provisioningDir(t *testing.T) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, "provisioning")
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true) // a misspelt key is silently ignored by Grafana: catch it here
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// dashboardDir reads the dashboard provider and returns the local folder it points to.
func dashboardDir(t *testing.T, dir string) string {
	t.Helper()
	var cfg struct {
		APIVersion int `yaml:"apiVersion"`
		Providers  []struct {
			Name                  string `yaml:"name"`
			OrgID                 int64  `yaml:"orgId"`
			Folder                string `yaml:"folder"`
			FolderUID             string `yaml:"folderUid"`
			Type                  string `yaml:"type"`
			DisableDeletion       bool   `yaml:"disableDeletion"`
			AllowUIUpdates        bool   `yaml:"allowUiUpdates"`
			UpdateIntervalSeconds int    `yaml:"updateIntervalSeconds"`
			Options               struct {
				Path                      string `yaml:"path"`
				FoldersFromFilesStructure bool   `yaml:"foldersFromFilesStructure"`
			} `yaml:"options"`
		} `yaml:"providers"`
	}
	readYAML(t, filepath.Join(dir, "dashboards", "dashboards.yaml"), &cfg)
	if cfg.APIVersion != 1 || len(cfg.Providers) != 1 {
		t.Fatalf("dashboards.yaml: apiVersion %d with %d providers, want 1 and 1", cfg.APIVersion, len(cfg.Providers))
	}
	p := cfg.Providers[0]
	if p.Type != "file" || p.Folder != dashboardFolder {
		t.Errorf("provider type %q folder %q, want file and %s", p.Type, p.Folder, dashboardFolder)
	}
	if p.FolderUID != "" {
		// Grafana provisions alert rules first, creating their folder by title; a folderUid would make the
		// dashboards a second folder of the same title instead of finding that one.
		t.Errorf("provider folderUid %q: leave it out so the dashboards share the alert rules' folder", p.FolderUID)
	}
	rel, ok := strings.CutPrefix(p.Options.Path, grafanaProvisioning+"/")
	if !ok {
		t.Fatalf("provider path %q is not under %s, where docker-compose mounts ./provisioning", p.Options.Path, grafanaProvisioning)
	}
	return filepath.Join(dir, filepath.FromSlash(rel))
}

func loadDashboards(t *testing.T) []dashboard {
	t.Helper()
	dir := dashboardDir(t, provisioningDir(t))
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no dashboards in %s (%v)", dir, err)
	}
	out := make([]dashboard, 0, len(files))
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		d := dashboard{file: filepath.Base(file), raw: string(raw)}
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatalf("%s is not valid JSON: %v", d.file, err)
		}
		out = append(out, d)
	}
	return out
}

func loadAlertRules(t *testing.T) []alertGroup {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(provisioningDir(t), "alerting", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no alert rule files (%v)", err)
	}
	var groups []alertGroup
	for _, file := range files {
		var f alertFile
		readYAML(t, file, &f)
		if f.APIVersion != 1 {
			t.Errorf("%s: apiVersion %d, want 1", filepath.Base(file), f.APIVersion)
		}
		groups = append(groups, f.Groups...)
	}
	return groups
}

// provisionedDataSources are the UIDs of the data sources in provisioning/datasources.
func provisionedDataSources(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(provisioningDir(t), "datasources", "*.yaml"))
	var uids []string
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Datasources []struct {
				UID string `yaml:"uid"`
			} `yaml:"datasources"`
		}
		if err := yaml.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, ds := range f.Datasources {
			uids = append(uids, ds.UID)
		}
	}
	return uids
}

// allPanels flattens rows: a collapsed row keeps its panels inside it.
func allPanels(ps []panel) []panel {
	var out []panel
	for _, p := range ps {
		out = append(out, p)
		out = append(out, allPanels(p.Panels)...)
	}
	return out
}

var dashboardLink = regexp.MustCompile(`/d/([A-Za-z0-9_-]+)`)

func TestProvisioningFiles(t *testing.T) {
	dashboards := loadDashboards(t)
	uids := map[string]string{}
	for _, d := range dashboards {
		if d.UID == "" || uids[d.UID] != "" {
			t.Errorf("%s: uid %q is empty or also used by %s", d.file, d.UID, uids[d.UID])
		}
		uids[d.UID] = d.file
	}
	for _, d := range dashboards {
		t.Run(d.Title, func(t *testing.T) { checkDashboard(t, d, uids) })
	}
	dataSources := provisionedDataSources(t)
	seen := map[string]bool{}
	for _, g := range loadAlertRules(t) {
		if g.Name == "" || g.Folder != dashboardFolder {
			t.Errorf("group %q in folder %q: want a name and the dashboards' folder %q", g.Name, g.Folder, dashboardFolder)
		}
		if _, err := parseGrafanaDuration(g.Interval); err != nil {
			t.Errorf("group %q: interval: %v", g.Name, err)
		}
		for _, r := range g.Rules {
			if r.UID == "" || seen[r.UID] {
				t.Errorf("rule %q: uid %q is empty or not unique", r.Title, r.UID)
			}
			seen[r.UID] = true
			t.Run("alert "+r.Title, func(t *testing.T) { checkAlertRule(t, r, dataSources) })
		}
	}
}

func checkDashboard(t *testing.T, d dashboard, uids map[string]string) {
	want := dataSourceRef{Type: harness.PluginID, UID: "${datasource}"}
	var dsVar *templateVar
	for i, v := range d.Templating.List {
		if v.Name == "datasource" {
			dsVar = &d.Templating.List[i]
		}
	}
	if dsVar == nil || dsVar.Type != "datasource" || dsVar.Query != harness.PluginID || dsVar.Current.Value != demo.Settings().UID {
		t.Errorf("want a datasource variable of type %s defaulting to %s, got %+v", harness.PluginID, demo.Settings().UID, dsVar)
	}
	if _, err := relativeRange(d.Time.From); err != nil || d.Time.To != "now" {
		t.Errorf("time range %s to %s: %v", d.Time.From, d.Time.To, err)
	}
	ids := map[int]string{}
	for _, p := range allPanels(d.Panels) {
		if p.ID == 0 || ids[p.ID] != "" {
			t.Errorf("panel %q: id %d is missing or also used by %q", p.Title, p.ID, ids[p.ID])
		}
		ids[p.ID] = p.Title
		if p.Type == "row" {
			continue
		}
		if p.Datasource == nil || *p.Datasource != want {
			t.Errorf("panel %q: datasource %+v, want %+v", p.Title, p.Datasource, want)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, raw := range p.Targets {
			var tg target
			if err := json.Unmarshal(raw, &tg); err != nil {
				t.Fatalf("panel %q: %v", p.Title, err)
			}
			if tg.Datasource == nil || *tg.Datasource != want || tg.QueryType == "" {
				t.Errorf("panel %q: query %s lacks the data source variable or a queryType", p.Title, raw)
			}
		}
	}
	for _, m := range dashboardLink.FindAllStringSubmatch(d.raw, -1) {
		if uids[m[1]] == "" {
			t.Errorf("a link goes to dashboard %q, which is not provisioned", m[1])
		}
	}
}

var (
	noDataStates  = []string{"NoData", "Alerting", "OK", "KeepLast"}
	execErrStates = []string{"Error", "Alerting", "OK", "KeepLast"}
)

func checkAlertRule(t *testing.T, r alertRule, dataSources []string) {
	if r.Title == "" || strings.Contains(r.Title, "$") {
		t.Errorf("title %q: required, and Grafana would expand a $ in it as an environment variable", r.Title)
	}
	for k, v := range r.Labels {
		if strings.Contains(k+v, "$") {
			t.Errorf("label %s=%q: Grafana expands $ in labels as an environment variable", k, v)
		}
	}
	if r.Annotations["summary"] == "" || r.Annotations["description"] == "" {
		t.Error("the summary and description annotations are required")
	}
	if !slices.Contains(noDataStates, r.NoDataState) || !slices.Contains(execErrStates, r.ExecErrState) {
		t.Errorf("noDataState %q, execErrState %q", r.NoDataState, r.ExecErrState)
	}
	if _, err := parseGrafanaDuration(r.For); err != nil {
		t.Errorf("for: %v", err)
	}
	refs := map[string]bool{}
	for _, q := range r.Data {
		if q.RefID == "" || refs[q.RefID] {
			t.Errorf("refId %q is empty or repeated", q.RefID)
		}
		refs[q.RefID] = true
		if q.Model["refId"] != q.RefID {
			t.Errorf("refId %s: the model's refId is %v", q.RefID, q.Model["refId"])
		}
		if q.DatasourceUID == exprUID {
			if input, _ := q.Model["expression"].(string); !refs[input] {
				t.Errorf("expression %s reads %q, which is not an earlier query", q.RefID, input)
			}
			continue
		}
		if !slices.Contains(dataSources, q.DatasourceUID) {
			t.Errorf("query %s: data source %q is not provisioned (%v)", q.RefID, q.DatasourceUID, dataSources)
		}
		if q.RelativeTimeRange.From <= q.RelativeTimeRange.To {
			t.Errorf("query %s: relativeTimeRange %+v is empty", q.RefID, q.RelativeTimeRange)
		}
	}
	if !refs[r.Condition] {
		t.Errorf("condition %q is not one of the refIds", r.Condition)
	}
}

func TestProvisioningQueries(t *testing.T) {
	for _, d := range loadDashboards(t) {
		t.Run(d.Title, func(t *testing.T) { runDashboard(t, d) })
	}
	for _, g := range loadAlertRules(t) {
		for _, r := range g.Rules {
			t.Run("alert "+r.Title, func(t *testing.T) { runAlertRule(t, r) })
		}
	}
}

func runDashboard(t *testing.T, d dashboard) {
	span, err := relativeRange(d.Time.From)
	if err != nil {
		t.Fatal(err)
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
		if p.Type == "row" {
			continue
		}
		t.Run(substitute(p.Title, vars), func(t *testing.T) {
			queries, targets := panelQueries(t, p, vars, tr)
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

// variableDefaults are the values the dashboard's variables have when it opens.
func variableDefaults(d dashboard) map[string]string {
	vars := map[string]string{}
	for _, v := range d.Templating.List {
		switch {
		case v.Type == "datasource":
			vars[v.Name] = demo.Settings().UID
		case v.Type == "textbox" || v.Type == "constant":
			vars[v.Name] = fmt.Sprint(v.Query)
		default:
			vars[v.Name] = fmt.Sprint(v.Current.Value)
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

func panelQueries(t *testing.T, p panel, vars map[string]string, tr backend.TimeRange) ([]backend.DataQuery, []target) {
	t.Helper()
	maxDataPoints := p.MaxDataPoints
	if maxDataPoints == 0 {
		maxDataPoints = defaultMaxDataPoints
	}
	interval := tr.To.Sub(tr.From) / time.Duration(maxDataPoints)
	if p.Interval != "" {
		minInterval, err := parseGrafanaDuration(p.Interval)
		if err != nil {
			t.Fatalf("panel interval: %v", err)
		}
		interval = max(interval, minInterval)
	}
	var queries []backend.DataQuery
	var targets []target
	for _, raw := range p.Targets {
		model := json.RawMessage(substitute(string(raw), vars))
		var tg target
		if err := json.Unmarshal(model, &tg); err != nil {
			t.Fatalf("query %s: %v", model, err)
		}
		if tg.Hide {
			continue
		}
		if tg.RefID == "" {
			tg.RefID = "A"
		}
		queries = append(queries, backend.DataQuery{RefID: tg.RefID, QueryType: tg.QueryType, JSON: model, TimeRange: tr,
			Interval: interval, MaxDataPoints: maxDataPoints})
		targets = append(targets, tg)
	}
	return queries, targets
}

func queryData(t *testing.T, headers map[string]string, queries ...backend.DataQuery) *backend.QueryDataResponse {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := plugin.QueryData(ctx, demo.Settings(), headers, queries...)
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
func checkShape(t *testing.T, tg target, frames data.Frames) {
	t.Helper()
	switch tg.QueryType {
	case "timeseries":
		checkTimeSeries(t, frames, tg.GroupBy)
	case "breakdown":
		if len(frames) > 0 {
			if f, _ := frames[0].FieldByName(tg.GroupBy); f == nil {
				t.Errorf("breakdown by %s has no %s field", tg.GroupBy, tg.GroupBy)
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
// the rule's relative time range), then over the demo tenant's last 24 hours, where the rule's reduce and
// threshold must fire at least once: the demo embeds the incident each rule is for.
func runAlertRule(t *testing.T, r alertRule) {
	fromAlert := map[string]string{"FromAlert": "true"}
	now := time.Now()
	for _, aq := range r.Data {
		if aq.DatasourceUID == exprUID {
			continue
		}
		q := alertDataQuery(t, aq)
		q.TimeRange = backend.TimeRange{From: now.Add(-time.Duration(aq.RelativeTimeRange.From) * time.Second),
			To: now.Add(-time.Duration(aq.RelativeTimeRange.To) * time.Second)}
		frames := checkResponse(t, queryData(t, fromAlert, q), q.RefID)
		checkTimeSeries(t, frames, groupByOf(aq))
		if len(frames) == 0 {
			t.Logf("query %s: no data in its last %ds (noDataState %s)", q.RefID, aq.RelativeTimeRange.From, r.NoDataState)
		}

		q.TimeRange = backend.TimeRange{From: now.Add(-24 * time.Hour), To: now}
		frames = checkResponse(t, queryData(t, fromAlert, q), q.RefID)
		if len(frames) == 0 {
			t.Fatalf("query %s returned no series over the demo tenant's last 24 hours", q.RefID)
		}
		checkTimeSeries(t, frames, groupByOf(aq))
		checkFires(t, r, aq, frames)
	}
}

func groupByOf(aq alertQuery) string {
	g, _ := aq.Model["groupBy"].(string)
	return g
}

func alertDataQuery(t *testing.T, aq alertQuery) backend.DataQuery {
	t.Helper()
	model, err := json.Marshal(aq.Model)
	if err != nil {
		t.Fatal(err)
	}
	queryType := aq.QueryType
	if queryType == "" {
		queryType, _ = aq.Model["queryType"].(string)
	}
	// Grafana's defaults for alert queries when the model does not say.
	interval, maxDataPoints := time.Second, int64(43200)
	if ms, ok := aq.Model["intervalMs"].(int); ok {
		interval = time.Duration(ms) * time.Millisecond
	}
	if n, ok := aq.Model["maxDataPoints"].(int); ok {
		maxDataPoints = int64(n)
	}
	return backend.DataQuery{RefID: aq.RefID, QueryType: queryType, JSON: model, Interval: interval, MaxDataPoints: maxDataPoints}
}

// checkFires evaluates the rule's reduce and threshold expressions on every window of the rule's time range
// within the 24-hour series, and requires at least one window to meet the condition.
func checkFires(t *testing.T, r alertRule, aq alertQuery, frames data.Frames) {
	t.Helper()
	reduce, threshold := expressionOn(r, aq.RefID, "reduce"), alertQuery{}
	if reduce.RefID != "" {
		threshold = expressionOn(r, reduce.RefID, "threshold")
	}
	if threshold.RefID != r.Condition {
		t.Logf("the condition is not a threshold on a reduce of %s: not evaluated", aq.RefID)
		return
	}
	reducer, _ := reduce.Model["reducer"].(string)
	cmp, limit := thresholdOf(t, threshold)
	window := time.Duration(aq.RelativeTimeRange.From-aq.RelativeTimeRange.To) * time.Second
	best := 0.0
	for _, f := range frames {
		times, values := series(f)
		for end := range times {
			var in []float64
			for i := end; i >= 0 && times[end].Sub(times[i]) < window; i-- {
				in = append(in, values[i])
			}
			v := reduceValues(t, reducer, in)
			best = max(best, v)
			if cmp(v, limit) {
				return
			}
		}
	}
	t.Errorf("the condition (%s of %s, then %s) never holds in the demo tenant's last 24 hours: the highest %s is %v",
		reducer, aq.RefID, threshold.Model["conditions"], reducer, best)
}

func expressionOn(r alertRule, input, kind string) alertQuery {
	for _, q := range r.Data {
		if q.DatasourceUID == exprUID && q.Model["type"] == kind && q.Model["expression"] == input {
			return q
		}
	}
	return alertQuery{}
}

func thresholdOf(t *testing.T, q alertQuery) (func(v, limit float64) bool, float64) {
	t.Helper()
	conditions, _ := q.Model["conditions"].([]any)
	if len(conditions) != 1 {
		t.Fatalf("threshold %s: Grafana needs exactly one condition, got %v", q.RefID, q.Model["conditions"])
	}
	evaluator, _ := conditions[0].(map[string]any)["evaluator"].(map[string]any)
	params, _ := evaluator["params"].([]any)
	if len(params) != 1 {
		t.Fatalf("threshold %s: want one parameter, got %v", q.RefID, evaluator)
	}
	limit, err := strconv.ParseFloat(fmt.Sprint(params[0]), 64)
	if err != nil {
		t.Fatal(err)
	}
	switch evaluator["type"] {
	case "gt":
		return func(v, l float64) bool { return v > l }, limit
	case "lt":
		return func(v, l float64) bool { return v < l }, limit
	}
	t.Fatalf("threshold %s: evaluator %v not simulated", q.RefID, evaluator["type"])
	return nil, 0
}

func series(f *data.Frame) ([]time.Time, []float64) {
	var times []time.Time
	var values []float64
	for _, field := range f.Fields {
		for i := range field.Len() {
			switch v := field.At(i).(type) {
			case time.Time:
				times = append(times, v)
			case float64:
				values = append(values, v)
			case *float64:
				values = append(values, ptrValue(v))
			}
		}
	}
	return times, values
}

func ptrValue(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

func reduceValues(t *testing.T, reducer string, vs []float64) float64 {
	t.Helper()
	if len(vs) == 0 {
		return 0
	}
	switch reducer {
	case "sum", "mean":
		s := 0.0
		for _, v := range vs {
			s += v
		}
		if reducer == "mean" {
			s /= float64(len(vs))
		}
		return s
	case "max":
		return slices.Max(vs)
	case "min":
		return slices.Min(vs)
	case "last":
		return vs[0] // the window is collected newest first
	case "count":
		return float64(len(vs))
	}
	t.Fatalf("reducer %q not simulated", reducer)
	return 0
}

var relativeTime = regexp.MustCompile(`^now-(\d+[smhdwy])$`)

// relativeRange reads a dashboard's "now-24h".
func relativeRange(from string) (time.Duration, error) {
	m := relativeTime.FindStringSubmatch(from)
	if m == nil {
		return 0, fmt.Errorf("time range start %q is not now-<duration>", from)
	}
	return parseGrafanaDuration(m[1])
}

// parseGrafanaDuration reads Grafana's durations: Go's units plus d, w and y.
func parseGrafanaDuration(s string) (time.Duration, error) {
	units := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour, 'y': 365 * 24 * time.Hour}
	if n, err := strconv.Atoi(strings.TrimRight(s, "dwy")); err == nil && len(s) > 0 && units[s[len(s)-1]] != 0 {
		return time.Duration(n) * units[s[len(s)-1]], nil
	}
	return time.ParseDuration(s)
}
