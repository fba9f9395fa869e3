package patterns

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
)

// GroupingsQuery finds what each pattern package asks Go to aggregate.
const GroupingsQuery = "g := data.signin.patterns[pkg].grouping"

// dim is one thing sign-ins are grouped by.
type dim uint8

const (
	dimIP dim = iota
	dimUser
	dimApp
	dimASN       // beta autonomousSystemNumber; sign-ins without one are not grouped by it
	dimPolicy    // each Conditional Access policy with result "failure"; "" when Graph gave none
	dimClientApp // clientAppUsed
	dimCount
)

var dimNames = [dimCount]string{"ip", "user", "app", "asn", "policy", "clientApp"}

// maxKeyDims bounds a key's dimensions, so a group key is a fixed-size value.
const maxKeyDims = 3

// measures a grouping may prune on: the distinct counts of a group, and its size.
var measures = map[string]bool{"count": true, "users": true, "ips": true, "apps": true, "locations": true, "clientApps": true}

// spec is one pattern's grouping, read from its package's grouping rule: which sign-ins it
// counts, what it groups them by, the window, and the minimums below which a group cannot fire.
type spec struct {
	id, pkg    string
	keys       [][]dim
	window     int64 // seconds
	windowText string
	codes      []int64         // nil: every code (a short list: a scan beats a map)
	clientApps map[string]bool // nil: every client app
	statuses   map[string]bool // nil: every status
	prune      map[string]int
	hasUser    bool // some key has the user dimension
	hasIP      bool
	needPolicy bool
	needASN    bool
}

// GroupingError is a grouping rule Go cannot follow, named by its package.
type GroupingError struct {
	Package string
	Message string
}

func (e *GroupingError) Error() string {
	return fmt.Sprintf("data.%s.grouping: %s", e.Package, e.Message)
}

// groupingDoc is the grouping object a pattern package defines (see rules/patterns_lib.rego).
type groupingDoc struct {
	ID         string         `json:"id"`
	By         [][]string     `json:"by"`
	Window     string         `json:"window"`
	Codes      []int64        `json:"codes"`
	ClientApps []string       `json:"clientApps"`
	Statuses   []string       `json:"statuses"`
	Prune      map[string]int `json:"prune"`
}

// loadSpecs evaluates every package's grouping with the overrides as input, so windows, codes
// and prune minimums are the ones in force.
func (d *Detector) loadSpecs(ctx context.Context) ([]*spec, error) {
	rs, err := rego.New(rego.Query(GroupingsQuery), rego.Compiler(d.compiler), rego.Input(map[string]any{"thresholds": d.overrides})).Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the pattern groupings: %w", err)
	}
	var out []*spec
	seen := map[string]string{}
	for _, r := range rs {
		pkg := "signin.patterns." + fmt.Sprint(r.Bindings["pkg"])
		s, err := parseSpec(pkg, r.Bindings["g"])
		if err != nil {
			return nil, err
		}
		if other, dup := seen[s.id]; dup {
			return nil, &GroupingError{Package: pkg, Message: fmt.Sprintf("pattern id %q is already used by data.%s", s.id, other)}
		}
		seen[s.id] = pkg
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

func parseSpec(pkg string, v any) (*spec, error) {
	bad := func(format string, args ...any) error {
		return &GroupingError{Package: pkg, Message: fmt.Sprintf(format, args...)}
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, bad("%v", err)
	}
	var g groupingDoc
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return nil, bad("must be an object with id, by, window and optionally codes, clientApps, statuses, prune: %v", err)
	}
	if g.ID == "" {
		return nil, bad("id must name the pattern")
	}
	s := &spec{id: g.ID, pkg: pkg, prune: g.Prune}
	w, err := time.ParseDuration(g.Window)
	if err != nil || w < minWindow || w > maxWindow || w%time.Second != 0 {
		return nil, bad("window must be a duration between %s and %s, got %q", minWindow, maxWindow, g.Window)
	}
	s.window, s.windowText = int64(w/time.Second), g.Window
	if len(g.By) == 0 {
		return nil, bad(`by must list at least one key, e.g. [["ip"]] ([[]] for the whole tenant)`)
	}
	for _, names := range g.By {
		key, err := parseKey(names)
		if err != nil {
			return nil, bad("%v", err)
		}
		s.keys = append(s.keys, key)
		for _, k := range key {
			s.hasUser = s.hasUser || k == dimUser
			s.hasIP = s.hasIP || k == dimIP
			s.needPolicy = s.needPolicy || k == dimPolicy
			s.needASN = s.needASN || k == dimASN
		}
	}
	if g.Codes != nil {
		s.codes = append([]int64{}, g.Codes...)
	}
	s.clientApps = stringSet(g.ClientApps)
	s.statuses = stringSet(g.Statuses)
	for m := range g.Prune {
		if !measures[m] {
			return nil, bad("prune: unknown measure %q; the measures are %s", m, strings.Join(sortedKeys(measures), ", "))
		}
	}
	return s, nil
}

func parseKey(names []string) ([]dim, error) {
	if len(names) > maxKeyDims {
		return nil, fmt.Errorf("by: a key has at most %d dimensions, got %v", maxKeyDims, names)
	}
	key := make([]dim, 0, len(names))
	for _, n := range names {
		d, ok := dimByName(n)
		if !ok {
			return nil, fmt.Errorf("by: unknown dimension %q; the dimensions are %s", n, strings.Join(dimNames[:], ", "))
		}
		key = append(key, d)
	}
	return key, nil
}

func dimByName(name string) (dim, bool) {
	for i, n := range dimNames {
		if n == name {
			return dim(i), true
		}
	}
	return 0, false
}

func stringSet(list []string) map[string]bool {
	if list == nil {
		return nil
	}
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}
