package dataset

import (
	"time"
)

// gen builds records for one generated unit (an hour, an incident, a source) from its
// own random stream, so each unit is reproducible on its own.
type gen struct {
	d   *Dataset
	r   *rng
	out []Record
}

// flowCtx is who signs in to what, from where and with what. One context is shared by
// all rows of a flow (they share a correlation ID).
type flowCtx struct {
	user       *User
	identifier string // typed name when user is nil
	app        *App
	dev        *Device
	clientApp  string
	ip         string
	place      *Place
	asn        int
	ua         string
	typ        EventType
	risk       *Risk
	incident   string
	mfaDone    bool // a second factor was performed earlier in the flow
}

// legacy reports whether the flow uses a basic-authentication protocol.
func (c *flowCtx) legacy() bool { return IsLegacyClientApp(c.clientApp) }

// Shared risk verdicts (records point at them; never modify).
var (
	riskTravelRemediated = &Risk{During: "low", Aggregated: "none", State: "remediated",
		Detail: "userPassedMFADrivenByRiskBasedPolicy", Events: []string{"unfamiliarFeatures"}, EventsV1: []string{"unfamiliarFeatures"}}
	riskSpray = &Risk{During: "medium", Aggregated: "medium", State: "atRisk", Detail: "none",
		Events: []string{"passwordSpray"}, EventsV1: []string{"generic"}}
	riskMaliciousIP = &Risk{During: "high", Aggregated: "high", State: "atRisk", Detail: "none",
		Events: []string{"maliciousIPAddress"}, EventsV1: []string{"maliciousIPAddress"}}
	riskUnfamiliar = &Risk{During: "medium", Aggregated: "medium", State: "atRisk", Detail: "none",
		Events: []string{"unfamiliarFeatures"}, EventsV1: []string{"unfamiliarFeatures"}}
)

// mfaDenials weights 500121 additionalDetails the way real tenants see them: mostly
// ignored or declined prompts, rarely fraud reports.
var mfaDenials = newWeighted([]float64{35, 40, 2, 10, 8, 5})

// credentialPhase are codes raised before the password was accepted.
var credentialPhase = map[int]bool{50126: true, 50053: true, 50057: true, 50055: true, 50144: true, 50034: true, 50058: true, 16000: true, 16001: true, 81010: true, 50125: true}

// row appends one record for c at t with the intended code. Conditional Access may turn
// an intended success into a block (see policySet.evaluate); the final code is returned.
func (g *gen) row(c *flowCtx, t time.Time, corr GUID, code int) int {
	rec := Record{Time: t, ID: g.r.guid(), CorrelationID: corr, Type: c.typ, User: c.user, Identifier: c.identifier,
		App: c.app, Resource: c.app.Resource, IP: c.ip, Place: c.place, ASN: c.asn, Device: c.dev,
		ClientApp: c.clientApp, UserAgent: c.ua, Risk: c.risk, Incident: c.incident,
		Processing: int32(40 + g.r.IntN(360)), tenant: g.d.tenant}
	rec.SessionID = corr
	in := caInput{t: t, user: c.user, app: c.app, dev: c.dev, legacy: c.legacy(), place: c.place, code: code}
	rec.CA, rec.Code = g.d.policies.evaluate(in)
	g.status(&rec)
	g.auth(&rec, c)
	g.out = append(g.out, rec)
	return rec.Code
}

// status fills failureReason and additionalDetails for the record's code.
func (g *gen) status(rec *Record) {
	if rec.Code == 0 {
		switch x := g.r.Float64(); {
		case x < 0.05:
			rec.Form = StatusEmpty
		case x < 0.30:
			rec.Form = StatusNulls
		default:
			rec.Reason = successReason
		}
		return
	}
	st := statusTexts[rec.Code]
	rec.Reason = st.reason
	switch {
	case rec.Code == 500121:
		rec.Details = st.details[mfaDenials.pick(g.r)]
	case rec.Code == 50053:
		rec.Details = st.details[0]
	case rec.Code == 50155 && g.r.chance(0.4):
		rec.Reason = deviceAuthPRTReason
	case len(st.details) > 0 && g.r.chance(0.85):
		rec.Details = pickOne(g.r, st.details)
	}
}

// auth decides authenticationRequirement and the beta authenticationDetails steps.
func (g *gen) auth(rec *Record, c *flowCtx) {
	member := c.user != nil && !c.user.Guest && !c.user.Service
	modern := !c.legacy() && c.typ != ServicePrincipal
	rec.MFA = member && modern
	if c.user != nil {
		rec.authMethod = c.user.MFAMethod
	}
	switch code := rec.Code; {
	case code == 0 && !rec.MFA:
		rec.auth = authPassword
		if c.typ == NonInteractiveUser {
			rec.auth = authSSO
		}
	case code == 0 && (c.mfaDone || g.r.chance(0.25)) && c.typ == InteractiveUser:
		rec.auth = authPasswordMFA
		c.mfaDone = true
		if rec.Form == StatusFull {
			rec.Details = detailMFACompleted
		}
	case code == 0:
		rec.auth = authSSO
		if rec.Form == StatusFull {
			rec.Details = detailMFAClaim
		}
	case code == 50126:
		rec.auth, rec.MFA = authBadPassword, false
	case code == 50053:
		rec.auth, rec.MFA = authLocked, false
	case code == 500121:
		// A prompt was shown: a later success in the flow completed MFA interactively.
		rec.auth, c.mfaDone = authMFAFailed, true
	case code == 50140:
		rec.auth, c.mfaDone = authPasswordMFA, true
	case code == 50074 || code == 50072:
		rec.auth, c.mfaDone = authPassword, true
	case code == 50076 || code == 50079 || code == 53003 || code == 53000 || code == 53001:
		rec.auth = authPassword
	case credentialPhase[code]:
		rec.auth, rec.MFA = authNone, false
	default:
		rec.auth = authSSO
	}
}

// flowTimes returns n timestamps inside [h, h+1h): a uniformly placed start and gaps of a
// few seconds, as a user clicks through prompts. Every row stays inside its hour bucket.
func (g *gen) flowTimes(h time.Time, n int) []time.Time {
	gaps := make([]time.Duration, n)
	total := time.Duration(0)
	for i := 1; i < n; i++ {
		gaps[i] = time.Duration(2+g.r.IntN(25))*time.Second + time.Duration(g.r.IntN(1e7))*100
		total += gaps[i]
	}
	t := h.Add(time.Duration(g.r.Int64N(int64(time.Hour-total)/100)) * 100)
	out := make([]time.Time, n)
	for i := range out {
		t = t.Add(gaps[i])
		out[i] = t
	}
	return out
}

// tick returns a random 100 ns-aligned offset below d.
func (g *gen) tick(d time.Duration) time.Duration {
	if d <= 100 {
		return 0
	}
	return time.Duration(g.r.Int64N(int64(d)/100)) * 100
}
