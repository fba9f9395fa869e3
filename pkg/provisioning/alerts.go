package provisioning

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-foundation-sdk/go/alerting"
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/expr"
	"go.yaml.in/yaml/v3"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

const alertsPath = "alerting/sign-in-alerts.yaml"

// exprUID is the data source of Grafana's server-side expressions.
const exprUID = "__expr__"

// The runbooks: the dashboard each alert's annotations send the reader to.
const (
	healthRunbook   = "{{ externalURL }}/d/sigdiag-signin-health/sign-in-health"
	userRunbook     = "{{ externalURL }}/d/sigdiag-user/troubleshoot-a-user?var-user={{ urlquery $labels.user }}"
	coverageRunbook = "{{ externalURL }}/d/sigdiag-rule-coverage/rule-coverage"
)

// alertGroups are the alert rules. The thresholds were chosen by replaying six days of the demo tenant: each
// fires on its embedded incident (password spray, Conditional Access wave, MFA fatigue, lockout) and stays
// quiet on the background.
func alertGroups() []*alerting.RuleGroupBuilder {
	const failures, patterns = "Sign-in failures", "Suspicious patterns"
	every5m := Query{Status: query.StatusFailure, IntervalMs: (5 * time.Minute).Milliseconds()}
	return []*alerting.RuleGroupBuilder{
		alerting.NewRuleGroupBuilder(failures).Interval(300).Rules(rules(
			thresholdRule("sigdiag-failure-spike-by-cause", "Failure spike by cause", failures, time.Hour,
				// Enough groups that a spiking cause is never folded into "other".
				with(every5m, func(q *Query) { q.GroupBy, q.TopN = "cause", 20 }), expr.TypeReduceReducerSum, 50).
				For("5m").Labels(severity("warning")).Annotations(annotations(
				"{{ $values.B }} failed sign-ins in the last hour with one cause", healthRunbook, `
				Cause: {{ $labels.cause }}. More than 50 failed sign-ins in an hour share this cause (a normal hour
				has at most about 20 per cause): a password spray, a Conditional Access policy blocking more people
				than intended, or an outage of an app or an MFA method. Open the Sign-in health dashboard: "Top causes
				and next steps" says what to do, "Recent failures" shows the users, IP addresses and apps.`)),
			thresholdRule("sigdiag-mfa-failures-by-user", "MFA failures for one user", failures, time.Hour,
				// One series per user: enough that no user is folded into "other".
				with(every5m, func(q *Query) {
					q.ErrorCodes, q.GroupBy, q.TopN = []int64{500121, 50074, 50076, 50079}, "user", 100
				}), expr.TypeReduceReducerSum, 6).
				For("0s").Labels(severity("critical")).Annotations(annotations(
				"{{ $labels.user }} failed MFA {{ $values.B }} times in the last hour", userRunbook, `
				More than 6 failed MFA steps in an hour (codes 500121, 50076, 50079; 50074 is an interrupt, a
				normal prompt, so a failure query leaves it out). Many denied push notifications in a row are MFA
				fatigue: someone with the password keeps prompting until the user approves. Call the user on a known
				number before anything else; if they did not sign in, reset the password and revoke the sessions.
				The Troubleshoot a user dashboard shows the IP addresses and devices of the prompts.`)),
			thresholdRule("sigdiag-account-lockouts", "Account lockouts", failures, time.Hour,
				with(every5m, func(q *Query) { q.ErrorCodes, q.GroupBy, q.TopN = []int64{50053}, "user", 100 }),
				expr.TypeReduceReducerSum, 5).
				For("0s").Labels(severity("warning")).Annotations(annotations(
				"{{ $labels.user }} hit smart lockout {{ $values.B }} times in the last hour", userRunbook, `
				More than 5 sign-ins of this account were refused by smart lockout (50053) in an hour. A device or
				app retrying an old password locks an account a few times an hour; more than that is a user locked
				out right now, or an attack on the account. The Troubleshoot a user dashboard shows whether the
				attempts come from the user's own devices and locations, and the next steps of each failure.`)),
			thresholdRule("sigdiag-ca-block-wave", "Conditional Access block wave", failures, time.Hour,
				// Distinct users per 15 minutes.
				Query{Status: query.StatusFailure, ErrorCodes: []int64{53003, 53000, 53001, 53002}, Metric: "users",
					IntervalMs: (15 * time.Minute).Milliseconds()}, expr.TypeReduceReducerMax, 15).
				For("5m").Labels(severity("critical")).Annotations(annotations(
				"Conditional Access blocked {{ $values.B }} different users within 15 minutes", healthRunbook, `
				More than 15 different users were refused by Conditional Access (53003 blocked, 53000 device not
				compliant, 53001 not domain-joined, 53002 app not approved) within 15 minutes, where a normal quarter
				hour has a handful. This is what a new or changed policy that catches more people than intended looks
				like. Open the Sign-in health dashboard: "Top causes and next steps" names the policy; check its
				recent changes in Entra ID > Audit logs, and its report-only results before enforcing it again.`)),
			// The query keeps only the failures whose winning rule is the "unmapped" fallback (ruleIds), so
			// the one series it returns is exactly what this rule is about.
			thresholdRule("sigdiag-unmapped-error-codes", "Error codes no rule covers", failures, time.Hour,
				with(every5m, func(q *Query) { q.GroupBy, q.RuleIDs = "errorCode", []string{"unmapped"} }),
				expr.TypeReduceReducerSum, 0).
				For("0s").Labels(severity("info")).Annotations(annotations(
				"{{ $values.B }} failed sign-ins in the last hour with error code {{ $labels.errorCode }}, which no rule covers",
				coverageRunbook, `
				These failures got the "unmapped" fallback, whose only next step is Microsoft's lookup page
				(https://login.microsoftonline.com/error?code={{ $labels.errorCode }}). Open the Rule coverage
				dashboard: "Error codes to write rules for next" lists the codes (rows whose cause starts "No rule
				covers"), and the README's "Writing a rule for a code you have never seen" shows how to add one.`)),
		)),
		alerting.NewRuleGroupBuilder(patterns).Interval(300).Rules(rules(
			patternRule("password-spray", "Password spray", "A password spray was found in the last 2 hours", `
				One address (or hosting network) failed passwords for many accounts while few or none signed in from
				it. Open the Sign-in health dashboard's "Suspicious patterns" table for the address, the accounts and
				the evidence; block the address with a named location in Conditional Access and check the accounts
				for successful sign-ins from it.`),
			patternRule("lockout-storm", "Account lockout storm", "Smart lockout locked many accounts in the last 2 hours", `
				Many accounts were locked (50053) within half an hour: usually a password spray or a broken service
				account. The "Suspicious patterns" table lists the accounts and addresses; look for one address
				behind them and block it.`),
			patternRule("mfa-fatigue", "MFA fatigue", "MFA fatigue: many MFA prompts denied or unanswered, then approved", `
				One account got many MFA prompts that were denied or not answered, followed by an approval: the
				password is likely known to an attacker who kept pushing prompts. Revoke the account's sessions,
				reset its password, and turn on number matching in the Microsoft Authenticator settings.`),
		)),
	}
}

