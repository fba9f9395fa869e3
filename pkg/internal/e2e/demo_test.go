package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/demorun"
)

func codes(t *testing.T, f *data.Frame) []int64 {
	t.Helper()
	field, _ := f.FieldByName("errorCode")
	if field == nil {
		t.Fatal("frame has no errorCode field")
	}
	out := make([]int64, field.Len())
	for i := range out {
		out[i] = field.At(i).(int64)
	}
	return out
}

func TestDemoHealth(t *testing.T) {
	res, err := plugin.CheckHealth(context.Background(), demorun.Settings())
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "demo tenant") {
		t.Fatalf("health = %v %q", res.Status, res.Message)
	}
}

// The acceptance: a 24-hour failure query returns annotated failures across more than
// one Graph page, with the contract's fields, and nothing but failures.
func TestDemoFailuresLast24Hours(t *testing.T) {
	// A data source of its own, so the sign-in cache holds nothing yet and every page is read.
	ds := demorun.Settings()
	ds.UID, ds.ID = "demo-uncached", 99
	f := queryFrame(t, ds, signInsQuery("A", `{"queryType":"signins","status":"failure","maxRows":100000}`, 24*time.Hour))
	for _, name := range []string{"time", "user", "userId", "app", "appId", "status", "errorCode", "failureReason", "additionalDetails",
		"correlationId", "requestId", "ipAddress", "clientApp", "cause", "nextSteps", "severity", "category", "ruleId"} {
		if field, _ := f.FieldByName(name); field == nil {
			t.Errorf("missing contract field %q", name)
		}
	}
	custom := f.Meta.Custom.(map[string]any)
	if pages := custom["pages"].(float64); pages < 2 {
		t.Errorf("pages = %v, want the result to span several Graph pages", pages)
	}
	if f.Rows() <= 1000 {
		t.Errorf("rows = %d, want more than one page of failures", f.Rows())
	}
	if !strings.Contains(f.Meta.ExecutedQueryString, "createdDateTime ge ") || !strings.Contains(f.Meta.ExecutedQueryString, "/auditLogs/signIns") {
		t.Errorf("executed query %q does not show the Graph request", f.Meta.ExecutedQueryString)
	}
	statuses, causes, rules := stringColumn(t, f, "status"), stringColumn(t, f, "cause"), stringColumn(t, f, "ruleId")
	for i := range statuses {
		if statuses[i] != "failure" {
			t.Fatalf("row %d has status %q in a failure query", i, statuses[i])
		}
		if causes[i] == "" || rules[i] == "" {
			t.Fatalf("row %d is not annotated (rule %q)", i, rules[i])
		}
	}
	for _, c := range codes(t, f) {
		if c == 50058 || c == 50140 || c == 0 {
			t.Fatalf("a failure query returned code %d, which is an interrupt or a success", c)
		}
	}
}

func TestDemoInterrupts(t *testing.T) {
	f := queryFrame(t, demorun.Settings(), signInsQuery("B", `{"status":"interrupted","maxRows":100000}`, 24*time.Hour))
	seen := map[int64]int{}
	for _, c := range codes(t, f) {
		seen[c]++
	}
	if seen[50058] == 0 || seen[50140] == 0 {
		t.Fatalf("interrupted rows by code = %v, want 50058 and 50140", seen)
	}
	for _, s := range stringColumn(t, f, "status") {
		if s != "interrupted" {
			t.Fatalf("status %q in an interrupted query", s)
		}
	}
}

func TestDemoUnknownCodeGetsLookupLink(t *testing.T) {
	f := queryFrame(t, demorun.Settings(), signInsQuery("C", `{"status":"all","errorCodes":[9999999]}`, 7*24*time.Hour))
	if f.Rows() == 0 {
		t.Fatal("the demo tenant has no sign-in with the unmapped test code in the last 7 days")
	}
	rules, steps := stringColumn(t, f, "ruleId"), stringColumn(t, f, "nextSteps")
	for i := range rules {
		if rules[i] != "unmapped" || !strings.Contains(steps[i], "https://login.microsoftonline.com/error?code=9999999") {
			t.Fatalf("row %d: rule %q, next steps %q", i, rules[i], steps[i])
		}
	}
}

