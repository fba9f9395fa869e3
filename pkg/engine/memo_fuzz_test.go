package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"sync"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// fuzzEngine is built once per fuzzing process: the built-in rules and a user rule that reads
// fields through odd keys (digits, a dot, a nested object.get), so that the memo sees them.
var fuzzEngine = sync.OnceValues(func() (*Engine, error) {
	mods, err := regokit.BuiltinModules()
	if err != nil {
		return nil, err
	}
	odd := regokit.Module{Name: "odd.rego", User: true, Source: `package signin.rules.odd

findings contains {"ruleId": "odd", "title": sprintf("odd %v", [input.extra["0"]]), "cause": "c", "nextSteps": ["n"],
	"severity": "low", "category": "other", "actor": "user", "kind": "contextual", "links": []} if {
	input.extra["0"] != input["odata.type"]
	object.get(input, ["deviceDetail", "trustType"], "") != "x"
}
`}
	return New(context.Background(), append(mods, odd))
})

// FuzzMemoAgreesWithTheReference decides two sign-ins one after the other, so that the second
// may be answered from what the memo kept for the first, and holds both decisions to OPA's
// own evaluation of the whole sign-in. The memo is shared across all inputs of a run.
func FuzzMemoAgreesWithTheReference(f *testing.F) {
	head := `{"id":"1","createdDateTime":"2026-11-27T10:00:00Z",`
	for _, pair := range [][2]string{
		{head + `"status":{"errorCode":50126},"extra":{"0":"v"}}`, head + `"status":{"errorCode":50126},"extra":["v"]}`},
		{head + `"status":{"errorCode":0,"errorCode":50126}}`, head + `"status":{"errorCode":50126}}`},
		{head + `"status":{"errorCode":50053},"clientAppUsed":"Browser","clientAppUsed":"IMAP4"}`, head + `"status":{"errorCode":50053},"clientAppUsed":"IMAP4"}`},
		{head + `"status":{"errorCode":50126},"odata":{"type":"x"}}`, head + `"status":{"errorCode":50126},"odata.type":"x"}`},
		{head + `"status":{"errorCode":50058},"userPrincipalName":"\ud800"}`, head + `"status":{"errorCode":50058},"userPrincipalName":"\\ud800"}`},
		{head + `"status":{"errorCode":50097,"failureReason":"caf\u00e9"},"deviceDetail":{"deviceId":"","trustType":"x"}}`, head + `"status":{"errorCode":50097,"failureReason":"café"},"deviceDetail":{"deviceId":""}}`},
		{head + `"status":{"errorCode":53003},"appliedConditionalAccessPolicies":[{"displayName":"p","result":"failure"}]}`, head + `"status":{"errorCode":"53003"},"appliedConditionalAccessPolicies":[]}`},
	} {
		f.Add([]byte(pair[0]), []byte(pair[1]))
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		e, err := fuzzEngine()
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for _, raw := range [][]byte{a, b} {
			if !json.Valid(raw) {
				continue // OPA's reader takes a valid prefix ("0A" as 0); the engine refuses it
			}
			s, err := signin.Decode(raw)
			if err != nil {
				s = signin.SignIn{Raw: raw}
			}
			got, want := e.Evaluate(ctx, &s), e.evaluateReference(ctx, &s)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q:\nmemo  %+v\nfresh %+v", raw, got, want)
			}
		}
	})
}
