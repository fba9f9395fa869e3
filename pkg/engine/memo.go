package engine

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/valyala/fastjson"
)

// memoLimit bounds the decisions kept per rule set; past it the memo starts over, which keeps
// memory flat on a tenant whose sign-ins are all different.
const memoLimit = 100_000

// rawMemoLimit bounds the decisions kept by exact sign-in; a Decision is shared with byKey,
// so an entry costs the key and a few words.
const rawMemoLimit = 500_000

// memo keeps decisions by the values of the fields the rules read. Sign-ins differ in ids and
// times, but the rules only look at a few fields (code, reason, details, client app, ...), so a
// page of a thousand sign-ins has a few dozen distinct rule inputs. The field list is derived
// from the compiled rules, so a user rule that reads a new field changes the key with it.
type memo struct {
	paths   [][]string // nil: some rule reads input as a whole, so nothing is memoized
	trie    *pathTrie  // paths as a tree, to build the rules' input from those fields only
	parsers fastjson.ParserPool
	mu      sync.RWMutex
	byKey   map[string]Decision
	// byRaw keeps decisions by the sign-in's exact bytes (two 64-bit hashes): a sign-in seen
	// before (a dashboard refresh, an alert evaluation, the cache serving a bucket again) is
	// decided without parsing it. Valid whatever the rules read, since the bytes are the input.
	byRaw map[rawKey]Decision
}

type rawKey [2]uint64

var rawSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func hashRaw(raw []byte) rawKey {
	return rawKey{maphash.Bytes(rawSeeds[0], raw), maphash.Bytes(rawSeeds[1], raw)}
}

func (m *memo) getRaw(k rawKey) (Decision, bool) {
	m.mu.RLock()
	d, ok := m.byRaw[k]
	m.mu.RUnlock()
	return d, ok
}

func (m *memo) putRaw(k rawKey, d Decision) {
	m.mu.Lock()
	if len(m.byRaw) >= rawMemoLimit {
		m.byRaw = make(map[rawKey]Decision, rawMemoLimit/4)
	}
	m.byRaw[k] = d
	m.mu.Unlock()
}

func newMemo(idx *inputIndex) *memo {
	m := &memo{byKey: map[string]Decision{}, byRaw: map[rawKey]Decision{}}
	if paths, ok := idx.memoPaths(); ok {
		for _, p := range paths {
			m.paths = append(m.paths, strings.Split(p, "."))
		}
		m.trie = newPathTrie(m.paths)
	}
	return m
}

// key is the values of the fields the rules read, from the parsed sign-in (an object).
func (m *memo) key(v *fastjson.Value) string {
	key := make([]byte, 0, 256)
	for _, path := range m.paths {
		key = append(key, 0)
		if field := v.Get(path...); field != nil {
			key = field.MarshalTo(key)
		}
	}
	return string(key)
}

func (m *memo) get(key string) (Decision, bool) {
	m.mu.RLock()
	d, ok := m.byKey[key]
	m.mu.RUnlock()
	return d, ok
}

func (m *memo) put(key string, d Decision) {
	m.mu.Lock()
	if len(m.byKey) >= memoLimit {
		m.byKey = make(map[string]Decision, memoLimit/4)
	}
	m.byKey[key] = d
	m.mu.Unlock()
}
