package patterns

import (
	"slices"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// Successes tell an office from an attacker's address (accounts that did sign in from it),
// the account's own retries from guessing (addresses it signed in from), and MFA fatigue from
// denied prompts alone (a success after them).

// success records who signed in successfully from where, and closes the open groups of the
// user (an interactive success only: a background token refresh is not "the user got in").
func (a *aggregator) success(i int, s *signin.SignIn) {
	a.successes = append(a.successes, int32(i))
	if !a.anyUserKey || (s.IsInteractive != nil && !*s.IsInteractive) {
		return
	}
	u, ok := a.users.lookup(userOf(s))
	if !ok || int(u) >= len(a.open) {
		return
	}
	waiting := a.open[u]
	if len(waiting) == 0 {
		return
	}
	for _, gi := range waiting {
		if g := &a.groups[gi]; g.success < 0 {
			g.success = int32(i)
		}
	}
	a.open[u] = waiting[:0]
}

// pair packs an address and an account into one sortable number.
func pair(ip, user int32) uint64 { return uint64(uint32(ip))<<32 | uint64(uint32(user)) }

// resolveSuccesses finds who signed in successfully from the addresses the surviving groups
// name: their key's address, and every address of a group keyed by account.
func (a *aggregator) resolveSuccesses() {
	wanted := map[int32]bool{}
	for _, gi := range a.emitted {
		g := &a.groups[gi]
		for j, d := range a.specs[g.k.spec].keys[g.k.key] {
			switch d {
			case dimIP:
				wanted[g.k.v[j]] = true
			case dimUser:
				for mi := g.head; mi >= 0; mi = a.members[mi].next {
					wanted[a.events[a.members[mi].ev].ip] = true
				}
			}
		}
	}
	if len(wanted) == 0 {
		return
	}
	// A map of just these addresses stays in cache while a month of successes streams by.
	byText := make(map[string]int32, len(wanted))
	for ip := range wanted {
		byText[a.ips.value(ip)] = ip
	}
	for _, i := range a.successes {
		s := &a.signIns[i]
		if ip, ok := byText[s.IPAddress]; ok {
			a.successPairs = append(a.successPairs, pair(ip, a.users.id(userOf(s))))
		}
	}
	slices.Sort(a.successPairs)
	a.successPairs = slices.Compact(a.successPairs)
}

// succeeded reports whether the account signed in successfully from the address.
func (a *aggregator) succeeded(ip, user int32) bool {
	_, found := slices.BinarySearch(a.successPairs, pair(ip, user))
	return found
}

// first and last are the times of a group's oldest and newest sign-in.
func (a *aggregator) first(g *group) time.Time { return a.timeOf(a.members[g.head].ev) }

func (a *aggregator) last(g *group) time.Time { return a.timeOf(a.members[g.tail].ev) }

func (a *aggregator) timeOf(ev int32) time.Time { return a.signIns[a.events[ev].idx].CreatedDateTime }
