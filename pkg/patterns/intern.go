package patterns

import (
	"strings"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// interner gives each distinct string a dense int32 ID, so sets of values are arrays.
type interner struct {
	ids    map[string]int32
	values []string
}

func (in *interner) id(s string) int32 {
	if id, ok := in.ids[s]; ok {
		return id
	}
	if in.ids == nil {
		in.ids = map[string]int32{}
	}
	id := int32(len(in.values))
	in.ids[s] = id
	in.values = append(in.values, s)
	return id
}

// lookup returns the ID of a string already interned.
func (in *interner) lookup(s string) (int32, bool) {
	id, ok := in.ids[s]
	return id, ok
}

func (in *interner) value(id int32) string { return in.values[id] }

func (in *interner) len() int { return len(in.values) }

// locationInterner interns a sign-in's location (country, state, city), the unit of
// Sentinel's distributed password cracking rule, shown as "Amsterdam, North Holland, NL".
type locationInterner struct {
	interner
	byPlace map[signin.Location]int32
}

func (in *locationInterner) id(l signin.Location) int32 {
	if id, ok := in.byPlace[l]; ok {
		return id
	}
	if in.byPlace == nil {
		in.byPlace = map[signin.Location]int32{}
	}
	var parts []string
	for _, p := range []string{l.City, l.State, l.CountryOrRegion} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	id := in.interner.id(strings.Join(parts, ", "))
	in.byPlace[l] = id
	return id
}
