package dataset

import (
	"strings"
	"time"
)

// flowKind is one way an interactive sign-in flow goes: the codes of its rows in order,
// the chance that it ends with a success in the same correlation, and an optional shape
// that bends the context to where the code occurs (false: not possible, plain success).
type flowKind struct {
	weight float64
	codes  []int
	thenOK float64
	shape  func(g *gen, c *flowCtx, t time.Time) bool
}

// flowKinds are weighted per flow. Plain success takes the remaining ~82%. Interrupt flows
// add ~8% interrupt rows and failure flows ~7% failure rows; non-compliant laptops add some
// 53000 on their own (see devices.go) and the steady sources (sources.go) the rest, for
// 10-12% failures on a weekday.
var flowKinds = []flowKind{
	{weight: 0.040, codes: []int{50140}, thenOK: 1, shape: webOnly},  // "Stay signed in?" prompt
	{weight: 0.025, codes: []int{50058}, thenOK: 1, shape: webOnly},  // silent SSO found no session
	{weight: 0.005, codes: []int{50058}, shape: webOnly},             // ... and the user went away
	{weight: 0.015, codes: []int{50074}, thenOK: 1},                  // MFA prompt, then done
	{weight: 0.004, codes: []int{50074, 500121}, thenOK: 1},          // MFA failed once, then done
	{weight: 0.002, codes: []int{50072}, thenOK: 1},                  // MFA registration required
	{weight: 0.002, codes: []int{65001}, thenOK: 0.5, shape: lobApp}, // consent needed
	{weight: 0.002, codes: []int{16000}, shape: asGuest},
	{weight: 0.002, codes: []int{81010}, thenOK: 1, shape: hybridDevice}, // Seamless SSO fell back
	{weight: 0.001, codes: []int{50125}, thenOK: 1},
	{weight: 0.0015, codes: []int{50055}},
	{weight: 0.0005, codes: []int{50144}},
	{weight: 0.001, codes: []int{16001}, thenOK: 1, shape: webOnly},
	{weight: 0.001, codes: []int{51006}, thenOK: 1, shape: hybridDevice},

	{weight: 0.025, codes: []int{50126}, thenOK: 0.7}, // typo, then the right password
	{weight: 0.003, codes: []int{50053}},
	{weight: 0.009, codes: []int{500121}, thenOK: 0.5},
	{weight: 0.007, codes: []int{50076}, shape: richOnly}, // silent token needs MFA
	{weight: 0.002, codes: []int{50079}},
	{weight: 0.004, codes: []int{0}, shape: legacyMail}, // basic auth, blocked by CA002 (53003)
	{weight: 0.002, codes: []int{0}, shape: unknownPlatform},
	{weight: 0.001, codes: []int{53001}, shape: personalDesktopApp},
	{weight: 0.003, codes: []int{50105}, shape: lobApp},
	{weight: 0.003, codes: []int{70043}, shape: richOnly},
	{weight: 0.002, codes: []int{70046}},
	{weight: 0.003, codes: []int{50097}, thenOK: 0.9, shape: registeredOnly},
	{weight: 0.002, codes: []int{50155}, shape: hybridDevice},
	{weight: 0.002, codes: []int{50173}, shape: richOnly},
	{weight: 0.002, codes: []int{50133}},
	{weight: 0.001, codes: []int{50057}, shape: asDisabled},
	{weight: 0.0005, codes: []int{90025}, thenOK: 0.8},
	{weight: 0.0005, codes: []int{700016}, shape: unregisteredApp},
	{weight: 0.0003, codes: []int{7000215}, shape: namedApp("Contoso CRM")},
	{weight: 0.0005, codes: []int{7000222}, shape: namedApp("Contoso Expenses")},
	{weight: 0.002, codes: []int{50034}, shape: unknownAccount},
}

var flowPick = func() weighted {
	w := []float64{}
	total := 0.0
	for _, k := range flowKinds {
		w, total = append(w, k.weight), total+k.weight
	}
	return newWeighted(append(w, 1-total)) // the last index is a plain success
}()

// flow generates one interactive flow starting in hour h.
func (g *gen) flow(h time.Time) {
	u := g.d.dir.active[g.d.dir.pick.pick(g.r)]
	c := g.context(u, h)
	k := flowKind{codes: []int{0}}
	if i := flowPick.pick(g.r); i < len(flowKinds) {
		k = flowKinds[i]
		if k.shape != nil && !k.shape(g, c, h) {
			k = flowKind{codes: []int{0}}
		}
	}
	n := len(k.codes)
	ok := k.thenOK > 0 && g.r.chance(k.thenOK)
	if ok {
		n++
	}
	times, corr := g.flowTimes(h, n), g.r.guid()
	for i, code := range k.codes {
		g.row(c, times[i], corr, code)
	}
	if ok {
		g.row(c, times[n-1], corr, 0)
	}
}

// context picks the device, app and network for a background sign-in by u.
func (g *gen) context(u *User, t time.Time) *flowCtx {
	c := &flowCtx{user: u, typ: InteractiveUser}
	class := classDesktop
	switch {
	case u.Guest:
		class = classPersonal
	case u.Phone != nil && g.r.chance(0.28):
		class = classMobile
	case g.r.chance(0.07) && !(waveDepartments[u.Department] && g.d.policies.active(caWave, t)):
		// The CA block wave incident owns every sign-in its policy blocked, so background
		// sign-ins of the targeted departments stay on managed devices while it is active.
		class = classPersonal
	}
	switch class {
	case classDesktop:
		c.dev = u.Computer
	case classMobile:
		c.dev = u.Phone
	default:
		c.dev = pickOne(g.r, personalDevices)
	}
	t2 := g.d.appTables[appKey(u.Department, class, u.Admin)]
	g.setApp(c, t2.apps[t2.pick.pick(g.r)])
	g.locate(c, t)
	return c
}

