package engine

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// InputValue is one field a rule read, with the sign-in's value for it (JSON).
type InputValue struct {
	Path  string `json:"path"`
	Value string `json:"value"`
}

// Explanation says why a sign-in got its status and findings: every finding that matched (in
// precedence order) and, per rule package, the sign-in's values for the fields it reads.
type Explanation struct {
	Decision Decision
	// Classification holds the fields signin.classify reads.
	Classification []InputValue
	// Inputs maps a finding's package (as in Finding.Package) to the fields that package reads.
	Inputs map[string][]InputValue
}

// ClassifyPackage is the package that decides success, interrupted or failure.
const ClassifyPackage = "signin.classify"

// Explain evaluates one sign-in and gathers what each matching rule looked at.
func (e *Engine) Explain(ctx context.Context, s *signin.SignIn) Explanation {
	x := Explanation{Decision: e.Evaluate(ctx, s), Inputs: map[string][]InputValue{}}
	var doc map[string]any
	_ = json.Unmarshal(s.Raw, &doc)
	x.Classification = values(doc, e.inputs.Paths(ClassifyPackage))
	for _, f := range x.Decision.Findings {
		pkg := "signin.rules." + f.Package
		if f.Package == "main" {
			pkg = "signin.main"
		}
		if _, done := x.Inputs[f.Package]; !done {
			x.Inputs[f.Package] = values(doc, e.inputs.Paths(pkg))
		}
	}
	return x
}

func values(doc map[string]any, paths []string) []InputValue {
	out := make([]InputValue, 0, len(paths))
	for _, p := range paths {
		if p == WholeInput {
			continue
		}
		v, ok := lookup(doc, strings.Split(p, "."))
		text := "(absent)"
		if ok {
			b, _ := json.Marshal(v)
			text = string(b)
		}
		out = append(out, InputValue{Path: p, Value: text})
	}
	return out
}

func lookup(doc any, parts []string) (any, bool) {
	for _, part := range parts {
		m, ok := doc.(map[string]any)
		if !ok {
			return nil, false
		}
		if doc, ok = m[part]; !ok {
			return nil, false
		}
	}
	return doc, true
}
