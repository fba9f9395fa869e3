package e2e

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/demorun"
	"github.com/sigdiag/signin-diagnostics/pkg/metrics"
	"github.com/sigdiag/signin-diagnostics/pkg/provisioning"
)

// pluginHealthPath is where pkg/provisioning writes the plugin-health dashboard under provisioning/.
const pluginHealthPath = "dashboards/plugin-health/plugin-health.json"

// The plugin-health dashboard reads the plugin's own metrics from Prometheus: every panel
// queries the dashboard's Prometheus data source, and every metric and label it names is one
// the built plugin serves through the plugin protocol. The dashboard is the one pkg/provisioning
// builds, whose test fails while the committed file differs.
func TestPluginHealthDashboard(t *testing.T) {
	all, err := provisioning.Dashboards()
	if err != nil {
		t.Fatal(err)
	}
	d, ok := all[pluginHealthPath]
	if !ok {
		t.Fatalf("pkg/provisioning builds no %s", pluginHealthPath)
	}
	uid, title := deref(d.Uid), deref(d.Title)
	for path, other := range all {
		if path != pluginHealthPath && deref(other.Uid) == uid {
			t.Errorf("uid %q is also the uid of %s", uid, path)
		}
	}
	if uid == "" || !strings.HasPrefix(title, "Sign-in Diagnostics: ") {
		t.Errorf("uid %q title %q", uid, title)
	}
	prom := dataSourceRef{Type: "prometheus", UID: "${prometheus}"}
	var promVar *dashboard.VariableModel
	for i, v := range d.Templating.List {
		if v.Name == "prometheus" {
			promVar = &d.Templating.List[i]
		}
	}
	if promVar == nil || promVar.Type != dashboard.VariableTypeDatasource || promVar.Query == nil || deref(promVar.Query.String) != "prometheus" ||
		promVar.Current == nil || deref(promVar.Current.Value.String) != "prometheus" {
		t.Errorf("want a prometheus data source variable defaulting to uid prometheus, got %+v", promVar)
	}

	// The families the plugin serves after a demo query (histograms by their series' names).
	ds := demorun.Settings()
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
	ids := map[uint32]string{}
	checkID := func(id uint32, name string) {
		if id == 0 || ids[id] != "" {
			t.Errorf("panel %q: id %d is missing or also used by %q", name, id, ids[id])
		}
		ids[id] = name
	}
	for _, p := range d.Panels {
		if p.RowPanel != nil {
			checkID(p.RowPanel.Id, deref(p.RowPanel.Title))
		}
	}
	for _, p := range allPanels(d.Panels) {
		checkID(deref(p.Id), deref(p.Title))
		if ref := refOf(p.Datasource); ref == nil || *ref != prom || len(p.Targets) == 0 {
			t.Errorf("panel %q: datasource %+v with %d queries, want %+v", deref(p.Title), ref, len(p.Targets), prom)
		}
		for _, target := range p.Targets {
			raw, err := json.Marshal(target)
			if err != nil {
				t.Fatal(err)
			}
			var tg struct {
				Datasource *dataSourceRef `json:"datasource"`
				Expr       string         `json:"expr"`
			}
			if err := json.Unmarshal(raw, &tg); err != nil {
				t.Fatal(err)
			}
			if tg.Datasource == nil || *tg.Datasource != prom {
				t.Errorf("panel %q: a query's datasource is %+v, want %+v", deref(p.Title), tg.Datasource, prom)
			}
			names := metricName.FindAllString(tg.Expr, -1)
			if len(names) == 0 {
				t.Errorf("panel %q: %q reads none of the plugin's metrics", deref(p.Title), tg.Expr)
			}
			for _, n := range names {
				if !served[n] {
					t.Errorf("panel %q: the plugin serves no %s", deref(p.Title), n)
				}
			}
			for _, m := range byLabels.FindAllStringSubmatch(tg.Expr, -1) {
				for _, l := range strings.Split(m[1], ",") {
					if l = strings.TrimSpace(l); !slices.Contains(labels, l) {
						t.Errorf("panel %q: the plugin's metrics have no label %q", deref(p.Title), l)
					}
				}
			}
		}
	}
}

// dataSourceRef is a data source reference as the dashboard's JSON holds it.
type dataSourceRef struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

func refOf(r *common.DataSourceRef) *dataSourceRef {
	if r == nil {
		return nil
	}
	return &dataSourceRef{Type: deref(r.Type), UID: deref(r.Uid)}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
