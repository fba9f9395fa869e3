package patterns

import (
	"reflect"
	"testing"
	"time"
)

func TestSeries(t *testing.T) {
	at := func(h, m int) time.Time { return t0.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	fs := []Finding{
		{PatternID: "password-spray", FirstSeen: at(1, 10), LastSeen: at(2, 30)},
		{PatternID: "password-spray", FirstSeen: at(2, 0), LastSeen: at(2, 5)},
		{PatternID: "mfa-fatigue", FirstSeen: at(0, 0).Add(-time.Hour), LastSeen: at(0, 30)},
		{PatternID: "user-pattern", FirstSeen: at(9, 0), LastSeen: at(9, 0)},
	}
	times, values := Series(fs, []string{"password-spray", "mfa-fatigue", "lockout-storm"}, at(0, 0), at(3, 0), time.Hour)
	if len(times) != 4 || !times[3].Equal(at(3, 0)) {
		t.Fatalf("times %v", times)
	}
	want := map[string][]float64{
		"password-spray": {0, 1, 2, 0},
		"mfa-fatigue":    {1, 0, 0, 0},
		"lockout-storm":  {0, 0, 0, 0},
		"user-pattern":   {0, 0, 0, 0},
	}
	if !reflect.DeepEqual(values, want) {
		t.Errorf("values %v, want %v", values, want)
	}
	if ids := detector(t, nil).IDs(); len(ids) != 8 || ids[0] != "brute-force" {
		t.Errorf("IDs %v", ids)
	}
}
