package dataset

import (
	"encoding/hex"
	"math"
	"math/rand/v2"
	"sort"
)

// GUID is a 128-bit identifier, written in the lower-case 8-4-4-4-12 form that
// Microsoft Graph uses for ids, correlation ids and app ids.
type GUID [16]byte

// String returns the canonical lower-case form, e.g. 66ea54eb-6301-4ee5-be62-ff5a759b0100.
func (g GUID) String() string {
	var b [36]byte
	return string(g.appendTo(b[:0]))
}

// appendTo appends the canonical form to b without allocating.
func (g GUID) appendTo(b []byte) []byte {
	var s [36]byte
	hex.Encode(s[0:8], g[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], g[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], g[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], g[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], g[10:16])
	return append(b, s[:]...)
}

// IsZero reports whether g is the all-zero GUID, which the dataset uses for "none".
func (g GUID) IsZero() bool { return g == GUID{} }

// less orders GUIDs bytewise; together with the timestamp it gives records a total order.
func (g GUID) less(o GUID) bool {
	for i := range g {
		if g[i] != o[i] {
			return g[i] < o[i]
		}
	}
	return false
}

// mix is SplitMix64's finaliser. Seeds for every hour, day and incident are derived with it
// from (Seed, tenant, ...), so any slice of the window can be generated on its own.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hashString is FNV-1a, used to fold tenant ids and labels into seeds.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// seedOf folds parts into one seed; the order of parts matters.
func seedOf(parts ...uint64) uint64 {
	h := uint64(0x6a09e667f3bcc909)
	for _, p := range parts {
		h = mix(h ^ p)
	}
	return h
}

// rng is a deterministic random source. It is never shared between goroutines: each
// generated hour, day or incident gets its own.
type rng struct {
	*rand.Rand
}

func newRNG(parts ...uint64) *rng {
	s := seedOf(parts...)
	return &rng{rand.New(rand.NewPCG(s, mix(s)))}
}

// guid returns a random version-4 GUID.
func (r *rng) guid() GUID {
	var g GUID
	a, b := r.Uint64(), r.Uint64()
	for i := 0; i < 8; i++ {
		g[i] = byte(a >> (8 * i))
		g[8+i] = byte(b >> (8 * i))
	}
	g[6] = g[6]&0x0f | 0x40
	g[8] = g[8]&0x3f | 0x80
	return g
}

// chance returns true with probability p.
func (r *rng) chance(p float64) bool { return r.Float64() < p }

// poisson draws a Poisson-distributed count: exact for small means, a rounded normal
// approximation for large ones (hour volumes reach several hundred).
func (r *rng) poisson(mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		n := int(math.Round(mean + r.NormFloat64()*math.Sqrt(mean)))
		return max(n, 0)
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// weighted picks indices in proportion to fixed weights.
type weighted struct {
	cum []float64
}

func newWeighted(w []float64) weighted {
	cum := make([]float64, len(w))
	total := 0.0
	for i, x := range w {
		total += max(x, 0)
		cum[i] = total
	}
	return weighted{cum: cum}
}

// pick returns an index, or -1 when every weight is zero.
func (w weighted) pick(r *rng) int {
	if len(w.cum) == 0 || w.cum[len(w.cum)-1] <= 0 {
		return -1
	}
	x := r.Float64() * w.cum[len(w.cum)-1]
	return sort.SearchFloat64s(w.cum, math.Nextafter(x, math.Inf(1)))
}

// pickOne returns a random element of a non-empty slice.
func pickOne[T any](r *rng, s []T) T {
	return s[r.IntN(len(s))]
}
