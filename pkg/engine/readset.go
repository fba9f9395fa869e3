package engine

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Read sets: memoizing on the fields a decision actually read.
//
// The fields all rules may read (inputs.go) include some that differ for every user or device
// (a device's name in a cause, its ID to tell a registered device). Keyed on all of them, the
// memo misses on nearly every new sign-in. But most decisions read few of them: a success
// stops at the error code in most rules, and a device rule reads the device only for the
// device codes. So an evaluation that misses the memo runs on an input that records which
// fields OPA reads from it (recording.go), and the decision is kept under the values of just
// those fields. Another sign-in with the same values there takes the same path through the
// rules (every branch taken depends only on fields that were read) and gets the same decision.
// That needs the key's values to be the values OPA sees: fields are read object by object with
// a repeated key's last value (input.go, pathTrie.values), the input built from the same values
// (input.go, project), and sign-ins whose strings fastjson reads differently from OPA are kept
// out of the memo (engine.go, decide).
//
// Lookups go through the error code first: the built-in rules always read it, so a sign-in
// only has to be compared with the read sets seen for its own code.

// exprReads is what one compiled expression (or rule head) reads from the input.
type exprReads struct {
	paths []string
	whole bool // reads input in a way no field list describes
}

// ruleReads is what one compiled rule reads from the input: each expression of its body
// (comprehensions included) and its head. The static index (inputs.go) unions them per rule;
// the read sets look them up per evaluated expression.
type ruleReads struct {
	exprs    map[*ast.Expr]exprReads
	head     exprReads
	usesWith bool // `with` can replace input mid-evaluation
}

func readsOfRule(rule *ast.Rule) ruleReads {
	rr := ruleReads{exprs: map[*ast.Expr]exprReads{}}
	// The compiler binds input to a local before calls (__local1__ = input), so remember those.
	aliases := map[ast.Var]ast.Ref{}
	ast.WalkExprs(rule, func(x *ast.Expr) bool {
		rr.usesWith = rr.usesWith || len(x.With) > 0
		if v, ok := aliasBinding(x); ok {
			aliases[v] = ast.InputRootRef
		}
		return false
	})
	keys := constantKeys(rule)
	ast.WalkExprs(rule, func(x *ast.Expr) bool {
		rr.exprs[x] = readsOf(x, aliases, keys)
		return false
	})
	ast.WalkRefs(rule.Head, func(ref ast.Ref) bool {
		if ref.HasPrefix(ast.InputRootRef) {
			rr.head.add(inputPath(ref))
		}
		return false
	})
	ast.WalkVars(rule.Head, func(v ast.Var) bool {
		if _, ok := aliases[v]; ok {
			rr.head.whole = true
		}
		return false
	})
	return rr
}

// aliasBinding recognises __localN__ = input, which the compiler adds before calls.
func aliasBinding(x *ast.Expr) (ast.Var, bool) {
	terms, ok := x.Terms.([]*ast.Term)
	if !ok || len(terms) != 3 || !x.IsEquality() {
		return "", false
	}
	v, isVar := terms[1].Value.(ast.Var)
	ref, isRef := terms[2].Value.(ast.Ref)
	return v, isVar && isRef && len(ref) == 1 && ref.HasPrefix(ast.InputRootRef)
}

// readsOf is what one expression reads: object.get with constant keys as paths, a use of an
// input alias or of input itself as "whole", input references as their constant prefix.
func readsOf(x *ast.Expr, aliases map[ast.Var]ast.Ref, keys map[ast.Var][]string) exprReads {
	var r exprReads
	if _, ok := aliasBinding(x); ok {
		return r // binding the alias reads nothing; its uses do
	}
	if ps, ok := objectGetPaths(x, aliases, keys); ok {
		for _, p := range ps {
			r.add(p)
		}
	} else if usesAlias(x, aliases) {
		r.whole = true
	}
	ast.WalkRefs(x, func(ref ast.Ref) bool {
		if ref.HasPrefix(ast.InputRootRef) {
			r.add(inputPath(ref))
		}
		return false
	})
	return r
}

func (r *exprReads) add(p string) {
	if p == WholeInput {
		r.whole = true
		return
	}
	r.paths = append(r.paths, p)
}

// usesWith reports whether a compiled rule uses `with`, which can replace input (or part of
// it) mid-evaluation, so that what an evaluation read is no longer the sign-in's fields.
func usesWith(c *ast.Compiler) bool {
	for _, mod := range c.Modules {
		for _, rule := range mod.Rules {
			for r := rule; r != nil; r = r.Else {
				if readsOfRule(r).usesWith {
					return true
				}
			}
		}
	}
	return false
}

// readSet is the decisions of evaluations that read the same fields, by those fields' values.
type readSet struct {
	ids     []int // the fields read, as the trie's leaf ids in path order
	entries map[string]Decision
}

// readSets is the memo by read set, first by the sign-in's error code.
type readSets struct {
	trie    *pathTrie
	code    *pathTrie // status.errorCode, when the trie has it as a field
	mu      sync.RWMutex
	byCode  map[string][]*readSet // JSON of status.errorCode -> sets whose fields include it
	anyCode []*readSet            // sets that did not read the code
	named   map[string]*readSet   // by their code and paths, to find a set again
	size    int
}

const errorCodePath = "status.errorCode"

func newReadSets(trie *pathTrie) *readSets {
	return &readSets{trie: trie, code: trie.byLeaf[errorCodePath], byCode: map[string][]*readSet{}, named: map[string]*readSet{}}
}

// codeOf is the JSON of the sign-in's error code, "" when absent.
func (rs *readSets) codeOf(fv *fieldValues) string {
	if rs.code == nil {
		return ""
	}
	return string(fv.field(rs.code.id))
}

func (rs *readSets) get(fv *fieldValues) (Decision, bool) {
	code := rs.codeOf(fv)
	var buf [512]byte
	rs.mu.RLock()
	defer rs.mu.RUnlock()
	for _, list := range [][]*readSet{rs.byCode[code], rs.anyCode} {
		for _, s := range list {
			if d, ok := s.entries[string(fv.appendKey(buf[:0], s.ids))]; ok {
				return d, true
			}
		}
	}
	return Decision{}, false
}

// put keeps d under the values of the fields read. A read of a field outside the trie has no
// value in fv and is not kept: the engine's analysis means it does not happen.
func (rs *readSets) put(fv *fieldValues, read map[string]struct{}, d Decision) {
	paths := slices.Sorted(maps.Keys(read))
	ids := make([]int, 0, len(paths))
	for _, p := range paths {
		n := rs.trie.byLeaf[p]
		if n == nil {
			return
		}
		ids = append(ids, n.id)
	}
	_, readsCode := read[errorCodePath]
	code := ""
	if readsCode {
		code = rs.codeOf(fv)
	}
	name := code + "|" + strings.Join(paths, ",")
	key := string(fv.appendKey(nil, ids))
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.size >= memoLimit {
		rs.byCode, rs.anyCode, rs.named, rs.size = map[string][]*readSet{}, nil, map[string]*readSet{}, 0
	}
	s := rs.named[name]
	if s == nil {
		s = &readSet{ids: ids, entries: map[string]Decision{}}
		rs.named[name] = s
		if readsCode {
			rs.byCode[code] = append(rs.byCode[code], s)
		} else {
			rs.anyCode = append(rs.anyCode, s)
		}
	}
	s.entries[key] = d
	rs.size++
}
