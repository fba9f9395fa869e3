package patterns

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/rego"
)

// RuleError lists findings of the pattern rules that could not be used (a user rule naming a
// group that does not exist, say). The other findings are still returned.
type RuleError struct {
	Problems []string
}

func (e *RuleError) Error() string {
	return "pattern rules: " + strings.Join(e.Problems, "; ")
}

// hit is one finding of a rule for one group.
type hit struct {
	group                             int32 // index in aggregator.groups
	patternID, title, severity, cause string
	nextSteps                         []string
	details                           map[string]any
}

var severityRank = map[string]int{"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}

// decodeHits reads the rules' findings; each must name a group the rules were given.
func decodeHits(rs rego.ResultSet, a *aggregator) ([]hit, []string) {
	var hits []hit
	var problems []string
	for _, r := range rs {
		pkg := fmt.Sprint(r.Bindings["pkg"])
		f, _ := r.Bindings["f"].(map[string]any)
		h, err := decodeHit(f, a)
		if err != nil {
			problems = append(problems, fmt.Sprintf("a finding of data.signin.patterns.%s %v", pkg, err))
			continue
		}
		hits = append(hits, h)
	}
	sort.Strings(problems)
	return hits, problems
}

func decodeHit(f map[string]any, a *aggregator) (hit, error) {
	if f == nil {
		return hit{}, fmt.Errorf("is not an object")
	}
	n, ok := f["group"].(json.Number)
	id, err := n.Int64()
	if !ok || err != nil || id < 0 || id >= int64(len(a.emitted)) {
		return hit{}, fmt.Errorf("names group %v, which is not one of input.groups (copy the group's id)", f["group"])
	}
	h := hit{
		group: a.emitted[id], patternID: str(f["patternId"]), title: str(f["title"]),
		severity: str(f["severity"]), cause: str(f["cause"]),
	}
	if h.patternID == "" {
		h.patternID = a.specs[a.groups[h.group].k.spec].id
	}
	if _, ok := severityRank[h.severity]; !ok {
		return hit{}, fmt.Errorf("(%s) has severity %q; use info, low, medium, high or critical", h.patternID, h.severity)
	}
	for _, s := range anys(f["nextSteps"]) {
		if text, ok := s.(string); ok {
			h.nextSteps = append(h.nextSteps, text)
		}
	}
	h.details, _ = f["details"].(map[string]any)
	return h, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func anys(v any) []any {
	a, _ := v.([]any)
	return a
}

// clusterKey says which hits may merge: one pattern, one key of one grouping, one key value.
type clusterKey struct {
	patternID string
	spec      uint16
	key       uint8
	v         [maxKeyDims]int32
}

// merge turns the hits into findings: hits of one pattern and key whose buckets overlap or
// touch (the two bucket sets overlap by half a window; a long burst fills consecutive buckets)
// become one finding, counted over the union of their sign-ins.
func (a *aggregator) merge(hits []hit) []Finding {
	start := func(h *hit) int64 {
		g := &a.groups[h.group]
		return bucketStart(g.k.bucket, a.specs[g.k.spec].window, g.k.off)
	}
	ck := func(h *hit) clusterKey {
		g := &a.groups[h.group]
		return clusterKey{patternID: h.patternID, spec: g.k.spec, key: g.k.key, v: g.k.v}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		ki, kj := ck(&hits[i]), ck(&hits[j])
		if ki != kj {
			return lessKey(ki, kj)
		}
		return start(&hits[i]) < start(&hits[j])
	})
	m := newMerger(a)
	var out []Finding
	for i := 0; i < len(hits); {
		key, end := ck(&hits[i]), start(&hits[i])+a.specs[a.groups[hits[i].group].k.spec].window
		j := i + 1
		for j < len(hits) && ck(&hits[j]) == key && start(&hits[j]) <= end {
			end = max(end, start(&hits[j])+a.specs[a.groups[hits[j].group].k.spec].window)
			j++
		}
		out = append(out, m.finding(hits[i:j]))
		i = j
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].LastSeen.Equal(out[j].LastSeen) {
			return out[i].LastSeen.After(out[j].LastSeen)
		}
		if out[i].PatternID != out[j].PatternID {
			return out[i].PatternID < out[j].PatternID
		}
		return fmt.Sprint(out[i].Key) < fmt.Sprint(out[j].Key)
	})
	return out
}

