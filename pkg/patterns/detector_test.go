package patterns

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
)

// A user's own pattern: its package under signin.patterns, its defaults in the config
// package, overridable like the built-in ones.
const userPattern = `package signin.patterns.contoso_vpn

import data.signin.patterns.config

t := config.effective["contoso-app-failures"]

grouping := {"id": "contoso-app-failures", "by": [["app"]], "window": t.window, "statuses": ["failure"]}

findings contains {
	"patternId": "contoso-app-failures",
	"group": g.id,
	"title": sprintf("Failures in %s", [g.key.app]),
	"severity": "low",
	"cause": "Several people could not sign in to the app.",
	"nextSteps": ["The app team looks at the app."],
	"details": {"accounts": g.users.count},
} if {
	some g in input.groups["contoso-app-failures"]
	g.users.count >= t.minUsers
}
`

// userThresholds adds the pattern's defaults to the config package, from a module of its own.
const userThresholds = `package signin.patterns.config

thresholds["contoso-app-failures"] := {"window": "1h", "minUsers": 3}
`

func TestUserPattern(t *testing.T) {
	other := regokit.Module{Name: "customRules", User: true, Source: "package signin.rules.contoso\n\nfindings := set()\n"}
	mods := []regokit.Module{{Name: "contoso.rego", Source: userPattern, User: true}, {Name: "contoso_config.rego", Source: userThresholds, User: true}, other}
	d, err := NewDetector(context.Background(), mods, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := new(log).spread(3, time.Hour, 10*time.Minute, func(i int) attempt {
		return attempt{user: user(i), ip: "203.0.113.5", app: "Contoso VPN", code: 50076}
	})
	got := of(l.detect(t, d), "contoso-app-failures")
	if len(got) != 1 || got[0].Key["app"] != "Contoso VPN" || got[0].UserCount != 3 || got[0].Details["accounts"] != int64(3) {
		t.Fatalf("user pattern findings %+v", got)
	}
	raised, err := NewDetector(context.Background(), mods, Thresholds{"contoso-app-failures": {"minUsers": 4}})
	if err != nil {
		t.Fatal(err)
	}
	if got := of(l.detect(t, raised), "contoso-app-failures"); len(got) != 0 {
		t.Errorf("minUsers 4 still finds %+v", got)
	}
}

func TestUserModuleErrors(t *testing.T) {
	cases := []struct {
		name, source string
		check        func(error) bool
		message      string
	}{
		{"syntax", "package signin.patterns.bad\n\nfindings contains x if {\n", isCompileError, "bad.rego:4"},
		{"forbidden built-in", "package signin.patterns.bad\n\nx := http.send({\"method\": \"get\", \"url\": \"https://example.com\"})\n", isCompileError, "http.send"},
		{"unknown dimension", "package signin.patterns.bad\n\ngrouping := {\"id\": \"bad\", \"by\": [[\"country\"]], \"window\": \"1h\"}\n", isGroupingError, `data.signin.patterns.bad.grouping: by: unknown dimension "country"`},
		{"bad window", "package signin.patterns.bad\n\ngrouping := {\"id\": \"bad\", \"by\": [[\"ip\"]], \"window\": \"1w\"}\n", isGroupingError, `window must be a duration`},
		{"duplicate id", "package signin.patterns.bad\n\ngrouping := {\"id\": \"password-spray\", \"by\": [[\"ip\"]], \"window\": \"1h\"}\n", isGroupingError, `pattern id "password-spray" is already used`},
		{"unknown measure", "package signin.patterns.bad\n\ngrouping := {\"id\": \"bad\", \"by\": [[\"ip\"]], \"window\": \"1h\", \"prune\": {\"people\": 3}}\n", isGroupingError, `prune: unknown measure "people"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewDetector(context.Background(), []regokit.Module{{Name: "bad.rego", Source: c.source, User: true}}, nil)
			if !c.check(err) || !strings.Contains(err.Error(), c.message) {
				t.Fatalf("got %v, want an error with %q", err, c.message)
			}
		})
	}
}

func isCompileError(err error) bool {
	var ce *regokit.CompileError
	return errors.As(err, &ce) && len(ce.Problems) > 0
}

func isGroupingError(err error) bool {
	var ge *GroupingError
	return errors.As(err, &ge)
}

// A user rule that names no group is reported; the other findings still come back.
func TestRuleErrorKeepsTheOtherFindings(t *testing.T) {
	broken := `package signin.patterns.broken

findings contains {"patternId": "broken", "group": 999, "title": "t", "severity": "low", "cause": "c", "nextSteps": []} if {
	some _ in input.groups["password-spray"]
}
`
	d, err := NewDetector(context.Background(), []regokit.Module{{Name: "broken.rego", Source: broken, User: true}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := new(log).spread(6, time.Hour, 5*time.Minute, func(i int) attempt {
		return attempt{user: user(i), ip: "192.0.2.9", code: 50126}
	})
	fs, err := d.Detect(context.Background(), l.signIns, l.statuses)
	var re *RuleError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "data.signin.patterns.broken names group 999") {
		t.Fatalf("got %v", err)
	}
	if len(of(fs, "password-spray")) != 1 {
		t.Errorf("the spray was lost: %+v", fs)
	}
}

// A spray straddling bucket boundaries is one finding over all its sign-ins.
func TestBucketsOfOneBurstMerge(t *testing.T) {
	// 40 accounts over 50 minutes from 23:40: five 20-minute buckets of two shifted sets.
	l := new(log).spread(40, 23*time.Hour+40*time.Minute, 50*time.Minute, func(i int) attempt {
		return attempt{user: user(i), ip: "192.0.2.9", code: 50126}
	})
	got := of(l.detect(t, detector(t, nil)), "password-spray")
	if len(got) != 1 {
		t.Fatalf("%d findings, want 1", len(got))
	}
	f := got[0]
	if f.Count != 40 || f.UserCount != 40 || f.Details["windows"].(int) < 4 || !f.FirstSeen.Equal(l.signIns[0].CreatedDateTime) || !f.LastSeen.Equal(l.signIns[39].CreatedDateTime) {
		t.Errorf("merged finding: count %d, users %d, windows %v, %s..%s", f.Count, f.UserCount, f.Details["windows"], f.FirstSeen, f.LastSeen)
	}
}

// Sign-ins come newest first from Graph; any order gives the same findings.
func TestOrderDoesNotMatter(t *testing.T) {
	l := fatigue(8, 2*time.Minute)
	for _, extra := range []*log{guesses(12), wave(25, "CA010"), lockouts(20, 30)} {
		l.append(extra)
	}
	d := detector(t, nil)
	want := summary(l.detect(t, d))
	if len(want) < 4 {
		t.Fatalf("findings %v", want)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		r.Shuffle(len(l.signIns), func(i, j int) {
			l.signIns[i], l.signIns[j] = l.signIns[j], l.signIns[i]
			l.statuses[i], l.statuses[j] = l.statuses[j], l.statuses[i]
		})
		if got := summary(l.detect(t, d)); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffled: %v, want %v", got, want)
		}
	}
}

func summary(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %v %d %s %s %s", f.PatternID, f.Key, f.Count, f.Severity, f.FirstSeen, f.Evidence))
	}
	return out
}

// Beta's autonomousSystemNumber: a spray over two addresses of a hosting network, each under
// the per-address minimum, is found per network; a home ISP's network is not.
func TestSprayAcrossOneHostingNetwork(t *testing.T) {
	spray := func(asn int) *log {
		return new(log).spread(6, time.Hour, 9*time.Minute, func(i int) attempt {
			return attempt{user: user(i), ip: fmt.Sprintf("192.0.2.%d", 100+i%2), code: 50126, asn: asn}
		})
	}
	d := detector(t, nil)
	got := of(spray(14061).detect(t, d), "password-spray")
	if len(got) != 1 || got[0].Key["asn"] != "14061" || got[0].IPCount != 2 || got[0].UserCount != 6 {
		t.Fatalf("hosting network: %+v", got)
	}
	if got := of(spray(7922).detect(t, d), "password-spray"); len(got) != 0 {
		t.Errorf("home ISP network: %+v", got)
	}
	anyNetwork := detector(t, Thresholds{"password-spray": {"asnHostingOnly": false}})
	if got := of(spray(7922).detect(t, anyNetwork), "password-spray"); len(got) != 1 {
		t.Errorf("asnHostingOnly false: %+v", got)
	}
}

// Brute force says whose doing it probably is: the account's own address or a stranger's.
func TestBruteForceTellsOwnRetriesFromGuessing(t *testing.T) {
	d := detector(t, nil)
	stranger := of(guesses(12).detect(t, d), "brute-force")
	own := guesses(12).add(attempt{at: 10 * time.Minute, user: user(1), ip: "192.0.2.50"})
	mine := of(own.detect(t, d), "brute-force")
	if len(stranger) != 1 || stranger[0].Severity != "high" || len(mine) != 1 || mine[0].Severity != "medium" {
		t.Fatalf("stranger %+v\nown %+v", stranger, mine)
	}
}

// A block wave without Conditional Access data (no permission) is still found, unnamed.
func TestWaveWithoutPolicyNames(t *testing.T) {
	l := new(log).spread(20, time.Hour, 29*time.Minute, func(i int) attempt {
		return attempt{user: user(i), ip: fmt.Sprintf("100.64.1.%d", i), code: 53003, noCAField: true}
	})
	got := of(l.detect(t, detector(t, nil)), "ca-block-wave")
	if len(got) != 1 || got[0].Key["policy"] != "" || !strings.Contains(got[0].Cause, "Policy.Read.All") {
		t.Fatalf("%+v", got)
	}
}

func TestStatuses(t *testing.T) {
	d := detector(t, nil)
	l := fatigue(7, time.Minute)
	fs, err := d.Detect(context.Background(), l.signIns, nil)
	if err != nil || len(of(fs, "mfa-fatigue")) != 1 {
		t.Errorf("without statuses (code 0 is a success): %v %+v", err, fs)
	}
	if _, err := d.Detect(context.Background(), l.signIns, l.statuses[1:]); err == nil {
		t.Error("a statuses list of the wrong length was accepted")
	}
	if fs, err := d.Detect(context.Background(), nil, nil); err != nil || len(fs) != 0 {
		t.Errorf("no sign-ins: %v %v", fs, err)
	}
}

// One detector serves every query of a data source at once.
func TestDetectIsSafeForConcurrentUse(t *testing.T) {
	d := detector(t, nil)
	logs := []*log{fatigue(8, time.Minute), guesses(12), wave(25, "CA010"), lockouts(20, 30)}
	want := make([][]string, len(logs))
	for i, l := range logs {
		want[i] = summary(l.detect(t, d))
	}
	errs := make(chan error, 4*len(logs))
	for range 4 {
		for i, l := range logs {
			go func() {
				fs, err := d.Detect(context.Background(), l.signIns, l.statuses)
				if err == nil && !reflect.DeepEqual(summary(fs), want[i]) {
					err = fmt.Errorf("log %d: %v, want %v", i, summary(fs), want[i])
				}
				errs <- err
			}()
		}
	}
	for range 4 * len(logs) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