// setApp switches the flow to app a and recomputes what depends on it.
func (g *gen) setApp(c *flowCtx, a *App) {
	c.app, c.clientApp = a, clientAppFor(a)
	c.ua = userAgent(c.dev, a.Kind == RichClient)
}

// locate sets the network: a hotel abroad when travelling, a mobile carrier for phones
// half of the time, the office during working hours for office staff, else home.
func (g *gen) locate(c *flowCtx, t time.Time) {
	u := c.user
	if p := g.d.travelling(u, t); p != nil {
		h := seedOf(g.d.seed, uint64(localWeek(t)), uint64(u.index))
		c.place, c.asn, c.ip = p, p.ASNs[h%uint64(len(p.ASNs))], "198.51.100."+itoa(2+int(h%250))
		if g.r.chance(0.1) {
			c.risk = riskTravelRemediated
		}
		return
	}
	switch {
	case c.dev.Mobile && g.r.chance(0.5):
		c.place, c.ip, c.asn = u.Home, mobileIP(g.r), pickOne(g.r, mobileASNs)
	case u.Office >= 0 && workingHours(t) && g.r.chance(0.6):
		c.place, c.ip, c.asn = homePlaces[offices[u.Office].place], u.officeIP(), officeASN
	default:
		c.place, c.ip, c.asn = u.Home, u.HomeIP, u.ISP
	}
}

// Shapes. Each returns false when the flow cannot happen for the chosen user.

func webOnly(g *gen, c *flowCtx, _ time.Time) bool {
	if c.app.Kind != WebClient {
		g.setApp(c, findApp(g.d.apps, "OfficeHome"))
	}
	return true
}

func richOnly(g *gen, c *flowCtx, _ time.Time) bool {
	if c.app.Kind != RichClient {
		name := "Microsoft Teams"
		if c.dev.Mobile {
			name = "Outlook Mobile"
		}
		g.setApp(c, findApp(g.d.apps, name))
	}
	return c.dev.Registered()
}

func lobApp(g *gen, c *flowCtx, _ time.Time) bool {
	g.setApp(c, pickOne(g.r, g.d.lobApps))
	return true
}

func namedApp(name string) func(*gen, *flowCtx, time.Time) bool {
	return func(g *gen, c *flowCtx, _ time.Time) bool {
		g.setApp(c, findApp(g.d.apps, name))
		return c.app != nil
	}
}

func unregisteredApp(g *gen, c *flowCtx, t time.Time) bool {
	return namedApp("")(g, c, t)
}

func hybridDevice(_ *gen, c *flowCtx, _ time.Time) bool {
	return c.dev.TrustType == "Hybrid Azure AD joined"
}

func registeredOnly(_ *gen, c *flowCtx, _ time.Time) bool { return c.dev.Registered() }

func asGuest(g *gen, c *flowCtx, t time.Time) bool {
	return g.switchUser(c, pickOne(g.r, g.d.dir.guests), t)
}

func asDisabled(g *gen, c *flowCtx, t time.Time) bool {
	return g.switchUser(c, pickOne(g.r, g.d.dir.disabled), t)
}

// switchUser redoes the context for another user.
func (g *gen) switchUser(c *flowCtx, u *User, t time.Time) bool {
	*c = *g.context(u, t)
	return true
}

// legacyMail is a user's old mail client speaking a basic-auth protocol.
func legacyMail(g *gen, c *flowCtx, _ time.Time) bool {
	c.app = findApp(g.d.apps, "Office 365 Exchange Online")
	c.clientApp = pickOne(g.r, []string{"Exchange ActiveSync", "Exchange ActiveSync", "IMAP4", "POP3", "MAPI Over HTTP", "Exchange Web Services", "Other clients"})
	c.dev, c.ua = unknownDevice, ""
	if c.clientApp == "Exchange ActiveSync" {
		c.dev, c.ua = unmanagedIOS, "iOS/17.6 (21G80) dataaccessd/1.0"
	}
	return true
}

func unknownPlatform(g *gen, c *flowCtx, _ time.Time) bool {
	c.app, c.clientApp, c.dev = thunderbirdOf(g.d), "Mobile Apps and Desktop clients", unknownDevice
	c.ua = "Mozilla/5.0 (X11; FreeBSD amd64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0"
	return true
}

func personalDesktopApp(g *gen, c *flowCtx, _ time.Time) bool {
	c.dev = unmanagedWindows
	g.setApp(c, findApp(g.d.apps, "Microsoft Teams"))
	return c.user != nil && !c.user.Guest
}

// unknownAccount is a sign-in with a mistyped UPN: no such user (50034).
func unknownAccount(g *gen, c *flowCtx, _ time.Time) bool {
	upn := c.user.UPN
	at := strings.IndexByte(upn, '@')
	if at < 2 {
		return false
	}
	// Doubling a letter makes a typo that no real account has.
	i := g.r.IntN(at)
	upn = upn[:i] + upn[i:i+1] + upn[i:]
	if g.d.dir.byUPN[upn] != nil {
		return false
	}
	c.user, c.identifier = nil, upn
	return true
}

func thunderbirdOf(d *Dataset) *App { return findApp(d.apps, "Mozilla Thunderbird") }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}
