package dataset

import (
	"bytes"
	"testing"
	"time"
)

// testNow is a Monday, 09:30 in the tenant's (US Central) working day.
var testNow = time.Date(2025, 3, 10, 15, 30, 0, 0, time.UTC)

func newTestDataset(t *testing.T, opts Options) *Dataset {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	if opts.TenantID == "" {
		opts.TenantID = "8c9e2a4b-5f1d-4e3a-9b7c-2d6f0a1e3c5b"
	}
	return New(opts)
}

func marshalAll(recs []Record, version string) []byte {
	var b []byte
	for i := range recs {
		b = recs[i].AppendJSON(b, version, true)
		b = append(b, '\n')
	}
	return b
}

func TestDeterminism(t *testing.T) {
	from, to := testNow.Add(-30*time.Hour), testNow.Add(-20*time.Hour)
	cases := []struct {
		name string
		a, b Options
		same bool
	}{
		{"same options", Options{Seed: 7}, Options{Seed: 7}, true},
		{"default seed is 1", Options{}, Options{Seed: 1}, true},
		{"other seed", Options{Seed: 7}, Options{Seed: 8}, false},
		{"other tenant", Options{Seed: 7, TenantID: "t1"}, Options{Seed: 7, TenantID: "t2"}, false},
		{"tiny cache gives the same data", Options{Seed: 3}, Options{Seed: 3, CacheRecords: 1}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, v := range []string{V1, Beta} {
				a := marshalAll(newTestDataset(t, tc.a).Between(from, to), v)
				b := marshalAll(newTestDataset(t, tc.b).Between(from, to), v)
				if got := bytes.Equal(a, b); got != tc.same {
					t.Fatalf("%s: identical = %v, want %v (%d vs %d bytes)", v, got, tc.same, len(a), len(b))
				}
			}
		})
	}
}

func TestOrderAndWindow(t *testing.T) {
	d := newTestDataset(t, Options{Days: 2})
	from, to := d.Window()
	recs := d.Between(testNow.Add(-72*time.Hour), testNow.Add(time.Hour))
	if len(recs) == 0 {
		t.Fatal("no records")
	}
	seen := map[GUID]bool{}
	for i := range recs {
		r := &recs[i]
		if r.Time.Before(from) || r.Time.After(to) {
			t.Fatalf("record at %s outside window %s..%s", r.Time, from, to)
		}
		if i > 0 && !r.after(&recs[i-1]) {
			t.Fatalf("records %d and %d out of newest-first order", i-1, i)
		}
		if r.Time.Nanosecond()%100 != 0 {
			t.Fatalf("time %s is not on Graph's 100 ns grid", r.Time)
		}
		if seen[r.ID] {
			t.Fatalf("duplicate id %s", r.ID)
		}
		seen[r.ID] = true
	}
}

func TestScanCursorResumes(t *testing.T) {
	d := newTestDataset(t, Options{})
	from, to := testNow.Add(-5*time.Hour), testNow
	want := d.Between(from, to)
	for _, asc := range []bool{false, true} {
		var got []GUID
		var cur *Cursor
		for {
			n := 0
			d.Scan(from, to, asc, cur, func(r *Record) bool {
				got = append(got, r.ID)
				c := CursorOf(r)
				cur = &c
				n++
				return n < 137
			})
			if n < 137 {
				break
			}
		}
		if len(got) != len(want) {
			t.Fatalf("asc=%v: %d records through the cursor, %d in Between", asc, len(got), len(want))
		}
		for i := range want {
			j := i
			if asc {
				j = len(want) - 1 - i
			}
			if got[i] != want[j].ID {
				t.Fatalf("asc=%v: record %d differs", asc, i)
			}
		}
	}
}

// TestVolumesAndRhythm checks the shape of a month: weekday volume, failure and interrupt
// shares, weekends far quieter than weekdays and nights far quieter than working hours.
func TestVolumesAndRhythm(t *testing.T) {
	d := newTestDataset(t, Options{})
	type day struct{ total, fail, intr int }
	days := map[string]*day{}
	hours := map[string]int{}
	start := time.Now()
	for _, r := range d.Between(testNow.Add(-30*24*time.Hour), testNow) {
		if !r.Interactive() {
			continue
		}
		l := localTime(r.Time)
		key := l.Format("2006-01-02")
		if days[key] == nil {
			days[key] = &day{}
		}
		days[key].total++
		if r.Failure() {
			days[key].fail++
		}
		if r.Interrupt() {
			days[key].intr++
		}
		weekend := l.Weekday() == time.Saturday || l.Weekday() == time.Sunday
		switch {
		case !weekend && l.Hour() >= 9 && l.Hour() < 16:
			hours["weekday-day"]++
		case weekend && l.Hour() < 5:
			hours["weekend-night"]++
		}
	}
	if el := time.Since(start); el > 5*time.Second && !raceEnabled {
		t.Errorf("a 30-day scan took %s", el)
	}
	weekdays := 0
	for key, v := range days {
		wd, _ := time.Parse("2006-01-02", key)
		if key == localTime(testNow).Format("2006-01-02") || key == localTime(testNow.Add(-30*24*time.Hour)).Format("2006-01-02") {
			continue // partial days at the window's edges
		}
		if wd.Weekday() == time.Saturday || wd.Weekday() == time.Sunday {
			if v.total > 3000 {
				t.Errorf("%s (weekend) has %d sign-ins", key, v.total)
			}
			continue
		}
		weekdays++
		fail, intr := float64(v.fail)/float64(v.total), float64(v.intr)/float64(v.total)
		if v.total < 5000 || v.total > 8500 || fail < 0.08 || fail > 0.15 || intr < 0.06 || intr > 0.10 {
			t.Errorf("%s: %d sign-ins, %.1f%% failures, %.1f%% interrupts", key, v.total, 100*fail, 100*intr)
		}
	}
	if weekdays < 18 {
		t.Errorf("only %d full weekdays in 30 days", weekdays)
	}
	// 35 weekday-day hours per week vs 10 weekend-night hours: compare per-hour rates.
	if day, night := float64(hours["weekday-day"])/35, float64(hours["weekend-night"])/10; day < 20*night {
		t.Errorf("weekday daytime %.0f/h vs weekend night %.0f/h: no rhythm", day, night)
	}
}

func TestScaleMultipliesBackground(t *testing.T) {
	count := func(scale float64) int {
		n := 0
		for _, r := range newTestDataset(t, Options{Scale: scale}).Between(testNow.Add(-6*time.Hour), testNow.Add(-4*time.Hour)) {
			if r.Interactive() && r.Incident == "" {
				n++
			}
		}
		return n
	}
	one, ten := count(1), count(10)
	if ratio := float64(ten) / float64(one); ratio < 7 || ratio > 11 {
		t.Fatalf("Scale 10 gives %d sign-ins vs %d at Scale 1 (x%.1f)", ten, one, ratio)
	}
}