// patternRule fires when a pattern across sign-ins (README "Patterns across sign-ins") was found at all: A
// counts its findings per 5 minutes over the last 2 hours (the pattern rules need the whole window of
// sign-ins around the last hour), B keeps the busiest interval. The patterns' own thresholds live in the data
// source's jsonData.patternThresholds.
func patternRule(pattern, title, summary, description string) *alerting.RuleBuilder {
	a := Query{GroupBy: "pattern", PatternIDs: []string{pattern}, IntervalMs: (5 * time.Minute).Milliseconds()}
	return thresholdRule("sigdiag-pattern-"+pattern, title, "Suspicious patterns", 2*time.Hour, a, expr.TypeReduceReducerMax, 0).
		For("0s").Labels(severity("critical")).Annotations(annotations(summary, healthRunbook, description))
}

// thresholdRule is the shape of every rule: A is the plugin's timeseries query over the window, B reduces each
// series to one number, C is the threshold and the condition. Every series of A becomes its own alert
// instance, labelled with its group (cause, user, rule, ...), which the annotations print.
func thresholdRule(uid, title, group string, window time.Duration, a Query, reducer expr.TypeReduceReducer, above float64) *alerting.RuleBuilder {
	a.RefID, a.QueryType, a.MaxDataPoints = "A", query.TypeTimeSeries, 43200
	exprDS := common.DataSourceRef{Type: ptr(exprUID), Uid: ptr(exprUID)}
	return alerting.NewRuleBuilder(title).Uid(uid).RuleGroup(group).Condition("C").
		WithQuery(alerting.NewQueryBuilder("A").QueryType(string(query.TypeTimeSeries)).
			RelativeTimeRange(alerting.Duration(window/time.Second), 0).DatasourceUid(demoUID).Model(a)).
		WithQuery(alerting.NewQueryBuilder("B").RelativeTimeRange(0, 0).DatasourceUid(exprUID).
			Model(expr.NewExprBuilder().TypeReduce(expr.NewTypeReduceBuilder().RefId("B").Expression("A").
				Reducer(reducer).Settings(expr.NewExprTypeReduceSettingsBuilder().Mode(expr.ExprTypeReduceSettingsModeDropNN)).
				Datasource(exprDS)))).
		WithQuery(alerting.NewQueryBuilder("C").RelativeTimeRange(0, 0).DatasourceUid(exprUID).
			Model(expr.NewExprBuilder().TypeThreshold(expr.NewTypeThresholdBuilder().RefId("C").Expression("B").
				Conditions([]cog.Builder[expr.ExprTypeThresholdConditions]{expr.NewExprTypeThresholdConditionsBuilder().
					Evaluator(expr.NewExprTypeThresholdConditionsEvaluatorBuilder().
						Type(expr.ExprTypeThresholdConditionsEvaluatorTypeGt).Params([]float64{above}))}).
				Datasource(exprDS)))).
		NoDataState(alerting.RuleNoDataStateOK).ExecErrState(alerting.RuleExecErrStateError)
}

