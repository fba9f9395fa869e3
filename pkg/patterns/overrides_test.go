package patterns

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Raising minUsers hides the demo tenant's sprays; turning a pattern off removes it.
func TestOverridesChangeTheDemoResult(t *testing.T) {
	demo := loadDemo(t, defaultDemo)
	count := func(overrides Thresholds, pattern string) int {
		fs, err := detector(t, overrides).Detect(context.Background(), demo.signIns, demo.statuses)
		if err != nil {
			t.Fatal(err)
		}
		return len(of(fs, pattern))
	}
	if n := count(nil, "password-spray"); n < 2 {
		t.Fatalf("%d sprays with the defaults", n)
	}
	if n := count(Thresholds{"password-spray": {"minUsers": 400}}, "password-spray"); n != 0 {
		t.Errorf("minUsers 400 still finds %d sprays", n)
	}
	if n := count(Thresholds{"mfa-fatigue": {"enabled": false}}, "mfa-fatigue"); n != 0 {
		t.Errorf("a disabled pattern found %d", n)
	}
}

func TestOverridesChangeSyntheticResults(t *testing.T) {
	sixDenials := fatigue(6, 30*time.Second)
	if n := len(of(sixDenials.detect(t, detector(t, Thresholds{"mfa-fatigue": {"minDenials": 6}})), "mfa-fatigue")); n != 1 {
		t.Errorf("minDenials 6: %d findings for 6 denials", n)
	}
	noApproval := fatigue(7, 0)
	got := of(noApproval.detect(t, detector(t, Thresholds{"mfa-fatigue": {"requireSuccess": false}})), "mfa-fatigue")
	if len(got) != 1 || got[0].Severity != "medium" {
		t.Errorf("requireSuccess false: %+v", got)
	}
	// Five accounts over 15 minutes: one 20-minute bucket holds them, no 10-minute bucket does.
	slow := new(log).spread(5, time.Hour, 15*time.Minute, func(i int) attempt {
		return attempt{user: user(i), ip: "192.0.2.9", code: 50126}
	})
	if n := len(of(slow.detect(t, detector(t, nil)), "password-spray")); n != 1 {
		t.Errorf("20m window: %d sprays", n)
	}
	if n := len(of(slow.detect(t, detector(t, Thresholds{"password-spray": {"window": "10m"}})), "password-spray")); n != 0 {
		t.Errorf("10m window: %d sprays", n)
	}
	// Codes are thresholds too: without 50126 the spray is not one.
	if n := len(of(slow.detect(t, detector(t, Thresholds{"password-spray": {"codes": []any{50053}}})), "password-spray")); n != 0 {
		t.Errorf("codes [50053]: %d sprays of 50126", n)
	}
}

func TestInvalidOverridesNameTheKey(t *testing.T) {
	cases := []struct {
		overrides string
		path      string
		message   string
	}{
		{`{"pasword-spray": {"minUsers": 3}}`, "pasword-spray", "unknown pattern; the patterns are brute-force, ca-block-wave"},
		{`{"password-spray": {"minUser": 3}}`, "password-spray.minUser", "unknown threshold; password-spray has asnHostingOnly, codes, enabled"},
		{`{"password-spray": {"minUsers": "five"}}`, "password-spray.minUsers", `must be a number like the default 5, got "five"`},
		{`{"password-spray": {"minUsers": 5.5}}`, "password-spray.minUsers", "must be a whole number of 0 or more like the default 5, got 5.5"},
		{`{"password-spray": {"minUsers": -1}}`, "password-spray.minUsers", "whole number of 0 or more"},
		{`{"password-spray": {"window": "20 minutes"}}`, "password-spray.window", `must be a duration like the default "20m"`},
		{`{"password-spray": {"window": "10s"}}`, "password-spray.window", "between 1m0s and 168h0m0s"},
		{`{"password-spray": {"window": 20}}`, "password-spray.window", `must be a text like the default "20m", got 20`},
		{`{"password-spray": {"codes": [50126, "50053"]}}`, "password-spray.codes", `item 2 must be a number like the default 50126, got "50053"`},
		{`{"password-spray": {"codes": 50126}}`, "password-spray.codes", "must be a list like the default [50126,50053,50055,50056], got 50126"},
		{`{"password-spray": {"enabled": "yes"}}`, "password-spray.enabled", `must be true or false (the default is true), got "yes"`},
		{`{"mfa-fatigue": {"successWithin": "1y"}}`, "mfa-fatigue.successWithin", "must be a duration"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			var overrides Thresholds
			if err := json.Unmarshal([]byte(c.overrides), &overrides); err != nil {
				t.Fatal(err)
			}
			_, err := NewDetector(context.Background(), nil, overrides)
			var te *ThresholdError
			if !errors.As(err, &te) {
				t.Fatalf("got %v, want a *ThresholdError", err)
			}
			if te.Path() != c.path || !strings.Contains(te.Error(), c.message) {
				t.Errorf("got %q at %s, want %q at %s", te.Error(), te.Path(), c.message, c.path)
			}
		})
	}
}

// Defaults gives the thresholds in force, as plain Go values, with the overrides applied.
func TestDefaultsAreTheThresholdsInForce(t *testing.T) {
	var overrides Thresholds
	if err := json.Unmarshal([]byte(`{"password-spray": {"minUsers": 10, "window": "30m"}}`), &overrides); err != nil {
		t.Fatal(err)
	}
	d := detector(t, overrides)
	got := d.Defaults()
	spray := got["password-spray"]
	if spray["minUsers"] != int64(10) || spray["window"] != "30m" || spray["moreFailedThanSucceeded"] != true {
		t.Errorf("password-spray in force: %#v", spray)
	}
	if !reflect.DeepEqual(spray["codes"], []any{int64(50126), int64(50053), int64(50055), int64(50056)}) {
		t.Errorf("codes %#v", spray["codes"])
	}
	if got["mfa-fatigue"]["minDenials"] != int64(7) {
		t.Errorf("mfa-fatigue untouched: %#v", got["mfa-fatigue"])
	}
	got["password-spray"]["minUsers"] = int64(99)
	if d.Defaults()["password-spray"]["minUsers"] != int64(10) {
		t.Error("Defaults returned the detector's own map")
	}
	if len(got) != 8 {
		t.Errorf("%d patterns, want 8", len(got))
	}
}

// Every built-in pattern documents itself, and says where each default comes from.
func TestPatternsDocumentTheirThresholds(t *testing.T) {
	d := detector(t, nil)
	infos := d.Patterns()
	if len(infos) != 8 {
		t.Fatalf("%d patterns", len(infos))
	}
	for _, p := range infos {
		if p.Title == "" || p.Description == "" || p.Severity == "" || !strings.HasPrefix(p.File, "rules/patterns_") {
			t.Errorf("%s: incomplete METADATA %+v", p.ID, p)
		}
		for key := range p.Thresholds {
			if p.Sources[key] == "" {
				t.Errorf("%s: no source for threshold %s", p.ID, key)
			}
		}
		for key := range p.Sources {
			if _, ok := p.Thresholds[key]; !ok {
				t.Errorf("%s: a source for %s, which is not a threshold", p.ID, key)
			}
		}
	}
}
