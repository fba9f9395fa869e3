package dataset

import (
	"slices"
	"sort"
	"time"
)

// Incident kinds. Each is a pattern that public detection content looks for (see
// detection-patterns.md); near misses share the kind and set NearMiss.
const (
	KindPasswordSpray    = "password-spray"
	KindMFAFatigue       = "mfa-fatigue"
	KindAccountLockout   = "account-lockout"
	KindDisabledAccount  = "disabled-account"
	KindLegacyAuth       = "legacy-auth"
	KindCABlockWave      = "ca-block-wave"
	KindStaleCredentials = "stale-credentials"
)

// Incident is ground truth about an embedded pattern, so tests can assert that the
// product detects it (and does not flag the near misses).
type Incident struct {
	Kind     string
	Title    string
	Start    time.Time // first row
	End      time.Time // last row
	IPs      []string
	Users    []string // UPNs
	Apps     []string // app display names
	Codes    []int    // distinct error codes of its rows
	Policy   string   // the Conditional Access policy involved, if any
	NearMiss bool     // deliberately just under typical detection thresholds
	// RequestIDs are the ids of every row of the incident. Steady background sources
	// (stale credentials) span the whole window and list none.
	RequestIDs []string
}

// incidentPlan says when each embedded incident happens, relative to Now, with a little
// seeded jitter so different seeds do not line up.
type incidentPlan struct {
	spray, fatigue, lockout, disabled, legacy, wave          time.Time
	nearSpray, nearFatigue, nearLockout, nearDisabled        time.Time
	oldSpray, oldFatigue, oldLockout, oldDisabled, oldLegacy time.Time
	oldNearSpray                                             time.Time
}

func newIncidentPlan(r *rng, end time.Time) incidentPlan {
	at := func(back time.Duration) time.Time {
		return end.Add(-back + time.Duration(r.IntN(30*60))*time.Second)
	}
	h, d := time.Hour, 24*time.Hour
	return incidentPlan{
		spray: at(18*h + 40*time.Minute), fatigue: at(6*h + 20*time.Minute), lockout: at(3*h + 40*time.Minute),
		disabled: at(11 * h), legacy: at(16 * h), wave: at(9*h + 30*time.Minute),
		nearSpray: at(5 * h), nearFatigue: at(15 * h), nearLockout: at(20 * h), nearDisabled: at(7*h + 30*time.Minute),
		oldSpray: at(9*d + 4*h), oldFatigue: at(12*d + 2*h), oldLockout: at(5*d + 6*h),
		oldDisabled: at(17*d + 3*h), oldLegacy: at(16*d + 8*h), oldNearSpray: at(8*d + 5*h),
	}
}

// waveEnd is when the admins switched the mistaken policy off.
func (p incidentPlan) waveEnd() time.Time { return p.wave.Add(3 * time.Hour) }

