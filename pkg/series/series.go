// Package series turns annotated sign-ins into time series: counts per interval grouped by a
// dimension (cause, error code, app, ...), with a top-N and an "other" series, and distinct
// users per interval. The frames are in the shape Grafana's alerting reads: one frame per
// series, a time field and a number field whose labels name the group.
package series

import (
	"sort"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Point is one sign-in reduced to what a series needs.
type Point struct {
	Time  time.Time
	Group string
	User  string
}

// Options shape the series.
type Options struct {
	From, To time.Time
	Interval time.Duration
	// TopN keeps the N largest groups and sums the rest into "other"; 0 keeps every group.
	TopN int
	// Label is the label name that carries the group (e.g. "cause").
	Label string
	// Metric names the value field, e.g. "sign-ins" or "users".
	Metric string
	// DistinctUsers counts distinct users per interval instead of sign-ins.
	DistinctUsers bool
}

// OtherGroup is the series that sums the groups beyond the top N.
const OtherGroup = "other"

// Frames builds one frame per group, every interval of the range present (zero when empty) so
// that graphs do not interpolate over quiet hours and alert conditions see real zeros.
func Frames(points []Point, o Options) data.Frames {
	buckets := bucketTimes(o.From, o.To, o.Interval)
	if len(buckets) == 0 {
		return nil
	}
	groups := rank(points, o.TopN)
	counts := map[string][]float64{}
	users := map[string][]map[string]struct{}{}
	for _, p := range points {
		i := bucketIndex(p.Time, o.From, o.Interval)
		if i < 0 || i >= len(buckets) {
			continue
		}
		g := groups[p.Group]
		if counts[g] == nil {
			counts[g] = make([]float64, len(buckets))
			users[g] = make([]map[string]struct{}, len(buckets))
		}
		if !o.DistinctUsers {
			counts[g][i]++
			continue
		}
		if users[g][i] == nil {
			users[g][i] = map[string]struct{}{}
		}
		users[g][i][p.User] = struct{}{}
		counts[g][i] = float64(len(users[g][i]))
	}
	names := make([]string, 0, len(counts))
	for g := range counts {
		names = append(names, g)
	}
	sort.Strings(names)
	out := make(data.Frames, 0, len(names))
	for _, g := range names {
		value := data.NewField(o.Metric, data.Labels{o.Label: g}, counts[g])
		value.Config = &data.FieldConfig{DisplayNameFromDS: g}
		frame := data.NewFrame(g, data.NewField("time", nil, buckets), value)
		frame.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
		out = append(out, frame)
	}
	return out
}

// rank maps each group to itself if it is among the top N (by count), else to OtherGroup.
func rank(points []Point, topN int) map[string]string {
	total := map[string]int{}
	for _, p := range points {
		total[p.Group]++
	}
	names := make([]string, 0, len(total))
	for g := range total {
		names = append(names, g)
	}
	sort.Slice(names, func(i, j int) bool {
		if total[names[i]] != total[names[j]] {
			return total[names[i]] > total[names[j]]
		}
		return names[i] < names[j]
	})
	out := make(map[string]string, len(names))
	for i, g := range names {
		out[g] = g
		if topN > 0 && i >= topN {
			out[g] = OtherGroup
		}
	}
	return out
}

func bucketTimes(from, to time.Time, interval time.Duration) []time.Time {
	if interval <= 0 || !to.After(from) {
		return nil
	}
	start := from.Truncate(interval)
	var out []time.Time
	for t := start; !t.After(to); t = t.Add(interval) {
		out = append(out, t.UTC())
	}
	return out
}

func bucketIndex(t, from time.Time, interval time.Duration) int {
	return int(t.Sub(from.Truncate(interval)) / interval)
}
