package engine

import (
	"bytes"
	"maps"
	"slices"
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
	id       int      // a whole node's index in fieldValues
	leafIDs  []int    // the ids of the whole nodes at or below this one

	// At the root only:
	byLeaf map[string]*pathTrie // the whole nodes by dotted path
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
	root.byLeaf = map[string]*pathTrie{}
	root.name("", root)
	return root
}

// name sets the dotted paths of t and its children, the leaves below each, and the leaves' ids.
func (t *pathTrie) name(path string, root *pathTrie) {
	t.path = path
	if t.whole {
		t.id = len(root.byLeaf)
		root.byLeaf[path] = t
		t.leaves, t.leafIDs = []string{path}, []int{t.id}
		return
	}
	for _, k := range slices.Sorted(maps.Keys(t.children)) {
		c := t.children[k]
		c.name(t.childPath(k), root)
		t.leaves = append(t.leaves, c.leaves...)
		t.leafIDs = append(t.leafIDs, c.leafIDs...)
	}
}

// fieldValues are the values of the trie's fields in one parsed sign-in, by leaf id: nil where
// a field is absent. A field's bytes in a key are its JSON in one canonical form (strings
// unescaped, then escaped the one way fastjson writes them), so that equal values have equal
// bytes whatever escapes the sign-in used; they are written when a key first needs them,
// since a look-up needs only the fields of the read sets seen for the sign-in's code.
type fieldValues struct {
	vals    []*fastjson.Value
	seg     [][]byte
	written []bool
	buf     []byte
}

// values fills fv from v in one pass over each object on the way to a field. Fields are read
// the way OPA reads the input: object by object (fastjson's Get would take a key of digits as
// an index into an array, where OPA finds nothing), and a repeated key's last value wins (as
// in OPA, encoding/json and the sign-in decoder; fastjson's Get takes the first).
func (t *pathTrie) values(v *fastjson.Value, fv *fieldValues) {
	if n := len(t.byLeaf); len(fv.vals) != n {
		fv.vals, fv.seg, fv.written = make([]*fastjson.Value, n), make([][]byte, n), make([]bool, n)
	}
	clear(fv.vals)
	clear(fv.written)
	fv.buf = fv.buf[:0]
	t.collect(v, fv)
}

func (t *pathTrie) collect(v *fastjson.Value, fv *fieldValues) {
	o, err := v.Object()
	if err != nil {
		return
	}
	o.Visit(func(key []byte, f *fastjson.Value) {
		c := t.children[string(key)]
		if c == nil {
			return
		}
		for _, id := range c.leafIDs {
			fv.vals[id] = nil // a repeated key replaces all of the earlier value
		}
		if c.whole {
			fv.vals[c.id] = f
			return
		}
		c.collect(f, fv)
	})
}

// field is the canonical JSON of a field, nil when it is absent.
func (fv *fieldValues) field(id int) []byte {
	if !fv.written[id] {
		fv.written[id] = true
		fv.seg[id] = nil
		if v := fv.vals[id]; v != nil {
			start := len(fv.buf)
			fv.buf = canonical(v).MarshalTo(fv.buf)
			fv.seg[id] = fv.buf[start:len(fv.buf):len(fv.buf)]
		}
	}
	return fv.seg[id]
}

// canonical unescapes every string in v in place, after which fastjson writes v the same way
// whatever escapes the sign-in used.
func canonical(v *fastjson.Value) *fastjson.Value {
	switch v.Type() {
	case fastjson.TypeString:
		v.GetStringBytes()
	case fastjson.TypeObject:
		o, _ := v.Object()
		o.Visit(func(_ []byte, x *fastjson.Value) { canonical(x) })
	case fastjson.TypeArray:
		items, _ := v.Array()
		for _, x := range items {
			canonical(x)
		}
	}
	return v
}

// appendKey appends the values of the given fields to key, each after a zero byte (JSON text
// never holds one, and a present value is never empty, so an absent field differs from null).
func (fv *fieldValues) appendKey(key []byte, ids []int) []byte {
	for _, id := range ids {
		key = append(key, 0)
		key = append(key, fv.field(id)...)
	}
	return key
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
