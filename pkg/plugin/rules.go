package plugin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/patterns"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// ruleSet is the engine serving queries, and why the admin's latest rules are not in it, if
// they are not. It is replaced whole (atomic.Pointer) so a query never sees half a change.
type ruleSet struct {
	engine *engine.Engine
	// detector finds patterns across sign-ins with the same rules and the data source's
	// thresholds.
	detector *patterns.Detector
	// userErr says why the admin's latest rules were refused; the engine then is the last good
	// one (or the built-in rules alone).
	userErr error
	// fingerprint identifies the user sources that were last tried, so an unchanged folder is
	// not recompiled on every poll.
	fingerprint string
	loadedAt    time.Time
	userFiles   int
}

// userSources are the admin's rules: inline Rego, and the rules folder's files with their tests.
type userSources struct {
	modules []engine.Module
	tests   []engine.Module
}

func (u userSources) fingerprint() string {
	h := sha256.New()
	for _, m := range append(append([]engine.Module{}, u.modules...), u.tests...) {
		fmt.Fprintf(h, "%s\x00%d\x00%s\x00", m.Name, len(m.Source), m.Source)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// buildRuleSet compiles the built-in rules with the admin's, runs the admin's tests, and only
// then returns a rule set with them. If anything fails, previous (or the built-in rules when
// there is no previous set) keeps serving and the error says why.
func buildRuleSet(ctx context.Context, s *settings.Settings, previous *ruleSet) (*ruleSet, error) {
	builtin, err := engine.BuiltinModules()
	if err != nil {
		return nil, err
	}
	user, readErr := readUserSources(s)
	fp := user.fingerprint()
	overrides := thresholds(s)
	if readErr == nil {
		var e *engine.Engine
		var d *patterns.Detector
		if e, readErr = compileUser(ctx, builtin, user); readErr == nil {
			if d, readErr = newDetector(ctx, user.modules, overrides); readErr == nil {
				return &ruleSet{engine: e, detector: d, fingerprint: fp, loadedAt: time.Now(), userFiles: len(user.modules)}, nil
			}
		}
	}
	if previous != nil && previous.engine != nil {
		return &ruleSet{engine: previous.engine, detector: previous.detector, userErr: readErr, fingerprint: fp, loadedAt: previous.loadedAt, userFiles: previous.userFiles}, nil
	}
	e, err := engine.New(ctx, builtin)
	if err != nil {
		return nil, fmt.Errorf("the built-in rules do not compile: %w", err)
	}
	d, err := patterns.NewDetector(ctx, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("the built-in pattern rules do not compile: %w", err)
	}
	return &ruleSet{engine: e, detector: d, userErr: readErr, fingerprint: fp, loadedAt: time.Now()}, nil
}

// newDetector builds the pattern detector; a threshold override that names an unknown key or
// has the wrong type is reported at its settings path.
func newDetector(ctx context.Context, user []engine.Module, overrides patterns.Thresholds) (*patterns.Detector, error) {
	d, err := patterns.NewDetector(ctx, user, overrides)
	var te *patterns.ThresholdError
	if errors.As(err, &te) {
		return nil, &settings.FieldError{Field: "jsonData.patternThresholds." + te.Path(), Msg: te.Message}
	}
	return d, err
}

func thresholds(s *settings.Settings) patterns.Thresholds {
	if s == nil || len(s.PatternThresholds) == 0 {
		return nil
	}
	return patterns.Thresholds(s.PatternThresholds)
}

func compileUser(ctx context.Context, builtin []engine.Module, user userSources) (*engine.Engine, error) {
	all := append(append([]engine.Module{}, builtin...), user.modules...)
	e, err := engine.New(ctx, all)
	if err != nil || len(user.tests) == 0 {
		return e, err
	}
	_, failures, err := engine.RunTests(ctx, append(all, user.tests...))
	if err != nil {
		return nil, err
	}
	if len(failures) > 0 {
		return nil, &engine.TestsFailedError{Failures: failures}
	}
	return e, nil
}

// readUserSources reads the inline rules and the rules folder (files ending _test.rego are tests).
func readUserSources(s *settings.Settings) (userSources, error) {
	var u userSources
	if s == nil {
		return u, nil
	}
	if strings.TrimSpace(s.CustomRules) != "" {
		u.modules = append(u.modules, engine.Module{Name: "customRules", Source: s.CustomRules, User: true})
	}
	if s.RulesPath == "" {
		return u, nil
	}
	modules, tests, err := engine.ReadFolder(s.RulesPath)
	if err != nil {
		return u, fmt.Errorf("jsonData.rulesPath: %w", err)
	}
	u.modules = append(u.modules, modules...)
	u.tests = tests
	return u, nil
}

// validate compiles the given inline rules with the built-in ones and runs the tests they
// contain (rules named test_*), for the config editor's Validate button.
func validate(ctx context.Context, src string) []engine.Problem {
	builtin, err := engine.BuiltinModules()
	if err != nil {
		return []engine.Problem{{Message: err.Error()}}
	}
	all := append(builtin, engine.Module{Name: "customRules", Source: src, User: true})
	_, err = engine.New(ctx, all)
	if err == nil {
		return testProblems(ctx, all)
	}
	var ce *engine.CompileError
	if errors.As(err, &ce) {
		return ce.Problems
	}
	return []engine.Problem{{File: "customRules", Message: err.Error()}}
}

// testProblems runs the inline rules' own tests and reports each failure at its rule.
func testProblems(ctx context.Context, modules []engine.Module) []engine.Problem {
	_, failures, err := engine.RunTests(ctx, modules)
	if err != nil {
		return []engine.Problem{{File: "customRules", Message: "running the rules' tests: " + err.Error()}}
	}
	var out []engine.Problem
	for _, f := range failures {
		p := engine.Problem{File: "customRules", Message: f.Name + ": " + f.Message}
		if _, row, ok := strings.Cut(f.Location, ":"); ok {
			p.Row, _ = strconv.Atoi(row)
			p.Col = 1
		}
		out = append(out, p)
	}
	return out
}