func lessKey(a, b clusterKey) bool {
	if a.patternID != b.patternID {
		return a.patternID < b.patternID
	}
	if a.spec != b.spec {
		return a.spec < b.spec
	}
	if a.key != b.key {
		return a.key < b.key
	}
	for i := range a.v {
		if a.v[i] != b.v[i] {
			return a.v[i] < b.v[i]
		}
	}
	return false
}

// merger builds findings from clusters of hits, reusing its scratch space.
type merger struct {
	a      *aggregator
	stamps []int32 // per event: the cluster that last counted it
	gen    int32
	t      *tallies
}

func newMerger(a *aggregator) *merger {
	return &merger{a: a, stamps: make([]int32, len(a.events)), t: newTallies(a)}
}

// finding is one cluster of hits as a Finding: the text of its busiest bucket, the highest
// severity, and entities, counts, times and evidence over every sign-in of its buckets.
func (m *merger) finding(cluster []hit) Finding {
	a := m.a
	m.gen++
	var events []int32
	best, sev := 0, 0
	groups := map[int32]bool{}
	for i := range cluster {
		h := &cluster[i]
		g := &a.groups[h.group]
		groups[h.group] = true
		if better(a, h, &cluster[best]) {
			best = i
		}
		sev = max(sev, severityRank[h.severity])
		for mi := g.head; mi >= 0; mi = a.members[mi].next {
			if ev := a.members[mi].ev; m.stamps[ev] != m.gen {
				m.stamps[ev] = m.gen
				events = append(events, ev)
			}
		}
	}
	sort.Slice(events, func(i, j int) bool {
		ti, tj := a.signIns[a.events[events[i]].idx].CreatedDateTime, a.signIns[a.events[events[j]].idx].CreatedDateTime
		if !ti.Equal(tj) {
			return ti.Before(tj)
		}
		return a.events[events[i]].idx < a.events[events[j]].idx
	})
	w := &cluster[best]
	g := &a.groups[w.group]
	s := a.specs[g.k.spec]
	f := Finding{
		PatternID: w.patternID, Title: w.title, Severity: rankName(sev), Cause: w.cause, NextSteps: w.nextSteps,
		Key: map[string]string{}, Count: len(events), Window: s.windowText, Details: map[string]any{},
	}
	for j, d := range s.keys[g.k.key] {
		f.Key[dimNames[d]] = a.keyValue(d, g.k.v[j])
	}
	for _, ev := range events {
		m.t.add(a, ev)
		if len(f.Evidence) < MaxEvidence {
			f.Evidence = append(f.Evidence, a.signIns[a.events[ev].idx].ID)
		}
	}
	if len(events) > 0 {
		f.FirstSeen = a.signIns[a.events[events[0]].idx].CreatedDateTime.UTC()
		f.LastSeen = a.signIns[a.events[events[len(events)-1]].idx].CreatedDateTime.UTC()
	}
	f.IPs, f.IPCount = m.t.ips.top(&a.ips, MaxEntities), len(m.t.ips.touched)
	f.Users, f.UserCount = m.t.users.top(&a.users, MaxEntities), len(m.t.users.touched)
	f.Apps, f.AppCount = m.t.apps.top(&a.apps, MaxEntities), len(m.t.apps.touched)
	m.t.reset()
	for k, v := range w.details {
		f.Details[k] = plain(v)
	}
	f.Details["windows"] = len(groups)
	return f
}

// better says whether h's bucket should speak for the cluster: more sign-ins, then higher
// severity, then earlier.
func better(a *aggregator, h, than *hit) bool {
	gh, gt := &a.groups[h.group], &a.groups[than.group]
	if gh.n != gt.n {
		return gh.n > gt.n
	}
	if severityRank[h.severity] != severityRank[than.severity] {
		return severityRank[h.severity] > severityRank[than.severity]
	}
	return a.first(gh).Before(a.first(gt))
}

func rankName(r int) string {
	for name, rank := range severityRank {
		if rank == r {
			return name
		}
	}
	return "info"
}
