package dataset

import (
	"fmt"
	"time"
)

// incidentBuilder generates one incident's rows from t0 with its own random stream.
type incidentBuilder struct {
	g   *gen
	t0  time.Time
	inc *Incident
}

// at returns t0 plus d, aligned to Graph's 100 ns resolution.
func (b *incidentBuilder) at(d time.Duration) time.Time { return b.t0.Add(d).Truncate(100) }

// members returns n distinct enabled members, in random order.
func (b *incidentBuilder) members(n int, keep func(*User) bool) []*User {
	var pool []*User
	for _, u := range b.g.d.dir.active {
		if !u.Guest && (keep == nil || keep(u)) {
			pool = append(pool, u)
		}
	}
	b.g.r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return pool[:min(n, len(pool))]
}

// attacker returns a flow context for an attack from ip at place against u.
func (b *incidentBuilder) attacker(u *User, place *Place, ip string) *flowCtx {
	return &flowCtx{user: u, typ: InteractiveUser, place: place, ip: ip, asn: place.ASNs[0], dev: unknownDevice}
}

// spray: one IP tries a password against many users over legacy protocols, which skip
// MFA. Round one hits `first` users in the first half of the window, round two `second`
// of them again; smart lockout answers a third of round two with 50053. One user had the
// sprayed password: that attempt ends in 53003 (CA002 blocks legacy authentication).
// With first <= 4 it is a near miss: fewer distinct users than any spray rule's threshold.
func (b *incidentBuilder) spray(place *Place, ip string, first, second int, span time.Duration) {
	near := first < 5
	b.inc = &Incident{Kind: KindPasswordSpray, NearMiss: near,
		Title: fmt.Sprintf("Password spray from %s (%s, AS%d) against %d users", ip, place.Country, place.ASNs[0], first)}
	if near {
		b.inc.Title = fmt.Sprintf("Near miss: %s failing against %d users", ip, first)
	}
	exo := findApp(b.g.d.apps, "Office 365 Exchange Online")
	targets := b.members(first, nil)
	protocols := []string{"Other clients", "Other clients", "IMAP4", "Authenticated SMTP", "POP3"}
	emit := func(u *User, t time.Time, code int) {
		c := b.attacker(u, place, ip)
		c.app, c.clientApp, c.risk = exo, pickOne(b.g.r, protocols), riskSpray
		if c.clientApp == "Other clients" {
			c.ua = "BAV2ROPC"
		}
		b.g.row(c, t, b.g.r.guid(), code)
	}
	half := span / 2
	for i, u := range targets {
		code := 50126
		if i == 7 && !near {
			code = 0 // the sprayed password was right; Conditional Access blocks it
		}
		emit(u, b.at(b.g.tick(half)), code)
	}
	for _, u := range targets[:min(second, len(targets))] {
		code := 50126
		if b.g.r.chance(0.35) {
			code = 50053
		}
		emit(u, b.at(half+b.g.tick(span-half)), code)
	}
}

// fatigue: an attacker with the victim's password sends push after push from a VPS; the
// victim declines or ignores them (500121) and finally approves one. The real flag is
// prompts within five minutes: Sentinel alerts on more than 10, Sigma on 7 or more.
// With attack false it is a near miss: the user themself, at home, failing a few times.
func (b *incidentBuilder) fatigue(prompts int, span time.Duration, attack bool) {
	u := b.members(1, func(u *User) bool { return u.MFAMethod == "Mobile app notification" && u.Phone != nil })[0]
	b.inc = &Incident{Kind: KindMFAFatigue, NearMiss: !attack,
		Title: fmt.Sprintf("MFA fatigue: %d push denials for %s, then approved", prompts, u.UPN)}
	c := b.attacker(u, placePiscataway, "192.0.2.140")
	c.dev, c.risk = unmanagedWindows, riskUnfamiliar
	if !attack {
		b.inc.Title = fmt.Sprintf("Near miss: %d MFA denials for %s over %s, then success", prompts, u.UPN, span)
		c.place, c.ip, c.asn, c.dev, c.risk = u.Home, u.HomeIP, u.ISP, u.Computer, nil
	}
	b.g.setApp(c, findApp(b.g.d.apps, "OfficeHome"))
	step := span / time.Duration(prompts)
	for i := 0; i < prompts; i++ {
		b.g.row(c, b.at(time.Duration(i)*step+b.g.tick(step/2)), b.g.r.guid(), 500121)
	}
	c.mfaDone = true
	b.g.row(c, b.at(span+20*time.Second), b.g.r.guid(), 0)
}

