package engine

import (
	"bytes"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/valyala/fastjson"
)

// The rules' input is the sign-in as Graph returned it. Turning 2-3 KB of JSON into OPA's
// value type with ast.ValueFromReader (encoding/json, then a generic conversion) costs more
// than evaluating most rules, so the engine parses with fastjson (already done for the memo
// key) and builds the ast.Value directly. When the rules' input fields are known (inputs.go),
// only those fields are built: the rules cannot tell the difference, since they read nothing
// else, and the value is a tenth of the size.

// pathTrie is the input fields the rules read, as a tree: a node with whole set is copied as
// it is; otherwise only its children are.
type pathTrie struct {
	whole    bool
	children map[string]*pathTrie
	path     string   // this node's dotted path ("" at the root)
	leaves   []string // the dotted paths of the whole nodes at or below this one
}

func newPathTrie(paths [][]string) *pathTrie {
	root := &pathTrie{children: map[string]*pathTrie{}}
	for _, p := range paths {
		n := root
		for _, k := range p {
			if n.whole {
				break
			}
			c := n.children[k]
			if c == nil {
				c = &pathTrie{children: map[string]*pathTrie{}}
				n.children[k] = c
			}
			n = c
		}
		n.whole, n.children = true, nil
	}
	root.name("")
	return root
}

// name sets the dotted paths of t and its children, and the leaves below each.
func (t *pathTrie) name(path string) []string {
	t.path = path
	if t.whole {
		t.leaves = []string{path}
		return t.leaves
	}
	for k, c := range t.children {
		t.leaves = append(t.leaves, c.name(t.childPath(k))...)
	}
	return t.leaves
}

func (t *pathTrie) childPath(k string) string {
	if t.path == "" {
		return k
	}
	return t.path + "." + k
}

// project builds the part of v the trie selects (the order of insertion does not matter: OPA
// sorts an object's keys). A repeated key's last value is the one kept, as OPA's own parsing
// of the sign-in keeps it (field, in memo.go, reads the same one).
func (t *pathTrie) project(v *fastjson.Value) ast.Value {
	if t.whole || v.Type() != fastjson.TypeObject {
		return toAST(v)
	}
	obj := ast.NewObject()
	o, _ := v.Object()
	o.Visit(func(key []byte, f *fastjson.Value) {
		if child := t.children[string(key)]; child != nil {
			obj.Insert(ast.StringTerm(string(key)), ast.NewTerm(child.project(f)))
		}
	})
	return obj
}

// toAST converts a parsed JSON value to OPA's value type, numbers kept as their JSON text.
func toAST(v *fastjson.Value) ast.Value {
	switch v.Type() {
	case fastjson.TypeObject:
		o, _ := v.Object()
		obj := ast.NewObjectWithCapacity(o.Len())
		o.Visit(func(k []byte, f *fastjson.Value) {
			obj.Insert(ast.StringTerm(string(k)), ast.NewTerm(toAST(f)))
		})
		return obj
	case fastjson.TypeArray:
		items, _ := v.Array()
		terms := make([]*ast.Term, len(items))
		for i, it := range items {
			terms[i] = ast.NewTerm(toAST(it))
		}
		return ast.NewArray(terms...)
	case fastjson.TypeString:
		return ast.String(v.GetStringBytes())
	case fastjson.TypeNumber:
		return ast.Number(v.String())
	case fastjson.TypeTrue:
		return ast.Boolean(true)
	case fastjson.TypeFalse:
		return ast.Boolean(false)
	default:
		return ast.Null{}
	}
}

// oddStrings reports whether raw holds invalid UTF-8 or an escaped UTF-16 surrogate, the two
// things fastjson reads differently from encoding/json (and so from OPA). It errs on the safe
// side: an escaped backslash followed by "ud8..." also counts, and so does a valid pair.
func oddStrings(raw []byte) bool {
	if !utf8.Valid(raw) {
		return true
	}
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte(`\u`))
		if j < 0 {
			return false
		}
		i += j + 2
		if i+1 < len(raw) && (raw[i] == 'd' || raw[i] == 'D') && bytes.IndexByte([]byte("89abAB"), raw[i+1]) >= 0 {
			return true
		}
	}
}
