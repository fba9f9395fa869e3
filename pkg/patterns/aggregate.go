package patterns

import (
	"slices"
	"sort"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// The aggregation keeps no copy of a sign-in. Strings are interned to int32 IDs; a sign-in that
// some pattern counts becomes one small event (its index and IDs); a group is a key, a time
// bucket and a linked list of its events in a shared slice, so adding a sign-in to a group
// allocates nothing once the slices have grown.

// event is a sign-in that at least one pattern counts.
type event struct {
	idx                        int32 // index in the sign-ins
	user, ip, app, client, loc int32
	asn                        int32 // interned ASN, -1 when the sign-in has none
	policyStart, policyCount   int32 // failed Conditional Access policies in aggregator.policyPool
	policiesRead, asnRead      bool
}

// groupKey identifies a group: the pattern, which of its keys, the bucket set (offset 0 or
// half a window), the bucket and the key's values.
type groupKey struct {
	spec   uint16
	key    uint8
	off    uint8
	bucket int32 // windows are a minute or more: minutes since 1970 fit
	v      [maxKeyDims]int32
}

// group is one key's events in one bucket, oldest first (the pass is in time order, so head
// is the first sign-in and tail the last).
type group struct {
	k          groupKey
	head, tail int32 // members
	n          int32
	// success is the index of the first interactive success of the key's user at or after
	// the group's first sign-in, -1 for none.
	success int32
}

type member struct{ ev, next int32 }

// aggregator is one Detect call's grouping state.
type aggregator struct {
	specs    []*spec
	signIns  []signin.SignIn
	statuses []string

	users, ips, apps, clients, policies, asns interner
	locs                                      locationInterner
	unknownPolicy                             []int32 // the one value of a sign-in without policy results

	events       []event
	policyPool   []int32
	policyByText map[string][2]int32 // appliedConditionalAccessPolicies text -> span of policyPool
	asnByIP      []int32             // per interned address: ASN ID, -1 none, -2 not read yet
	groups       []group
	index        map[groupKey]int32
	members      []member

	// successes are the indices of the successful sign-ins. After the pass, successPairs
	// holds ip<<32|user for those from the surviving groups' addresses (sorted, no
	// duplicates): resolving every success's address would intern every address of the
	// month. open lists, per user ID, the groups still waiting for that user's next success.
	successes    []int32
	successPairs []uint64
	open         [][]int32
	anyUserKey   bool

	from, to int64 // unix seconds of the oldest and newest sign-in
	emitted  []int32
}

// aggregate groups the sign-ins in one pass, oldest first (Graph's newest-first order is
// walked backwards; any other order is sorted by index), and keeps the groups that can fire.
func aggregate(specs []*spec, signIns []signin.SignIn, statuses []string) *aggregator {
	a := &aggregator{
		specs: specs, signIns: signIns, statuses: statuses,
		index:        map[groupKey]int32{},
		policyByText: map[string][2]int32{},
	}
	a.unknownPolicy = []int32{a.policies.id("")}
	for _, s := range specs {
		a.anyUserKey = a.anyUserKey || s.hasUser
	}
	order, reverse := timeOrder(signIns)
	n := len(signIns)
	for k := 0; k < n; k++ {
		i := k
		switch {
		case order != nil:
			i = int(order[k])
		case reverse:
			i = n - 1 - k
		}
		a.add(i)
	}
	if n > 0 {
		first, last := 0, n-1
		if order != nil {
			first, last = int(order[0]), int(order[n-1])
		} else if reverse {
			first, last = n-1, 0
		}
		a.from, a.to = signIns[first].CreatedDateTime.Unix(), signIns[last].CreatedDateTime.Unix()
	}
	a.prune()
	a.resolveSuccesses()
	return a
}

// timeOrder returns nil and whether to walk backwards when the sign-ins are sorted by time
// (either way), else the indices sorted oldest first.
func timeOrder(s []signin.SignIn) (order []int32, reverse bool) {
	asc, desc := true, true
	for i := 1; i < len(s) && (asc || desc); i++ {
		switch s[i].CreatedDateTime.Compare(s[i-1].CreatedDateTime) {
		case -1:
			asc = false
		case 1:
			desc = false
		}
	}
	if asc {
		return nil, false
	}
	if desc {
		return nil, true
	}
	order = make([]int32, len(s))
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(x, y int) bool {
		return s[order[x]].CreatedDateTime.Before(s[order[y]].CreatedDateTime)
	})
	return order, false
}

func (a *aggregator) status(i int) string {
	if a.statuses != nil {
		return a.statuses[i]
	}
	if a.signIns[i].Status.ErrorCode == 0 {
		return engine.StatusSuccess
	}
	return engine.StatusFailure
}

