// Package ruleset is the one lifecycle of a data source's rules. From its sources (the
// built-in rules, the inline rules of the settings, a rules folder) it reads the modules and
// their *_test.rego tests, compiles them once for both the decision engine and the pattern
// detector, runs the tests, and returns a Set that serves queries. When the admin's rules do
// not read, compile or pass their tests, the previous Set keeps serving and says why.
//
// Everything that turns user rules into something that serves goes through Build (and Check
// for the config editor's Validate button, which builds nothing): the plugin at start, the
// folder watcher, the validate resource and the offline diagnose command. A new kind of
// source is a Source implementation and nothing else.
package ruleset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/patterns"
	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// Source is one place admins' rules come from. Read returns its modules and tests, marked
// User; an error says which setting to fix.
type Source interface {
	Read(ctx context.Context) (Files, error)
}

// Files are what a source holds: rule modules and the tests that must pass before they serve.
type Files struct {
	Modules []regokit.Module
	Tests   []regokit.Module
}

// Options are what a data source's rule set is built from.
type Options struct {
	Sources []Source
	// Thresholds override the pattern rules' defaults key by key.
	Thresholds patterns.Thresholds
	// Engine is what the rules know of the data source (its cloud's portals, for links).
	Engine engine.Config
}

// Set is one compiled rule set: immutable, safe for concurrent use, swapped whole.
type Set struct {
	Engine   *engine.Engine
	Detector *patterns.Detector
	// Refused says why the sources' latest rules are not in this set (nil when they are):
	// the set is then the previous one, or the built-in rules alone.
	Refused error
	// Fingerprint identifies the source content last tried, so that an unchanged folder is
	// not compiled again on every poll.
	Fingerprint string
	// LoadedAt is when the rules serving were built; UserFiles how many of them are the
	// admin's; TestsRun how many of the admin's tests passed for them.
	LoadedAt  time.Time
	UserFiles int
	TestsRun  int
}

// read reads every source; the fingerprint covers what was read, and the first error.
func read(ctx context.Context, sources []Source) (Files, string, error) {
	var all Files
	var firstErr error
	h := sha256.New()
	for _, src := range sources {
		f, err := src.Read(ctx)
		if err != nil {
			fmt.Fprintf(h, "error\x00%s\x00", err)
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		all.Modules = append(all.Modules, f.Modules...)
		all.Tests = append(all.Tests, f.Tests...)
	}
	for _, m := range append(append([]regokit.Module{}, all.Modules...), all.Tests...) {
		fmt.Fprintf(h, "%s\x00%d\x00%s\x00", m.Name, len(m.Source), m.Source)
	}
	return all, hex.EncodeToString(h.Sum(nil)), firstErr
}

// Fingerprint reads the sources and identifies their content, to tell whether a Build would
// change anything.
func Fingerprint(ctx context.Context, opts Options) string {
	_, fp, _ := read(ctx, opts.Sources)
	return fp
}

// Build reads the sources, compiles the built-in rules with the admin's once for decisions
// and patterns, runs the admin's tests, and returns the new set. If the admin's rules fail
// anywhere on the way, it returns previous (or, with no previous set, the built-in rules
// alone) with Refused saying why. Only a failure of the built-in rules themselves is an error.
func Build(ctx context.Context, opts Options, previous *Set) (*Set, error) {
	builtin, err := regokit.BuiltinModules()
	if err != nil {
		return nil, err
	}
	user, fp, refused := read(ctx, opts.Sources)
	if refused == nil {
		var set *Set
		if set, refused = compile(ctx, builtin, user, opts); refused == nil {
			set.Fingerprint, set.LoadedAt = fp, time.Now()
			return set, nil
		}
	}
	if previous != nil && previous.Engine != nil {
		kept := *previous
		kept.Refused, kept.Fingerprint = refused, fp
		return &kept, nil
	}
	set, err := compile(ctx, builtin, Files{}, Options{Engine: opts.Engine})
	if err != nil {
		return nil, fmt.Errorf("the built-in rules do not compile: %w", err)
	}
	set.Refused, set.Fingerprint, set.LoadedAt = refused, fp, time.Now()
	return set, nil
}

// compile builds the engine and the detector from one compilation of the modules, then runs
// the tests; a set whose own tests fail is not returned.
func compile(ctx context.Context, builtin []regokit.Module, user Files, opts Options) (*Set, error) {
	modules := append(append([]regokit.Module{}, builtin...), user.Modules...)
	compiler, err := regokit.Compile(modules)
	if err != nil {
		return nil, err
	}
	e, err := engine.NewCompiled(ctx, compiler, modules, opts.Engine)
	if err != nil {
		return nil, err
	}
	d, err := patterns.NewCompiledDetector(ctx, compiler, opts.Thresholds)
	var te *patterns.ThresholdError
	if errors.As(err, &te) {
		return nil, &settings.FieldError{Field: "jsonData.patternThresholds." + te.Path(), Msg: te.Message}
	}
	if err != nil {
		return nil, err
	}
	set := &Set{Engine: e, Detector: d, UserFiles: len(user.Modules)}
	if len(user.Tests) == 0 {
		return set, nil
	}
	ran, failures, err := regokit.RunTests(ctx, append(modules, user.Tests...))
	if err != nil {
		return nil, err
	}
	if len(failures) > 0 {
		return nil, &regokit.TestsFailedError{Failures: failures}
	}
	set.TestsRun = ran
	return set, nil
}

// Check compiles inline rules with the built-in ones and runs the tests they contain (rules
// named test_*), for the config editor's Validate button: every problem with its row, and
// nothing built or swapped.
func Check(ctx context.Context, name, src string) []regokit.Problem {
	builtin, err := regokit.BuiltinModules()
	if err != nil {
		return []regokit.Problem{{Message: err.Error()}}
	}
	inline := Files{Modules: []regokit.Module{{Name: name, Source: src, User: true}}}
	modules := append(builtin, inline.Modules...)
	if _, err := compile(ctx, builtin, inline, Options{}); err != nil {
		var ce *regokit.CompileError
		if errors.As(err, &ce) {
			return ce.Problems
		}
		return []regokit.Problem{{File: name, Message: err.Error()}}
	}
	return testProblems(ctx, name, modules)
}
