package bench

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	jsonser "github.com/microsoft/kiota-serialization-json-go"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
)

// The naive pipeline: what the libraries give without thought. msgraph-sdk-go's kiota models
// decode the page, the getters build a map per sign-in, the prepared decision query evaluates
// each map (converted to OPA's values by the SDK), and the frame grows row by row.

// kiotaSignIns decodes a page with msgraph-sdk-go's models.
func kiotaSignIns(page []byte) ([]models.SignInable, error) {
	node, err := jsonser.NewJsonParseNode(page)
	if err != nil {
		return nil, err
	}
	v, err := node.GetObjectValue(models.CreateSignInCollectionResponseFromDiscriminatorValue)
	if err != nil {
		return nil, err
	}
	return v.(models.SignInCollectionResponseable).GetValue(), nil
}

func str(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// kiotaMap is the rules' input built from the model's getters.
func kiotaMap(s models.SignInable) map[string]any {
	m := map[string]any{
		"id": str(s.GetId()), "userDisplayName": str(s.GetUserDisplayName()), "userPrincipalName": str(s.GetUserPrincipalName()),
		"userId": str(s.GetUserId()), "appId": str(s.GetAppId()), "appDisplayName": str(s.GetAppDisplayName()),
		"ipAddress": str(s.GetIpAddress()), "clientAppUsed": str(s.GetClientAppUsed()), "correlationId": str(s.GetCorrelationId()),
		"resourceDisplayName": str(s.GetResourceDisplayName()), "riskEventTypes_v2": s.GetRiskEventTypesV2(),
	}
	if t := s.GetCreatedDateTime(); t != nil {
		m["createdDateTime"] = t.Format(time.RFC3339Nano)
	}
	if b := s.GetIsInteractive(); b != nil {
		m["isInteractive"] = *b
	}
	if c := s.GetConditionalAccessStatus(); c != nil {
		m["conditionalAccessStatus"] = c.String()
	}
	if r := s.GetRiskLevelDuringSignIn(); r != nil {
		m["riskLevelDuringSignIn"] = r.String()
	}
	if st := s.GetStatus(); st != nil {
		status := map[string]any{"failureReason": str(st.GetFailureReason()), "additionalDetails": str(st.GetAdditionalDetails())}
		if c := st.GetErrorCode(); c != nil {
			status["errorCode"] = int(*c)
		}
		m["status"] = status
	}
	if d := s.GetDeviceDetail(); d != nil {
		m["deviceDetail"] = map[string]any{"deviceId": str(d.GetDeviceId()), "displayName": str(d.GetDisplayName()),
			"operatingSystem": str(d.GetOperatingSystem()), "browser": str(d.GetBrowser()), "trustType": str(d.GetTrustType())}
	}
	if l := s.GetLocation(); l != nil {
		m["location"] = map[string]any{"city": str(l.GetCity()), "state": str(l.GetState()), "countryOrRegion": str(l.GetCountryOrRegion())}
	}
	var policies []any
	for _, p := range s.GetAppliedConditionalAccessPolicies() {
		pm := map[string]any{"id": str(p.GetId()), "displayName": str(p.GetDisplayName())}
		if r := p.GetResult(); r != nil {
			pm["result"] = r.String()
		}
		policies = append(policies, pm)
	}
	m["appliedConditionalAccessPolicies"] = policies
	return m
}

// naiveDecision reads the decision object into the engine's type, winner first.
func naiveDecision(rs rego.ResultSet) engine.Decision {
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return engine.Decision{Error: "undefined"}
	}
	obj, _ := rs[0].Expressions[0].Value.(map[string]any)
	d := engine.Decision{Status: fmt.Sprint(obj["status"])}
	list, _ := obj["findings"].([]any)
	for _, item := range list {
		f, _ := item.(map[string]any)
		fd := engine.Finding{RuleID: fmt.Sprint(f["ruleId"]), Title: fmt.Sprint(f["title"]), Cause: fmt.Sprint(f["cause"]),
			Severity: fmt.Sprint(f["severity"]), Category: fmt.Sprint(f["category"]), Actor: fmt.Sprint(f["actor"]), Kind: fmt.Sprint(f["kind"])}
		steps, _ := f["nextSteps"].([]any)
		for _, s := range steps {
			fd.NextSteps = append(fd.NextSteps, fmt.Sprint(s))
		}
		d.Findings = append(d.Findings, fd)
	}
	rank := map[string]int{"contextual": 0, "catalogue": 1, "fallback": 2}
	sort.SliceStable(d.Findings, func(i, j int) bool { return rank[d.Findings[i].Kind] < rank[d.Findings[j].Kind] })
	return d
}

