package frames

import (
	"strconv"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
)

// Rules builds the table of loaded rules and catalogue entries.
func Rules(refID string, rules []engine.RuleInfo) *data.Frame {
	n := len(rules)
	id, kind, pkg, title, desc, codes := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	severity, category, actor, source, file := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, r := range rules {
		id[i], kind[i], pkg[i], title[i], desc[i] = r.ID, r.Kind, r.Package, r.Title, r.Description
		severity[i], category[i], actor[i] = r.Severity, r.Category, r.Actor
		parts := make([]string, len(r.Codes))
		for j, c := range r.Codes {
			parts[j] = strconv.Itoa(c)
		}
		codes[i] = strings.Join(parts, ", ")
		source[i] = "built-in"
		if r.User {
			source[i] = "user"
		}
		if r.File != "" {
			file[i] = r.File + ":" + strconv.Itoa(r.Row)
		}
	}
	frame := data.NewFrame("rules",
		data.NewField("ruleId", nil, id), data.NewField("kind", nil, kind), data.NewField("package", nil, pkg),
		data.NewField("title", nil, title), data.NewField("description", nil, desc), data.NewField("codes", nil, codes),
		data.NewField("severity", nil, severity), data.NewField("category", nil, category), data.NewField("actor", nil, actor),
		data.NewField("source", nil, source), data.NewField("location", nil, file),
	)
	frame.RefID = refID
	frame.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return frame
}
