package query

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

// FuzzParseModel feeds any JSON to the query model parser: it never panics, and a model it
// accepts always yields a Graph filter that parses.
func FuzzParseModel(f *testing.F) {
	for _, seed := range [][2]string{
		{`{}`, ""},
		{`{"status":"all","user":"x' or 1 eq 1","maxRows":100000}`, "signins"},
		{`{"queryType":"timeseries","groupBy":"cause","topN":-1}`, ""},
		{`{"filter":"a eq 'b') or (c eq 'd'","errorCodes":[50126,9999999]}`, ""},
		{`{"signInEventTypes":["servicePrincipal"],"conditionalAccessStatus":"any"}`, "breakdown"},
		{`{"maxRows":1e400}`, ""},
		{`{"ruleIds":null,"patternIds":[null]}`, "patterns"},
		{`[1,2]`, "variable"},
	} {
		f.Add([]byte(seed[0]), seed[1])
	}
	f.Fuzz(func(t *testing.T, raw []byte, queryType string) {
		m, err := Parse(raw, queryType)
		if err != nil {
			return
		}
		for _, v := range []string{"v1.0", "beta"} {
			if filter := m.GraphFilterFor(v); filter != "" {
				if _, err := odata.Parse(filter); err != nil {
					t.Fatalf("model %s gives filter %q that does not parse: %v", raw, filter, err)
				}
			}
		}
	})
}

// FuzzGraphFilterFields is the injection property of the filter builder: whatever a user types
// in the user, app, IP address and client app fields, the filter sent to Graph holds exactly
// the clauses the plugin built, each field's text as one literal of the same value; an advanced
// filter stays its own subtree.
func FuzzGraphFilterFields(f *testing.F) {
	f.Add("adele@contoso.com", "Graph Explorer", "131.107.*", "IMAP4", "", int64(50126), false)
	f.Add("x' or userPrincipalName ne 'y", "') or (1 eq 1", "*", "'", "a eq 'b') or (c eq 'd'", int64(0), true)
	f.Add("O'Brien*", "DE8BC8B5-D9F9-48B1-A8AD-B748DA725064", "10.0.0.XXX", "Exchange ActiveSync", "not (x eq 1)", int64(9999999), true)
	f.Add("  ü*ñí\u202ecode  ", "\x00", "''''", "\\", "startswith(appDisplayName,'O''')", int64(99999999), false)
	f.Fuzz(func(t *testing.T, user, app, ip, clientApp, filter string, code int64, beta bool) {
		body, _ := json.Marshal(map[string]any{"status": "all", "user": user, "app": app, "ipAddress": ip,
			"clientApp": clientApp, "filter": filter, "errorCodes": []int64{code},
			"signInEventTypes": []string{"servicePrincipal"}, "conditionalAccessStatus": "failure"})
		m, err := Parse(body, "")
		if err != nil {
			return // a bad code or advanced filter; the other fields are never rejected
		}
		version := "v1.0"
		if beta {
			version = "beta"
		}
		got := m.GraphFilterFor(version)
		tree, err := odata.Parse(got)
		if err != nil {
			t.Fatalf("filter %q does not parse: %v", got, err)
		}
		want := expectedClauses(t, m, beta)
		if gotClauses := conjuncts(tree); !reflect.DeepEqual(gotClauses, want) {
			t.Fatalf("filter %q has clauses\n%s\nwant\n%s", got, show(gotClauses), show(want))
		}
	})
}

// expectedClauses builds, by hand, the clauses the model must produce, flattened at "and".
func expectedClauses(t *testing.T, m Model, beta bool) []odata.Expr {
	t.Helper()
	prop := func(p ...string) *odata.Property { return &odata.Property{Path: p} }
	str := func(s string) *odata.Literal { return &odata.Literal{Value: s} }
	text := func(property, v string) odata.Expr {
		if prefix, ok := strings.CutSuffix(v, "*"); ok && prefix != "" {
			return &odata.Call{Name: "startswith", Args: []odata.Expr{prop(property), str(prefix)}}
		}
		return &odata.Binary{Op: "eq", Left: prop(property), Right: str(v)}
	}
	var out []odata.Expr
	if m.User != "" {
		out = append(out, text("userPrincipalName", strings.ToLower(m.User)))
	}
	if m.App != "" {
		if guid.MatchString(m.App) {
			out = append(out, &odata.Binary{Op: "eq", Left: prop("appId"), Right: str(strings.ToLower(m.App))})
		} else {
			out = append(out, text("appDisplayName", m.App))
		}
	}
	for _, c := range m.ErrorCodes {
		out = append(out, &odata.Binary{Op: "eq", Left: prop("status", "errorCode"), Right: &odata.Literal{Value: c}})
	}
	if m.IPAddress != "" {
		out = append(out, text("ipAddress", m.IPAddress))
	}
	if m.ClientApp != "" {
		out = append(out, &odata.Binary{Op: "eq", Left: prop("clientAppUsed"), Right: str(m.ClientApp)})
	}
	out = append(out, &odata.Binary{Op: "eq", Left: prop("conditionalAccessStatus"), Right: str("failure")})
	if m.Filter != "" {
		adv, err := odata.Parse(m.Filter)
		if err != nil {
			t.Fatalf("Parse accepted filter %q that does not parse: %v", m.Filter, err)
		}
		out = append(out, conjuncts(adv)...)
	}
	if beta {
		out = append(out, &odata.Lambda{Collection: prop("signInEventTypes"), Kind: "any", Var: "t",
			Body: &odata.Binary{Op: "eq", Left: prop("t"), Right: str("servicePrincipal")}})
	}
	return out
}

// conjuncts flattens a tree of "and" into its operands, left to right.
func conjuncts(e odata.Expr) []odata.Expr {
	if b, ok := e.(*odata.Binary); ok && strings.EqualFold(b.Op, "and") {
		return append(conjuncts(b.Left), conjuncts(b.Right)...)
	}
	return []odata.Expr{e}
}

func show(es []odata.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.String()
	}
	return strings.Join(parts, "\n")
}
