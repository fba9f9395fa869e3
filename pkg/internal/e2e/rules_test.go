package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/bundletest"
)

// ruleFor9999999 is a user rule for the demo tenant's unmapped test code.
func ruleFor9999999(title string) string {
	return `package signin.rules.contoso

# METADATA
# title: ` + title + `
# custom:
#   codes: [9999999]
findings contains {
	"ruleId": "contoso-9999999", "title": "` + title + `",
	"cause": "The expense app's own identity provider rejected the session.",
	"nextSteps": ["The app team checks the expense app's IdP logs."],
	"severity": "medium", "category": "app-config", "actor": "developer", "kind": "catalogue", "links": [],
} if input.status.errorCode == 9999999
`
}

func rulesOf(t *testing.T, ds backend.DataSourceInstanceSettings) map[string]string {
	t.Helper()
	f := queryFrame(t, ds, signInsQuery("U", `{"status":"all","errorCodes":[9999999]}`, 7*24*time.Hour))
	out := map[string]string{}
	rules, titles := stringColumn(t, f, "ruleId"), stringColumn(t, f, "title")
	for i := range rules {
		out[rules[i]] = titles[i]
	}
	return out
}

func TestCustomRulesChangeTheNextQuery(t *testing.T) {
	before := rulesOf(t, withSettings(t, "custom", map[string]any{}))
	if _, ok := before["unmapped"]; !ok {
		t.Fatalf("before: %v, want the fallback", before)
	}
	after := rulesOf(t, withSettings(t, "custom", map[string]any{"customRules": ruleFor9999999("Expense app session rejected")}))
	if after["contoso-9999999"] != "Expense app session rejected" || len(after) != 1 {
		t.Fatalf("after: %v, want only the user's rule", after)
	}
}

func TestRulesFolderReloadsWithoutRestart(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "contoso.rego")
	write := func(src string) {
		t.Helper()
		if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(ruleFor9999999("First version"))
	ds := withSettings(t, "folder", map[string]any{"rulesPath": dir})
	if got := rulesOf(t, ds); got["contoso-9999999"] != "First version" {
		t.Fatalf("initial load: %v", got)
	}

	write(ruleFor9999999("Second version"))
	waitFor(t, "the edited rule to serve", func() bool { return rulesOf(t, ds)["contoso-9999999"] == "Second version" })

	// A broken edit is refused: the previous rules keep serving and the health check says where.
	write("package signin.rules.contoso\n\nfindings contains x if {\n\tx := \n}\n")
	waitFor(t, "the health check to report the broken rule", func() bool {
		h, err := plugin.CheckHealth(context.Background(), ds)
		return err == nil && h.Status == backend.HealthStatusError && strings.Contains(h.Message, "contoso.rego:5:1")
	})
	if got := rulesOf(t, ds); got["contoso-9999999"] != "Second version" {
		t.Fatalf("after a broken edit: %v, want the previous rules", got)
	}

	// A rule whose own test fails is refused too.
	write(ruleFor9999999("Third version"))
	test := "package signin.rules.contoso_test\n\ntest_severity if {\n\tsome f in data.signin.main.decision.findings with input as {\"status\": {\"errorCode\": 9999999}}\n\tf.severity == \"critical\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "contoso_test.rego"), []byte(test), 0o600); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the health check to report the failing test", func() bool {
		h, err := plugin.CheckHealth(context.Background(), ds)
		return err == nil && strings.Contains(h.Message, "test_severity")
	})
	if got := rulesOf(t, ds); got["contoso-9999999"] != "Second version" {
		t.Fatalf("after a failing test: %v, want the previous rules", got)
	}
}

func TestExplainShowsEveryMatchingRule(t *testing.T) {
	f := queryFrame(t, demoSettingsFor(t), signInsQuery("S", `{"status":"failure","errorCodes":[500121]}`, 24*time.Hour))
	ids := stringColumn(t, f, "requestId")
	if len(ids) == 0 {
		t.Fatal("no 500121 sign-in in the demo's last 24 hours")
	}
	x := queryFrame(t, demoSettingsFor(t), backend.DataQuery{RefID: "X", QueryType: "explain", JSON: json.RawMessage(`{"requestId":"` + ids[0] + `"}`),
		TimeRange: backend.TimeRange{From: time.Now().Add(-time.Hour), To: time.Now()}})
	rules, inputs := stringColumn(t, x, "ruleId"), stringColumn(t, x, "inputs")
	if len(rules) < 3 || rules[0] != "signin.classify" || !strings.Contains(inputs[0], "status.errorCode = 500121") {
		t.Fatalf("explain rows: %v / %v", rules, inputs)
	}
	joined := strings.Join(rules, ",")
	if !strings.Contains(joined, "aadsts-500121") {
		t.Errorf("the catalogue entry is not among the matches: %v", rules)
	}
	if !strings.Contains(strings.Join(inputs, "\n"), "status.additionalDetails") {
		t.Errorf("the MFA rule's inputs are not shown: %v", inputs)
	}
}