// add takes one sign-in: a success is remembered for the success facts; a sign-in a pattern
// counts joins a group per key and bucket set.
func (a *aggregator) add(i int) {
	s := &a.signIns[i]
	status := a.status(i)
	if status == engine.StatusSuccess {
		a.success(i, s)
	}
	ev := int32(-1)
	for si, sp := range a.specs {
		if !sp.matches(s, status) {
			continue
		}
		if ev < 0 {
			ev = a.newEvent(i, s)
		}
		for ki, key := range sp.keys {
			a.addKey(si, ki, key, ev)
		}
	}
}

func (a *aggregator) newEvent(i int, s *signin.SignIn) int32 {
	e := event{
		idx: int32(i), user: a.users.id(userOf(s)), ip: a.ips.id(s.IPAddress), app: a.apps.id(appOf(s)),
		client: a.clients.id(s.ClientAppUsed), loc: a.locs.id(s.Location), asn: -1,
	}
	a.events = append(a.events, e)
	return int32(len(a.events) - 1)
}

// addKey adds the event to the key's group in both bucket sets. The policy dimension can give
// several values (every failed policy), the ASN none (v1.0 has no ASN).
func (a *aggregator) addKey(si, ki int, key []dim, ev int32) {
	sp := a.specs[si]
	e := &a.events[ev]
	policies := noPolicy[:]
	if hasDim(key, dimPolicy) {
		policies = a.policiesOf(ev)
	}
	if hasDim(key, dimASN) && a.asnOf(ev) < 0 {
		return
	}
	sec := a.signIns[e.idx].CreatedDateTime.Unix()
	for _, p := range policies {
		k := groupKey{spec: uint16(si), key: uint8(ki)}
		for j, d := range key {
			k.v[j] = a.value(ev, d, p)
		}
		for off := uint8(0); off < 2; off++ {
			k.off = off
			k.bucket = bucketOf(sec, sp.window, off)
			a.join(k, ev, sp.hasUser && hasDim(key, dimUser))
		}
	}
}

// noPolicy stands in for the policy value of keys without the policy dimension.
var noPolicy = [1]int32{-1}

func hasDim(key []dim, d dim) bool {
	for _, k := range key {
		if k == d {
			return true
		}
	}
	return false
}

func (a *aggregator) value(ev int32, d dim, policy int32) int32 {
	e := &a.events[ev]
	switch d {
	case dimIP:
		return e.ip
	case dimUser:
		return e.user
	case dimApp:
		return e.app
	case dimClientApp:
		return e.client
	case dimASN:
		return e.asn
	case dimPolicy:
		return policy
	}
	return 0
}

// bucketOf is the bucket of a time in the set shifted by off half-windows (floor division,
// so times before 1970 bucket correctly too).
func bucketOf(sec, window int64, off uint8) int32 {
	x := sec - int64(off)*window/2
	b := x / window
	if x%window < 0 {
		b--
	}
	return int32(b)
}

// bucketStart is the first second of a bucket.
func bucketStart(b int32, window int64, off uint8) int64 {
	return int64(b)*window + int64(off)*window/2
}

// join appends the event to its group, creating the group (and, for a key with a user, putting
// it on that user's list of groups waiting for a success).
func (a *aggregator) join(k groupKey, ev int32, userKey bool) {
	gi, ok := a.index[k]
	if !ok {
		gi = int32(len(a.groups))
		a.groups = append(a.groups, group{k: k, head: -1, tail: -1, success: -1})
		a.index[k] = gi
		if userKey {
			u := a.events[ev].user
			for int(u) >= len(a.open) {
				a.open = append(a.open, nil)
			}
			a.open[u] = append(a.open[u], gi)
		}
	}
	g := &a.groups[gi]
	m := int32(len(a.members))
	a.members = append(a.members, member{ev: ev, next: -1})
	if g.tail >= 0 {
		a.members[g.tail].next = m
	} else {
		g.head = m
	}
	g.tail = m
	g.n++
}

func userOf(s *signin.SignIn) string {
	if s.UserPrincipalName != "" {
		return s.UserPrincipalName
	}
	return s.UserID
}

func appOf(s *signin.SignIn) string {
	if s.AppDisplayName != "" {
		return s.AppDisplayName
	}
	return s.AppID
}

// matches reports whether the pattern counts the sign-in.
func (s *spec) matches(si *signin.SignIn, status string) bool {
	if s.codes != nil && !slices.Contains(s.codes, si.Status.ErrorCode) {
		return false
	}
	if s.clientApps != nil && !s.clientApps[si.ClientAppUsed] {
		return false
	}
	return s.statuses == nil || s.statuses[status]
}
