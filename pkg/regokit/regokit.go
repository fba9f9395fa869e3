// Package regokit compiles and tests Rego the way every part of the plugin must: Rego v1 with
// METADATA, only the built-ins a sign-in rule may call (no network, no clock, no environment),
// every problem at its file, row and column, and the *_test.rego tests run with the same
// capabilities. The decision engine, the pattern detector and the rule-set lifecycle all
// build on it, so a rule that compiles for one compiles for the others.
package regokit

import (
	"errors"
	"io/fs"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/sigdiag/signin-diagnostics/rules"
)

// Module is one Rego source file.
type Module struct {
	// Name is the file name shown in errors, e.g. "rules/catalogue.rego" or "customRules".
	Name   string
	Source string
	// User marks rules written by the data source's admins (the engine lets their findings
	// win over a built-in finding with the same ruleId).
	User bool
}

// BuiltinModules returns the rules embedded from rules/, without their tests.
func BuiltinModules() ([]Module, error) {
	return modulesFromFS(rules.FS, "rules/", false)
}

// BuiltinTestModules returns the built-in rules' Rego tests.
func BuiltinTestModules() ([]Module, error) {
	all, err := modulesFromFS(rules.FS, "rules/", true)
	if err != nil {
		return nil, err
	}
	var tests []Module
	for _, m := range all {
		if strings.HasSuffix(m.Name, "_test.rego") {
			tests = append(tests, m)
		}
	}
	return tests, nil
}

func modulesFromFS(fsys fs.FS, prefix string, withTests bool) ([]Module, error) {
	var out []Module
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") {
			return err
		}
		if !withTests && strings.HasSuffix(path, "_test.rego") {
			return nil
		}
		src, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		out = append(out, Module{Name: prefix + path, Source: string(src)})
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// Capabilities are the built-ins rules may use: OPA's, less those that reach the network,
// read the environment or make a decision depend on anything but the sign-in. They are
// enforced at compile time, so a rule that calls http.send does not compile.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !deniedBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

var deniedBuiltins = map[string]bool{
	"http.send":          true, // network
	"net.lookup_ip_addr": true, // network (DNS)
	"opa.runtime":        true, // environment variables and configuration
	"rand.intn":          true, // not deterministic
	"uuid.rfc4122":       true, // not deterministic
	"time.now_ns":        true, // not deterministic: a row's cause must not depend on when it was looked at
	"trace":              true, // writes to the evaluation trace, which nobody reads here
}

// ParserOptions are how every rule module is parsed: Rego v1, METADATA kept, and only the
// allowed built-ins (Capabilities).
func ParserOptions() ast.ParserOptions {
	return ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1, Capabilities: Capabilities()}
}

// Compile parses and compiles modules with the allowed built-ins, reporting every problem with
// its file, row and column. The pattern detector compiles its rules with it too, so a pattern
// rule cannot call what a sign-in rule may not.
func Compile(modules []Module) (*ast.Compiler, error) {
	parsed := make(map[string]*ast.Module, len(modules))
	var problems []Problem
	for _, m := range modules {
		mod, err := ast.ParseModuleWithOpts(m.Name, m.Source, ParserOptions())
		if err != nil {
			problems = append(problems, ProblemsFrom(err, m.Name)...)
			continue
		}
		parsed[m.Name] = mod
	}
	if len(problems) > 0 {
		return nil, &CompileError{Problems: problems}
	}
	c := ast.NewCompiler().WithCapabilities(Capabilities()).WithEnablePrintStatements(false)
	c.Compile(parsed)
	if c.Failed() {
		return nil, &CompileError{Problems: ProblemsFrom(c.Errors, "")}
	}
	return c, nil
}

// ProblemsFrom turns OPA's errors into rows and columns.
func ProblemsFrom(err error, file string) []Problem {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return []Problem{{File: file, Message: err.Error()}}
	}
	out := make([]Problem, 0, len(errs))
	for _, e := range errs {
		p := Problem{File: file, Message: e.Message, Code: e.Code}
		if e.Location != nil {
			p.File, p.Row, p.Col = e.Location.File, e.Location.Row, e.Location.Col
		}
		out = append(out, p)
	}
	return out
}