func demoSettingsFor(t *testing.T) backend.DataSourceInstanceSettings {
	return withSettings(t, "explain", map[string]any{})
}

func TestValidateRunsTheRulesTests(t *testing.T) {
	src := ruleFor9999999("Expense app") + `
test_expense_severity if {
	some f in data.signin.main.decision.findings with input as {"status": {"errorCode": 9999999}}
	f.severity == "high"
}
`
	body, _ := json.Marshal(map[string]string{"rules": src})
	res, err := plugin.CallResource(context.Background(), demoSettingsFor(t), "POST", "rules/validate", body)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Valid  bool
		Errors []struct {
			Row     int
			Message string
		}
	}
	if err := json.Unmarshal(res.Body, &out); err != nil {
		t.Fatal(err)
	}
	if out.Valid || len(out.Errors) != 1 || !strings.Contains(out.Errors[0].Message, "test_expense_severity") || out.Errors[0].Row != 14 {
		t.Fatalf("validate = %+v, want the failing test at row 14", out)
	}
}

// Rule set changes are annotations, so a change in a panel's causes can be read against them.
func TestRuleChangesAreAnnotations(t *testing.T) {
	ds := withSettings(t, "annotated", map[string]any{"customRules": ruleFor9999999("Annotated rule")})
	rulesOf(t, ds) // the instance exists and has loaded the rules
	now := time.Now()
	f := queryFrame(t, ds, backend.DataQuery{RefID: "A", QueryType: "annotations", JSON: json.RawMessage(`{}`),
		TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now.Add(time.Minute)}})
	titles, texts := stringColumn(t, f, "title"), stringColumn(t, f, "text")
	if len(titles) == 0 || titles[len(titles)-1] != "Rules loaded" || !strings.Contains(texts[len(texts)-1], "1 source of your own rules") {
		t.Fatalf("annotations: %v / %v", titles, texts)
	}
}

// A fleet takes its rules from an OPA bundle: the data source serves the bundle's rules from
// its first query, takes a new bundle at the next poll without a restart, refuses a bundle
// that is not signed with the configured key (the previous rules keep serving), and says so
// in the health check.
func TestRulesBundleServesAndUpdatesWithoutRestart(t *testing.T) {
	key := bundletest.Key(t)
	srv := bundletest.Serve(t, map[string]string{"contoso/expense.rego": ruleFor9999999("From the bundle")})
	srv.Set(map[string]string{"contoso/expense.rego": ruleFor9999999("From the bundle")}, key)
	ds := withSettings(t, "bundle", map[string]any{"rulesBundle": map[string]any{"url": srv.URL, "publicKey": bundletest.PublicPEM(t, key), "pollSeconds": 10}})
	if got := rulesOf(t, ds); got["contoso-9999999"] != "From the bundle" {
		t.Fatalf("first query: %v, want the bundle's rule", got)
	}
	h, err := plugin.CheckHealth(context.Background(), ds)
	if err != nil || h.Status != backend.HealthStatusOk || !strings.Contains(h.Message, "Rules from the bundle at "+srv.URL) {
		t.Fatalf("health: %+v, %v", h, err)
	}

	srv.Set(map[string]string{"contoso/expense.rego": ruleFor9999999("Bundle, second version")}, key)
	waitFor(t, "the new bundle to serve", func() bool { return rulesOf(t, ds)["contoso-9999999"] == "Bundle, second version" })

	// Someone who can write to the bundle server but has not the signing key.
	srv.Set(map[string]string{"contoso/expense.rego": ruleFor9999999("Not signed")}, nil)
	waitFor(t, "the health check to report the refused bundle", func() bool {
		h, err := plugin.CheckHealth(context.Background(), ds)
		return err == nil && strings.Contains(h.Message, "latest download failed") && strings.Contains(h.Message, "signature")
	})
	if got := rulesOf(t, ds); got["contoso-9999999"] != "Bundle, second version" {
		t.Fatalf("after an unsigned bundle: %v, want the last signed rules", got)
	}
}
