package patterns

import "sort"

// counter counts distinct values of a group with generation stamps: no map, no clearing.
type counter struct {
	stamps map[string][]int32
	gen    int32
}

func newCounter(a *aggregator) *counter {
	return &counter{stamps: map[string][]int32{
		"users": make([]int32, a.users.len()), "ips": make([]int32, a.ips.len()), "apps": make([]int32, a.apps.len()),
		"locations": make([]int32, a.locs.len()), "clientApps": make([]int32, a.clients.len()),
	}}
}

func (c *counter) distinct(a *aggregator, g *group, m string) int {
	c.gen++
	stamps, n := c.stamps[m], 0
	for mi := g.head; mi >= 0; mi = a.members[mi].next {
		id := a.field(a.members[mi].ev, m)
		if stamps[id] != c.gen {
			stamps[id] = c.gen
			n++
		}
	}
	return n
}

func (a *aggregator) field(ev int32, m string) int32 {
	e := &a.events[ev]
	switch m {
	case "users":
		return e.user
	case "ips":
		return e.ip
	case "apps":
		return e.app
	case "locations":
		return e.loc
	}
	return e.client
}

// tallies count the values of one group, per dimension.
type tallies struct{ users, ips, apps, locs, clients, asns, policies tally }

func newTallies(a *aggregator) *tallies {
	return &tallies{
		users: newTally(a.users.len()), ips: newTally(a.ips.len()), apps: newTally(a.apps.len()),
		locs: newTally(a.locs.len()), clients: newTally(a.clients.len()), asns: newTally(a.asns.len()),
		policies: newTally(a.policies.len()),
	}
}

func (t *tallies) add(a *aggregator, ev int32) {
	e := &a.events[ev]
	t.users.add(e.user)
	t.ips.add(e.ip)
	t.apps.add(e.app)
	t.locs.add(e.loc)
	t.clients.add(e.client)
	t.asns.add(e.asn)
	if e.policiesRead {
		for _, p := range a.policyPool[e.policyStart : e.policyStart+e.policyCount] {
			t.policies.add(p)
		}
	}
}

func (t *tallies) reset() {
	for _, x := range []*tally{&t.users, &t.ips, &t.apps, &t.locs, &t.clients, &t.asns, &t.policies} {
		x.reset()
	}
}

// tally counts how often each interned value occurs.
type tally struct {
	counts  []int32
	touched []int32
}

func newTally(n int) tally { return tally{counts: make([]int32, n)} }

func (t *tally) add(id int32) {
	if id < 0 {
		return
	}
	if t.counts[id] == 0 {
		t.touched = append(t.touched, id)
	}
	t.counts[id]++
}

func (t *tally) reset() {
	for _, id := range t.touched {
		t.counts[id] = 0
	}
	t.touched = t.touched[:0]
}

// top returns the values, most frequent first (then by name), at most max.
func (t *tally) top(names *interner, max int) []string {
	ids := append([]int32(nil), t.touched...)
	sort.Slice(ids, func(i, j int) bool {
		if t.counts[ids[i]] != t.counts[ids[j]] {
			return t.counts[ids[i]] > t.counts[ids[j]]
		}
		return names.value(ids[i]) < names.value(ids[j])
	})
	out := make([]string, 0, min(max, len(ids)))
	for _, id := range ids[:min(max, len(ids))] {
		out = append(out, names.value(id))
	}
	return out
}

// set is the distinct-set document {"count", "values"} of a tally.
func (t *tally) set(names *interner) map[string]any {
	return map[string]any{"count": len(t.touched), "values": anyStrings(t.top(names, maxValues))}
}

// nameSet is the distinct-set document of a list of IDs, sorted by name.
func nameSet(names *interner, ids []int32) map[string]any {
	values := make([]string, 0, len(ids))
	for _, id := range ids {
		values = append(values, names.value(id))
	}
	sort.Strings(values)
	return map[string]any{"count": len(values), "values": anyStrings(values[:min(maxValues, len(values))])}
}