// buildIncidents generates every incident's rows. Incidents that start before the window
// are left out; rows after Now are cut when served. Parameters, by spec line:
//
//   - spray: 192.0.2.77 (Amsterdam, DigitalOcean AS14061), 300 users then 250 of them
//     again, within 38 minutes, legacy protocols; about 18h before Now.
//   - fatigue: 14 push denials (500121) within 4.5 minutes, then approved; about 6h ago.
//   - lockout: 10 bad passwords (50126), then 8 locked attempts (50053); about 3.5h ago.
//   - disabled: a disabled account (50057) against 5 apps from one address; about 11h ago.
//   - legacy: 70 basic-auth attempts against 30 users from 3 foreign addresses; about 16h ago.
//   - wave: CA010 blocks 160 Sales and Finance users (53003) for 3 hours; about 9.5h ago.
//   - near misses, all in the last 24 hours: an IP failing against 4 users (spray rules
//     start at 5), 6 MFA denials over 9 minutes (Sigma needs 7, Sentinel more than 10), 8
//     bad passwords without a lockout, a disabled account against 2 apps (Sentinel needs 3).
//   - earlier in the month: sprays 9 days ago (170 users, Bucharest) and a near miss 8 days
//     ago, MFA fatigue 12 days ago, a lockout 5 days ago, a disabled account against 4 apps
//     17 days ago, legacy attempts 16 days ago.
func (d *Dataset) buildIncidents(p incidentPlan) {
	type spec struct {
		at    time.Time
		build func(b *incidentBuilder)
	}
	specs := []spec{
		{p.spray, func(b *incidentBuilder) { b.spray(placeAmsterdam, "192.0.2.77", 300, 250, 38*time.Minute) }},
		{p.fatigue, func(b *incidentBuilder) { b.fatigue(14, 270*time.Second, true) }},
		{p.lockout, func(b *incidentBuilder) { b.lockout(10, 8) }},
		{p.disabled, func(b *incidentBuilder) { b.disabledAccount(0, 5) }},
		{p.legacy, func(b *incidentBuilder) { b.legacyAuth(30, 70) }},
		{p.wave, func(b *incidentBuilder) { b.caWave(160, 3*time.Hour) }},
		{p.nearSpray, func(b *incidentBuilder) { b.spray(placeRoubaix, "192.0.2.33", 4, 0, 15*time.Minute) }},
		{p.nearFatigue, func(b *incidentBuilder) { b.fatigue(6, 9*time.Minute, false) }},
		{p.nearLockout, func(b *incidentBuilder) { b.lockout(8, 0) }},
		{p.nearDisabled, func(b *incidentBuilder) { b.disabledAccount(1, 2) }},
		{p.oldSpray, func(b *incidentBuilder) { b.spray(placeBucharest, "192.0.2.150", 170, 0, 25*time.Minute) }},
		{p.oldFatigue, func(b *incidentBuilder) { b.fatigue(12, 4*time.Minute, true) }},
		{p.oldLockout, func(b *incidentBuilder) { b.lockout(12, 6) }},
		{p.oldDisabled, func(b *incidentBuilder) { b.disabledAccount(2, 4) }},
		{p.oldLegacy, func(b *incidentBuilder) { b.legacyAuth(18, 40) }},
		{p.oldNearSpray, func(b *incidentBuilder) { b.spray(placeFalkenst, "192.0.2.34", 4, 0, 18*time.Minute) }},
	}
	for i, s := range specs {
		if s.at.Before(d.start) {
			continue
		}
		b := &incidentBuilder{g: &gen{d: d, r: newRNG(d.seed, tagIncident, uint64(i))}, t0: s.at}
		s.build(b)
		d.addIncident(b)
	}
	for _, u := range d.staleUsers {
		d.incidents = append(d.incidents, &Incident{Kind: KindStaleCredentials, Title: "Device retrying with an old password: " + u.UPN,
			Start: d.start, End: d.end, Users: []string{u.UPN}, Apps: []string{"Office 365 Exchange Online"}, Codes: []int{50053, 50126}})
	}
	sort.Slice(d.incidentRows, func(i, j int) bool { return d.incidentRows[j].after(&d.incidentRows[i]) })
	sort.SliceStable(d.incidents, func(i, j int) bool { return d.incidents[i].Start.After(d.incidents[j].Start) })
}

// addIncident records the builder's rows and derives the incident's summary from them.
func (d *Dataset) addIncident(b *incidentBuilder) {
	inc := b.inc
	ips, users, apps := strset{}, strset{}, strset{}
	for i := range b.g.out {
		rec := &b.g.out[i]
		rec.Incident = inc.Kind
		inc.RequestIDs = append(inc.RequestIDs, rec.ID.String())
		ips.add(&inc.IPs, rec.IP)
		users.add(&inc.Users, rec.UPN())
		apps.add(&inc.Apps, rec.App.Name)
		if rec.Code != 0 && !slices.Contains(inc.Codes, rec.Code) {
			inc.Codes = append(inc.Codes, rec.Code)
		}
		if inc.Start.IsZero() || rec.Time.Before(inc.Start) {
			inc.Start = rec.Time
		}
		if rec.Time.After(inc.End) {
			inc.End = rec.Time
		}
	}
	slices.Sort(inc.Codes)
	d.incidents = append(d.incidents, inc)
	d.incidentRows = append(d.incidentRows, b.g.out...)
}

// strset collects distinct non-empty strings in first-seen order.
type strset map[string]bool

func (s strset) add(list *[]string, v string) {
	if v != "" && !s[v] {
		s[v] = true
		*list = append(*list, v)
	}
}
