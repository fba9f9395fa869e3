package provisioning

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/grafana/grafana-foundation-sdk/go/expr"
	"go.yaml.in/yaml/v3"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

const root = "../../provisioning"

// TestCommittedFilesAreGenerated fails while provisioning/ holds something other than what this package
// builds: a file edited by hand, or a change here not yet written out.
func TestCommittedFilesAreGenerated(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("provisioning/%s is out of date: run `go tool mage provision` and commit the result", name)
		}
	}
	committed, _ := filepath.Glob(filepath.Join(root, "dashboards", "*", "*.json"))
	for _, file := range committed {
		name, _ := filepath.Rel(root, file)
		if files[filepath.ToSlash(name)] == nil {
			t.Errorf("provisioning/%s is built by no file of pkg/provisioning", filepath.ToSlash(name))
		}
	}
}

// TestDashboardProvider checks that the provider files (dashboards.yaml, plugin-health.yaml: written by hand,
// not generated) read the dashboards from where they are written and put them in the alert rules' folder.
func TestDashboardProvider(t *testing.T) {
	providers, _ := filepath.Glob(filepath.Join(root, "dashboards", "*.yaml"))
	if len(providers) == 0 {
		t.Fatal("no provider file in provisioning/dashboards")
	}
	dirs := map[string]bool{}
	for _, file := range providers {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var cfg struct {
			Providers []struct {
				Folder    string `yaml:"folder"`
				FolderUID string `yaml:"folderUid"`
				Options   struct{ Path string }
			}
		}
		if err := yaml.Unmarshal(raw, &cfg); err != nil {
			t.Fatalf("%s: %v", filepath.Base(file), err)
		}
		for _, p := range cfg.Providers {
			// Grafana provisions alert rules first, creating their folder by title; a folderUid would make the
			// dashboards a second folder of the same title instead of finding that one.
			if p.Folder != Folder || p.FolderUID != "" {
				t.Errorf("%s: provider folder %q folderUid %q: want %q and no folderUid", filepath.Base(file), p.Folder, p.FolderUID, Folder)
			}
			// docker-compose.yaml mounts ./provisioning there.
			dirs[strings.TrimPrefix(p.Options.Path, "/etc/grafana/provisioning/")] = true
		}
	}
	for name := range dashboards {
		if !dirs[path.Dir(name)] {
			t.Errorf("no provider of provisioning/dashboards/*.yaml reads %s", name)
		}
	}
}

var dashboardLink = regexp.MustCompile(`/d/([A-Za-z0-9_-]+)`)

// TestReferences checks what Grafana's schema cannot: that uids and panel ids are unique, that the plugin's
// queries read the dashboard's data source variable, and that links and runbooks go to a provisioned dashboard.
func TestReferences(t *testing.T) {
	ds, err := Dashboards()
	if err != nil {
		t.Fatal(err)
	}
	uids := map[string]bool{}
	for _, d := range ds {
		if uids[*d.Uid] {
			t.Errorf("two dashboards have the uid %s", *d.Uid)
		}
		uids[*d.Uid] = true
	}
	for name, d := range ds {
		raw, _ := json.Marshal(d)
		for _, m := range dashboardLink.FindAllStringSubmatch(string(raw), -1) {
			if !uids[m[1]] {
				t.Errorf("%s links to dashboard %q, which is not provisioned", name, m[1])
			}
		}
		ids := map[uint32]bool{}
		for _, p := range d.Panels {
			var id uint32
			if p.Panel != nil {
				id = *p.Panel.Id
			} else {
				id = p.RowPanel.Id
			}
			if ids[id] {
				t.Errorf("%s: two panels have the id %d", name, id)
			}
			ids[id] = true
			if p.Panel == nil {
				continue
			}
			// A query of this plugin reads the data source the viewer picks, as does its panel.
			for _, tg := range p.Panel.Targets {
				if q, ok := tg.(Query); ok && (!reflect.DeepEqual(q.Datasource, &dataSource) || !reflect.DeepEqual(p.Panel.Datasource, &dataSource)) {
					t.Errorf("%s: panel %q: query %s does not read the data source variable", name, *p.Panel.Title, q.RefID)
				}
			}
		}
	}
	groups, err := AlertGroups()
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, g := range groups {
		for _, r := range g.Rules {
			if rules[*r.Uid] {
				t.Errorf("two alert rules have the uid %s", *r.Uid)
			}
			rules[*r.Uid] = true
			// Grafana expands environment variables ($NAME) in titles and labels of a provisioned rule.
			for _, s := range append([]string{r.Title}, labelText(r.Labels)...) {
				if strings.Contains(s, "$") {
					t.Errorf("rule %s: %q holds a $", *r.Uid, s)
				}
			}
			if r.Annotations["summary"] == "" || r.Annotations["description"] == "" {
				t.Errorf("rule %s: the summary and description annotations are required", *r.Uid)
			}
			for _, m := range dashboardLink.FindAllStringSubmatch(r.Annotations["runbook_url"], -1) {
				if !uids[m[1]] {
					t.Errorf("rule %s: the runbook is dashboard %q, which is not provisioned", *r.Uid, m[1])
				}
			}
			refs := map[string]bool{}
			for _, q := range r.Data {
				input := ""
				if e, ok := q.Model.(expr.Expr); ok && e.TypeReduce != nil {
					input = e.TypeReduce.Expression
				} else if ok && e.TypeThreshold != nil {
					input = e.TypeThreshold.Expression
				}
				if input != "" && !refs[input] {
					t.Errorf("rule %s: expression %s reads %s, which is not an earlier query", *r.Uid, *q.RefId, input)
				}
				refs[*q.RefId] = true
			}
			if !refs[r.Condition] {
				t.Errorf("rule %s: the condition %s is not one of its queries", *r.Uid, r.Condition)
			}
		}
	}
}

func labelText(labels map[string]string) []string {
	var out []string
	for k, v := range labels {
		out = append(out, k, v)
	}
	return out
}

// TestQueryValidate: a query the plugin would reject fails the build; a template variable is not checked.
func TestQueryValidate(t *testing.T) {
	for _, q := range []Query{{}, {QueryType: "bogus"}, {QueryType: query.TypeSignIns, Status: "nope"},
		{QueryType: query.TypeExplain, CorrelationID: "not-a-guid"}} {
		if _, err := q.Build(); err == nil {
			t.Errorf("%+v builds", q)
		}
	}
	if _, err := (Query{QueryType: query.TypeExplain, CorrelationID: "${correlationId}"}).Build(); err != nil {
		t.Error(err)
	}
}
