package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/demo"
	"github.com/sigdiag/signin-diagnostics/pkg/metrics"
)

// The plugin-health dashboard reads the plugin's own metrics from Prometheus: every panel
// queries the dashboard's Prometheus data source, and every metric and label it names is one
// the built plugin serves through the plugin protocol.
func TestPluginHealthDashboard(t *testing.T) {
	file := filepath.Join(provisioningDir(t), "dashboards", "plugin-health", "plugin-health.json")
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("%s is not valid JSON: %v", file, err)
	}
	for _, other := range loadDashboards(t) {
		if other.UID == d.UID {
			t.Errorf("uid %q is also the uid of %s", d.UID, other.file)
		}
	}
	if d.UID == "" || !strings.HasPrefix(d.Title, "Sign-in Diagnostics: ") {
		t.Errorf("uid %q title %q", d.UID, d.Title)
	}
	prom := dataSourceRef{Type: "prometheus", UID: "${prometheus}"}
	var promVar *templateVar
	for i, v := range d.Templating.List {
		if v.Name == "prometheus" {
			promVar = &d.Templating.List[i]
		}
	}
	if promVar == nil || promVar.Type != "datasource" || promVar.Query != "prometheus" || promVar.Current.Value != "prometheus" {
		t.Errorf("want a prometheus data source variable defaulting to uid prometheus, got %+v", promVar)
	}

	// The families the plugin serves after a demo query (histograms by their series' names).
	ds := demo.Settings()
	ds.UID = "signin-demo-health"
	queryFrame(t, ds, signInsQuery("A", `{"status":"all"}`, 3*time.Hour))
	served := map[string]bool{}
	for _, s := range collect(t, plugin).samples {
		served[s.name] = true
	}
	// Only a data source with Redis has a Redis level.
	served[metrics.Namespace+"_redis_shared"] = true

	metricName := regexp.MustCompile(metrics.Namespace + `_[a-z_]+`)
	byLabels := regexp.MustCompile(`by \(([^)]*)\)`)
	labels := []string{metrics.LabelDataSource, metrics.LabelSource, metrics.LabelQueryType, metrics.LabelOutcome, metrics.LabelStatus, "le", "instance"}
	ids := map[int]string{}
	for _, p := range allPanels(d.Panels) {
		if p.ID == 0 || ids[p.ID] != "" {
			t.Errorf("panel %q: id %d is missing or also used by %q", p.Title, p.ID, ids[p.ID])
		}
		ids[p.ID] = p.Title
		if p.Type == "row" {
			continue
		}
		if p.Datasource == nil || *p.Datasource != prom || len(p.Targets) == 0 {
			t.Errorf("panel %q: datasource %+v with %d queries, want %+v", p.Title, p.Datasource, len(p.Targets), prom)
		}
		for _, rawTarget := range p.Targets {
			var tg struct {
				Datasource *dataSourceRef `json:"datasource"`
				Expr       string         `json:"expr"`
			}
			if err := json.Unmarshal(rawTarget, &tg); err != nil {
				t.Fatal(err)
			}
			if tg.Datasource == nil || *tg.Datasource != prom {
				t.Errorf("panel %q: a query's datasource is %+v, want %+v", p.Title, tg.Datasource, prom)
			}
			names := metricName.FindAllString(tg.Expr, -1)
			if len(names) == 0 {
				t.Errorf("panel %q: %q reads none of the plugin's metrics", p.Title, tg.Expr)
			}
			for _, n := range names {
				if !served[n] {
					t.Errorf("panel %q: the plugin serves no %s", p.Title, n)
				}
			}
			for _, m := range byLabels.FindAllStringSubmatch(tg.Expr, -1) {
				for _, l := range strings.Split(m[1], ",") {
					if l = strings.TrimSpace(l); !slices.Contains(labels, l) {
						t.Errorf("panel %q: the plugin's metrics have no label %q", p.Title, l)
					}
				}
			}
		}
	}
}
