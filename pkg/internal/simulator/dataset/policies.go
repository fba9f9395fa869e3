package dataset

import (
	"encoding/json"
	"sync"
	"time"
)

// Policy is a Conditional Access policy of the tenant.
type Policy struct {
	ID      GUID
	Name    string
	Grant   []string // enforcedGrantControls when the policy applies
	Session []string // enforcedSessionControls when it applies and succeeds
	// Conditions are the condition flags the policy uses (beta conditionsSatisfied).
	Conditions string
	// Created is when the policy appeared; before it, sign-ins do not list it. Off is when it
	// was switched off ("notEnabled" afterwards). Zero values mean "always" and "never".
	Created, Off time.Time
	Disabled     bool // created switched off: always "notEnabled"
}

// PolicyResult is one entry of appliedConditionalAccessPolicies.
type PolicyResult struct {
	Policy *Policy
	Result string // success, failure, notApplied or notEnabled
}

// CAOutcome is a sign-in's Conditional Access evaluation. Outcomes are shared between
// records (there are few distinct ones), so they must not be modified.
type CAOutcome struct {
	Status   string // conditionalAccessStatus: success, failure or notApplied
	Results  []PolicyResult
	v1JSON   json.RawMessage
	betaJSON json.RawMessage
}

// Policy indexes in policySet.list.
const (
	caMFA      = iota // CA001 require MFA for all users
	caLegacy          // CA002 block legacy authentication
	caDevice          // CA003 compliant or hybrid-joined device for Windows desktop apps
	caCountry         // CA004 block high-risk countries
	caAzure           // CA005 MFA for Azure management
	caSIF             // CA006 sign-in frequency on unmanaged devices (session control)
	caAppProt         // CA007 app protection on mobile, created disabled
	caPlatform        // CA008 block unknown device platforms
	caWave            // CA010 the policy behind the Conditional Access block wave incident
)

// Per-policy evaluation results, packed four bits each into the outcome cache key.
const (
	resAbsent uint64 = iota
	resNotApplied
	resSuccess
	resFailure
	resNotEnabled
)

var resultNames = [...]string{"", "notApplied", "success", "failure", "notEnabled"}

// policySet holds the tenant's policies and caches the distinct outcomes.
type policySet struct {
	list  []*Policy
	mu    sync.Mutex
	cache map[uint64]*CAOutcome
}

// waveDepartments are the departments the CA010 policy targeted by mistake.
var waveDepartments = map[string]bool{"Sales": true, "Finance": true}

func newPolicies(r *rng, waveStart, waveEnd time.Time) *policySet {
	block := []string{"Block"}
	list := []*Policy{
		{Name: "CA001: Require multifactor authentication for all users", Grant: []string{"Mfa"}, Conditions: "application,users"},
		{Name: "CA002: Block legacy authentication", Grant: block, Conditions: "application,users,clientType"},
		{Name: "CA003: Require compliant or hybrid joined device for desktop apps", Grant: []string{"RequireCompliantDevice", "RequireDomainJoinedDevice"}, Conditions: "application,users,devicePlatform,clientType"},
		{Name: "CA004: Block access from high-risk countries", Grant: block, Conditions: "application,users,location"},
		{Name: "CA005: Require multifactor authentication for Azure management", Grant: []string{"Mfa"}, Conditions: "application,users"},
		{Name: "CA006: Sign-in frequency 12 hours on unmanaged devices", Grant: []string{}, Session: []string{"SignInFrequency"}, Conditions: "application,users,deviceState"},
		{Name: "CA007: Require app protection policy on mobile (pilot)", Grant: []string{"RequireCompliantApp"}, Conditions: "application,users,devicePlatform", Disabled: true},
		{Name: "CA008: Block unknown or unsupported device platforms", Grant: block, Conditions: "application,users,devicePlatform"},
		{Name: "CA010: Block Sales and Finance on unmanaged devices", Grant: block, Conditions: "application,users,deviceState", Created: waveStart, Off: waveEnd},
	}
	for _, p := range list {
		p.ID = r.guid()
	}
	return &policySet{list: list, cache: map[uint64]*CAOutcome{}}
}

