package engine

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
	"github.com/sigdiag/signin-diagnostics/pkg/simulator/dataset"
)

// demoSignIns are n interactive sign-ins of the demo tenant as Graph's v1.0 JSON.
func demoSignIns(tb testing.TB, n int) []signin.SignIn {
	tb.Helper()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	d := dataset.New(dataset.Options{Now: now, Days: 30})
	var out []signin.SignIn
	for _, r := range d.Between(now.Add(-7*24*time.Hour), now) {
		if !r.Interactive() {
			continue
		}
		raw, err := r.MarshalVersion("v1.0", true)
		if err != nil {
			tb.Fatal(err)
		}
		s, err := signin.Decode(raw)
		if err != nil {
			tb.Fatal(err)
		}
		if out = append(out, s); len(out) == n {
			break
		}
	}
	return out
}

// Memoized decisions must equal fresh evaluations, sign-in by sign-in.
func TestMemoGivesTheSameDecisions(t *testing.T) {
	e := builtinEngine(t)
	if !e.Memoized() {
		t.Fatal("the built-in rules read named fields only: decisions must be memoized")
	}
	ctx := context.Background()
	signIns := demoSignIns(t, 3000)
	memoized := e.EvaluateAll(ctx, signIns)
	// The second pass is answered by the exact-bytes level: it must agree too.
	if again := e.EvaluateAll(ctx, signIns); !reflect.DeepEqual(again, memoized) {
		t.Fatal("a second evaluation of the same sign-ins differs from the first")
	}
	if len(e.memo.byRaw) != len(signIns) {
		t.Errorf("%d sign-ins kept by their bytes, want %d", len(e.memo.byRaw), len(signIns))
	}
	for i := range signIns {
		fresh := e.evaluateReference(ctx, &signIns[i])
		if !reflect.DeepEqual(fresh, memoized[i]) {
			t.Fatalf("sign-in %s: memoized %+v, fresh %+v", signIns[i].ID, memoized[i], fresh)
		}
	}
	paths, _ := e.inputs.memoPaths()
	for _, p := range paths {
		if p == "id" || p == "createdDateTime" || p == "correlationId" {
			t.Errorf("the memo key holds %s, which no rule reads and which makes every sign-in distinct", p)
		}
	}
	t.Logf("%d distinct rule inputs for %d sign-ins; key fields %v", len(e.memo.byKey), len(signIns), paths)
}

// A user rule that reads a field no built-in rule reads becomes part of the key.
func TestMemoKeyFollowsUserRules(t *testing.T) {
	user := Module{Name: "customRules", User: true, Source: `package signin.rules.ua

findings contains {"ruleId": "old-outlook", "title": "Old Outlook", "cause": "c", "nextSteps": ["n"], "severity": "low",
	"category": "other", "actor": "user", "kind": "contextual", "links": []} if {
	input.status.errorCode == 50126
	startswith(input.userAgent, "Outlook/15")
}
`}
	e := builtinEngine(t, user)
	a, b := example(t, `{"errorCode":50126}`), example(t, `{"errorCode":50126}`)
	a.Raw = withField(t, a.Raw, "userAgent", "Outlook/15.0")
	b.Raw = withField(t, b.Raw, "userAgent", "Outlook/16.0")
	da, db := e.Evaluate(context.Background(), &a), e.Evaluate(context.Background(), &b)
	if !hasRule(da.Findings, "old-outlook") || hasRule(db.Findings, "old-outlook") {
		t.Fatalf("old Outlook: %+v; new Outlook: %+v", da.Findings, db.Findings)
	}
}

func TestMemoOffWhenARuleReadsTheWholeInput(t *testing.T) {
	user := Module{Name: "customRules", User: true, Source: `package signin.rules.walker

findings contains {"ruleId": "has-fraud", "title": "t", "cause": "c", "nextSteps": ["n"], "severity": "low",
	"category": "other", "actor": "user", "kind": "contextual", "links": []} if {
	walk(input, [_, value])
	value == "fraud"
}
`}
	if e := builtinEngine(t, user); e.Memoized() {
		t.Fatal("a rule that walks the whole input must turn memoization off")
	}
}

// Rules the decision never reads (pattern rules over many sign-ins, say) do not turn the memo off.
func TestMemoIgnoresRulesOutsideTheDecision(t *testing.T) {
	other := Module{Name: "patterns.rego", Source: `package signin.patterns.all

everything := walk(input)
`}
	if e := builtinEngine(t, other); !e.Memoized() {
		t.Fatal("a rule outside data.signin.main.decision turned the memo off")
	}
}
