package ruleset

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// InlineName is the file name inline rules carry in problems and findings.
const InlineName = "customRules"

// Inline is Rego typed into the data source settings (jsonData.customRules). Its tests, rules
// named test_*, live in the same text and run with it.
type Inline string

// Read implements Source.
func (s Inline) Read(context.Context) (Files, error) {
	if strings.TrimSpace(string(s)) == "" {
		return Files{}, nil
	}
	m := regokit.Module{Name: InlineName, Source: string(s), User: true}
	return Files{Modules: []regokit.Module{m}}, nil
}

// Folder is a folder of .rego files on the Grafana server (jsonData.rulesPath); files ending
// _test.rego are its tests.
type Folder string

// Read implements Source.
func (f Folder) Read(context.Context) (Files, error) {
	modules, tests, err := ReadFolder(string(f))
	if err != nil {
		return Files{}, fmt.Errorf("jsonData.rulesPath: %w", err)
	}
	return Files{Modules: modules, Tests: tests}, nil
}

// FromSettings are the rule sources and thresholds of a data source's settings.
func FromSettings(s *settings.Settings) Options {
	if s == nil {
		return Options{}
	}
	p := s.Portals()
	o := Options{Engine: engine.Config{Portals: map[string]string{"adminCenter": p.AdminCenter, "azure": p.Azure}}}
	if strings.TrimSpace(s.CustomRules) != "" {
		o.Sources = append(o.Sources, Inline(s.CustomRules))
	}
	if s.RulesPath != "" {
		o.Sources = append(o.Sources, Folder(s.RulesPath))
	}
	if len(s.PatternThresholds) > 0 {
		o.Thresholds = s.PatternThresholds
	}
	return o
}

// testProblems runs the tests among modules and reports each failure at its rule in file.
func testProblems(ctx context.Context, file string, modules []regokit.Module) []regokit.Problem {
	_, failures, err := regokit.RunTests(ctx, modules)
	if err != nil {
		return []regokit.Problem{{File: file, Message: "running the rules' tests: " + err.Error()}}
	}
	var out []regokit.Problem
	for _, f := range failures {
		p := regokit.Problem{File: file, Message: f.Name + ": " + f.Message}
		if _, row, ok := strings.Cut(f.Location, ":"); ok {
			p.Row, _ = strconv.Atoi(row)
			p.Col = 1
		}
		out = append(out, p)
	}
	return out
}
