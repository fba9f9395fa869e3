package frames

import (
	"encoding/json"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/patterns"
)

// Patterns builds the table of pattern findings. The fields time, timeEnd, title, text and
// tags also make it an annotation query: Grafana marks each finding on time series panels.
func Patterns(refID string, findings []patterns.Finding) *data.Frame {
	n := len(findings)
	first, last := make([]time.Time, n), make([]time.Time, n)
	id, title, text, severity, steps, key, window := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	ips, users, apps, evidence := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	count, ipCount, userCount, appCount := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	tags := make([]json.RawMessage, n)
	for i, f := range findings {
		first[i], last[i] = f.FirstSeen, f.LastSeen
		id[i], title[i], text[i], severity[i] = f.PatternID, f.Title, f.Cause, f.Severity
		steps[i], key[i], window[i] = strings.Join(f.NextSteps, "\n"), keyText(f.Key), f.Window
		ips[i], users[i], apps[i] = strings.Join(f.IPs, ", "), strings.Join(f.Users, ", "), strings.Join(f.Apps, ", ")
		evidence[i] = strings.Join(f.Evidence, ", ")
		count[i], ipCount[i], userCount[i], appCount[i] = int64(f.Count), int64(f.IPCount), int64(f.UserCount), int64(f.AppCount)
		tags[i], _ = json.Marshal([]string{"pattern", f.PatternID, f.Severity})
	}
	frame := data.NewFrame("patterns",
		data.NewField("time", nil, first), data.NewField("timeEnd", nil, last),
		data.NewField("patternId", nil, id), data.NewField("severity", nil, severity), data.NewField("title", nil, title),
		data.NewField("text", nil, text), data.NewField("nextSteps", nil, steps), data.NewField("key", nil, key),
		data.NewField("count", nil, count), data.NewField("ipCount", nil, ipCount), data.NewField("ips", nil, ips),
		data.NewField("userCount", nil, userCount), data.NewField("users", nil, users),
		data.NewField("appCount", nil, appCount), data.NewField("apps", nil, apps),
		data.NewField("window", nil, window), data.NewField("evidence", nil, evidence), data.NewField("tags", nil, tags),
	)
	frame.RefID = refID
	frame.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return frame
}

// keyText is what a finding groups by, "ip=192.0.2.77" or "user=a@b.c, ip=…".
func keyText(k map[string]string) string {
	parts := make([]string, 0, len(k))
	for name, v := range k {
		parts = append(parts, name+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}
