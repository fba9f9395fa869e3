package engine

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// WholeInput stands for "the rule reads input as a whole", which cannot be narrowed to fields.
const WholeInput = "*"

// inputIndex knows which input fields each rule reads, found by walking the compiled rules and
// following their references to other rules (such as signin.lib's helpers). Explanations show
// these fields' values; they are derived from the rules themselves, so a user rule that reads a
// new field is explained correctly without anyone declaring it.
type inputIndex struct {
	direct map[string]map[string]bool // rule path (e.g. "signin.lib.error_code") -> input paths
	deps   map[string]map[string]bool // rule path -> rule paths it references
	rules  map[string][]string        // package path -> its rule paths
	// whole lists rules that read input in a way no field list describes (input[k], walk(input),
	// object.get(input, k, ...) with a computed key): results cannot be memoized on fields then.
	whole map[string]bool
}

func newInputIndex(c *ast.Compiler) *inputIndex {
	idx := &inputIndex{direct: map[string]map[string]bool{}, deps: map[string]map[string]bool{}, rules: map[string][]string{}, whole: map[string]bool{}}
	known := map[string]bool{}
	for _, mod := range c.Modules {
		for _, rule := range mod.Rules {
			known[rulePath(mod, rule)] = true
		}
	}
	for _, mod := range c.Modules {
		pkg := strings.TrimPrefix(mod.Package.Path.String(), "data.")
		for _, rule := range mod.Rules {
			path := rulePath(mod, rule)
			idx.rules[pkg] = append(idx.rules[pkg], path)
			if idx.direct[path] == nil {
				idx.direct[path], idx.deps[path] = map[string]bool{}, map[string]bool{}
			}
			idx.scan(rule, path, known)
		}
	}
	return idx
}

func rulePath(mod *ast.Module, rule *ast.Rule) string {
	return strings.TrimPrefix(mod.Package.Path.String(), "data.") + "." + rule.Head.Ref().GroundPrefix().String()
}

func (idx *inputIndex) scan(rule *ast.Rule, path string, known map[string]bool) {
	rr := readsOfRule(rule)
	for _, r := range append(slices.Collect(maps.Values(rr.exprs)), rr.head) {
		for _, p := range r.paths {
			idx.direct[path][p] = true
		}
		if r.whole {
			idx.whole[path] = true
		}
	}
	ast.WalkRefs(rule, func(ref ast.Ref) bool {
		if ref.HasPrefix(ast.DefaultRootRef) {
			for _, dep := range referencedRules(ref, known) {
				idx.deps[path][dep] = true
			}
		}
		return false
	})
}

// usesAlias reports whether an expression other than the alias binding itself uses a local
// bound to input (object.get with a constant key is handled before this is asked).
func usesAlias(x *ast.Expr, aliases map[ast.Var]ast.Ref) bool {
	if len(aliases) == 0 {
		return false
	}
	if terms, ok := x.Terms.([]*ast.Term); ok && len(terms) == 3 && x.IsEquality() {
		if _, isVar := terms[1].Value.(ast.Var); isVar {
			if ref, isRef := terms[2].Value.(ast.Ref); isRef && len(ref) == 1 && ref.HasPrefix(ast.InputRootRef) {
				return false
			}
		}
	}
	found := false
	ast.WalkVars(x, func(v ast.Var) bool {
		if _, ok := aliases[v]; ok {
			found = true
		}
		return found
	})
	return found
}

// constantKeys finds locals that can only hold one of a few constant strings, as in
// some k in ["riskEventTypes_v2", "riskEventTypes"]; object.get(input, k, []), compiled to
// __a = [...]; __k = __a[__i].
func constantKeys(rule *ast.Rule) map[ast.Var][]string {
	arrays, keys := map[ast.Var][]string{}, map[ast.Var][]string{}
	ast.WalkExprs(rule, func(x *ast.Expr) bool {
		terms, ok := x.Terms.([]*ast.Term)
		if !ok || len(terms) != 3 || !x.IsEquality() {
			return false
		}
		v, isVar := terms[1].Value.(ast.Var)
		if !isVar {
			return false
		}
		switch val := terms[2].Value.(type) {
		case *ast.Array:
			if list, ok := stringList(val); ok {
				arrays[v] = list
			}
		case ast.Ref:
			if head, ok := val[0].Value.(ast.Var); ok && len(val) == 2 {
				if list, ok := arrays[head]; ok {
					keys[v] = list
				}
			}
		}
		return false
	})
	return keys
}

func stringList(a *ast.Array) ([]string, bool) {
	out := make([]string, 0, a.Len())
	for i := range a.Len() {
		s, ok := a.Elem(i).Value.(ast.String)
		if !ok {
			return nil, false
		}
		out = append(out, string(s))
	}
	return out, true
}

