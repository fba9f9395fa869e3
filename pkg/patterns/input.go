package patterns

import (
	"slices"
	"strconv"
	"time"
)

// Sizes of the lists the rules see: a rule needs the most frequent values to name them, not
// all of them (the counts are exact).
const (
	maxValues     = 20
	maxRequestIDs = 10
	maxDetails    = 10
)

// prune keeps the groups that can reach their pattern's prune minimums; the rule still checks
// every threshold itself.
func (a *aggregator) prune() {
	c := newCounter(a)
	for gi := range a.groups {
		g := &a.groups[gi]
		if a.survives(c, g, a.specs[g.k.spec].prune) {
			a.emitted = append(a.emitted, int32(gi))
		}
	}
}

func (a *aggregator) survives(c *counter, g *group, prune map[string]int) bool {
	for m, minimum := range prune {
		if a.measure(c, g, m) < minimum {
			return false
		}
	}
	return true
}

func (a *aggregator) measure(c *counter, g *group, m string) int {
	if m == "count" {
		return int(g.n)
	}
	return c.distinct(a, g, m)
}

// input is the document the rules read: the overrides, the surviving groups per pattern and
// the range of the sign-ins.
func (a *aggregator) input(overrides Thresholds) map[string]any {
	groups := make(map[string]any, len(a.specs))
	for _, s := range a.specs {
		groups[s.id] = []any{}
	}
	successUsers := a.successUsersByIP()
	t := newTallies(a)
	for id, gi := range a.emitted {
		g := &a.groups[gi]
		s := a.specs[g.k.spec]
		groups[s.id] = append(groups[s.id].([]any), a.groupDoc(id, g, t, successUsers))
		t.reset()
	}
	return map[string]any{
		"thresholds": overrides,
		"groups":     groups,
		"range":      map[string]any{"from": a.from, "to": a.to, "signIns": len(a.signIns)},
	}
}

// groupDoc is one group as the rules see it (rules/patterns_lib.rego documents the fields).
func (a *aggregator) groupDoc(id int, g *group, t *tallies, successUsers map[int32][]int32) map[string]any {
	s := a.specs[g.k.spec]
	key := s.keys[g.k.key]
	start := bucketStart(g.k.bucket, s.window, g.k.off)
	codes, details := map[string]any{}, map[string]int{}
	var requestIDs []any
	for mi := g.head; mi >= 0; mi = a.members[mi].next {
		ev := a.members[mi].ev
		e := &a.events[ev]
		t.add(a, ev)
		st := &a.signIns[e.idx].Status
		code := strconv.FormatInt(st.ErrorCode, 10)
		n, _ := codes[code].(int)
		codes[code] = n + 1
		if st.AdditionalDetails != "" && (len(details) < maxDetails || details[st.AdditionalDetails] > 0) {
			details[st.AdditionalDetails]++
		}
		if len(requestIDs) < maxRequestIDs {
			requestIDs = append(requestIDs, a.signIns[e.idx].ID)
		}
	}
	doc := map[string]any{
		"id": id, "key": a.keyDoc(g, key),
		"window": s.windowText, "windowSeconds": s.window, "offset": int(g.k.off), "start": start, "end": start + s.window,
		"count": int(g.n), "first": a.first(g).Unix(), "last": a.last(g).Unix(), "firstTime": rfc3339(a.first(g)), "lastTime": rfc3339(a.last(g)),
		"users": t.users.set(&a.users), "ips": t.ips.set(&a.ips), "apps": t.apps.set(&a.apps),
		"locations": t.locs.set(&a.locs.interner), "clientApps": t.clients.set(&a.clients),
		"codes": codes, "details": anyCounts(details), "requestIds": requestIDs,
	}
	if s.needASN {
		doc["asns"] = t.asns.set(&a.asns)
	}
	if s.needPolicy {
		doc["policies"] = t.policies.set(&a.policies)
	}
	a.successDoc(doc, g, key, t.ips.touched, successUsers)
	return doc
}

// successDoc adds the success facts: for a key with an address, the accounts that signed in
// successfully from it; for a key with an account, the group's addresses it succeeded from and
// its first interactive success after the group began.
func (a *aggregator) successDoc(doc map[string]any, g *group, key []dim, ips []int32, successUsers map[int32][]int32) {
	for j, d := range key {
		switch d {
		case dimIP:
			doc["successUsers"] = nameSet(&a.users, successUsers[g.k.v[j]])
		case dimUser:
			u := g.k.v[j]
			var known []int32
			for _, ip := range ips {
				if a.succeeded(ip, u) {
					known = append(known, ip)
				}
			}
			doc["knownIPs"] = nameSet(&a.ips, known)
			if g.success >= 0 {
				s := &a.signIns[g.success]
				doc["successAfter"] = s.CreatedDateTime.Unix()
				doc["successAfterTime"] = rfc3339(s.CreatedDateTime)
				doc["successAfterIP"] = s.IPAddress
			}
		}
	}
}

// successUsersByIP lists, for the addresses of the surviving groups' keys, every account that
// signed in successfully from them.
func (a *aggregator) successUsersByIP() map[int32][]int32 {
	wanted := map[int32]bool{}
	for _, gi := range a.emitted {
		g := &a.groups[gi]
		for j, d := range a.specs[g.k.spec].keys[g.k.key] {
			if d == dimIP {
				wanted[g.k.v[j]] = true
			}
		}
	}
	out := map[int32][]int32{}
	if len(wanted) == 0 {
		return out
	}
	for ip := range wanted {
		from, _ := slices.BinarySearch(a.successPairs, pair(ip, 0))
		for _, p := range a.successPairs[from:] {
			if int32(p>>32) != ip {
				break
			}
			out[ip] = append(out[ip], int32(uint32(p)))
		}
	}
	return out
}

func (a *aggregator) keyDoc(g *group, key []dim) map[string]any {
	out := make(map[string]any, len(key))
	for j, d := range key {
		out[dimNames[d]] = a.keyValue(d, g.k.v[j])
	}
	return out
}

func (a *aggregator) keyValue(d dim, id int32) string {
	switch d {
	case dimIP:
		return a.ips.value(id)
	case dimUser:
		return a.users.value(id)
	case dimApp:
		return a.apps.value(id)
	case dimClientApp:
		return a.clients.value(id)
	case dimASN:
		return a.asns.value(id)
	case dimPolicy:
		return a.policies.value(id)
	}
	return ""
}

func anyStrings(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

func anyCounts(m map[string]int) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
