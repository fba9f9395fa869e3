package plugin

import (
	"context"
	"sort"
	"strconv"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// option is one value a template variable or picker offers.
type option struct {
	Text  string `json:"text"`
	Value string `json:"value"`
}

// fromData lists the values a dimension takes in the sign-ins of the range.
var fromData = map[string]string{
	query.VariableApps: "app", query.VariableUsers: "user", query.VariableCountries: "country",
	query.VariableClientApps: "clientApp", query.VariableCauses: "cause",
}

// queryVariable answers a template variable query with text/value pairs: error codes and
// categories from the rule catalogue, the other kinds from the sign-ins in range.
func (ds *Datasource) queryVariable(ctx context.Context, q backend.DataQuery, m query.Model) backend.DataResponse {
	var opts []option
	switch m.Variable {
	case query.VariableErrorCodes:
		opts = catalogueCodes(ds.engine().Rules())
	case query.VariableCategories:
		opts = catalogueCategories(ds.engine().Rules())
	default:
		a, errResp := ds.fetchAnnotated(ctx, q, m)
		if errResp != nil {
			return *errResp
		}
		defer ds.framesSpan(ctx)()
		group := groupers[fromData[m.Variable]]
		seen := map[string]bool{}
		for i := range a.rows {
			if v := group(&a.rows[i], &a.decisions[i]); !seen[v] {
				seen[v] = true
				opts = append(opts, option{Text: v, Value: v})
			}
		}
		sort.Slice(opts, func(i, j int) bool { return opts[i].Text < opts[j].Text })
	}
	text, value := make([]string, len(opts)), make([]string, len(opts))
	for i, o := range opts {
		text[i], value[i] = o.Text, o.Value
	}
	frame := data.NewFrame("values", data.NewField("text", nil, text), data.NewField("value", nil, value))
	frame.RefID = q.RefID
	return backend.DataResponse{Frames: data.Frames{frame}}
}

// catalogueCodes lists every code the rules know, "50126 — title", numerically.
func catalogueCodes(rules []engine.RuleInfo) []option {
	var out []option
	seen := map[int]bool{}
	for _, r := range rules {
		if r.Kind != "catalogue" {
			continue
		}
		for _, c := range r.Codes {
			if !seen[c] {
				seen[c] = true
				out = append(out, option{Text: strconv.Itoa(c) + " — " + r.Title, Value: strconv.Itoa(c)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, _ := strconv.Atoi(out[i].Value)
		b, _ := strconv.Atoi(out[j].Value)
		return a < b
	})
	return out
}

func catalogueCategories(rules []engine.RuleInfo) []option {
	seen := map[string]bool{}
	var out []option
	for _, r := range rules {
		if r.Category != "" && !seen[r.Category] {
			seen[r.Category] = true
			out = append(out, option{Text: r.Category, Value: r.Category})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
}
