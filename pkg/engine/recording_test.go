package engine

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/valyala/fastjson"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// The recording input reports exactly the trie's fields a query reached, and every field
// below an object whose content left its view.
func TestRecordingInputRecordsWhatWasRead(t *testing.T) {
	trie := newPathTrie([][]string{{"status", "errorCode"}, {"status", "failureReason"}, {"deviceDetail"}, {"clientAppUsed"}})
	full := `{"status": {"errorCode": 50126, "failureReason": "Invalid password"}, "deviceDetail": {"displayName": "PC-1"}, "clientAppUsed": "Browser"}`
	cases := []struct {
		name, input, query string
		want               []string
	}{
		{"a leaf", full, `input.status.errorCode == 50126`, []string{"status.errorCode"}},
		{"two leaves of one object", full, `input.status.errorCode == 50126; input.status.failureReason != ""`, []string{"status.errorCode", "status.failureReason"}},
		{"a field below a whole leaf", full, `input.deviceDetail.displayName == "PC-1"`, []string{"deviceDetail"}},
		{"object.get with a path", full, `object.get(input, ["status", "failureReason"], "") != ""`, []string{"status.failureReason"}},
		{"an absent inner object reads as all its fields absent", `{"clientAppUsed": "Browser"}`, `not input.status.errorCode`, []string{"status.errorCode", "status.failureReason"}},
		{"an inner node that is not an object", `{"status": "odd"}`, `not input.status.errorCode`, []string{"status.errorCode", "status.failureReason"}},
		{"counting an inner object reads all of it", full, `count(input.status) == 2`, []string{"status.errorCode", "status.failureReason"}},
		{"iterating an inner object reads all of it", full, `some k, _ in input.status; k == "errorCode"`, []string{"status.errorCode", "status.failureReason"}},
		{"a key no rule was found to read is still recorded", full, `not input.status.additionalDetails`, []string{"status.additionalDetails"}},
		{"a key that is not a string reads all below", full, `not input.status[1]`, []string{"status.errorCode", "status.failureReason"}},
		{"a field outside the query is not recorded", full, `input.clientAppUsed == "Browser"`, []string{"clientAppUsed"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := fastjson.Parse(tc.input)
			if err != nil {
				t.Fatal(err)
			}
			rec := &readRecorder{paths: map[string]struct{}{}}
			rs, err := rego.New(rego.Query(tc.query), rego.ParsedInput(trie.recording(trie.project(v), rec))).Eval(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 {
				t.Fatalf("the query was not true on the recording input: %v", rs)
			}
			var got []string
			for p := range rec.paths {
				got = append(got, p)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("recorded %v, want %v", got, tc.want)
			}
		})
	}
}

// A rule that takes an inner node of the trie as a value cannot come from the engine's own
// analysis (the node would be a leaf), but if OPA ever fails on the recording input, the
// sign-in is still decided, on the plain input, and the decision is kept on all the fields.
func TestRecordingFailureFallsBackToThePlainInput(t *testing.T) {
	cases := []struct{ name, title, condition string }{
		{"OPA panics comparing its object with the recording one", `"t"`, `{"errorCode": 0} < input.status`},
		{"OPA cannot put the recording object in the result", `input.status`, `input.status.errorCode == 50126`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rule := regokit.Module{Name: "odd.rego", Source: `package signin.rules.odd

findings contains {"ruleId": "odd", "title": ` + tc.title + `, "cause": "c", "nextSteps": ["n"], "severity": "low",
	"category": "other", "actor": "user", "kind": "contextual", "links": []} if {
	` + tc.condition + `
}
`}
			e := builtinEngine(t, rule)
			// Pretend the analysis missed that the rule reads status as a whole.
			e.memo.trie = newPathTrie([][]string{{"status", "errorCode"}, {"status", "failureReason"}, {"clientAppUsed"}})
			e.memo.readSets = newReadSets(e.memo.trie)
			s, err := signin.Decode([]byte(`{"id": "1", "createdDateTime": "2026-11-27T10:00:00Z", "status": {"errorCode": 50126, "failureReason": "Invalid password"}}`))
			if err != nil {
				t.Fatal(err)
			}
			v, err := fastjson.ParseBytes(s.Raw)
			if err != nil {
				t.Fatal(err)
			}
			in := e.memo.trie.project(v)
			if _, ok := e.evaluateRecording(context.Background(), nil, &s, in, &readRecorder{paths: map[string]struct{}{}}); ok {
				t.Fatal("the recording input did not fail: this case needs another way to make it fail")
			}
			d := e.Evaluate(context.Background(), &s)
			want := e.evaluate(context.Background(), nil, &s, in)
			if d.Error != "" || !slices.EqualFunc(d.Findings, want.Findings, func(a, b Finding) bool { return a.RuleID == b.RuleID }) {
				t.Fatalf("decision %+v, want %+v", d, want)
			}
			if !slices.ContainsFunc(d.Findings, func(f Finding) bool { return f.RuleID == "odd" }) {
				t.Fatalf("the rule reading status did not fire on the plain input: %+v", d.Findings)
			}
			kept := 0
			for name, set := range e.memo.readSets.named {
				if strings.Contains(name, "clientAppUsed") && strings.Contains(name, "status.failureReason") {
					kept += len(set.entries)
				}
			}
			if kept != 1 {
				t.Fatalf("the decision was kept %d times on all the fields, want once", kept)
			}
		})
	}
}
