package regokit

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestFailure is one Rego test (a rule named test_*) that failed or errored.
type TestFailure struct {
	Name     string `json:"name"`
	Location string `json:"location"`
	Message  string `json:"message"`
}

// RunTests runs every test_* rule found in the modules, compiled with the production
// capabilities, and returns how many ran and the ones that did not pass. A rule set whose own
// tests fail is not put into service.
func RunTests(ctx context.Context, modules []Module) (int, []TestFailure, error) {
	parsed := make(map[string]*ast.Module, len(modules))
	for _, m := range modules {
		mod, err := ast.ParseModuleWithOpts(m.Name, m.Source, ParserOptions())
		if err != nil {
			return 0, nil, &CompileError{Problems: ProblemsFrom(err, m.Name)}
		}
		parsed[m.Name] = mod
	}
	compiler := ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(true)
	results, err := tester.NewRunner().SetCompiler(compiler).SetModules(parsed).RaiseBuiltinErrors(true).Run(ctx, parsed)
	if err != nil {
		return 0, nil, err
	}
	var ran int
	var failures []TestFailure
	for r := range results {
		ran++
		if !r.Fail && r.Error == nil {
			continue
		}
		f := TestFailure{Name: r.Package + "." + r.Name, Message: "the test failed"}
		if r.Location != nil {
			f.Location = fmt.Sprintf("%s:%d", r.Location.File, r.Location.Row)
		}
		if r.Error != nil {
			f.Message = r.Error.Error()
		}
		failures = append(failures, f)
	}
	return ran, failures, nil
}

// TestsFailedError says which of a rule set's own tests failed.
type TestsFailedError struct {
	Failures []TestFailure
}

func (e *TestsFailedError) Error() string {
	msg := fmt.Sprintf("%d rule test(s) failed:", len(e.Failures))
	for _, f := range e.Failures {
		msg += fmt.Sprintf(" %s (%s): %s;", f.Name, f.Location, f.Message)
	}
	return msg[:len(msg)-1]
}
