package graph

import "time"

// A listing starts as one chain of requests over its whole range, and is cut into time
// slices only by evidence: when a chain's pages show that many more are to come (split, in
// list.go). Cutting the range up front by the calendar cost a request per slice whatever the
// filter held: an explain by correlation ID over 30 days sent ten requests in 3-day slices,
// each returning nothing but the one flow. A selective filter (an ID, a user, an IP address)
// is now one request when Graph returns one page, and a bulk read is cut as soon as its first
// page shows its density, which is also Microsoft's advice for bulk reads (iterate over
// createdDateTime windows) applied with the window that the data call for.

// span is one time slice, both ends included (Graph filters createdDateTime with ge and le).
type span struct{ from, to time.Time }

// timeSlices splits [from, to] into slices of at most length, newest first, because Graph
// returns newest first and a fetch limit should keep the newest rows. A length of 0 (the
// default of Query.SliceLength) is the whole range: one slice.
func timeSlices(from, to time.Time, length time.Duration) []span {
	if length <= 0 || !to.After(from) {
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
