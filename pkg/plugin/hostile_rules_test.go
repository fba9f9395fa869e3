package plugin

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// Rules that do not compile never stop the data source: the instance is created, the built-in
// rules serve, and "Save & test" and every frame say why.
func TestBrokenUserRulesNeverStopTheDataSource(t *testing.T) {
	for name, rules := range map[string]string{
		"network":   "package signin.rules.x\n\nfindings contains {\"ruleId\": \"x\"} if http.send({\"method\": \"GET\", \"url\": \"https://example.com\"})\n",
		"recursion": "package signin.rules.x\n\nfindings contains {\"ruleId\": \"x\"} if a\n\na if b\n\nb if a\n",
		"garbage":   "\x00\xff{{{ package",
		"too large": "package signin.rules.x\n\n# " + strings.Repeat("x", settings.MaxCustomRulesBytes) + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			jsonData, _ := json.Marshal(map[string]any{"source": "demo", "customRules": rules})
			inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{UID: "hostile-" + name, JSONData: jsonData})
			if err != nil {
				t.Fatalf("the instance was not created: %v", err)
			}
			ds := inst.(*Datasource)
			defer ds.Dispose()
			h, err := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
			if err != nil || h.Status != backend.HealthStatusError {
				t.Fatalf("health: %+v %v", h, err)
			}
			if ds.initErr != nil {
				return // the settings were refused (the size limit), with the field named
			}
			if !strings.Contains(h.Message, "not loaded") {
				t.Errorf("health message %q does not say the rules are not loaded", h.Message)
			}
			resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", "signins", `{"status":"failure"}`)}})
			if err != nil {
				t.Fatal(err)
			}
			r := resp.Responses["A"]
			if r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Rows() == 0 {
				t.Fatalf("query: %v", r.Error)
			}
			if !hasNoticeText(r.Frames[0], "Your rules are not loaded") {
				t.Errorf("notices %+v", r.Frames[0].Meta.Notices)
			}
		})
	}
}

// A user rule that runs away is stopped by the evaluation budget: the query answers, and the
// rows it did not reach say why in ruleError.
func TestRunawayUserRuleStopsAtTheBudget(t *testing.T) {
	old := engine.EvaluationBudget
	engine.EvaluationBudget = 500 * time.Millisecond
	defer func() { engine.EvaluationBudget = old }()
	rules := "package signin.rules.slow\n\nfindings contains {\"ruleId\": \"never\"} if {\n\tsome i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti + j < input.status.errorCode - 100000000\n}\n"
	jsonData, _ := json.Marshal(map[string]any{"source": "demo", "customRules": rules})
	inst, err := NewDatasource(context.Background(), backend.DataSourceInstanceSettings{UID: "runaway", JSONData: jsonData})
	if err != nil {
		t.Fatal(err)
	}
	ds := inst.(*Datasource)
	defer ds.Dispose()
	start := time.Now()
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", "signins", `{"status":"all"}`)}})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Responses["A"]
	if r.Error != nil || len(r.Frames) != 1 {
		t.Fatalf("query: %v", r.Error)
	}
	f := r.Frames[0]
	field, _ := f.FieldByName("ruleError")
	stopped := 0
	for i := 0; field != nil && i < field.Len(); i++ {
		if s, _ := field.At(i).(string); strings.Contains(s, "took longer than") {
			stopped++
		}
	}
	if stopped == 0 || time.Since(start) > 30*time.Second {
		t.Errorf("%d of %d rows stopped by the budget, after %v", stopped, f.Rows(), time.Since(start))
	}
}

func hasNoticeText(f *data.Frame, text string) bool {
	if f.Meta == nil {
		return false
	}
	for _, n := range f.Meta.Notices {
		if strings.Contains(n.Text, text) {
			return true
		}
	}
	return false
}
