package engine

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/valyala/fastjson"
)

// memoLimit bounds the decisions kept per rule set by rule inputs; rawMemoLimit those kept by
// exact sign-in (a Decision is shared between them, so an entry costs its key and a few words).
const (
	memoLimit    = 100_000
	rawMemoLimit = 500_000
)

// decisions is a concurrent map of decisions that starts over past its limit, which keeps
// memory flat on a tenant whose sign-ins are all different.
type decisions[K comparable] struct {
	mu    sync.RWMutex
	m     map[K]Decision
	limit int
}

func newDecisions[K comparable](limit int) *decisions[K] {
	return &decisions[K]{m: map[K]Decision{}, limit: limit}
}

func (d *decisions[K]) get(k K) (Decision, bool) {
	d.mu.RLock()
	v, ok := d.m[k]
	d.mu.RUnlock()
	return v, ok
}

func (d *decisions[K]) put(k K, v Decision) {
	d.mu.Lock()
	if len(d.m) >= d.limit {
		d.m = make(map[K]Decision, d.limit/4)
	}
	d.m[k] = v
	d.mu.Unlock()
}

func (d *decisions[K]) len() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return len(d.m)
}

// memo keeps decisions by the values of the fields the rules read. Sign-ins differ in ids and
// times, but the rules only look at a few fields (code, reason, details, client app, ...), so a
// page of a thousand sign-ins has a few dozen distinct rule inputs. The field list is derived
// from the compiled rules, so a user rule that reads a new field changes the key with it.
type memo struct {
	paths   [][]string // nil: some rule reads input as a whole, so nothing is memoized
	trie    *pathTrie  // paths as a tree, to build the rules' input from those fields only
	parsers fastjson.ParserPool
	values  sync.Pool // *fieldValues
	// readSets keeps decisions by the fields each evaluation read (readset.go); nil when a
	// rule uses `with`, and then byKey keeps them by all the fields the rules may read.
	readSets *readSets
	byKey    *decisions[string]
	// byRaw keeps decisions by the sign-in's exact bytes (two 64-bit hashes): a sign-in seen
	// before (a dashboard refresh, an alert evaluation, the cache serving a bucket again) is
	// decided without parsing it. Valid whatever the rules read, since the bytes are the input.
	byRaw *decisions[rawKey]
}

type rawKey [2]uint64

var rawSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func hashRaw(raw []byte) rawKey {
	return rawKey{maphash.Bytes(rawSeeds[0], raw), maphash.Bytes(rawSeeds[1], raw)}
}

// newMemo starts an empty memo for the rules idx describes; byReadSet is false when a rule
// uses `with`, which the recording input cannot follow.
func newMemo(idx *inputIndex, byReadSet bool) *memo {
	m := &memo{byKey: newDecisions[string](memoLimit), byRaw: newDecisions[rawKey](rawMemoLimit)}
	if paths, ok := idx.memoPaths(); ok {
		for _, p := range paths {
			m.paths = append(m.paths, strings.Split(p, "."))
		}
		m.trie = newPathTrie(m.paths)
		m.values.New = func() any { return new(fieldValues) }
		if byReadSet {
			m.readSets = newReadSets(m.trie)
		}
	}
	return m
}
