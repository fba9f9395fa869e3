package dataset

import (
	"fmt"
	"math"
	"strings"
)

// User is a directory account that signs in.
type User struct {
	ID          GUID
	DisplayName string
	UPN         string // always lower case, as Graph logs it
	Department  string
	JobTitle    string
	Guest       bool // B2B guest: UPN is the guest's home-tenant UPN
	Service     bool // non-human account signing in with a password
	Admin       bool // holds an admin role and uses admin tools
	Disabled    bool // accountEnabled false: every sign-in fails with 50057
	HomeTenant  GUID // guests only
	Home        *Place
	Office      int    // index into offices, -1 when remote
	HomeIP      string // household address
	ISP         int    // home ISP's ASN
	Computer    *Device
	Phone       *Device // nil when the user has no enrolled phone
	MFAMethod   string
	activity    float64 // relative sign-in frequency
	index       int     // position in the directory, for per-user seeds
}

// directory is the generated tenant population.
type directory struct {
	domain   string
	users    []*User
	active   []*User  // enabled members and guests, the background population
	pick     weighted // over active, by activity
	disabled []*User
	guests   []*User
	service  []*User
	byDept   map[string][]*User
	byUPN    map[string]*User
}

// Directory sizes: about 800 accounts in all.
const (
	memberCount   = 774
	disabledCount = 6
	guestCount    = 20
)

// officeFor maps home cities near an office to it (indexes into homePlaces and offices).
var officeFor = map[int]int{0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 2, 6: 2, 7: 3}

var mfaMethods = newWeighted([]float64{70, 10, 8, 4, 8})
var mfaMethodNames = []string{"Mobile app notification", "OATH verification code", "Text message", "FIDO2 security key", "Windows Hello for Business"}

func newDirectory(r *rng, domain string) *directory {
	d := &directory{domain: domain, byDept: map[string][]*User{}, byUPN: map[string]*User{}}
	prefix := strings.ToUpper(strings.SplitN(domain, ".", 2)[0])
	if len(prefix) > 8 {
		prefix = prefix[:8]
	}
	seen := map[string]bool{}
	deptPick := newWeighted(deptShares())
	homePick := newWeighted([]float64{14, 8, 6, 12, 4, 10, 5, 9, 5, 4, 4, 4, 3, 2})
	for i := 0; i < memberCount; i++ {
		u := &User{ID: r.guid(), activity: math.Exp(r.NormFloat64() * 0.5)}
		first, last := pickOne(r, firstNames), pickOne(r, lastNames)
		u.DisplayName, u.UPN = first+" "+last, uniqueUPN(seen, strings.ToLower(first+"."+last), domain)
		if i < len(specialNames) {
			u.DisplayName, u.UPN = specialNames[i].display, uniqueUPN(seen, specialNames[i].local, domain)
		}
		dep := departments[deptPick.pick(r)]
		u.Department, u.JobTitle = dep.name, pickOne(r, dep.titles)
		u.Admin = dep.name == "IT" || (dep.name == "Engineering" && r.chance(0.03))
		home := homePick.pick(r)
		u.Home, u.Office = homePlaces[home], -1
		if o, ok := officeFor[home]; ok && r.chance(0.8) {
			u.Office = o
		}
		u.HomeIP = homeIPv4(i)
		if r.chance(0.35) {
			u.HomeIP = homeIPv6(i)
		}
		u.ISP = pickOne(r, u.Home.ASNs)
		u.Computer = newComputer(r, 1000+i, dep.name, prefix)
		if r.chance(0.75) {
			u.Phone = newPhone(r)
		}
		u.MFAMethod = mfaMethodNames[mfaMethods.pick(r)]
		if u.MFAMethod == "Windows Hello for Business" && u.Computer.OS != "Windows10" {
			u.MFAMethod = mfaMethodNames[0]
		}
		// The last few members have left the company: their accounts are disabled.
		u.Disabled = i >= memberCount-disabledCount
		d.add(u)
	}
	d.addGuests(r, seen)
	d.addServiceAccounts(r, seen)
	weights := make([]float64, len(d.active))
	for i, u := range d.active {
		weights[i] = u.activity
	}
	d.pick = newWeighted(weights)
	return d
}

func deptShares() []float64 {
	w := make([]float64, len(departments))
	for i, d := range departments {
		w[i] = d.share
	}
	return w
}

// uniqueUPN appends a number when local@domain is taken, as admins do for namesakes.
func uniqueUPN(seen map[string]bool, local, domain string) string {
	upn := local + "@" + domain
	for n := 2; seen[upn]; n++ {
		upn = fmt.Sprintf("%s%d@%s", local, n, domain)
	}
	seen[upn] = true
	return upn
}

func (d *directory) add(u *User) {
	u.index = len(d.users)
	d.users = append(d.users, u)
	d.byUPN[u.UPN] = u
	switch {
	case u.Service:
		d.service = append(d.service, u)
		return
	case u.Disabled:
		d.disabled = append(d.disabled, u)
		return
	case u.Guest:
		d.guests = append(d.guests, u)
	default:
		d.byDept[u.Department] = append(d.byDept[u.Department], u)
	}
	d.active = append(d.active, u)
}

func (d *directory) addGuests(r *rng, seen map[string]bool) {
	var domains []string
	for _, g := range guestDomains {
		if g != d.domain {
			domains = append(domains, g)
		}
	}
	for i := 0; i < guestCount; i++ {
		first, last := pickOne(r, firstNames), pickOne(r, lastNames)
		u := &User{ID: r.guid(), DisplayName: first + " " + last, Guest: true, HomeTenant: r.guid(),
			Department: "", Office: -1, activity: 0.3 * math.Exp(r.NormFloat64()*0.4), MFAMethod: mfaMethodNames[0]}
		u.UPN = uniqueUPN(seen, strings.ToLower(first+"."+last), domains[i%len(domains)])
		u.Home = pickOne(r, homePlaces)
		u.HomeIP, u.ISP = homeIPv4(memberCount+i), pickOne(r, u.Home.ASNs)
		d.add(u)
	}
}

func (d *directory) addServiceAccounts(r *rng, seen map[string]bool) {
	for _, s := range serviceAccounts {
		u := &User{ID: r.guid(), DisplayName: s.display, Service: true, Department: "IT", JobTitle: "Service account",
			Home: homePlaces[0], Office: 0, HomeIP: offices[0].ip, ISP: officeASN, MFAMethod: ""}
		u.UPN = uniqueUPN(seen, s.local, d.domain)
		d.add(u)
	}
}

// serviceAccount returns the service account with the given local part.
func (d *directory) serviceAccount(local string) *User {
	for _, u := range d.service {
		if strings.HasPrefix(u.UPN, local+"@") {
			return u
		}
	}
	return d.service[0]
}

// officeIP returns the user's office egress address, or "" for remote staff.
func (u *User) officeIP() string {
	if u.Office < 0 {
		return ""
	}
	return offices[u.Office].ip
}
