package patterns

import (
	"fmt"
	"testing"
	"time"
)

// Each pattern at, just under and just over its default thresholds, on small synthetic logs.
// Bursts last at most half a window, so that one bucket of the two shifted sets holds them
// whole wherever the window's boundaries fall.
func TestPatternThresholds(t *testing.T) {
	d := detector(t, nil)
	badPassword := func(ip string) func(int) attempt {
		return func(i int) attempt { return attempt{user: user(i), ip: ip, code: 50126, client: "IMAP4"} }
	}
	cases := []struct {
		name    string
		pattern string
		log     *log
		want    int // findings of the pattern
	}{
		{"spray: 4 accounts", "password-spray", new(log).spread(4, time.Hour, 9*time.Minute, badPassword("192.0.2.9")), 0},
		{"spray: 5 accounts", "password-spray", new(log).spread(5, time.Hour, 9*time.Minute, badPassword("192.0.2.9")), 1},
		{"spray: 6 accounts", "password-spray", new(log).spread(6, time.Hour, 9*time.Minute, badPassword("192.0.2.9")), 1},
		{"spray: 5 accounts from an office where 5 succeed", "password-spray", office(5, 5), 0},
		{"spray: 5 accounts from an office where 4 succeed", "password-spray", office(5, 4), 1},
		{"spray: 5 accounts with a code that is not a bad password", "password-spray", new(log).spread(5, time.Hour, 9*time.Minute, func(i int) attempt {
			return attempt{user: user(i), ip: "192.0.2.9", code: 50076}
		}), 0},

		{"brute force: 9 bad passwords", "brute-force", guesses(9), 0},
		{"brute force: 10 bad passwords", "brute-force", guesses(10), 1},
		{"brute force: 11 bad passwords", "brute-force", guesses(11), 1},

		{"cracking: 30 attempts from 3 locations", "password-cracking", cracking(30, 3), 0},
		{"cracking: 31 attempts from 3 locations", "password-cracking", cracking(31, 3), 1},
		{"cracking: 32 attempts from 3 locations", "password-cracking", cracking(32, 3), 1},
		{"cracking: 31 attempts from 2 locations", "password-cracking", cracking(31, 2), 0},

		{"lockout storm: 14 accounts, 20 lockouts", "lockout-storm", lockouts(14, 20), 0},
		{"lockout storm: 15 accounts, 19 lockouts", "lockout-storm", lockouts(15, 19), 0},
		{"lockout storm: 15 accounts, 20 lockouts", "lockout-storm", lockouts(15, 20), 1},
		{"lockout storm: 16 accounts, 21 lockouts", "lockout-storm", lockouts(16, 21), 1},

		{"MFA fatigue: 6 denials then approval", "mfa-fatigue", fatigue(6, 30*time.Second), 0},
		{"MFA fatigue: 7 denials then approval", "mfa-fatigue", fatigue(7, 30*time.Second), 1},
		{"MFA fatigue: 8 denials then approval", "mfa-fatigue", fatigue(8, 30*time.Second), 1},
		{"MFA fatigue: 7 denials, approval 10 minutes later", "mfa-fatigue", fatigue(7, 10*time.Minute), 1},
		{"MFA fatigue: 7 denials, approval 11 minutes later", "mfa-fatigue", fatigue(7, 11*time.Minute), 0},
		{"MFA fatigue: 7 denials, no approval", "mfa-fatigue", fatigue(7, 0), 0},

		{"disabled account: 2 apps", "disabled-account", disabled(2, false), 0},
		{"disabled account: 3 apps", "disabled-account", disabled(3, false), 1},
		{"disabled account: 4 apps", "disabled-account", disabled(4, false), 1},
		{"disabled account: 3 apps from 3 addresses", "disabled-account", disabled(3, true), 0},

		{"legacy: 4 accounts over IMAP", "legacy-auth", legacy(4, "IMAP4"), 0},
		{"legacy: 5 accounts over IMAP", "legacy-auth", legacy(5, "IMAP4"), 1},
		{"legacy: 6 accounts over Exchange ActiveSync", "legacy-auth", legacy(6, "Exchange ActiveSync"), 1},
		{"legacy: 5 accounts in a browser", "legacy-auth", legacy(5, "Browser"), 0},

		{"CA wave: 19 accounts", "ca-block-wave", wave(19, "CA010: Block unmanaged"), 0},
		{"CA wave: 20 accounts", "ca-block-wave", wave(20, "CA010: Block unmanaged"), 1},
		{"CA wave: 21 accounts", "ca-block-wave", wave(21, "CA010: Block unmanaged"), 1},
		{"CA wave: 20 accounts, two policies of 10", "ca-block-wave", twoPolicies(), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := of(c.log.detect(t, d), c.pattern)
			if len(got) != c.want {
				t.Fatalf("%d %s findings, want %d: %+v", len(got), c.pattern, c.want, got)
			}
			for _, f := range got {
				checkFinding(t, f, c.log)
			}
		})
	}
}