// caInput is what Conditional Access looks at.
type caInput struct {
	t      time.Time
	user   *User
	app    *App
	dev    *Device
	legacy bool
	place  *Place
	code   int
}

// applies reports whether policy i targets the sign-in (its conditions are met).
func (in *caInput) applies(i int) bool {
	member := in.user != nil && !in.user.Guest && !in.user.Service
	modern := !in.legacy
	switch i {
	case caMFA:
		return member && modern
	case caLegacy:
		// Service accounts are excluded: they are why legacy protocols are still allowed.
		return in.legacy && (in.user == nil || !in.user.Service)
	case caDevice:
		return member && modern && in.app.Kind == RichClient && in.dev.OS == "Windows10"
	case caCountry:
		return blockedCountries[in.place.Country]
	case caAzure:
		return in.app.Resource == resAzureMgmt && in.user != nil
	case caSIF:
		return in.user != nil && modern && !in.dev.Registered() && in.dev.OS != ""
	case caPlatform:
		return modern && in.dev.OS == "" && in.user != nil
	case caWave:
		return member && modern && !in.dev.Registered() && waveDepartments[in.user.Department]
	}
	return false
}

// reachedCA reports whether a sign-in with this code got as far as Conditional Access:
// credential errors, interrupts and most service errors stop before it.
func reachedCA(code int) bool {
	switch code {
	case 0, 500121, 50076, 50079, 53003, 53000, 53001:
		return true
	}
	return false
}

// evaluate returns the outcome and the code the sign-in really ends with: a sign-in that
// would succeed but meets a Block policy ends with 53003, one that fails the device policy
// with 53000, so records never contradict their policies.
func (ps *policySet) evaluate(in caInput) (*CAOutcome, int) {
	code := in.code
	if code == 0 {
		for _, i := range []int{caLegacy, caCountry, caPlatform, caWave} {
			if ps.active(i, in.t) && in.applies(i) {
				code = 53003
				break
			}
		}
		if code == 0 && in.applies(caDevice) && !(in.dev.Compliant || in.dev.TrustType == "Hybrid Azure AD joined") {
			code = 53000
		}
	}
	var key uint64
	for i, p := range ps.list {
		key |= ps.result(i, p, &in, code) << (4 * i)
	}
	return ps.outcome(key), code
}

// active reports whether policy i exists and is switched on at t.
func (ps *policySet) active(i int, t time.Time) bool {
	p := ps.list[i]
	return !p.Disabled && !t.Before(p.Created) && (p.Off.IsZero() || t.Before(p.Off))
}

func (ps *policySet) result(i int, p *Policy, in *caInput, code int) uint64 {
	switch {
	case !p.Created.IsZero() && in.t.Before(p.Created):
		return resAbsent
	case !ps.active(i, in.t):
		return resNotEnabled
	case !reachedCA(code) || !in.applies(i):
		return resNotApplied
	}
	switch code {
	case 0:
		return resSuccess
	case 500121, 50076, 50079:
		if i == caMFA || i == caAzure {
			return resFailure
		}
	case 53003:
		if len(p.Grant) == 1 && p.Grant[0] == "Block" {
			return resFailure
		}
		if i == caMFA {
			return resSuccess
		}
	case 53000, 53001:
		if i == caDevice {
			return resFailure
		}
		if i == caMFA || i == caAzure {
			return resSuccess
		}
	}
	return resNotApplied
}

// outcome returns the shared outcome for a packed key, building it once.
func (ps *policySet) outcome(key uint64) *CAOutcome {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if o, ok := ps.cache[key]; ok {
		return o
	}
	o := &CAOutcome{Status: "notApplied"}
	for i, p := range ps.list {
		res := (key >> (4 * i)) & 0xf
		if res == resAbsent {
			continue
		}
		o.Results = append(o.Results, PolicyResult{Policy: p, Result: resultNames[res]})
		switch {
		case res == resFailure:
			o.Status = "failure"
		case res == resSuccess && o.Status != "failure":
			o.Status = "success"
		}
	}
	o.v1JSON, o.betaJSON = o.encode(V1), o.encode(Beta)
	ps.cache[key] = o
	return o
}
