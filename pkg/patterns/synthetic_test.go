package patterns

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// t0 is a bucket boundary of every default window (a whole day in UTC), so synthetic bursts
// can be placed against a boundary on purpose.
var t0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// log builds synthetic sign-ins. Only the fields the detector reads are set; Raw carries the
// members read from Graph's JSON (Conditional Access results, ASN) when a test gives them.
type log struct {
	signIns  []signin.SignIn
	statuses []string
}

// attempt describes one synthetic sign-in.
type attempt struct {
	at        time.Duration // after t0
	user, ip  string
	app       string // default "OfficeHome"
	client    string // clientAppUsed, default "Browser"
	code      int64
	details   string
	city      string // location, default "Lisbon"
	policies  []string
	asn       int
	nonInter  bool
	noCAField bool // leave appliedConditionalAccessPolicies out, as Graph does without permission
}

func (l *log) add(a attempt) *log {
	if a.app == "" {
		a.app = "OfficeHome"
	}
	if a.client == "" {
		a.client = "Browser"
	}
	if a.city == "" {
		a.city = "Lisbon"
	}
	interactive := !a.nonInter
	n := len(l.signIns)
	s := signin.SignIn{
		ID: fmt.Sprintf("req-%04d", n), CreatedDateTime: t0.Add(a.at), UserPrincipalName: a.user, AppDisplayName: a.app,
		AppID: "app-" + a.app, IPAddress: a.ip, ClientAppUsed: a.client, IsInteractive: &interactive,
		Status:   signin.Status{ErrorCode: a.code, AdditionalDetails: a.details},
		Location: signin.Location{City: a.city, CountryOrRegion: "PT"},
	}
	raw := map[string]any{"id": s.ID, "status": map[string]any{"errorCode": a.code}}
	if !a.noCAField {
		list := []map[string]any{}
		for _, p := range a.policies {
			list = append(list, map[string]any{"displayName": p, "result": "failure"})
		}
		list = append(list, map[string]any{"displayName": "CA001: Require MFA", "result": "success"})
		raw["appliedConditionalAccessPolicies"] = list
	}
	if a.asn != 0 {
		raw["autonomousSystemNumber"] = a.asn
	}
	s.Raw, _ = json.Marshal(raw)
	l.signIns = append(l.signIns, s)
	status := "failure"
	if a.code == 0 {
		status = "success"
	}
	l.statuses = append(l.statuses, status)
	return l
}

// append adds another log's sign-ins, with request IDs that continue this log's.
func (l *log) append(o *log) *log {
	for i, s := range o.signIns {
		s.ID = fmt.Sprintf("req-%04d", len(l.signIns))
		l.signIns = append(l.signIns, s)
		l.statuses = append(l.statuses, o.statuses[i])
	}
	return l
}

// spread adds n sign-ins of users user-0..user-(n-1) evenly over span from start.
func (l *log) spread(n int, start, span time.Duration, f func(i int) attempt) *log {
	for i := range n {
		a := f(i)
		a.at = start
		if n > 1 {
			a.at += span * time.Duration(i) / time.Duration(n-1)
		}
		l.add(a)
	}
	return l
}

func user(i int) string { return fmt.Sprintf("user%03d@contoso.com", i) }

func detector(t testing.TB, overrides Thresholds) *Detector {
	t.Helper()
	d, err := NewDetector(context.Background(), nil, overrides)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (l *log) detect(t testing.TB, d *Detector) []Finding {
	t.Helper()
	fs, err := d.Detect(context.Background(), l.signIns, l.statuses)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// of returns the findings of one pattern.
func of(fs []Finding, id string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.PatternID == id {
			out = append(out, f)
		}
	}
	return out
}
