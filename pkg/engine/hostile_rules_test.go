package engine

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// Rules an admin writes are hostile input too: they may loop, build huge values, recurse,
// conflict or read data that is not there. Each is stopped by the budget or reported on its
// rows; the other rows and the plugin carry on.

// runaway is a user rule that fires for code 90025 only, with body as its condition.
func runaway(body string) regokit.Module {
	return regokit.Module{Name: "customRules", User: true, Source: "package signin.rules.hostile\n\nfindings contains {\"ruleId\": \"never\"} if {\n\tinput.status.errorCode == 90025\n" + body + "\n}\n"}
}

func TestHostileRulesAreStoppedByTheBudget(t *testing.T) {
	cases := map[string]string{
		"nested loops over huge ranges": "\tsome i in numbers.range(1, 100000)\n\tsome j in numbers.range(1, 100000)\n\ti + j < 0",
		"a huge object":                 "\tbig := {sprintf(\"%d-%d\", [i, j]): j | some i in numbers.range(1, 3000); some j in numbers.range(1, 3000)}\n\tcount(big) < 0",
		"walk over a generated tree":    "\ttree := [[[k | some k in numbers.range(1, 300)] | some j in numbers.range(1, 300)] | some i in numbers.range(1, 300)]\n\tsome p, v\n\twalk(tree, [p, v])\n\tv == -1",
		"string building":               "\ts := concat(\"\", [sprintf(\"%d\", [i]) | some i in numbers.range(1, 20000000)])\n\tcount(s) < 0",
	}
	old := EvaluationBudget
	EvaluationBudget = 500 * time.Millisecond
	defer func() { EvaluationBudget = old }()
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			e := builtinEngine(t, runaway(body))
			slow, fine := example(t, `{"errorCode":90025}`), example(t, `{"errorCode":50058}`)
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			ds := e.EvaluateAll(context.Background(), []signin.SignIn{fine, slow, slow})
			took := time.Since(start)
			if took > 10*time.Second {
				t.Fatalf("the budget did not stop the rule: %s", took)
			}
			if ds[0].Error != "" || ds[0].Status != StatusInterrupted {
				t.Errorf("the row the rule does not touch: %+v", ds[0])
			}
			for _, d := range ds[1:] {
				if d.Error == "" || d.Status != StatusFailure {
					t.Errorf("a row the rule ran away on has no error: %+v", d)
				}
			}
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			t.Logf("stopped after %v: %q; heap %d MB", took.Round(time.Millisecond), ds[1].Error, after.HeapAlloc>>20)
		})
	}
}

func TestHostileRulesAreReportedPerRow(t *testing.T) {
	cases := []struct {
		name, source string
		rowError     bool // the 90025 row must carry an error; otherwise it evaluates normally
	}{
		{"conflicting complete rule", `package signin.rules.hostile

value := 1 if input.status.errorCode == 90025
value := 2 if input.status.errorCode == 90025

findings contains {"ruleId": sprintf("%d", [value])} if input.status.errorCode == 90025
`, true},
		{"conflicting object keys", `package signin.rules.hostile

obj[k] := v if {
	input.status.errorCode == 90025
	some k, v in {"a": 1}
}

obj["a"] := 2 if input.status.errorCode == 90025

findings contains {"ruleId": "x", "n": obj.a} if input.status.errorCode == 90025
`, true},
		{"missing data and input", `package signin.rules.hostile

findings contains {"ruleId": "x"} if {
	input.status.errorCode == 90025
	data.nowhere.to.be.found == true
}

findings contains {"ruleId": "y"} if input.no.such.field.here == "z"
`, false},
		// A built-in's error (to_number of text) makes the expression undefined, as in OPA.
		{"type errors at run time", `package signin.rules.hostile

findings contains {"ruleId": "x"} if {
	input.status.errorCode == 90025
	to_number(input.status.failureReason) > 0
}
`, false},
		// A finding that is not an object is left out; the row keeps the built-in findings.
		{"a finding that is not an object", `package signin.rules.hostile

findings contains "just a string" if input.status.errorCode == 90025
`, false},
		{"a second decision", `package signin.main

decision := {} if input.status.errorCode == 90025
`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, err := New(context.Background(), append(builtins(t), regokit.Module{Name: "customRules", User: true, Source: tc.source}))
			if err != nil {
				t.Fatalf("does not compile: %v", err)
			}
			hit, other := example(t, `{"errorCode":90025,"failureReason":"not a number"}`), example(t, `{"errorCode":50058}`)
			ds := e.EvaluateAll(context.Background(), []signin.SignIn{hit, other})
			if (ds[0].Error != "") != tc.rowError {
				t.Errorf("row error %q, want an error: %v", ds[0].Error, tc.rowError)
			}
			if ds[1].Error != "" || ds[1].Status != StatusInterrupted {
				t.Errorf("the other row: %+v", ds[1])
			}
		})
	}
}

// Rules cannot reach the network, the environment or anything that makes a decision depend on
// more than the sign-in: such a rule does not compile, with its row and column, and nothing
// panics.
func TestHostileRulesCannotUseTheOutsideWorld(t *testing.T) {
	calls := map[string]string{
		"http.send":          `http.send({"method": "GET", "url": "https://example.com"}).status_code == 200`,
		"net.lookup_ip_addr": `count(net.lookup_ip_addr("example.com")) > 0`,
		"opa.runtime":        `opa.runtime().env.AZURE_CLIENT_SECRET != ""`,
		"time.now_ns":        `time.now_ns() > 0`,
		"rand.intn":          `rand.intn("x", 10) == 1`,
		"uuid.rfc4122":       `uuid.rfc4122("x") != ""`,
		"trace":              `trace("x")`,
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			src := "package signin.rules.hostile\n\nfindings contains {\"ruleId\": \"x\"} if {\n\t" + call + "\n}\n"
			_, err := New(context.Background(), append(builtins(t), regokit.Module{Name: "customRules", User: true, Source: src}))
			var ce *regokit.CompileError
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("a rule calling %s compiled (err %v)", name, err)
			}
			if p := ce.Problems[0]; p.Row != 4 || !strings.Contains(p.Message, name) {
				t.Errorf("problem %+v, want row 4 naming %s", p, name)
			}
		})
	}
	// A user rule cannot shadow or redefine the built-ins' decision either: it is a compile
	// error, not a crash.
	for _, src := range []string{
		"package signin.rules.x\n\nimport data.signin.rules.x\n\nfindings contains f if f := findings[_]\n",
		"package signin.rules.x\n\nfindings contains {\"ruleId\": x} if x := y\n\ny := x\n",
		"package",
		strings.Repeat("(", 100000),
	} {
		if _, err := New(context.Background(), append(builtins(t), regokit.Module{Name: "customRules", User: true, Source: src})); err == nil {
			t.Errorf("compiled: %.60q", src)
		}
	}
}

func builtins(t *testing.T) []regokit.Module {
	t.Helper()
	mods, err := regokit.BuiltinModules()
	if err != nil {
		t.Fatal(err)
	}
	return mods
}
