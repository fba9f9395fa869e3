package provisioning

import (
	"slices"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

var _ = addDashboard("dashboards/sign-in-diagnostics/troubleshoot-a-user.json", troubleshootAUser)

// troubleshootAUser is one user's sign-ins, opened from the user links of the other dashboards' tables; its
// correlationId variable explains one sign-in.
func troubleshootAUser() *dashboard.DashboardBuilder {
	return newDashboard("sigdiag-user", "Troubleshoot a user",
		"One user's sign-ins: outcomes over time, each failure with its cause and next steps, every sign-in around them, the user's devices, locations and apps, and the explanation of one sign-in by correlation ID.").
		WithVariable(textbox("user", "User (UPN)", "elizabeth.thomas@contoso.com",
			"The user principal name, as in the sign-in logs (lower case), e.g. elizabeth.thomas@contoso.com. A trailing * matches a prefix.")).
		WithVariable(textbox("correlationId", "Correlation ID", "",
			"A sign-in's correlation ID (a GUID) to explain. Clicking a correlation ID in a table fills it in.")).
		WithPanel(countTimeseries(1, Query{QueryType: query.TypeTimeSeries, Status: query.StatusAll, User: "$user", GroupBy: "status"},
			"Sign-ins of ${user} by outcome",
			"Every sign-in of this user per interval, by outcome. Failures that keep coming after the user has given up are usually a device or app retrying an old password in the background.",
			dashboard.GridPos{H: 8, W: 16, X: 0, Y: 0}, "right").
			Overrides(colored(outcomes))).
		WithPanel(outcomeStat(2, Query{QueryType: query.TypeTimeSeries, Status: query.StatusAll, User: "$user", GroupBy: "status"},
			"Outcomes",
			"This user's sign-ins in the time range by outcome.",
			dashboard.GridPos{H: 8, W: 8, X: 16, Y: 0}).
			GraphMode("none").
			JustifyMode("auto").
			Orientation("horizontal")).
		WithPanel(newTable().
			Id(3).
			WithTarget(target(Query{QueryType: query.TypeSignIns, Status: query.StatusFailure, User: "$user", MaxRows: 500})).
			Title("Failures of ${user}: causes and next steps").
			Description("Each failed sign-in of this user, newest first, with the cause and the next steps the rules give it. Click a correlation ID to explain that sign-in below; the error code page link opens Microsoft's page for the code.").
			GridPos(dashboard.GridPos{H: 11, W: 24, X: 0, Y: 8}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "organize", Options: map[string]any{"excludeByName": map[string]any{"userDisplayName": true, "status": true, "category": true, "ruleId": true, "otherRules": true, "conditionalAccessStatus": true, "user": true, "userId": true, "appId": true, "additionalDetails": true, "title": true, "ruleError": true}, "indexByName": map[string]any{"country": 10, "city": 11, "browser": 13, "requestId": 16, "time": 0, "app": 1, "nextSteps": 5, "actor": 6, "failureReason": 7, "clientApp": 8, "lookupUrl": 15, "cause": 4, "correlationId": 14, "operatingSystem": 12, "errorCode": 2, "severity": 3, "ipAddress": 9}, "renameByName": map[string]any{}}}}).
			Overrides(userSignInColumns())).
		WithPanel(newTable().
			Id(4).
			WithTarget(target(Query{QueryType: query.TypeSignIns, Status: query.StatusAll, User: "$user", MaxRows: 500})).
			Title("Every sign-in of ${user}").
			Description("All sign-ins of this user, successes included, to see what worked around each failure: the same app from another device, the same device an hour earlier, a success right after an MFA prompt.").
			GridPos(dashboard.GridPos{H: 8, W: 24, X: 0, Y: 19}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "organize", Options: map[string]any{"excludeByName": map[string]any{"otherRules": true, "userId": true, "category": true, "title": true, "userDisplayName": true, "failureReason": true, "nextSteps": true, "ruleId": true, "requestId": true, "user": true, "appId": true, "additionalDetails": true, "severity": true, "actor": true, "lookupUrl": true, "ruleError": true}, "indexByName": map[string]any{"app": 2, "errorCode": 3, "cause": 4, "browser": 7, "city": 10, "correlationId": 12, "time": 0, "status": 1, "clientApp": 5, "operatingSystem": 6, "ipAddress": 8, "country": 9, "conditionalAccessStatus": 11}, "renameByName": map[string]any{}}}}).
			Overrides(append(userSignInColumns(),
				byName("status", prop("displayName", "Outcome"),
					prop("custom.width", 100),
					colorText,
					prop("mappings", []any{map[string]any{"type": "value", "options": map[string]any{"success": map[string]any{"color": "green", "index": 0}, "interrupted": map[string]any{"color": "orange", "index": 1}, "failure": map[string]any{"color": "red", "index": 2}}}})),
				byName("conditionalAccessStatus", prop("displayName", "Conditional Access"))))).
		WithPanel(userBreakdownTable(5, Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, User: "$user", GroupBy: "os", TopN: 10},
			"Devices",
			"This user's sign-ins per device operating system; a device that only fails is the one to look at.",
			dashboard.GridPos{H: 8, W: 8, X: 0, Y: 27}, prop("displayName", "Operating system"), emptyCellAs("(not reported)"))).
		WithPanel(userBreakdownTable(6, Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, User: "$user", GroupBy: "country", TopN: 10},
			"Locations",
			"This user's sign-ins per country of the IP address. A country the user has never been to, with failures only, suggests someone else is trying the account.",
			dashboard.GridPos{H: 8, W: 8, X: 8, Y: 27}, prop("displayName", "Country"), emptyCellAs("(unknown)"))).
		WithPanel(userBreakdownTable(7, Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, User: "$user", GroupBy: "app", TopN: 10},
			"Apps",
			"This user's sign-ins per application.",
			dashboard.GridPos{H: 8, W: 8, X: 16, Y: 27}, prop("displayName", "App"))).
		WithPanel(newTable().
			Id(8).
			WithTarget(target(Query{QueryType: query.TypeExplain, CorrelationID: "$correlationId"})).
			Title("Explain sign-in ${correlationId}").
			Description("Every rule that matched the sign-ins of this correlation ID, in precedence order (rank 1 is the cause the tables show), and the sign-in's values each rule read. Click a correlation ID in a table above, or paste one (from the Entra admin center's Activity details) into the Correlation ID box. Until then this panel asks for one.").
			GridPos(dashboard.GridPos{H: 10, W: 24, X: 0, Y: 35}).
			Overrides(overrides(column("time", "Time", 160),
				column("rank", "Rank", 60),
				column("ruleId", "Rule", 200),
				column("cause", "Cause", 360, wrapText),
				column("nextSteps", "Next steps", 400, wrapText),
				column("inputs", "Values the rule read", 360, wrapText),
				byName("severity", prop("displayName", "Severity"), prop("mappings", severityColors), colorText))))
}

// userSignInColumns are the columns of the tables of one user's sign-ins, the same in both so that a failure
// and the sign-ins around it read alike.
func userSignInColumns() []cog.Builder[dashboard.DashboardFieldConfigSourceOverrides] {
	return slices.Concat(overrides(column("time", "Time", 160),
		column("app", "App", 170),
		column("errorCode", "Code", 80),
		severityColumn(),
		column("cause", "Cause", 360, wrapText),
		column("nextSteps", "Next steps", 440, wrapText),
		column("actor", "Who acts", 90),
		column("failureReason", "Failure reason", 260, wrapText)),
		signInLinkColumns())
}
