package series

import (
	"sort"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Item is one sign-in reduced to what a breakdown needs.
type Item struct {
	Time   time.Time
	Group  string
	User   string
	Status string // success, interrupted or failure
	// Cause and NextSteps explain the group when it is an error code (the winning rule's).
	Cause, NextSteps string
}

type tally struct {
	total, failures, interrupts, successes int64
	users                                  map[string]struct{}
	first, last                            time.Time
	cause, steps                           string
}

// Breakdown is a table of counts per group, largest first, limited to topN rows (0: all).
func Breakdown(items []Item, label string, topN int) *data.Frame {
	byGroup := map[string]*tally{}
	for _, it := range items {
		t := byGroup[it.Group]
		if t == nil {
			t = &tally{users: map[string]struct{}{}, first: it.Time, last: it.Time, cause: it.Cause, steps: it.NextSteps}
			byGroup[it.Group] = t
		}
		t.total++
		switch it.Status {
		case "failure":
			t.failures++
		case "interrupted":
			t.interrupts++
		default:
			t.successes++
		}
		if it.User != "" {
			t.users[it.User] = struct{}{}
		}
		if it.Time.Before(t.first) {
			t.first = it.Time
		}
		if it.Time.After(t.last) {
			t.last = it.Time
		}
	}
	names := make([]string, 0, len(byGroup))
	for g := range byGroup {
		names = append(names, g)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := byGroup[names[i]], byGroup[names[j]]
		if a.total != b.total {
			return a.total > b.total
		}
		return names[i] < names[j]
	})
	if topN > 0 && len(names) > topN {
		names = names[:topN]
	}
	n := len(names)
	group, cause, steps := make([]string, n), make([]string, n), make([]string, n)
	total, failures, interrupts, successes, users := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	first, last := make([]time.Time, n), make([]time.Time, n)
	for i, g := range names {
		t := byGroup[g]
		group[i], cause[i], steps[i] = g, t.cause, t.steps
		total[i], failures[i], interrupts[i], successes[i], users[i] = t.total, t.failures, t.interrupts, t.successes, int64(len(t.users))
		first[i], last[i] = t.first, t.last
	}
	return data.NewFrame("breakdown",
		data.NewField(label, nil, group), data.NewField("total", nil, total), data.NewField("failures", nil, failures),
		data.NewField("interrupts", nil, interrupts), data.NewField("successes", nil, successes), data.NewField("users", nil, users),
		data.NewField("firstSeen", nil, first), data.NewField("lastSeen", nil, last),
		data.NewField("cause", nil, cause), data.NewField("nextSteps", nil, steps),
	)
}
