package engine

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/valyala/fastjson"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// demoSignIns are the newest n interactive sign-ins of the demo fixture, as Graph's v1.0 JSON.
func demoSignIns(tb testing.TB, n int) []signin.SignIn {
	tb.Helper()
	raws, err := dataset.NewestInteractive(n)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]signin.SignIn, len(raws))
	for i, raw := range raws {
		if out[i], err = signin.Decode(raw); err != nil {
			tb.Fatal(err)
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
	if e.memo.byRaw.len() != len(signIns) {
		t.Errorf("%d sign-ins kept by their bytes, want %d", e.memo.byRaw.len(), len(signIns))
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
	t.Logf("%d sign-ins; fields the rules may read %v", len(signIns), paths)
}

// A user rule that reads a field no built-in rule reads becomes part of the key.
func TestMemoKeyFollowsUserRules(t *testing.T) {
	user := regokit.Module{Name: "customRules", User: true, Source: `package signin.rules.ua

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

// A field read by a rule in another package, reached through a computed key or a computed
// first step, is one the rules read: it is in the static field list, and so in the input the
// rules are given (which holds only the fields the rules read).
func TestInputFieldsFollowComputedReferences(t *testing.T) {
	for _, tc := range []struct{ name, helper, condition string }{
		// by_code[50126] := ... has a ref head: its path is by_code[50126], not by_code.
		{"a ref-head rule by computed key", "by_code[50126] := input.correlationId", "data.signin.custom.by_code[lib.error_code] == \"c0ffee\""},
		{"a computed first step", "field := input.correlationId", "some root\n\tdata[root].custom.field == \"c0ffee\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			helper := regokit.Module{Name: "helper.rego", User: true, Source: "package signin.custom\n\n" + tc.helper + "\n"}
			user := regokit.Module{Name: "customRules", User: true, Source: `package signin.rules.computed

import data.signin.lib

findings contains {"ruleId": "computed", "title": "t", "cause": "c", "nextSteps": ["n"], "severity": "low",
	"category": "other", "actor": "user", "kind": "contextual", "links": []} if {
	lib.error_code > 0
	` + tc.condition + `
}
`}
			e := builtinEngine(t, helper, user)
			if !slices.Contains(e.InputFields(), "correlationId") {
				t.Errorf("input fields %v lack correlationId", e.InputFields())
			}
			a, b := example(t, `{"errorCode":50126}`), example(t, `{"errorCode":50126}`)
			a.Raw = withField(t, a.Raw, "correlationId", "c0ffee")
			b.Raw = withField(t, b.Raw, "correlationId", "other")
			da, db := e.Evaluate(context.Background(), &a), e.Evaluate(context.Background(), &b)
			if !hasRule(da.Findings, "computed") || hasRule(db.Findings, "computed") {
				t.Fatalf("c0ffee: %v; other: %v", ruleIDs(da.Findings), ruleIDs(db.Findings))
			}
		})
	}
}

func TestMemoOffWhenARuleReadsTheWholeInput(t *testing.T) {
	user := regokit.Module{Name: "customRules", User: true, Source: `package signin.rules.walker

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
	other := regokit.Module{Name: "patterns.rego", Source: `package signin.patterns.all

everything := walk(input)
`}
	if e := builtinEngine(t, other); !e.Memoized() {
		t.Fatal("a rule outside data.signin.main.decision turned the memo off")
	}
}

// Decisions kept by read set must equal fresh evaluations also when sign-ins share some
// fields and differ in others the rules read only on some paths (device, user, client app,
// reason, risk): variants of demo sign-ins with one such field changed, in a shuffled order.
func TestReadSetMemoOnVariants(t *testing.T) {
	e := builtinEngine(t)
	if e.memo.readSets == nil {
		t.Fatal("the built-in rules must be memoized by read set")
	}
	ctx := context.Background()
	base := demoSignIns(t, 400)
	edits := []func(m map[string]any){
		func(m map[string]any) {
			m["status"] = map[string]any{"errorCode": 50053, "failureReason": "Account is locked"}
		},
		func(m map[string]any) {
			m["status"] = map[string]any{"errorCode": 50097, "failureReason": "Device authentication is required."}
		},
		func(m map[string]any) { m["status"] = map[string]any{"errorCode": 50058, "failureReason": "x"} },
		func(m map[string]any) {
			m["status"] = map[string]any{"errorCode": 50126, "failureReason": "Error validating credentials due to invalid username or password."}
		},
		func(m map[string]any) {
			m["deviceDetail"] = map[string]any{"deviceId": "", "displayName": "", "trustType": ""}
		},
		func(m map[string]any) {
			m["deviceDetail"] = map[string]any{"deviceId": "d-1", "displayName": "LAPTOP-1", "trustType": "Hybrid Azure AD joined"}
		},
		func(m map[string]any) { m["userPrincipalName"] = "0f8fad5b-d9cb-469f-a165-70867728950e" },
		func(m map[string]any) { m["userPrincipalName"] = nil },
		func(m map[string]any) { m["clientAppUsed"] = "IMAP4" },
		func(m map[string]any) { m["riskLevelDuringSignIn"] = "high"; m["autonomousSystemNumber"] = 14061 },
		func(m map[string]any) { m["isInteractive"] = false },
	}
	var all []signin.SignIn
	for i, s := range base {
		all = append(all, s)
		var m map[string]any
		if err := json.Unmarshal(s.Raw, &m); err != nil {
			t.Fatal(err)
		}
		edits[i%len(edits)](m)
		raw, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		v, err := signin.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, v)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	got := e.EvaluateAll(ctx, all)
	for i := range all {
		if want := e.evaluateReference(ctx, &all[i]); !reflect.DeepEqual(got[i], want) {
			t.Fatalf("sign-in %d (%s): memoized %+v\nfresh %+v", i, all[i].Raw, got[i], want)
		}
	}
	sets, entries := 0, 0
	for _, s := range e.memo.readSets.named {
		sets++
		entries += len(s.entries)
	}
	t.Logf("%d sign-ins: %d evaluations kept in %d read sets", len(all), entries, sets)
}

// Odd but valid JSON must get the decision OPA's own parsing of the sign-in gives
// (evaluateReference), also when it comes after a sign-in the memo kept: keys of digits on an
// array, repeated keys, keys with a dot, escaped and invalid strings.
func TestMemoAgreesWithTheReferenceOnOddJSON(t *testing.T) {
	rule := func(pkg, condition string) []regokit.Module {
		return []regokit.Module{{Name: pkg + ".rego", User: true, Source: `package signin.rules.` + pkg + `

findings contains {"ruleId": "` + pkg + `", "title": "t", "cause": "c", "nextSteps": ["n"], "severity": "low",
	"category": "other", "actor": "user", "kind": "contextual", "links": []} if {
	` + condition + `
}
`}}
	}
	const head = `{"id":"1","createdDateTime":"2026-11-27T10:00:00Z",`
	cases := []struct {
		name  string
		rules []regokit.Module
		raws  []string
	}{
		{"a key of digits on an array", rule("digits", `input.extra["0"] == "v"`), []string{
			head + `"status":{"errorCode":50126},"extra":{"0":"v"}}`,
			head + `"status":{"errorCode":50126},"extra":["v"]}`,
		}},
		{"a repeated key: the last one counts", nil, []string{
			head + `"status":{"errorCode":0,"errorCode":50126}}`,
			head + `"status":{"errorCode":50053},"clientAppUsed":"Browser","clientAppUsed":"IMAP4"}`,
			head + `"status":{"errorCode":50053},"clientAppUsed":"IMAP4","clientAppUsed":"Browser"}`,
		}},
		{"a repeated inner object", rule("inner", `input.status.failureReason == "b"`), []string{
			head + `"status":{"errorCode":50126,"failureReason":"a"},"status":{"errorCode":50126,"failureReason":"b"}}`,
			head + `"status":{"errorCode":50126,"failureReason":"b"},"status":{"errorCode":50126,"failureReason":"a"}}`,
		}},
		{"a key with a dot", rule("dotted", `input["odata.type"] == "x"`), []string{
			head + `"status":{"errorCode":50126},"odata":{"type":"x"}}`,
			head + `"status":{"errorCode":50126},"odata.type":"x"}`,
		}},
		{"a key with a dot through object.get", rule("dottedget", `object.get(input, ["odata.type"], "") == "x"`), []string{
			head + `"status":{"errorCode":50126},"odata":{"type":"x"}}`,
			head + `"status":{"errorCode":50126},"odata.type":"x"}`,
		}},
		{"a lone surrogate and its escaped text", rule("utf", `input.clientAppUsed == "\ufffd"`), []string{
			head + `"status":{"errorCode":50126},"clientAppUsed":"\\ud800"}`,
			head + `"status":{"errorCode":50126},"clientAppUsed":"\ud800"}`,
			head + `"status":{"errorCode":50126},"clientAppUsed":"\\ud800"}`,
		}},
		{"invalid UTF-8", rule("bytes", `input.clientAppUsed == "a\ufffdb"`), []string{
			head + `"status":{"errorCode":50126},"clientAppUsed":"a` + "\xff" + `b"}`,
		}},
	}
	ctx := context.Background()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := builtinEngine(t, tc.rules...)
			for i, raw := range tc.raws {
				s, err := signin.Decode([]byte(raw))
				if err != nil {
					s = signin.SignIn{Raw: []byte(raw)}
				}
				got, want := e.Evaluate(ctx, &s), e.evaluateReference(ctx, &s)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("sign-in %d %q:\nmemo  %+v\nfresh %+v", i, raw, got, want)
				}
			}
		})
	}
}

// A string with escapes gets one memo key whether or not the rules' input was built from it
// yet, so the next sign-in with the same value is a hit.
func TestMemoHitsOnEscapedStrings(t *testing.T) {
	e := builtinEngine(t)
	raw := func(id string) []byte {
		return []byte(`{"id":"` + id + `","createdDateTime":"2026-11-27T10:00:00Z","status":{"errorCode":50126,"failureReason":"caf\u00e9 \/ d\u00e9j\u00e0"}}`)
	}
	first, err := signin.Decode(raw("1"))
	if err != nil {
		t.Fatal(err)
	}
	_ = e.Evaluate(context.Background(), &first)
	v, err := fastjson.ParseBytes(raw("2"))
	if err != nil {
		t.Fatal(err)
	}
	fv := new(fieldValues)
	e.memo.trie.values(v, fv)
	if _, ok := e.memo.readSets.get(fv); !ok {
		t.Fatal("a sign-in with the same fields as one already decided missed the memo")
	}
}
