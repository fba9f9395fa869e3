package query

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

func TestParseDefaults(t *testing.T) {
	m, err := Parse(json.RawMessage(`{}`), "")
	if err != nil {
		t.Fatal(err)
	}
	if m.QueryType != TypeSignIns || m.Status != StatusFailure || m.MaxRows != DefaultMaxRows {
		t.Errorf("defaults = %+v", m)
	}
	m, err = Parse(json.RawMessage(`{"queryType":"signins"}`), "rules")
	if err != nil || m.QueryType != TypeRules {
		t.Errorf("the request's queryType must win: %+v %v", m, err)
	}
}

func TestParseRejects(t *testing.T) {
	for _, raw := range []string{
		`{"queryType":"logs"}`,
		`{"status":"failed"}`,
		`{"maxRows":1000001}`,
		`{"maxRows":-1}`,
		`{"errorCodes":[-5]}`,
		`{"correlationId":"x' or 1 eq 1"}`,
		`{"errorCodes":"50126"}`,
	} {
		if _, err := Parse(json.RawMessage(raw), ""); err == nil {
			t.Errorf("Parse(%s) accepted", raw)
		}
	}
}

// A crafted UPN must stay one string literal: the filter keeps exactly the clauses we built.
func TestGraphFilterInjection(t *testing.T) {
	evil := "x' or userPrincipalName ne 'y"
	f := Model{User: evil, ClientApp: "') or (1 eq 1"}.GraphFilter()
	expr, err := odata.Parse(f)
	if err != nil {
		t.Fatalf("filter %q does not parse: %v", f, err)
	}
	and, ok := expr.(*odata.Binary)
	if !ok || !strings.EqualFold(and.Op, "and") {
		t.Fatalf("top level must be one and, got %s", expr)
	}
	for _, side := range []odata.Expr{and.Left, and.Right} {
		cmp, ok := side.(*odata.Binary)
		if !ok || cmp.Op != "eq" {
			t.Fatalf("each clause must be one eq comparison, got %s", side)
		}
		if _, ok := cmp.Right.(*odata.Literal); !ok {
			t.Fatalf("the user text must be a literal, got %s", cmp.Right)
		}
	}
	if lit := and.Left.(*odata.Binary).Right.(*odata.Literal); lit.Value != strings.ToLower(evil) {
		t.Errorf("literal = %v, want the (lower-cased) UPN unchanged", lit.Value)
	}
}

func TestParseGraphFields(t *testing.T) {
	m, err := Parse(json.RawMessage(`{"requestId":" 66EA54EB-6301-4EE5-BE62-FF5A759B0100 ","signInEventTypes":["interactiveUser","servicePrincipal"],
		"conditionalAccessStatus":"failure","filter":"startswith(appDisplayName,'Graph')"}`), "")
	if err != nil {
		t.Fatal(err)
	}
	want := "startswith(appDisplayName,'Graph')"
	if got := m.GraphFilter(); !strings.Contains(got, "id eq '66ea54eb-6301-4ee5-be62-ff5a759b0100'") ||
		!strings.Contains(got, "conditionalAccessStatus eq 'failure'") || !strings.Contains(got, want) || strings.Contains(got, "signInEventTypes") {
		t.Errorf("GraphFilter() = %q", got)
	}
	if got := m.GraphFilterFor("v1.0"); got != m.GraphFilter() {
		t.Errorf("v1.0 must ignore signInEventTypes: %q", got)
	}
	beta := m.GraphFilterFor("beta")
	if !strings.HasSuffix(beta, " and signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'servicePrincipal')") {
		t.Errorf("beta filter = %q", beta)
	}
	if _, err := odata.Parse(beta); err != nil {
		t.Errorf("beta filter does not parse: %v", err)
	}
	if m, _ := Parse(json.RawMessage(`{"queryType":"explain"}`), ""); m.QueryType != TypeExplain {
		t.Errorf("explain not accepted: %+v", m)
	}
}

func TestParseRejectsGraphFields(t *testing.T) {
	for _, raw := range []string{
		`{"requestId":"abc"}`,
		`{"signInEventTypes":["robot"]}`,
		`{"conditionalAccessStatus":"unknownFutureValue"}`,
		`{"filter":"appId eq"}`,
		`{"filter":"a eq 'b') or (c eq 'd'"}`,
	} {
		if _, err := Parse(json.RawMessage(raw), ""); err == nil {
			t.Errorf("Parse(%s) accepted", raw)
		}
	}
}

// An advanced filter cannot widen the query: it stays one parenthesised operand of and.
func TestAdvancedFilterStaysInItsClause(t *testing.T) {
	m, err := Parse(json.RawMessage(`{"user":"a@b.c","filter":"appId eq 'x' or 1 eq 1"}`), "")
	if err != nil {
		t.Fatal(err)
	}
	expr, err := odata.Parse(m.GraphFilter())
	if err != nil {
		t.Fatal(err)
	}
	and, ok := expr.(*odata.Binary)
	if !ok || !strings.EqualFold(and.Op, "and") {
		t.Fatalf("top level must be and, got %s", expr)
	}
	if or, ok := and.Right.(*odata.Binary); !ok || !strings.EqualFold(or.Op, "or") {
		t.Fatalf("the user's or must stay inside the right operand, got %s", and.Right)
	}
}

func TestAggregationFields(t *testing.T) {
	m, err := Parse(json.RawMessage(`{"queryType":"timeseries","groupBy":"cause","metric":"users"}`), "")
	if err != nil || m.TopN != DefaultTopN || m.Metric != MetricUsers || m.GroupBy != "cause" {
		t.Fatalf("timeseries = %+v, %v", m, err)
	}
	m, err = Parse(json.RawMessage(`{"queryType":"variable","variable":"apps"}`), "")
	if err != nil || m.Status != StatusAll {
		t.Fatalf("variable = %+v, %v", m, err)
	}
	for _, raw := range []string{
		`{"queryType":"timeseries","groupBy":"password"}`,
		`{"queryType":"timeseries","metric":"bytes"}`,
		`{"queryType":"breakdown","topN":5000}`,
		`{"queryType":"variable","variable":"secrets"}`,
	} {
		if _, err := Parse(json.RawMessage(raw), ""); err == nil {
			t.Errorf("Parse(%s) accepted", raw)
		}
	}
}

func TestWantsRule(t *testing.T) {
	m, _ := Parse(json.RawMessage(`{"ruleIds":["unmapped"]}`), "")
	if !m.WantsRule("unmapped") || m.WantsRule("aadsts-50126") {
		t.Error("ruleIds must keep exactly the named rules")
	}
	if all, _ := Parse(json.RawMessage(`{}`), ""); !all.WantsRule("anything") {
		t.Error("no ruleIds must keep every sign-in")
	}
}
