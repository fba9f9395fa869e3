package engine

import (
	"context"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
)

// TestRegoRules runs the *_test.rego files beside the built-in rules inside go test, compiled
// with the production capabilities, so a rule that only works with a forbidden built-in fails
// here as it would in the plugin.
func TestRegoRules(t *testing.T) {
	mods, err := regokit.BuiltinModules()
	if err != nil {
		t.Fatal(err)
	}
	tests, err := regokit.BuiltinTestModules()
	if err != nil {
		t.Fatal(err)
	}
	ran, failures, err := regokit.RunTests(context.Background(), append(mods, tests...))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range failures {
		t.Errorf("%s failed at %s: %s", f.Name, f.Location, f.Message)
	}
	if ran == 0 {
		t.Fatal("the Rego tester ran no test")
	}
	t.Logf("%d Rego tests ran", ran)
}

func TestRunTestsReportsFailures(t *testing.T) {
	mods, _ := regokit.BuiltinModules()
	user := regokit.Module{Name: "mine_test.rego", User: true, Source: `package signin.rules.mine_test

test_wrong_expectation if {
	data.signin.main.decision.status == "success" with input as {"status": {"errorCode": 50126}}
}
`}
	ran, failures, err := regokit.RunTests(context.Background(), append(mods, user))
	if err != nil {
		t.Fatal(err)
	}
	if ran != 1 || len(failures) != 1 || failures[0].Name != "data.signin.rules.mine_test.test_wrong_expectation" || failures[0].Location != "mine_test.rego:3" {
		t.Fatalf("ran %d, failures %+v", ran, failures)
	}
}
