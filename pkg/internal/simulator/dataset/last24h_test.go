package dataset

import (
	"testing"
	"time"
)

// TestLast24Hours checks the promise the demo relies on, for several seeds and for
// windows ending on a weekday and on a weekend: more than 1,200 failures in the last 24
// hours (so a 24-hour failure query needs two pages of 1000), interrupt rows with 50058
// and 50140, and the unmapped code.
func TestLast24Hours(t *testing.T) {
	cases := []struct {
		name string
		now  time.Time
		seed int64
	}{
		{"monday morning", testNow, 1},
		{"sunday night, whole weekend day", time.Date(2025, 3, 10, 5, 0, 0, 0, time.UTC), 1},
		{"saturday noon", time.Date(2025, 3, 8, 18, 0, 0, 0, time.UTC), 2},
		{"wednesday evening", time.Date(2025, 3, 13, 1, 0, 0, 0, time.UTC), 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := New(Options{Seed: tc.seed, Now: tc.now, TenantID: "demo"})
			codes := map[int]int{}
			failures := 0
			for _, r := range d.Between(tc.now.Add(-24*time.Hour), tc.now) {
				if !r.Interactive() {
					continue
				}
				codes[r.Code]++
				if r.Failure() {
					failures++
				}
			}
			if failures <= 1200 {
				t.Errorf("%d failures in the last 24 hours, want more than 1200", failures)
			}
			for _, c := range []int{50058, 50140, UnmappedCode, 50126, 500121, 53003, 50053, 50057} {
				if codes[c] == 0 {
					t.Errorf("no %d rows in the last 24 hours", c)
				}
			}
		})
	}
}

// TestCodesAreConsistent checks that every row's texts and policies fit its code.
func TestCodesAreConsistent(t *testing.T) {
	d := newTestDataset(t, Options{})
	for _, r := range d.Between(testNow.Add(-48*time.Hour), testNow) {
		if r.Code != 0 && r.Reason == "" && r.Form == StatusFull {
			t.Fatalf("code %d without failureReason", r.Code)
		}
		if _, ok := statusTexts[r.Code]; r.Code != 0 && !ok {
			t.Fatalf("code %d has no text", r.Code)
		}
		blocked := false
		for _, p := range r.CA.Results {
			if p.Result == "failure" {
				blocked = true
			}
		}
		switch r.Code {
		case 53003, 53000, 53001:
			if !blocked || r.CA.Status != "failure" {
				t.Fatalf("%d row without a failed policy: %+v", r.Code, r.CA)
			}
		case 50126, 50053, 50057:
			if r.CA.Status != "notApplied" {
				t.Fatalf("%d row with conditionalAccessStatus %s", r.Code, r.CA.Status)
			}
		case 500121:
			if len(r.Details) < 10 || r.Details[:10] != "MFA denied" {
				t.Fatalf("500121 with additionalDetails %q", r.Details)
			}
		}
		if r.User != nil && r.User.Disabled && r.Code != 50057 {
			t.Fatalf("disabled user %s with code %d", r.User.UPN, r.Code)
		}
	}
}

// TestInterruptFlowsShareCorrelation checks that 50140 ("Stay signed in?") rows are
// followed by a success in the same correlation, as one browser flow.
func TestInterruptFlowsShareCorrelation(t *testing.T) {
	d := newTestDataset(t, Options{})
	recs := d.Between(testNow.Add(-24*time.Hour), testNow)
	byCorr := map[GUID][]int{}
	for i := range recs {
		byCorr[recs[i].CorrelationID] = append(byCorr[recs[i].CorrelationID], recs[i].Code)
	}
	kmsi, completed := 0, 0
	for _, codes := range byCorr {
		has := func(c int) bool {
			for _, x := range codes {
				if x == c {
					return true
				}
			}
			return false
		}
		if has(50140) {
			kmsi++
			if has(0) {
				completed++
			}
		}
	}
	if kmsi == 0 || completed != kmsi {
		t.Fatalf("%d KMSI flows, %d with a success in the same correlation", kmsi, completed)
	}
}
