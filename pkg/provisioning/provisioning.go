// Package provisioning builds the files of provisioning/ that Grafana reads at startup: the dashboards and
// the alert rules, written with Grafana's foundation SDK, whose builders are generated from Grafana's own
// schemas, so panels, queries and alert expressions are type-checked as Go instead of hand-edited as JSON.
// Each dashboard is one file of this package that registers itself with addDashboard; panels.go holds the
// panel kinds they share, alerts.go the alert rules. The SDK builds alert rules in the shape of Grafana's
// alerting API; alerts.go wraps them in the file-provisioning shape (apiVersion 1, groups with their folder),
// which the SDK has no type for.
//
// Regenerate with `go tool mage provision`; a test fails while the committed files differ from what this
// package builds.
package provisioning

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/table"

	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// Folder is the Grafana folder of the dashboards and the alert rules (dashboards.yaml names it too).
const Folder = "Sign-in Diagnostics"

// demoUID is the demo data source of provisioning/datasources: the dashboards' default and the alert rules'
// data source.
const demoUID = "signin-demo"

// dashboards are the dashboards by their path under provisioning/.
var dashboards = map[string]func() *dashboard.DashboardBuilder{}

// addDashboard registers a dashboard; path is relative to provisioning/ and must sit in the folder a
// provider of dashboards/*.yaml reads (the provider files are written by hand).
func addDashboard(path string, build func() *dashboard.DashboardBuilder) bool {
	if dashboards[path] != nil {
		panic("two dashboards at " + path)
	}
	dashboards[path] = build
	return true
}

// newDashboard starts a dashboard as they all start: the last 24 hours, a shared crosshair, the data source
// variable, Grafana's built-in annotations, and a menu of the folder's other dashboards.
func newDashboard(uid, title, description string) *dashboard.DashboardBuilder {
	return dashboard.NewDashboardBuilder(title).Uid(uid).Description(description).
		Tags([]string{"sign-in-diagnostics", "entra-id"}).Editable().Tooltip(dashboard.DashboardCursorSyncCrosshair).
		Time("now-24h", "now").Timepicker(dashboard.NewTimePickerBuilder()).Version(1).
		WithVariable(dashboard.NewDatasourceVariableBuilder("datasource").Label("Data source").
			Hide(dashboard.VariableHideDontHide).Type(settings.PluginID).
			Description("The Sign-in Diagnostics data source to read: the demo tenant or one of your tenants.").
			Current(dashboard.VariableOption{Selected: ptr(false), Text: text("Sign-in Diagnostics (demo)"), Value: text(demoUID)})).
		Annotation(builtInAnnotations()).
		Link(dashboard.NewDashboardLinkBuilder("Sign-in Diagnostics").Type("dashboards").Icon("external link").
			Tags([]string{"sign-in-diagnostics"}).IncludeVars(true).KeepTime(true))
}

// builtInAnnotations are Grafana's own annotations and alerts, hidden from the dashboard's controls.
func builtInAnnotations() *dashboard.AnnotationQueryBuilder {
	return dashboard.NewAnnotationQueryBuilder().Name("Annotations & Alerts").BuiltIn(1).Type("dashboard").
		Datasource(common.DataSourceRef{Type: ptr("grafana"), Uid: ptr("-- Grafana --")}).Hide(true).
		IconColor("rgba(0, 211, 255, 1)")
}

// byName overrides the field of that name: most overrides of the dashboards name a table column and set its
// width.
func byName(field string, props ...dashboard.DynamicConfigValue) cog.Builder[dashboard.DashboardFieldConfigSourceOverrides] {
	return dashboard.NewDashboardFieldConfigSourceOverridesBuilder().
		Matcher(dashboard.MatcherConfig{Id: "byName", Options: field}).Properties(props)
}

// column names a table column and sets its width, after any other property.
func column(field, title string, width int, props ...dashboard.DynamicConfigValue) cog.Builder[dashboard.DashboardFieldConfigSourceOverrides] {
	props = append(append([]dashboard.DynamicConfigValue{prop("displayName", title)}, props...), prop("custom.width", width))
	return byName(field, props...)
}

func fixedColor(color string) dashboard.DynamicConfigValue {
	return prop("color", map[string]any{"mode": "fixed", "fixedColor": color})
}

// severityColors colours a finding's severity, from dark red for critical to green for info.
var severityColors = []any{map[string]any{"type": "value", "options": map[string]any{
	"critical": map[string]any{"color": "dark-red", "index": 0}, "high": map[string]any{"color": "red", "index": 1},
	"medium": map[string]any{"color": "orange", "index": 2}, "low": map[string]any{"color": "blue", "index": 3},
	"info": map[string]any{"color": "green", "index": 4},
}}}

// newTable is a table as most of the dashboards' are: it reads the data source variable, and its columns are
// plain text that can be filtered and inspected.
func newTable() *table.PanelBuilder {
	return table.NewPanelBuilder().Datasource(dataSource).
		Thresholds(dashboard.NewThresholdsConfigBuilder().Mode("absolute").Steps([]dashboard.Threshold{{Color: "text"}})).
		ColorScheme(dashboard.NewFieldColorBuilder().Mode("thresholds")).
		CellHeight("sm").Align("auto").CellOptions(autoCells).Inspect(true).Filterable(true)
}

var autoCells = common.TableAutoCellOptionsOrTableSparklineCellOptionsOrTableBarGaugeCellOptionsOrTableColoredBackgroundCellOptionsOrTableColorTextCellOptionsOrTableImageCellOptionsOrTableDataLinksCellOptionsOrTableActionsCellOptionsOrTableJsonViewCellOptions{
	TableAutoCellOptions: &common.TableAutoCellOptions{Type: "auto"},
}

func overrides(o ...cog.Builder[dashboard.DashboardFieldConfigSourceOverrides]) []cog.Builder[dashboard.DashboardFieldConfigSourceOverrides] {
	return o
}

func prop(id string, value any) dashboard.DynamicConfigValue {
	return dashboard.DynamicConfigValue{Id: id, Value: value}
}

// textbox is a variable the viewer types in, starting at value.
func textbox(name, label, value, description string) *dashboard.TextBoxVariableBuilder {
	return dashboard.NewTextBoxVariableBuilder(name).Label(label).Hide(dashboard.VariableHideDontHide).Description(description).
		DefaultValue(dashboard.StringOrMap{String: &value}).
		Current(dashboard.VariableOption{Selected: ptr(false), Text: text(value), Value: text(value)}).
		Options([]dashboard.VariableOption{{Selected: ptr(true), Text: text(value), Value: text(value)}})
}

func text(s string) dashboard.StringOrArrayOfString {
	return dashboard.StringOrArrayOfString{String: &s}
}

// Dashboards builds every dashboard, by its path under provisioning/.
func Dashboards() (map[string]dashboard.Dashboard, error) {
	out := make(map[string]dashboard.Dashboard, len(dashboards))
	for _, path := range slices.Sorted(maps.Keys(dashboards)) {
		d, err := dashboards[path]().Build()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out[path] = d
	}
	return out, nil
}

// Files are the generated files by their path under provisioning/, as they are committed.
func Files() (map[string][]byte, error) {
	ds, err := Dashboards()
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(ds)+1)
	for path, d := range ds {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // keep the descriptions' & and < > readable
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		files[path] = buf.Bytes()
	}
	files[alertsPath], err = alertFile()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", alertsPath, err)
	}
	return files, nil
}

// Write writes the generated files under dir (the repository's provisioning/).
func Write(dir string) error {
	files, err := Files()
	if err != nil {
		return err
	}
	for path, content := range files {
		file := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
