package series

import "time"

// niceIntervals are the steps a panel's interval is rounded up to, so buckets line up with
// clock boundaries (and so with other panels of the same dashboard).
var niceIntervals = []time.Duration{
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour, 7 * 24 * time.Hour,
}

// Interval picks the bucket size: at least the panel's interval, at most maxDataPoints buckets
// over the range, rounded up to a clock-friendly step (sign-in logs have no sub-minute value:
// Graph's latency is minutes).
func Interval(from, to time.Time, panel time.Duration, maxDataPoints int64) time.Duration {
	want := panel
	if maxDataPoints > 0 {
		if byPoints := to.Sub(from) / time.Duration(maxDataPoints); byPoints > want {
			want = byPoints
		}
	}
	for _, step := range niceIntervals {
		if step >= want {
			return step
		}
	}
	return niceIntervals[len(niceIntervals)-1]
}
