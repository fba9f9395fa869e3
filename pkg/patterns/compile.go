package patterns

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
)

// patternsRoot is the package every pattern rule lives under.
var patternsRoot = ast.MustParseRef("data.signin.patterns")

// builtinFiles says which embedded rules the pattern rules need: their own files and the
// shared sign-in helpers (legacy client names, hosting networks).
func builtinFiles(name string) bool {
	base := path.Base(name)
	return base == "lib.rego" || strings.HasPrefix(base, "patterns_")
}

// patternModules returns the built-in pattern modules and the user modules under
// signin.patterns. A user module that does not parse is reported: the engine rejects the same
// rule set, and a silently ignored pattern would be worse.
func patternModules(user []regokit.Module) ([]regokit.Module, error) {
	builtin, err := regokit.BuiltinModules()
	if err != nil {
		return nil, err
	}
	var out []regokit.Module
	for _, m := range builtin {
		if builtinFiles(m.Name) {
			out = append(out, m)
		}
	}
	var problems []regokit.Problem
	for _, m := range user {
		mod, err := ast.ParseModuleWithOpts(m.Name, m.Source, regokit.ParserOptions())
		if err != nil {
			problems = append(problems, regokit.ProblemsFrom(err, m.Name)...)
			continue
		}
		if mod.Package.Path.HasPrefix(patternsRoot) {
			out = append(out, m)
		}
	}
	if len(problems) > 0 {
		return nil, &regokit.CompileError{Problems: problems}
	}
	return out, nil
}

// evalThresholds reads an object of per-pattern objects (the defaults, or the effective
// thresholds for the given overrides).
func (d *Detector) evalThresholds(ctx context.Context, query string, overrides Thresholds) (Thresholds, error) {
	rs, err := rego.New(rego.Query(query), rego.Compiler(d.compiler), rego.Input(map[string]any{"thresholds": overrides})).Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", query, err)
	}
	out := Thresholds{}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return out, nil
	}
	all, ok := rs[0].Expressions[0].Value.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s must be an object of per-pattern objects", query)
	}
	for id, v := range all {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s[%q] must be an object, got %T", query, id, v)
		}
		out[id] = m
	}
	return out, nil
}

// PatternInfo documents one pattern, from its package METADATA and the thresholds in force.
type PatternInfo struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Severity    string `json:"severity"`
	Package     string `json:"package"`
	File        string `json:"file"`
	// Thresholds are the values in force; Sources says where each default comes from.
	Thresholds map[string]any    `json:"thresholds"`
	Sources    map[string]string `json:"sources"`
}

// Patterns lists the loaded patterns (built-in and the user's), sorted by ID.
func (d *Detector) Patterns() []PatternInfo { return append([]PatternInfo(nil), d.patterns...) }

func (d *Detector) patternInfo() []PatternInfo {
	byPackage := map[string]PatternInfo{}
	for _, ref := range d.compiler.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "package" || !ref.Path.HasPrefix(patternsRoot) {
			continue
		}
		info := PatternInfo{Title: a.Title, Description: strings.TrimSpace(a.Description), Package: strings.TrimPrefix(ref.Path.String(), "data.")}
		info.ID, _ = a.Custom["patternId"].(string)
		info.Severity, _ = a.Custom["severity"].(string)
		if loc := a.Location; loc != nil {
			info.File = loc.File
		}
		if src, ok := a.Custom["sources"].(map[string]any); ok {
			info.Sources = map[string]string{}
			for k, v := range src {
				info.Sources[k] = strings.TrimSpace(fmt.Sprint(v))
			}
		}
		byPackage[info.Package] = info
	}
	for _, s := range d.specs {
		if info, ok := byPackage[s.pkg]; !ok || info.ID == "" {
			byPackage[s.pkg] = PatternInfo{ID: s.id, Package: s.pkg, Title: info.Title, Description: info.Description, File: info.File}
		}
	}
	var out []PatternInfo
	for _, info := range byPackage {
		if info.ID == "" {
			continue // a helper package such as signin.patterns.config
		}
		if t, ok := d.inForce[info.ID]; ok {
			info.Thresholds = cloneThresholds(Thresholds{info.ID: t})[info.ID]
		}
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
