package engine

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestRegoRules runs the *_test.rego files beside the built-in rules inside go test, compiled
// with the production capabilities, so a rule that only works with a forbidden built-in fails
// here as it would in the plugin.
func TestRegoRules(t *testing.T) {
	mods, err := BuiltinModules()
	if err != nil {
		t.Fatal(err)
	}
	tests, err := BuiltinTestModules()
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) == 0 {
		t.Fatal("no Rego tests found beside the rules")
	}
	parsed := map[string]*ast.Module{}
	for _, m := range append(mods, tests...) {
		mod, err := ast.ParseModuleWithOpts(m.Name, m.Source, parserOptions())
		if err != nil {
			t.Fatal(err)
		}
		parsed[m.Name] = mod
	}
	compiler := ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true)
	results, err := tester.NewRunner().SetCompiler(compiler).SetModules(parsed).RaiseBuiltinErrors(true).Run(context.Background(), parsed)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for r := range results {
		n++
		if r.Fail || r.Error != nil {
			t.Errorf("%s.%s failed (%v) at %v", r.Package, r.Name, r.Error, r.Location)
		}
	}
	if n == 0 {
		t.Fatal("the Rego tester ran no test")
	}
	t.Logf("%d Rego tests passed", n)
}