// objectGetPaths reads object.get(input, ["status", "additionalDetails"], default), the idiom
// for optional fields, as the path status.additionalDetails (several paths when the key is a
// local from constantKeys).
func objectGetPaths(x *ast.Expr, aliases map[ast.Var]ast.Ref, keys map[ast.Var][]string) ([]string, bool) {
	terms, ok := x.Terms.([]*ast.Term)
	if !ok || len(terms) < 3 || terms[0].String() != "object.get" {
		return nil, false
	}
	if v, isVar := terms[2].Value.(ast.Var); isVar {
		var out []string
		for _, k := range keys[v] {
			x2 := x.Copy()
			x2.Terms.([]*ast.Term)[2] = ast.StringTerm(k)
			p, ok := objectGetPath(x2, aliases)
			if !ok {
				return nil, false
			}
			out = append(out, p)
		}
		return out, len(out) > 0
	}
	p, ok := objectGetPath(x, aliases)
	return []string{p}, ok
}

// objectGetPath handles object.get with a constant key.
func objectGetPath(x *ast.Expr, aliases map[ast.Var]ast.Ref) (string, bool) {
	terms, ok := x.Terms.([]*ast.Term)
	if !ok || len(terms) < 3 || terms[0].String() != "object.get" {
		return "", false
	}
	ref, ok := terms[1].Value.(ast.Ref)
	if v, isVar := terms[1].Value.(ast.Var); isVar {
		ref, ok = aliases[v]
	}
	if !ok || !ref.HasPrefix(ast.InputRootRef) {
		return "", false
	}
	base := inputPath(ref)
	var key []string
	switch k := terms[2].Value.(type) {
	case ast.String:
		if !strings.Contains(string(k), ".") {
			key = []string{string(k)}
		}
	case *ast.Array:
		for i := range k.Len() {
			s, ok := k.Elem(i).Value.(ast.String)
			if !ok || strings.Contains(string(s), ".") {
				break
			}
			key = append(key, string(s))
		}
	}
	if base != WholeInput {
		key = append(strings.Split(base, "."), key...)
	}
	if len(key) == 0 {
		return "", false
	}
	return strings.Join(key, "."), true
}

// inputPath is the constant prefix of an input reference: input.status.errorCode ->
// "status.errorCode"; input.appliedConditionalAccessPolicies[_].result ->
// "appliedConditionalAccessPolicies"; plain input -> WholeInput. Paths are dotted, so a key
// that holds a dot (input["@odata.type"]) ends the prefix there: the field above it is read
// as a whole, which is more than the rule reads but never less.
func inputPath(ref ast.Ref) string {
	var parts []string
	for _, t := range ref[1:] {
		s, ok := t.Value.(ast.String)
		if !ok || strings.Contains(string(s), ".") {
			break
		}
		parts = append(parts, string(s))
	}
	if len(parts) == 0 {
		return WholeInput
	}
	return strings.Join(parts, ".")
}

// referencedRules maps a data reference to the rules it reads: data.signin.lib.error_code is
// one rule; data.signin.rules[name].findings is every rule under signin.rules.
func referencedRules(ref ast.Ref, known map[string]bool) []string {
	ground := ref.GroundPrefix()
	name := strings.TrimPrefix(ground.String(), "data.")
	for n := len(ground); n > 1; n-- {
		candidate := strings.TrimPrefix(ground[:n].String(), "data.")
		if known[candidate] {
			return []string{candidate}
		}
	}
	var out []string
	for k := range known {
		// name.rule, or name[key] for rules with a ref head (entries[50126] := ...); every
		// rule when the reference computes its first step (data[x]...).
		if len(ground) == 1 || strings.HasPrefix(k, name+".") || strings.HasPrefix(k, name+"[") {
			out = append(out, k)
		}
	}
	return out
}

// memoPaths returns every input path the decision can read, and false when a rule it reaches
// reads input as a whole, in which case decisions cannot be memoized on fields. Rules the
// decision never reaches (pattern rules, tests) do not count.
func (idx *inputIndex) memoPaths() ([]string, bool) {
	seen, paths := map[string]bool{}, map[string]bool{}
	idx.collect(strings.TrimPrefix(DecisionQuery, "data."), seen, paths)
	for rule := range seen {
		if idx.whole[rule] {
			return nil, false
		}
	}
	return sortedKeys(paths), true
}

// Paths returns the input paths the rules of a package read, directly or through other rules.
func (idx *inputIndex) Paths(pkg string) []string {
	seen, out := map[string]bool{}, map[string]bool{}
	for _, r := range idx.rules[pkg] {
		idx.collect(r, seen, out)
	}
	return sortedKeys(out)
}

func (idx *inputIndex) collect(rule string, seen, out map[string]bool) {
	if seen[rule] {
		return
	}
	seen[rule] = true
	for p := range idx.direct[rule] {
		out[p] = true
	}
	for d := range idx.deps[rule] {
		idx.collect(d, seen, out)
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
