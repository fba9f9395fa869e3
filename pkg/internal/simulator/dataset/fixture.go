package dataset

import "time"

// FixtureTime ends the data window of the tests' and benchmarks' fixtures, so that what they
// measure does not depend on the day they run.
var FixtureTime = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// NewestInteractive is the JSON of the newest n interactive sign-ins of a 30-day demo tenant
// ending at FixtureTime, newest first, as Graph v1.0 returns them with Conditional Access
// details: the sign-ins the rule, cache and benchmark tests work on.
func NewestInteractive(n int) ([][]byte, error) {
	d := New(Options{Now: FixtureTime, Days: 30})
	from, to := d.Window()
	var out [][]byte
	var err error
	d.Scan(from, to, false, nil, func(r *Record) bool {
		if !r.Interactive() {
			return true
		}
		var raw []byte
		if raw, err = r.MarshalVersion("v1.0", true); err != nil {
			return false
		}
		out = append(out, raw)
		return len(out) < n
	})
	return out, err
}
