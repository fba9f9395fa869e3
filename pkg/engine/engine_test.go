package engine

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

func builtinEngine(t testing.TB, extra ...regokit.Module) *Engine {
	t.Helper()
	mods, err := regokit.BuiltinModules()
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), append(mods, extra...))
	if err != nil {
		t.Fatalf("compiling the rules: %v", err)
	}
	return e
}

// example returns Microsoft's documented sign-in with the given status object.
func example(t *testing.T, status string) signin.SignIn {
	t.Helper()
	raw, err := os.ReadFile("testdata/graph-example-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		t.Fatal(err)
	}
	if status != "" {
		var st any
		if err := json.Unmarshal([]byte(status), &st); err != nil {
			t.Fatal(err)
		}
		obj["status"] = st
	}
	raw, _ = json.Marshal(obj)
	s, err := signin.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDecisions(t *testing.T) {
	e := builtinEngine(t)
	tests := []struct {
		name, status   string
		wantStatus     string
		wantRule       string
		wantOtherRules []string
	}{
		{"Microsoft's example is a success", "", StatusSuccess, "", nil},
		{"empty status object is a success", `{}`, StatusSuccess, "", nil},
		{"50058 is an interrupt", `{"errorCode":50058,"failureReason":"Session information is not sufficient for single-sign-on."}`, StatusInterrupted, "aadsts-50058", nil},
		{"50140 is an interrupt", `{"errorCode":50140,"failureReason":"This error occurred due to 'Keep me signed in' interrupt when the user was signing in."}`, StatusInterrupted, "aadsts-50140", nil},
		{"90025 is a failure", `{"errorCode":90025}`, StatusFailure, "aadsts-90025", nil},
		{"50126 with the guide's reason: the catalogue entry wins over the generic text rule",
			`{"errorCode":50126,"failureReason":"Error validating credentials due to invalid username or password."}`, StatusFailure, "aadsts-50126", nil},
		{"unknown code falls back", `{"errorCode":9999999,"failureReason":"Something new."}`, StatusFailure, "unmapped", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := example(t, tt.status)
			d := e.Evaluate(context.Background(), &s)
			if d.Error != "" {
				t.Fatalf("evaluation error: %s", d.Error)
			}
			if d.Status != tt.wantStatus {
				t.Errorf("status = %q, want %q", d.Status, tt.wantStatus)
			}
			w := d.Winner()
			if tt.wantStatus == StatusSuccess {
				if w != nil {
					t.Errorf("a success got finding %+v", *w)
				}
				return
			}
			if w == nil {
				t.Fatal("no finding")
			}
			if tt.wantRule != "" && w.RuleID != tt.wantRule {
				t.Errorf("winner = %q, want %q", w.RuleID, tt.wantRule)
			}
			if w.Cause == "" || len(w.NextSteps) == 0 || w.Severity == "" || w.Category == "" {
				t.Errorf("winner is incomplete: %+v", *w)
			}
			for _, other := range tt.wantOtherRules {
				if w.RuleID == other || !hasRule(d.Findings[1:], other) {
					t.Errorf("want %s among the other findings, got %+v", other, d.Findings)
				}
			}
		})
	}
}

func hasRule(fs []Finding, id string) bool {
	for _, f := range fs {
		if f.RuleID == id {
			return true
		}
	}
	return false
}

func TestFallbackCarriesLookupLink(t *testing.T) {
	e := builtinEngine(t)
	s := example(t, `{"errorCode":9999999}`)
	d := e.Evaluate(context.Background(), &s)
	w := d.Winner()
	if w == nil || w.RuleID != "unmapped" || !strings.Contains(strings.Join(w.NextSteps, " "), "https://login.microsoftonline.com/error?code=9999999") {
		t.Fatalf("fallback = %+v", d)
	}
}

func TestUserRulePrecedence(t *testing.T) {
	user := regokit.Module{Name: "customRules", User: true, Source: `package signin.rules.mine

findings contains {
	"ruleId": "aadsts-90025", "title": "Our own 90025", "cause": "Our network proxy retries too often.",
	"nextSteps": ["Call the network team."], "severity": "medium", "category": "service", "actor": "admin",
	"kind": "catalogue", "links": [],
} if input.status.errorCode == 90025
`}
	e := builtinEngine(t, user)
	s := example(t, `{"errorCode":90025}`)
	d := e.Evaluate(context.Background(), &s)
	if w := d.Winner(); w == nil || w.Title != "Our own 90025" || !w.User {
		t.Fatalf("winner = %+v, want the user's rule", w)
	}
	for _, f := range d.Findings[1:] {
		if f.RuleID == "aadsts-90025" {
			t.Errorf("the built-in finding with the same id must be replaced, got %+v", d.Findings)
		}
	}
}

func TestCompileErrorsHaveRowAndColumn(t *testing.T) {
	mods, _ := regokit.BuiltinModules()
	tests := []struct {
		name, src string
		row       int
		contains  string
	}{
		{"parse error: the brace after an unfinished assignment", "package signin.rules.bad\n\nfindings contains x if {\n\tx := \n}\n", 5, "unexpected }"},
		{"unknown function", "package signin.rules.bad\n\nfindings contains x if {\n\tx := no_such_function(1)\n}\n", 4, "no_such_function"},
		{"http.send is not allowed", "package signin.rules.bad\n\nfindings contains x if {\n\tx := http.send({\"method\": \"GET\", \"url\": \"https://example.com\"})\n}\n", 4, "http.send"},
		{"opa.runtime is not allowed", "package signin.rules.bad\n\nfindings contains x if {\n\tx := opa.runtime()\n}\n", 4, "opa.runtime"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(context.Background(), append(mods, regokit.Module{Name: "customRules", Source: tt.src, User: true}))
			var ce *regokit.CompileError
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("error = %v, want a CompileError", err)
			}
			p := ce.Problems[0]
			if p.File != "customRules" || p.Row != tt.row || p.Col == 0 || !strings.Contains(p.Message, tt.contains) {
				t.Errorf("problem = %+v, want customRules row %d mentioning %q", p, tt.row, tt.contains)
			}
		})
	}
}