func TestDemoFiltersArePushedToGraph(t *testing.T) {
	f := queryFrame(t, demorun.Settings(), signInsQuery("D", `{"status":"all","errorCodes":[50126],"clientApp":"IMAP4"}`, 24*time.Hour))
	if !strings.Contains(f.Meta.ExecutedQueryString, "status/errorCode eq 50126") || !strings.Contains(f.Meta.ExecutedQueryString, "clientAppUsed eq 'IMAP4'") {
		t.Errorf("executed query %q lacks the filters", f.Meta.ExecutedQueryString)
	}
	for _, c := range codes(t, f) {
		if c != 50126 {
			t.Fatalf("got code %d with an errorCodes filter of 50126", c)
		}
	}
	for _, app := range stringColumn(t, f, "clientApp") {
		if app != "IMAP4" {
			t.Fatalf("got client app %q", app)
		}
	}
}

// One bad query in a request fails alone.
func TestBadQueryDoesNotFailOthers(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	good := backend.DataQuery{RefID: "good", QueryType: "rules", JSON: json.RawMessage(`{}`)}
	bad := signInsQuery("bad", `{"status":"sideways"}`, time.Hour)
	res, err := plugin.QueryData(ctx, demorun.Settings(), nil, good, bad)
	if err != nil {
		t.Fatal(err)
	}
	if res.Responses["bad"].Error == nil || !strings.Contains(res.Responses["bad"].Error.Error(), "status") {
		t.Errorf("bad query error = %v", res.Responses["bad"].Error)
	}
	if r := res.Responses["good"]; r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Rows() == 0 {
		t.Errorf("good query = %+v", r)
	}
}

func TestRulesQueryListsCatalogue(t *testing.T) {
	f := queryFrame(t, demorun.Settings(), backend.DataQuery{RefID: "R", QueryType: "rules", JSON: json.RawMessage(`{}`)})
	ids := strings.Join(stringColumn(t, f, "ruleId"), ",")
	for _, want := range []string{"aadsts-50058", "aadsts-90025", "aadsts-500121", "aadsts-50126"} {
		if !strings.Contains(ids, want) {
			t.Errorf("rules list lacks %s", want)
		}
	}
}

func TestValidateResource(t *testing.T) {
	tests := []struct {
		name    string
		rules   string
		valid   bool
		row     int
		message string
	}{
		{"valid rule", "package signin.rules.mine\n\nfindings contains {\"ruleId\": \"mine\"} if input.status.errorCode == 1\n", true, 0, ""},
		{"syntax error", "package signin.rules.mine\n\nfindings contains x if {\n  x := \n}\n", false, 5, "unexpected }"},
		{"http.send is refused", "package signin.rules.mine\n\nfindings contains x if {\n  x := http.send({\"method\": \"get\", \"url\": \"https://example.com\"})\n}\n", false, 4, "http.send"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]string{"rules": tt.rules})
			res, err := plugin.CallResource(context.Background(), demorun.Settings(), http.MethodPost, "rules/validate", body)
			if err != nil {
				t.Fatal(err)
			}
			var out struct {
				Valid  bool `json:"valid"`
				Errors []struct {
					Row, Col int
					Message  string
				} `json:"errors"`
			}
			if err := json.Unmarshal(res.Body, &out); err != nil {
				t.Fatalf("status %d body %s: %v", res.Status, res.Body, err)
			}
			if out.Valid != tt.valid {
				t.Fatalf("valid = %v, errors %+v", out.Valid, out.Errors)
			}
			if tt.valid {
				return
			}
			if len(out.Errors) == 0 || out.Errors[0].Row != tt.row || out.Errors[0].Col == 0 {
				t.Fatalf("errors = %+v, want the first at row %d with a column", out.Errors, tt.row)
			}
			if !strings.Contains(out.Errors[0].Message, tt.message) {
				t.Errorf("message %q does not name %q", out.Errors[0].Message, tt.message)
			}
		})
	}
}
