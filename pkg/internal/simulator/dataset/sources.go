package dataset

import (
	"time"
)

// source is something that signs in on a timer around the clock, independent of the
// office rhythm: stale devices, service accounts and daemons. Every real tenant has such
// steady background, and it keeps the last 24 hours busy even on a weekend night.
type source struct {
	name     string
	period   time.Duration
	jitter   time.Duration // each attempt lands up to this much after its slot
	workOnly bool          // only during local working hours
	emit     func(g *gen, t time.Time)
}

// Addresses of the company's Azure-hosted daemons (Microsoft's ASN).
const (
	azureIP  = "203.0.113.200"
	azureASN = 8075
)

// buildSources wires the sources to directory members chosen from the tenant seed.
// Parameters:
//   - stale-eas: one Sales user's old iPhone mail app retries Exchange ActiveSync with a
//     changed password every 10 minutes (50126, a fifth 50053 once smart lockout trips):
//     144 failures a day.
//   - stale-imap: one engineer's home NAS polls IMAP4 with an old password every 9 minutes
//     (50126, a tenth 50053): 160 failures a day.
//   - svc-scanner (Authenticated SMTP, working hours), svc-crm-sync (ROPC hourly),
//     svc-helpdesk-mailbox (IMAP4 every 10 minutes): successes of CA-excluded accounts.
//   - Contoso Payroll Sync: a daemon's servicePrincipal sign-in every 15 minutes.
//   - Contoso Reporting Connector: a daemon whose secret expired three days before Now:
//     7000222 every 10 minutes since then, successes before (servicePrincipal, beta only).
func (d *Dataset) buildSources(r *rng) []source {
	eas := pickOne(r, d.dir.byDept["Sales"])
	imap := pickOne(r, d.dir.byDept["Engineering"])
	d.staleUsers = []*User{eas, imap}
	exo := findApp(d.apps, "Office 365 Exchange Online")
	expiry := d.end.Add(-72*time.Hour - time.Duration(r.IntN(3600))*time.Second)
	legacy := func(u *User, clientApp, ip string, fail float64, lockShare float64) func(*gen, time.Time) {
		return func(g *gen, t time.Time) {
			c := &flowCtx{user: u, app: exo, dev: unknownDevice, clientApp: clientApp, typ: InteractiveUser,
				place: u.Home, ip: ip, asn: u.ISP}
			if clientApp == "Exchange ActiveSync" {
				c.dev, c.ua, c.ip, c.asn = unmanagedIOS, "iOS/17.6 (21G80) dataaccessd/1.0", mobileIP(g.r), pickOne(g.r, mobileASNs)
			}
			code := 0
			if g.r.chance(fail) {
				code = 50126
				if g.r.chance(lockShare) {
					code = 50053
				}
			}
			if !u.Service {
				c.incident = KindStaleCredentials
			}
			g.row(c, t, g.r.guid(), code)
		}
	}
	scanner, crm, helpdesk := d.dir.serviceAccount("svc-scanner"), d.dir.serviceAccount("svc-crm-sync"), d.dir.serviceAccount("svc-helpdesk-mailbox")
	return []source{
		{name: "stale-eas", period: 10 * time.Minute, jitter: 40 * time.Second, emit: legacy(eas, "Exchange ActiveSync", "", 1, 0.2)},
		{name: "stale-imap", period: 9 * time.Minute, jitter: 20 * time.Second, emit: legacy(imap, "IMAP4", imap.HomeIP, 1, 0.1)},
		{name: "svc-scanner", period: 15 * time.Minute, jitter: 14 * time.Minute, workOnly: true, emit: legacy(scanner, "Authenticated SMTP", scanner.HomeIP, 0, 0)},
		{name: "svc-helpdesk", period: 10 * time.Minute, jitter: 30 * time.Second, emit: legacy(helpdesk, "IMAP4", helpdesk.HomeIP, 0, 0)},
		{name: "svc-crm-sync", period: time.Hour, jitter: 2 * time.Minute, emit: func(g *gen, t time.Time) {
			c := &flowCtx{user: crm, app: findApp(d.apps, "Contoso CRM"), dev: unknownDevice, clientApp: "Other clients",
				typ: InteractiveUser, place: crm.Home, ip: crm.HomeIP, asn: officeASN, ua: "python-requests/2.32.3"}
			g.row(c, t, g.r.guid(), 0)
		}},
		{name: "payroll", period: 15 * time.Minute, jitter: 5 * time.Second, emit: d.daemon(payrollDaemon, time.Time{})},
		{name: "reporting", period: 10 * time.Minute, jitter: 5 * time.Second, emit: d.daemon(reportingDaemon, expiry)},
	}
}

// daemon emits a client-credentials sign-in of a daemon app; after expired (if set) its
// secret is expired and every attempt fails with 7000222.
func (d *Dataset) daemon(name string, expired time.Time) func(*gen, time.Time) {
	app := findApp(d.apps, name)
	return func(g *gen, t time.Time) {
		c := &flowCtx{app: app, dev: unknownDevice, typ: ServicePrincipal, place: homePlaces[0], ip: azureIP, asn: azureASN}
		code := 0
		if !expired.IsZero() && t.After(expired) {
			code = 7000222
		}
		g.row(c, t, g.r.guid(), code)
	}
}

// runSources emits every source's attempts that fall in hour h.
func (g *gen) runSources(h time.Time) {
	for i, s := range g.d.sources {
		if s.workOnly && !workingHours(h) {
			continue
		}
		// Slots are aligned to a per-source phase, so they do not all fire on the hour.
		phase := int64(seedOf(g.d.seed, uint64(i), tagSource)%uint64(s.period)) / 100 * 100
		p := int64(s.period)
		first := h.Add(time.Duration(((phase-h.UnixNano())%p + p) % p))
		end := h.Add(time.Hour)
		for t := first; t.Before(end); t = t.Add(s.period) {
			at := t.Add(g.tick(min(s.jitter, end.Sub(t))))
			s.emit(g, at)
		}
	}
}

// nonInteractive emits token refreshes by desktop and mobile apps (beta only, and only
// when the filter names signInEventTypes). Real tenants have many more of these than
// interactive sign-ins; the dataset keeps a third as many to bound memory.
func (g *gen) nonInteractive(h time.Time, n int) {
	for i := 0; i < n; i++ {
		u := g.d.dir.active[g.d.dir.pick.pick(g.r)]
		if u.Guest {
			continue
		}
		c := g.context(u, h)
		if c.app.Kind != RichClient {
			richOnly(g, c, h)
		}
		c.typ = NonInteractiveUser
		code := 0
		if g.r.chance(0.03) {
			code = pickOne(g.r, []int{50173, 70043, 70043, 50133, 50076})
		}
		g.row(c, h.Add(g.tick(time.Hour)), g.r.guid(), code)
	}
}

// unmapped emits the deliberately unknown code a handful of times a day (Poisson, 0.2 an
// hour around the clock, so about five a day).
func (g *gen) unmapped(h time.Time) {
	for i := g.r.poisson(0.2); i > 0; i-- {
		u := g.d.dir.active[g.d.dir.pick.pick(g.r)]
		c := g.context(u, h)
		g.setApp(c, findApp(g.d.apps, "Contoso Expenses"))
		g.row(c, h.Add(g.tick(time.Hour)), g.r.guid(), UnmappedCode)
	}
}