// naiveFrame is the sign-ins table built with AppendRow, the same columns as frames.SignIns.
func naiveFrame() *data.Frame {
	strs := []string{"user", "userId", "userDisplayName", "app", "appId", "status"}
	fields := []*data.Field{data.NewField("time", nil, []time.Time{})}
	for _, n := range strs {
		fields = append(fields, data.NewField(n, nil, []string{}))
	}
	fields = append(fields, data.NewField("errorCode", nil, []int64{}))
	for _, n := range []string{"failureReason", "additionalDetails", "cause", "nextSteps", "severity", "category", "ruleId", "title",
		"actor", "otherRules", "correlationId", "requestId", "ipAddress", "clientApp", "country", "city", "operatingSystem", "browser",
		"conditionalAccessStatus", "lookupUrl", "ruleError"} {
		fields = append(fields, data.NewField(n, nil, []string{}))
	}
	return data.NewFrame("signins", fields...)
}

func val(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func naiveAppend(f *data.Frame, s models.SignInable, d engine.Decision) {
	var t time.Time
	if c := s.GetCreatedDateTime(); c != nil {
		t = *c
	}
	var code int64
	var reason, details string
	if st := s.GetStatus(); st != nil {
		if c := st.GetErrorCode(); c != nil {
			code = int64(*c)
		}
		reason, details = val(st.GetFailureReason()), val(st.GetAdditionalDetails())
	}
	var cause, steps, sev, cat, rule, title, actor string
	var others []string
	if len(d.Findings) > 0 {
		w := d.Findings[0]
		cause, steps, sev, cat, rule, title, actor = w.Cause, strings.Join(w.NextSteps, "\n"), w.Severity, w.Category, w.RuleID, w.Title, w.Actor
		for _, o := range d.Findings[1:] {
			others = append(others, o.RuleID)
		}
	}
	var country, city, osName, browser, ca, lookup string
	if l := s.GetLocation(); l != nil {
		country, city = val(l.GetCountryOrRegion()), val(l.GetCity())
	}
	if dd := s.GetDeviceDetail(); dd != nil {
		osName, browser = val(dd.GetOperatingSystem()), val(dd.GetBrowser())
	}
	if c := s.GetConditionalAccessStatus(); c != nil {
		ca = c.String()
	}
	if code != 0 {
		lookup = fmt.Sprintf("https://login.microsoftonline.com/error?code=%d", code)
	}
	f.AppendRow(t, val(s.GetUserPrincipalName()), val(s.GetUserId()), val(s.GetUserDisplayName()), val(s.GetAppDisplayName()),
		val(s.GetAppId()), d.Status, code, reason, details, cause, steps, sev, cat, rule, title, actor, strings.Join(others, ", "),
		val(s.GetCorrelationId()), val(s.GetId()), val(s.GetIpAddress()), val(s.GetClientAppUsed()), country, city, osName, browser,
		ca, lookup, d.Error)
}

// naivePrepared is the decision query prepared once, evaluated with rego.EvalInput per sign-in.
func naivePrepared(ctx context.Context) (rego.PreparedEvalQuery, error) {
	mods, err := regokit.BuiltinModules()
	if err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	c, err := regokit.Compile(mods)
	if err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	return rego.New(rego.Query(engine.DecisionQuery), rego.Compiler(c)).PrepareForEval(ctx)
}

// naivePipeline turns a page into an Arrow frame the naive way.
func naivePipeline(ctx context.Context, pq rego.PreparedEvalQuery, page []byte) ([][]byte, error) {
	signIns, err := kiotaSignIns(page)
	if err != nil {
		return nil, err
	}
	frame := naiveFrame()
	for _, s := range signIns {
		rs, err := pq.Eval(ctx, rego.EvalInput(kiotaMap(s)))
		if err != nil {
			return nil, err
		}
		naiveAppend(frame, s, naiveDecision(rs))
	}
	return data.Frames{frame}.MarshalArrow()
}