// checkFinding checks what every finding must have, against the log it came from.
func checkFinding(t *testing.T, f Finding, l *log) {
	t.Helper()
	if f.Title == "" || f.Cause == "" || len(f.NextSteps) == 0 || severityRank[f.Severity] == 0 && f.Severity != "info" {
		t.Errorf("incomplete finding %+v", f)
	}
	if f.Count == 0 || len(f.Evidence) != min(f.Count, MaxEvidence) || f.FirstSeen.After(f.LastSeen) || f.Window == "" {
		t.Errorf("count %d, evidence %d, %s..%s, window %q", f.Count, len(f.Evidence), f.FirstSeen, f.LastSeen, f.Window)
	}
	if f.UserCount != len(f.Users) || f.IPCount != len(f.IPs) || f.AppCount != len(f.Apps) {
		t.Errorf("entity counts %d/%d/%d for %v %v %v", f.UserCount, f.IPCount, f.AppCount, f.Users, f.IPs, f.Apps)
	}
	ids := map[string]bool{}
	for _, s := range l.signIns {
		ids[s.ID] = true
	}
	for _, id := range f.Evidence {
		if !ids[id] {
			t.Errorf("evidence %s is not a sign-in of the log", id)
		}
	}
}

// office: n accounts fail from one address where `succeeded` other accounts sign in.
func office(n, succeeded int) *log {
	l := new(log).spread(n, time.Hour, 9*time.Minute, func(i int) attempt {
		return attempt{user: user(i), ip: "203.0.113.10", code: 50126}
	})
	return l.spread(succeeded, 3*time.Hour, time.Hour, func(i int) attempt {
		return attempt{user: user(100 + i), ip: "203.0.113.10"}
	})
}

// guesses: n bad passwords for one account from an address it never succeeded from.
func guesses(n int) *log {
	return new(log).spread(n, time.Hour, 9*time.Minute, func(int) attempt {
		return attempt{user: user(1), ip: "192.0.2.50", code: 50126}
	})
}

// cracking: n bad passwords for one account over 12 hours, cycling through the locations.
func cracking(n, locations int) *log {
	cities := []string{"Lisbon", "Porto", "Faro"}
	return new(log).spread(n, time.Hour, 12*time.Hour, func(i int) attempt {
		return attempt{user: user(1), ip: fmt.Sprintf("192.0.2.%d", 60+i%locations), code: 50126, city: cities[i%locations]}
	})
}

// lockouts: events lockouts over accounts accounts within 15 minutes.
func lockouts(accounts, events int) *log {
	return new(log).spread(events, time.Hour, 14*time.Minute, func(i int) attempt {
		return attempt{user: user(i % accounts), ip: "192.0.2.70", code: 50053}
	})
}

// fatigue: denials 500121 within 4 minutes, then (if approveAfter > 0) a success that long
// after the last denial.
func fatigue(denials int, approveAfter time.Duration) *log {
	l := new(log).spread(denials, time.Hour, 4*time.Minute, func(int) attempt {
		return attempt{user: user(1), ip: "192.0.2.80", code: 500121, details: "MFA denied; user declined the authentication"}
	})
	if approveAfter > 0 {
		l.add(attempt{at: time.Hour + 4*time.Minute + approveAfter, user: user(1), ip: "192.0.2.80"})
	}
	return l
}

// disabled: a disabled account tried against apps apps, two attempts each, from one address
// or (spreadIPs) from one address per app.
func disabled(apps int, spreadIPs bool) *log {
	names := []string{"OfficeHome", "Microsoft Teams", "One Outlook Web", "Azure Portal"}
	return new(log).spread(2*apps, time.Hour, 6*time.Hour, func(i int) attempt {
		ip := "100.64.12.2"
		if spreadIPs {
			ip = fmt.Sprintf("100.64.12.%d", 10+i%apps)
		}
		return attempt{user: "leaver@contoso.com", ip: ip, app: names[i%apps], code: 50057}
	})
}

// legacy: accounts accounts fail over a client app from one address within an hour.
func legacy(accounts int, client string) *log {
	return new(log).spread(accounts, time.Hour, 55*time.Minute, func(i int) attempt {
		return attempt{user: user(i), ip: "192.0.2.90", code: 50126, client: client}
	})
}

// wave: accounts accounts blocked by one policy (53003) within half an hour, from their homes.
func wave(accounts int, policy string) *log {
	return new(log).spread(accounts, time.Hour, 29*time.Minute, func(i int) attempt {
		return attempt{user: user(i), ip: fmt.Sprintf("100.64.1.%d", i), code: 53003, policies: []string{policy}}
	})
}

func twoPolicies() *log {
	return new(log).spread(20, time.Hour, 29*time.Minute, func(i int) attempt {
		return attempt{user: user(i), ip: fmt.Sprintf("100.64.1.%d", i), code: 53003, policies: []string{fmt.Sprintf("CA01%d", i%2)}}
	})
}