// lockout: a user who forgot a changed password keeps trying: bad passwords about every
// 35 seconds, then smart lockout (50053) for each further attempt. With locked 0 it is a
// near miss: repeated failures that end in success without a lockout.
func (b *incidentBuilder) lockout(bad, locked int) {
	u := b.members(1, func(u *User) bool { return u.Office >= 0 })[0]
	b.inc = &Incident{Kind: KindAccountLockout, NearMiss: locked == 0,
		Title: fmt.Sprintf("Account lockout: %s, %d bad passwords then %d locked attempts", u.UPN, bad, locked)}
	c := &flowCtx{user: u, typ: InteractiveUser, dev: u.Computer, place: u.Home, ip: u.HomeIP, asn: u.ISP}
	b.g.setApp(c, findApp(b.g.d.apps, "OfficeHome"))
	t := time.Duration(0)
	for i := 0; i < bad+locked; i++ {
		code := 50126
		if i >= bad {
			code = 50053
		}
		b.g.row(c, b.at(t), b.g.r.guid(), code)
		t += 20*time.Second + b.g.tick(30*time.Second)
	}
	if locked == 0 {
		b.inc.Title = fmt.Sprintf("Near miss: %s, %d bad passwords then success", u.UPN, bad)
		b.g.row(c, b.at(t+time.Minute), b.g.r.guid(), 0)
	}
}

// disabledAccount: a former employee's disabled account (50057) tried against several apps
// from one address. Sentinel alerts at 3 or more apps per user and IP; 2 is a near miss.
func (b *incidentBuilder) disabledAccount(which, apps int) {
	u := b.g.d.dir.disabled[which%len(b.g.d.dir.disabled)]
	b.inc = &Incident{Kind: KindDisabledAccount, NearMiss: apps < 3,
		Title: fmt.Sprintf("Disabled account %s tried against %d apps", u.UPN, apps)}
	names := []string{"OfficeHome", "Microsoft Teams Web Client", "One Outlook Web", "Office 365 SharePoint Online", "Azure Portal", "My Apps"}
	c := &flowCtx{user: u, typ: InteractiveUser, dev: unmanagedWindows, place: u.Home, ip: u.HomeIP, asn: u.ISP}
	for i := 0; i < apps; i++ {
		b.g.setApp(c, findApp(b.g.d.apps, names[i%len(names)]))
		for k := 0; k < 2; k++ {
			b.g.row(c, b.at(time.Duration(i*6+k*2)*time.Minute+b.g.tick(time.Minute)), b.g.r.guid(), 50057)
		}
	}
}

// legacyAuth: basic-auth attempts over IMAP, POP, SMTP and ActiveSync from three
// addresses abroad, over two hours. Wrong passwords give 50126; right ones are blocked by
// Conditional Access (CA004 for blocked countries, else CA002) with 53003.
func (b *incidentBuilder) legacyAuth(users, attempts int) {
	b.inc = &Incident{Kind: KindLegacyAuth, Title: fmt.Sprintf("Legacy protocol attempts against %d users from 3 addresses", users)}
	type origin struct {
		place *Place
		ip    string
	}
	sources := []origin{{placeShanghai, "192.0.2.30"}, {placeSaoPaulo, "192.0.2.31"}, {placeHanoi, "192.0.2.32"}}
	if b.t0.Before(b.g.d.end.Add(-7 * 24 * time.Hour)) {
		// The older wave came from elsewhere, so the two do not share addresses.
		sources = []origin{{placeMoscow, "192.0.2.40"}, {placeSaoPaulo, "192.0.2.31"}, {placeLagos, "192.0.2.41"}}
	}
	targets := b.members(users, nil)
	exo := findApp(b.g.d.apps, "Office 365 Exchange Online")
	for i := 0; i < attempts; i++ {
		s := sources[i%len(sources)]
		c := b.attacker(targets[b.g.r.IntN(len(targets))], s.place, s.ip)
		c.app, c.clientApp, c.risk = exo, pickOne(b.g.r, []string{"IMAP4", "POP3", "SMTP", "Authenticated SMTP", "Exchange ActiveSync"}), riskMaliciousIP
		code := 50126
		if b.g.r.chance(0.2) {
			code = 0
		}
		b.g.row(c, b.at(b.g.tick(2*time.Hour)), b.g.r.guid(), code)
	}
}

// caWave: a new policy (CA010) meant for a pilot blocks Sales and Finance on unmanaged
// devices for three hours until it is switched off: 53003 for many users, with CA010
// "failure" in appliedConditionalAccessPolicies. Half the users retry once.
func (b *incidentBuilder) caWave(users int, span time.Duration) {
	p := b.g.d.policies.list[caWave]
	b.inc = &Incident{Kind: KindCABlockWave, Policy: p.Name,
		Title: fmt.Sprintf("Conditional Access block wave after %q was enabled", p.Name)}
	targets := b.members(users, func(u *User) bool { return waveDepartments[u.Department] })
	web := []string{"OfficeHome", "One Outlook Web", "Office 365 SharePoint Online", "Microsoft Teams Web Client"}
	for _, u := range targets {
		c := &flowCtx{user: u, typ: InteractiveUser, dev: pickOne(b.g.r, personalDevices), place: u.Home, ip: u.HomeIP, asn: u.ISP}
		b.g.setApp(c, findApp(b.g.d.apps, pickOne(b.g.r, web)))
		// Most people notice within the first hour; the tail runs until the policy is off.
		off := b.g.tick(span / 3)
		if b.g.r.chance(0.3) {
			off = b.g.tick(span - time.Minute)
		}
		corr := b.g.r.guid()
		b.g.row(c, b.at(off), corr, 0)
		if b.g.r.chance(0.5) {
			b.g.row(c, b.at(off+30*time.Second), corr, 0)
		}
	}
}
