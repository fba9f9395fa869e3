// Package patterns finds attacks and outages that no single sign-in shows: a password spray,
// MFA fatigue, a lockout storm, a Conditional Access block wave. Go groups the sign-ins in one
// pass into compact aggregates (per address, account, account and address, policy or the whole
// tenant, in time buckets); Rego rules (rules/patterns_*.rego, packages signin.patterns.*)
// decide which aggregates are a pattern and explain them. The thresholds are Rego data
// (data.signin.patterns.config.thresholds) that a data source overrides key by key.
package patterns

import (
	"context"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// Finding is one pattern found across sign-ins: what it is, who and what it involves, when,
// and the request IDs of the sign-ins it counted.
type Finding struct {
	PatternID string   `json:"patternId"`
	Title     string   `json:"title"`
	Severity  string   `json:"severity"` // info, low, medium, high or critical
	Cause     string   `json:"cause"`
	NextSteps []string `json:"nextSteps"`
	// Key is what the pattern groups by, e.g. {"ip": "192.0.2.77"} or {"user": ..., "ip": ...};
	// empty for tenant-wide patterns.
	Key map[string]string `json:"key"`
	// IPs, Users and Apps are the distinct values of the counted sign-ins, most frequent first,
	// at most MaxEntities each; IPCount, UserCount and AppCount are the full distinct counts.
	IPs       []string `json:"ips"`
	Users     []string `json:"users"`
	Apps      []string `json:"apps"`
	IPCount   int      `json:"ipCount"`
	UserCount int      `json:"userCount"`
	AppCount  int      `json:"appCount"`
	// Count is the number of sign-ins the finding counted.
	Count     int       `json:"count"`
	FirstSeen time.Time `json:"firstSeen"`
	LastSeen  time.Time `json:"lastSeen"`
	// Window is the pattern's bucket size ("20m"): the rule's figures are per window.
	Window string `json:"window"`
	// Evidence holds the request IDs (signIn id) of the counted sign-ins, oldest first, at
	// most MaxEvidence.
	Evidence []string `json:"evidence"`
	// Details are the rule's own figures (the busiest window's), plus "windows": how many
	// overlapping buckets were merged into this finding.
	Details map[string]any `json:"details"`
}

// Limits of a finding's lists.
const (
	MaxEvidence = 200
	MaxEntities = 100
)

// Thresholds are per pattern ID, per key: {"password-spray": {"minUsers": 10, "window": "30m"}}.
// As overrides they replace single keys of the defaults in rules/patterns_config.rego.
type Thresholds map[string]map[string]any

// Detector is one compiled set of pattern rules with its thresholds. It is immutable and safe
// for concurrent use; build it once per rule set and settings.
type Detector struct {
	prepared  rego.PreparedEvalQuery
	compiler  *ast.Compiler
	specs     []*spec
	overrides Thresholds
	inForce   Thresholds
	patterns  []PatternInfo
}

// FindingsQuery is what the detector evaluates: the findings of every signin.patterns.* package.
const FindingsQuery = "f := data.signin.patterns[pkg].findings[_]"

// NewDetector compiles the built-in pattern rules (rules/patterns_*.rego, with signin.lib) and
// the user modules whose package is under signin.patterns (others are the sign-in rules and
// are left out), checks the overrides against the defaults and prepares the query. Compile
// errors come back as *regokit.CompileError, invalid overrides as *ThresholdError, a grouping a
// rule declares wrongly as *GroupingError.
func NewDetector(ctx context.Context, userModules []regokit.Module, overrides Thresholds) (*Detector, error) {
	modules, err := patternModules(userModules)
	if err != nil {
		return nil, err
	}
	compiler, err := regokit.Compile(modules)
	if err != nil {
		return nil, err
	}
	return NewCompiledDetector(ctx, compiler, overrides)
}

// NewCompiledDetector prepares the detector on a rule set already compiled by regokit.Compile
// (the same compilation the decision engine uses): the pattern rules are the packages under
// signin.patterns, whatever else the compiler holds.
func NewCompiledDetector(ctx context.Context, compiler *ast.Compiler, overrides Thresholds) (*Detector, error) {
	d := &Detector{compiler: compiler}
	defaults, err := d.evalThresholds(ctx, "data.signin.patterns.config.thresholds", nil)
	if err != nil {
		return nil, err
	}
	if d.overrides, err = checkOverrides(defaults, overrides); err != nil {
		return nil, err
	}
	if d.inForce, err = d.evalThresholds(ctx, "data.signin.patterns.config.effective", d.overrides); err != nil {
		return nil, err
	}
	if d.specs, err = d.loadSpecs(ctx); err != nil {
		return nil, err
	}
	d.patterns = d.patternInfo()
	d.prepared, err = rego.New(
		rego.Query(FindingsQuery),
		rego.Compiler(compiler),
		rego.Capabilities(regokit.Capabilities()),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("preparing the pattern rules: %w", err)
	}
	return d, nil
}

// Defaults returns the thresholds in force: the rules' defaults with the overrides applied,
// for the documentation and the config editor. The caller may modify the copy.
func (d *Detector) Defaults() Thresholds { return cloneThresholds(d.inForce) }

// Overrides returns the checked overrides the detector was built with.
func (d *Detector) Overrides() Thresholds { return cloneThresholds(d.overrides) }

// Detect groups the sign-ins and returns the patterns the rules find, newest first. statuses
// holds each sign-in's classification by the engine (success, interrupted or failure), in the
// order of signIns; nil classifies by the error code alone (0 is a success). The sign-ins may
// come in any order. On a *RuleError (a user rule's finding that names no group) the other
// findings are still returned.
func (d *Detector) Detect(ctx context.Context, signIns []signin.SignIn, statuses []string) ([]Finding, error) {
	if statuses != nil && len(statuses) != len(signIns) {
		return nil, fmt.Errorf("patterns: %d statuses for %d sign-ins", len(statuses), len(signIns))
	}
	agg := aggregate(d.specs, signIns, statuses)
	input := agg.input(d.overrides)
	rs, err := d.prepared.Eval(ctx, rego.EvalInput(input))
	if err != nil {
		return nil, fmt.Errorf("evaluating the pattern rules: %w", err)
	}
	hits, problems := decodeHits(rs, agg)
	findings := agg.merge(hits)
	if len(problems) > 0 {
		return findings, &RuleError{Problems: problems}
	}
	return findings, nil
}
