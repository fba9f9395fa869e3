package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/rego"
)

// RuleInfo describes one loaded rule or catalogue entry, from its METADATA.
type RuleInfo struct {
	// ID is the ruleId of a catalogue entry ("aadsts-50126") or the rule's path.
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Kind is "catalogue" (one error code), "rule" (a rule with METADATA) or "package".
	Kind     string `json:"kind"`
	Package  string `json:"package"`
	Codes    []int  `json:"codes"`
	Severity string `json:"severity"`
	Category string `json:"category"`
	Actor    string `json:"actor"`
	File     string `json:"file"`
	Row      int    `json:"row"`
	User     bool   `json:"user"`
}

// CatalogueQuery is where the per-code catalogue lives: an object keyed by error code.
const CatalogueQuery = "data.signin.rules.catalogue.entries"

func (e *Engine) listRules(ctx context.Context) ([]RuleInfo, error) {
	out := e.annotatedRules()
	entries, err := e.catalogue(ctx)
	if err != nil {
		return nil, err
	}
	out = append(out, entries...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind > out[j].Kind // rules and packages before catalogue entries
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func (e *Engine) annotatedRules() []RuleInfo {
	var out []RuleInfo
	for _, ref := range e.compiler.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || (a.Scope != "rule" && a.Scope != "package" && a.Scope != "document") {
			continue
		}
		path := strings.TrimPrefix(ref.Path.String(), "data.")
		info := RuleInfo{ID: path, Title: a.Title, Description: a.Description, Kind: "rule", Package: packageName(ref.Path)}
		if a.Scope == "package" {
			info.Kind = "package"
		}
		if loc := a.Location; loc != nil {
			info.File, info.Row = loc.File, loc.Row
		}
		info.Codes = intList(a.Custom["codes"])
		info.Severity, _ = a.Custom["severity"].(string)
		info.Category, _ = a.Custom["category"].(string)
		info.User = e.userPackages[info.Package]
		out = append(out, info)
	}
	return out
}

// catalogue reads the per-code entries once per rule set, for the rules query and pickers.
func (e *Engine) catalogue(ctx context.Context) ([]RuleInfo, error) {
	rs, err := rego.New(rego.Query(CatalogueQuery), rego.Compiler(e.compiler)).Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the catalogue: %w", err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	entries, _ := rs[0].Expressions[0].Value.(map[string]any)
	out := make([]RuleInfo, 0, len(entries))
	for code, v := range entries {
		m, _ := v.(map[string]any)
		var n int
		if _, err := fmt.Sscan(code, &n); err != nil {
			continue
		}
		out = append(out, RuleInfo{
			ID: fmt.Sprintf("aadsts-%d", n), Kind: "catalogue", Package: "catalogue", Codes: []int{n},
			Title: str(m["title"]), Description: str(m["cause"]), Severity: str(m["severity"]),
			Category: str(m["category"]), Actor: str(m["actor"]),
		})
	}
	return out, nil
}

func intList(v any) []int {
	var out []int
	for _, x := range anys(v) {
		switch n := x.(type) {
		case float64:
			out = append(out, int(n))
		case int:
			out = append(out, n)
		case int64:
			out = append(out, int(n))
		}
	}
	return out
}