func TestEvaluationErrorMarksTheRowOnly(t *testing.T) {
	conflict := regokit.Module{Name: "customRules", User: true, Source: `package signin.rules.broken

# Two values for one complete rule: a conflict at evaluation time, for code 90025 only.
findings contains f if {
	input.status.errorCode == 90025
	f := {"ruleId": sprintf("%d", [value])}
}

value := 1 if input.status.errorCode == 90025
value := 2 if input.status.errorCode == 90025
`}
	e := builtinEngine(t, conflict)
	bad, good := example(t, `{"errorCode":90025}`), example(t, `{"errorCode":50058}`)
	ds := e.EvaluateAll(context.Background(), []signin.SignIn{bad, good})
	if ds[0].Error == "" {
		t.Errorf("the conflicting row must carry an error, got %+v", ds[0])
	}
	if ds[1].Error != "" || ds[1].Status != StatusInterrupted {
		t.Errorf("the other row must evaluate normally, got %+v", ds[1])
	}
}

func TestRulesListIsBuiltFromMetadata(t *testing.T) {
	e := builtinEngine(t)
	byID := map[string]RuleInfo{}
	for _, r := range e.Rules() {
		byID[r.ID] = r
	}
	for _, code := range []string{"aadsts-50058", "aadsts-90025", "aadsts-500121", "aadsts-50126"} {
		r, ok := byID[code]
		if !ok || r.Title == "" || r.Severity == "" || r.Category == "" {
			t.Errorf("catalogue entry %s = %+v", code, r)
		}
	}
	var contextual int
	for _, r := range e.Rules() {
		if r.Kind == "rule" && r.Title != "" && r.File != "" {
			contextual++
		}
	}
	if contextual == 0 {
		t.Error("no rule with METADATA was listed")
	}
}

func TestExplainShowsWhatEachRuleRead(t *testing.T) {
	e := builtinEngine(t)
	s := example(t, `{"errorCode":500121,"failureReason":"Authentication failed during strong authentication request.","additionalDetails":"MFA denied; user declined the authentication"}`)
	x := e.Explain(context.Background(), &s)
	if len(x.Decision.Findings) < 2 {
		t.Fatalf("want the contextual and catalogue findings, got %+v", x.Decision.Findings)
	}
	mfa := x.Inputs["mfa"]
	if !hasInput(mfa, "status.additionalDetails", `"MFA denied; user declined the authentication"`) || !hasInput(mfa, "status.errorCode", "500121") {
		t.Errorf("mfa inputs = %+v", mfa)
	}
	if !hasInput(x.Classification, "status.errorCode", "500121") {
		t.Errorf("classification inputs = %+v", x.Classification)
	}
}

func hasInput(in []InputValue, path, value string) bool {
	for _, v := range in {
		if v.Path == path && v.Value == value {
			return true
		}
	}
	return false
}

func withField(t *testing.T, raw []byte, key, value string) []byte {
	t.Helper()
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		t.Fatal(err)
	}
	obj[key] = value
	out, _ := json.Marshal(obj)
	return out
}

func TestEvaluationBudgetStopsARunawayRule(t *testing.T) {
	loop := regokit.Module{Name: "customRules", User: true, Source: `package signin.rules.slow

findings contains {"ruleId": "never"} if {
	input.status.errorCode == 90025
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i + j < 0
}
`}
	e := builtinEngine(t, loop)
	old := EvaluationBudget
	EvaluationBudget = 300 * time.Millisecond
	defer func() { EvaluationBudget = old }()
	slow, fine := example(t, `{"errorCode":90025}`), example(t, `{"errorCode":50058}`)
	start := time.Now()
	ds := e.EvaluateAll(context.Background(), []signin.SignIn{fine, slow, slow})
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("the budget did not stop the rule: %s", took)
	}
	if ds[0].Error != "" || !strings.Contains(ds[1].Error, "took longer than") {
		t.Fatalf("decisions = %+v", ds)
	}
}

// A panic while deciding a sign-in (forced here by removing the input projection the engine
// relies on) becomes that row's error, not a crash of the plugin process.
func TestEvaluateAllContainsPanics(t *testing.T) {
	e := builtinEngine(t)
	e.memo.trie = nil // projecting any input now panics
	signIns := demoSignIns(t, 100)
	out := e.EvaluateAll(context.Background(), signIns)
	for i, d := range out {
		if !strings.Contains(d.Error, "internal error") {
			t.Fatalf("sign-in %d: %+v, want an internal error on the row", i, d)
		}
	}
}

// EvaluateAllCounted counts every sign-in it decides, and a second pass over the same
// sign-ins is answered from the memo alone.
func TestEvaluateAllCounted(t *testing.T) {
	e := builtinEngine(t)
	signIns := demoSignIns(t, 300)
	_, first := e.EvaluateAllCounted(context.Background(), signIns)
	if first.Decided != len(signIns) || first.MemoHits >= first.Decided {
		t.Fatalf("first pass %+v over %d sign-ins: want every one decided, some evaluated", first, len(signIns))
	}
	_, again := e.EvaluateAllCounted(context.Background(), signIns)
	if again.Decided != len(signIns) || again.MemoHits != len(signIns) {
		t.Fatalf("second pass %+v over %d sign-ins: want every one from the memo", again, len(signIns))
	}
}