func with(q Query, set func(*Query)) Query {
	set(&q)
	return q
}

func rules(rs ...*alerting.RuleBuilder) []cog.Builder[alerting.Rule] {
	out := make([]cog.Builder[alerting.Rule], len(rs))
	for i, r := range rs {
		out[i] = r
	}
	return out
}

func severity(s string) map[string]string {
	return map[string]string{"source": "sign-in-diagnostics", "severity": s}
}

// annotations folds the description's lines into one paragraph.
func annotations(summary, runbook, description string) map[string]string {
	return map[string]string{"summary": summary, "description": strings.Join(strings.Fields(description), " "), "runbook_url": runbook}
}

// The file-provisioning shape of Grafana's alert rules (AlertRuleGroupV1 in Grafana's provisioning): the SDK's
// Rule is the API's, with its group and folder on every rule.
type (
	ruleFile struct {
		APIVersion int         `json:"apiVersion"`
		Groups     []fileGroup `json:"groups"`
	}
	fileGroup struct {
		OrgID    int64      `json:"orgId"`
		Name     string     `json:"name"`
		Folder   string     `json:"folder"`
		Interval string     `json:"interval"`
		Rules    []fileRule `json:"rules"`
	}
	fileRule struct {
		UID          string                    `json:"uid"`
		Title        string                    `json:"title"`
		Condition    string                    `json:"condition"`
		Data         []alerting.Query          `json:"data"`
		NoDataState  alerting.RuleNoDataState  `json:"noDataState"`
		ExecErrState alerting.RuleExecErrState `json:"execErrState"`
		For          string                    `json:"for"`
		Annotations  map[string]string         `json:"annotations"`
		Labels       map[string]string         `json:"labels"`
	}
)

// AlertGroups builds the alert rule groups.
func AlertGroups() ([]alerting.RuleGroup, error) {
	var out []alerting.RuleGroup
	for _, b := range alertGroups() {
		g, err := b.Build()
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

const alertHeader = `Grafana alert rules for Sign-in Diagnostics, in Grafana's file-provisioning format (Alerting > Alert rules,
folder "Sign-in Diagnostics"). Generated from pkg/provisioning/alerts.go: edit that file and run
` + "`go tool mage provision`" + `. docker-compose.yaml mounts ./provisioning at /etc/grafana/provisioning; on a
package install copy this file to Grafana's provisioning/alerting/.

Every rule reads the demo data source (datasourceUid: signin-demo). For a real tenant, change datasourceUid to
your data source's UID (Connections > Data sources > the data source: the UID is the last part of its URL).
Tune the thresholds for your tenant with the Sign-in health dashboard.`

// alertFile is the alert rules as Grafana's file provisioning reads them.
func alertFile() ([]byte, error) {
	groups, err := AlertGroups()
	if err != nil {
		return nil, err
	}
	f := ruleFile{APIVersion: 1}
	for _, g := range groups {
		fg := fileGroup{OrgID: 1, Name: *g.Title, Folder: Folder, Interval: seconds(*g.Interval)}
		for _, r := range g.Rules {
			fg.Rules = append(fg.Rules, fileRule{UID: *r.Uid, Title: r.Title, Condition: r.Condition, Data: r.Data,
				NoDataState: r.NoDataState, ExecErrState: r.ExecErrState, For: r.For, Annotations: r.Annotations, Labels: r.Labels})
		}
		f.Groups = append(f.Groups, fg)
	}
	// YAML, for the header comment; going through JSON keeps the SDK's field names and order.
	raw, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	blockStyle(&doc)
	doc.HeadComment = alertHeader
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	return buf.Bytes(), nil
}

// seconds writes a duration in seconds in the largest unit that divides it, as Grafana writes them (5m).
func seconds(d alerting.Duration) string {
	for _, u := range []struct {
		unit string
		n    alerting.Duration
	}{{"h", 3600}, {"m", 60}} {
		if d > 0 && d%u.n == 0 {
			return fmt.Sprintf("%d%s", d/u.n, u.unit)
		}
	}
	return fmt.Sprintf("%ds", d)
}

// blockStyle drops the flow style and quotes the JSON parse left on every node.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}
