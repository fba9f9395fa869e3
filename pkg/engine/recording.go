package engine

import (
	"context"
	"errors"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// Recording the fields an evaluation reads, without a tracer.
//
// The read sets (readset.go) need to know which input fields one evaluation read. OPA's query
// tracer can tell, but tracing is expensive: OPA then builds an event for every step (a new
// expression for every unification and built-in call), stops unifying in place, and the
// tracer cannot see what rule indexing reads, so indexing has to be off too. Together that
// made a traced evaluation about 1.9 times a plain one, and a page of sign-ins never seen
// before misses the memo some 70 times per thousand.
//
// Instead the rules get an input whose objects record what is read from them. OPA walks a
// reference such as input.status.errorCode with Get (and rule indexing with Find), so an
// object on the way to the fields the rules read (an inner node of the path trie) is handed
// out as a recordingObject, and reaching a field the rules read (a leaf of the trie) records
// that field's path. The leaves are plain OPA values: they are what the rules compare,
// iterate and pass to built-ins, so no rule ever sees anything but OPA's own types there.
//
// That an inner node never reaches a rule as a value follows from how the trie is built: every
// input reference in the compiled rules ends at a leaf or below one (a rule that reads
// input.deviceDetail makes deviceDetail a leaf). Two uses of the root are exceptions, and both
// read through Get: object.get(input, [...], default) (the compiler binds input to a local
// first, and the built-in walks the path with Get), and rule indexing asking whether input is
// defined (Find with an empty path). The engine records only when that holds: no rule reads
// input as a whole (memo.paths is nil otherwise) and none uses `with` (which can put any value
// in place of input). The same guarantee is what lets the engine build the input from those
// fields only (input.go), so recording assumes nothing new.
//
// Should a recording object reach a rule anyway, the outcome depends on the operation. Those
// that go through its methods (iterating, counting, comparing with it on the left) record
// every field below it. OPA code that type-switches on its own object type panics or fails,
// and the sign-in is then decided again on the plain input (evaluateRecording). But some
// give a wrong answer silently: an object literal == the recording object is false,
// json.marshal makes it undefined, is_object and type_name record nothing. Only the guarantee
// above rules those out.

// readRecorder collects the dotted paths of the trie leaves one evaluation read.
type readRecorder struct {
	paths map[string]struct{}
}

func (r *readRecorder) add(p string) { r.paths[p] = struct{}{} }

func (r *readRecorder) addAll(ps []string) {
	for _, p := range ps {
		r.paths[p] = struct{}{}
	}
}

// recordingObject is an inner node of the projected input. It embeds the projected object,
// so every method it does not override reads through to it; the ones that expose content are
// overridden to record first.
type recordingObject struct {
	ast.Object
	node *pathTrie
	rec  *readRecorder
}

// recording wraps a projected input for one evaluation.
func (t *pathTrie) recording(v ast.Value, rec *readRecorder) ast.Value {
	obj, ok := v.(ast.Object)
	if !ok || t.whole {
		rec.addAll(t.leaves)
		return v
	}
	return &recordingObject{Object: obj, node: t, rec: rec}
}

// readAll records every field below this node: the object's content left the recorder's view.
func (o *recordingObject) readAll() { o.rec.addAll(o.node.leaves) }

var errNotFound = errors.New("find: not found")

func (o *recordingObject) Get(k *ast.Term) *ast.Term {
	s, ok := k.Value.(ast.String)
	if !ok {
		o.readAll()
		return o.Object.Get(k)
	}
	child := o.node.children[string(s)]
	if child == nil {
		// Not a field the rules were found to read, so the projection left it out: record it
		// anyway, so that a decision is never kept on fewer fields than it saw.
		o.rec.add(o.node.childPath(string(s)))
		return o.Object.Get(k)
	}
	t := o.Object.Get(k)
	if child.whole {
		o.rec.add(child.path)
		return t
	}
	if t == nil {
		// An absent inner object reads as every field below it being absent.
		o.rec.addAll(child.leaves)
		return nil
	}
	return ast.NewTerm(child.recording(t.Value, o.rec))
}

func (o *recordingObject) Find(path ast.Ref) (ast.Value, error) {
	if len(path) == 0 {
		// Rule indexing asks whether input is defined before it tries a rule that binds it
		// (the compiler's __local__ = input before a call): that reads no field. Anything
		// that goes on to read the object records through Get or the methods below. (A path
		// ending at an inner node would also come here, unrecorded; the trie's construction
		// rules that out, see above.)
		return o, nil
	}
	t := o.Get(path[0])
	if t == nil {
		return nil, errNotFound
	}
	return t.Value.Find(path[1:])
}

// IsGround reads nothing: the input never holds variables.
func (*recordingObject) IsGround() bool { return true }

func (o *recordingObject) Len() int { o.readAll(); return o.Object.Len() }

func (o *recordingObject) Copy() ast.Object { o.readAll(); return o.Object.Copy() }

func (o *recordingObject) Iter(f func(*ast.Term, *ast.Term) error) error {
	o.readAll()
	return o.Object.Iter(f)
}

func (o *recordingObject) Until(f func(*ast.Term, *ast.Term) bool) bool {
	o.readAll()
	return o.Object.Until(f)
}

func (o *recordingObject) Foreach(f func(*ast.Term, *ast.Term)) {
	o.readAll()
	o.Object.Foreach(f)
}

func (o *recordingObject) Map(f func(*ast.Term, *ast.Term) (*ast.Term, *ast.Term, error)) (ast.Object, error) {
	o.readAll()
	return o.Object.Map(f)
}

func (o *recordingObject) Diff(other ast.Object) ast.Object { o.readAll(); return o.Object.Diff(other) }

func (o *recordingObject) Intersect(other ast.Object) [][3]*ast.Term {
	o.readAll()
	return o.Object.Intersect(other)
}

func (o *recordingObject) Merge(other ast.Object) (ast.Object, bool) {
	o.readAll()
	return o.Object.Merge(other)
}

func (o *recordingObject) MergeWith(other ast.Object, f func(v1, v2 *ast.Term) (*ast.Term, bool)) (ast.Object, bool) {
	o.readAll()
	return o.Object.MergeWith(other, f)
}

func (o *recordingObject) Filter(filter ast.Object) (ast.Object, error) {
	o.readAll()
	return o.Object.Filter(filter)
}

func (o *recordingObject) Keys() []*ast.Term { o.readAll(); return o.Object.Keys() }

func (o *recordingObject) KeysIterator() ast.ObjectKeysIterator {
	o.readAll()
	return o.Object.KeysIterator()
}

func (o *recordingObject) Insert(k, v *ast.Term) { o.readAll(); o.Object.Insert(k, v) }

func (o *recordingObject) Compare(other ast.Value) int { o.readAll(); return o.Object.Compare(other) }

func (o *recordingObject) Hash() int { o.readAll(); return o.Object.Hash() }

func (o *recordingObject) String() string { o.readAll(); return o.Object.String() }

func (o *recordingObject) StringLength() int { o.readAll(); return o.Object.StringLength() }

// evaluateRecording evaluates on the recording input. ok is false when OPA panicked on it or
// the evaluation failed: some operation met the recording object where it expects OPA's own
// object type (a type switch panics; converting it to JSON returns an error). The engine's
// checks rule that out for rules that pass its analysis, but a future OPA could bring it
// back, and a rule's own error costs only a second evaluation that finds it again.
func (e *Engine) evaluateRecording(ctx context.Context, txn storage.Transaction, s *signin.SignIn, in ast.Value, rec *readRecorder) (d Decision, ok bool) {
	defer func() {
		if recover() != nil {
			d, ok = Decision{}, false
		}
	}()
	d = e.evaluate(ctx, txn, s, e.memo.trie.recording(in, rec))
	return d, d.Error == ""
}
