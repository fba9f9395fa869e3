package patterns

import "time"

// Series counts, per pattern, the findings active in each step from `from` to `to`: a finding
// is active in every step that its FirstSeen..LastSeen touches. It serves the plugin's time
// series for alert rules: one series per pattern ID, every pattern listed in ids present even
// without findings, so that an alert rule sees 0 rather than no data. times are the steps'
// starts.
func Series(findings []Finding, ids []string, from, to time.Time, step time.Duration) (times []time.Time, values map[string][]float64) {
	if step <= 0 || to.Before(from) {
		return nil, map[string][]float64{}
	}
	n := int(to.Sub(from)/step) + 1
	times = make([]time.Time, n)
	for i := range times {
		times[i] = from.Add(time.Duration(i) * step)
	}
	values = make(map[string][]float64, len(ids))
	for _, id := range ids {
		values[id] = make([]float64, n)
	}
	for _, f := range findings {
		if values[f.PatternID] == nil {
			values[f.PatternID] = make([]float64, n)
		}
		first, last := stepOf(f.FirstSeen, from, step), stepOf(f.LastSeen, from, step)
		for i := max(first, 0); i <= min(last, n-1); i++ {
			values[f.PatternID][i]++
		}
	}
	return times, values
}

func stepOf(t, from time.Time, step time.Duration) int {
	d := t.Sub(from)
	if d < 0 {
		return int(d/step) - 1
	}
	return int(d / step)
}

// IDs lists the pattern IDs of the loaded patterns, for Series.
func (d *Detector) IDs() []string {
	out := make([]string, 0, len(d.patterns))
	for _, p := range d.patterns {
		out = append(out, p.ID)
	}
	return out
}
