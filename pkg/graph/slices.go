package graph

import "time"

// MaxSlice is the longest time slice one request chain covers. Microsoft's advice for bulk
// reads of sign-in logs is to iterate over createdDateTime windows, starting with 3 days.
const MaxSlice = 3 * 24 * time.Hour

// span is one time slice, both ends included (Graph filters createdDateTime with ge and le).
type span struct{ from, to time.Time }

// timeSlices splits [from, to] into slices of at most length, newest first, because Graph
// returns newest first and a fetch limit should keep the newest rows.
func timeSlices(from, to time.Time, length time.Duration) []span {
	if length <= 0 {
		length = MaxSlice
	}
	if !to.After(from) {
		return []span{{from, to}}
	}
	var out []span
	for end := to; end.After(from); end = end.Add(-length) {
		start := end.Add(-length)
		if start.Before(from) {
			start = from
		}
		out = append(out, span{start, end})
	}
	return out
}
