package dataset

import (
	"slices"
	"testing"
	"time"
)

// incidentRows returns the rows of inc from the dataset, checking that every request ID
// resolves to exactly one row tagged with the incident's kind.
func incidentRows(t *testing.T, d *Dataset, inc Incident) []Record {
	t.Helper()
	byID := map[string]Record{}
	for _, r := range d.Between(inc.Start, inc.End) {
		byID[r.ID.String()] = r
	}
	var rows []Record
	for _, id := range inc.RequestIDs {
		r, ok := byID[id]
		if !ok || r.Incident != inc.Kind {
			t.Fatalf("%s: request %s not in the data", inc.Title, id)
		}
		rows = append(rows, r)
	}
	return rows
}

func distinct(rows []Record, f func(*Record) string) map[string]int {
	m := map[string]int{}
	for i := range rows {
		m[f(&rows[i])]++
	}
	return m
}

// TestIncidents checks each embedded incident against the pattern public detections look
// for (detection-patterns.md), and that each main incident is in the last 24 hours.
func TestIncidents(t *testing.T) {
	d := newTestDataset(t, Options{})
	recent := map[string]bool{}
	earlier := map[string]bool{}
	checks := map[string]func(t *testing.T, inc Incident, rows []Record){
		KindPasswordSpray: func(t *testing.T, inc Incident, rows []Record) {
			users := distinct(rows, func(r *Record) string { return r.UPN() })
			if inc.NearMiss {
				if len(users) >= 5 {
					t.Errorf("near miss hits %d users", len(users))
				}
				return
			}
			if len(users) < 150 || len(distinct(rows, func(r *Record) string { return r.IP })) != 1 || inc.End.Sub(inc.Start) > 40*time.Minute {
				t.Errorf("spray: %d users, IPs %v, %s long", len(users), inc.IPs, inc.End.Sub(inc.Start))
			}
			for _, r := range rows {
				if !IsLegacyClientApp(r.ClientApp) || r.Place.Country == "US" || r.ASN == 0 {
					t.Fatalf("spray row via %q from %s", r.ClientApp, r.Place.Country)
				}
			}
		},
		KindMFAFatigue: func(t *testing.T, inc Incident, rows []Record) {
			denials := 0
			for _, r := range rows[:len(rows)-1] {
				if r.Code == 500121 {
					denials++
				}
			}
			last := rows[len(rows)-1]
			if last.Code != 0 || len(distinct(rows, func(r *Record) string { return r.UPN() })) != 1 {
				t.Errorf("fatigue does not end in one user's success")
			}
			if !inc.NearMiss && (denials < 12 || rows[denials-1].Time.Sub(rows[0].Time) > 5*time.Minute) {
				t.Errorf("%d denials within %s", denials, rows[denials-1].Time.Sub(rows[0].Time))
			}
		},
		KindAccountLockout: func(t *testing.T, inc Incident, rows []Record) {
			seenLock := false
			for _, r := range rows {
				if r.Code == 50053 {
					seenLock = true
				} else if seenLock {
					t.Fatalf("code %d after the lockout began", r.Code)
				}
			}
			if seenLock == inc.NearMiss {
				t.Errorf("lockout near miss %v, locked rows %v", inc.NearMiss, seenLock)
			}
		},
		KindDisabledAccount: func(t *testing.T, inc Incident, rows []Record) {
			apps := distinct(rows, func(r *Record) string { return r.App.Name })
			if len(inc.IPs) != 1 || (!inc.NearMiss && len(apps) < 4) || (inc.NearMiss && len(apps) >= 3) {
				t.Errorf("disabled account: %d apps from %v", len(apps), inc.IPs)
			}
			for _, r := range rows {
				if r.Code != 50057 || !r.User.Disabled {
					t.Fatalf("disabled-account row with code %d", r.Code)
				}
			}
		},
		KindLegacyAuth: func(t *testing.T, inc Incident, rows []Record) {
			for _, r := range rows {
				if !IsLegacyClientApp(r.ClientApp) || (r.Code != 50126 && r.Code != 53003) {
					t.Fatalf("legacy row via %q with %d", r.ClientApp, r.Code)
				}
			}
		},
		KindCABlockWave: func(t *testing.T, inc Incident, rows []Record) {
			users := distinct(rows, func(r *Record) string { return r.UPN() })
			if len(users) < 100 || inc.Policy == "" {
				t.Errorf("CA wave: %d users, policy %q", len(users), inc.Policy)
			}
			for _, r := range rows {
				failed := slices.ContainsFunc(r.CA.Results, func(p PolicyResult) bool { return p.Policy.Name == inc.Policy && p.Result == "failure" })
				if r.Code != 53003 || !failed {
					t.Fatalf("CA wave row %d without %q failing", r.Code, inc.Policy)
				}
			}
		},
	}
	for _, inc := range d.Incidents() {
		if inc.Kind == KindStaleCredentials {
			continue
		}
		t.Run(inc.Title, func(t *testing.T) {
			rows := incidentRows(t, d, inc)
			if len(rows) == 0 {
				t.Fatal("no rows")
			}
			checks[inc.Kind](t, inc, rows)
		})
		if !inc.NearMiss && !inc.Start.Before(testNow.Add(-24*time.Hour)) {
			recent[inc.Kind] = true
		}
		if inc.End.Before(testNow.Add(-48 * time.Hour)) {
			earlier[inc.Kind] = true
		}
	}
	for _, k := range []string{KindPasswordSpray, KindMFAFatigue, KindAccountLockout, KindDisabledAccount, KindLegacyAuth, KindCABlockWave} {
		if !recent[k] {
			t.Errorf("no %s incident in the last 24 hours", k)
		}
	}
	for _, k := range []string{KindPasswordSpray, KindMFAFatigue, KindAccountLockout, KindDisabledAccount, KindLegacyAuth} {
		if !earlier[k] {
			t.Errorf("no earlier %s incident", k)
		}
	}
}

func TestShortWindowDropsOldIncidents(t *testing.T) {
	d := newTestDataset(t, Options{Days: 1})
	from, _ := d.Window()
	for _, inc := range d.Incidents() {
		if inc.Start.Before(from) && inc.Kind != KindStaleCredentials {
			t.Errorf("%s starts before the window", inc.Title)
		}
	}
}

func TestDirectory(t *testing.T) {
	d := newTestDataset(t, Options{})
	users := d.Users()
	kinds := map[string]int{}
	for _, u := range users {
		switch {
		case u.Guest:
			kinds["guest"]++
		case u.Service:
			kinds["service"]++
		case u.Disabled:
			kinds["disabled"]++
		default:
			kinds["member"]++
		}
	}
	if len(users) < 750 || len(users) > 850 || kinds["guest"] == 0 || kinds["service"] == 0 || kinds["disabled"] == 0 {
		t.Fatalf("directory: %d users, %v", len(users), kinds)
	}
	if u := d.User("Liam.O'Brien@contoso.com"); u == nil || u.DisplayName != "Liam O'Brien" {
		t.Fatal("the apostrophe user is missing")
	}
	if len(d.Apps()) < 25 {
		t.Fatalf("%d apps", len(d.Apps()))
	}
}
