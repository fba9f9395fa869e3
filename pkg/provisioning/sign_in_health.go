package provisioning

import (
	"slices"

	"github.com/grafana/grafana-foundation-sdk/go/barchart"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/piechart"
	"github.com/grafana/grafana-foundation-sdk/go/table"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

var _ = addDashboard("dashboards/sign-in-diagnostics/sign-in-health.json", signInHealth)

// signInHealth is the tenant-wide view: outcomes, causes with next steps, where failures come from, and the
// patterns across sign-ins.
func signInHealth() *dashboard.DashboardBuilder {
	return newDashboard("sigdiag-signin-health", "Sign-in health",
		"How sign-ins are going across the tenant: outcomes, failure causes with next steps, where failures come from (apps, countries, client apps, devices), legacy authentication, and the newest failures with links to troubleshoot each one.").
		WithVariable(textbox("app", "App", "",
			"Show one application only: its display name (a trailing * matches a prefix) or application ID. Empty: every app.")).
		Annotation(queryAnnotation("Suspicious patterns", "red", Query{RefID: "Anno", QueryType: query.TypePatterns})).
		Annotation(queryAnnotation("Rule changes", "purple", Query{RefID: "Anno", QueryType: query.TypeAnnotations})).
		WithPanel(outcomeStat(1, Query{QueryType: query.TypeTimeSeries, Status: query.StatusAll, App: "$app", GroupBy: "status"},
			"Sign-ins by outcome",
			"Sign-ins in the time range by the status the rules give them: successful, interrupted (a normal step of a sign-in such as an MFA prompt, which usually ends in a success a moment later) and failed. The sparkline shows each over time.",
			dashboard.GridPos{H: 6, W: 12, X: 0, Y: 0}).
			GraphMode("area").
			JustifyMode("center").
			Orientation("vertical")).
		WithPanel(countTimeseries(3, Query{QueryType: query.TypeTimeSeries, Status: query.StatusAll, App: "$app", Metric: "users"},
			"Distinct users signing in",
			"How many different users signed in (any outcome) in each interval: one hour at the default 24-hour range. A sudden rise at night, or from one country, is worth a look; compare with the failed tiles.",
			dashboard.GridPos{H: 6, W: 12, X: 12, Y: 0}, "bottom").
			// Distinct users do not add up across intervals as counts do: a line, not stacked bars.
			Interval("1h").
			DisplayName("Users").
			ColorScheme(fixedScheme("blue")).
			DrawStyle("line").
			FillOpacity(20).
			Stacking(stacking("none"))).
		WithPanel(countTimeseries(2, Query{QueryType: query.TypeTimeSeries, Status: query.StatusFailure, App: "$app", GroupBy: "cause", TopN: 8},
			"Failures by cause",
			"Failed sign-ins per interval, by the cause the winning rule gives them (the 8 largest causes; the rest are summed as 'other'). A bar that towers over its neighbours is an incident: hover it for the cause, then read the next steps in 'Top causes and next steps' below.",
			dashboard.GridPos{H: 9, W: 24, X: 0, Y: 6}, "bottom")).
		WithPanel(newTable().
			Id(4).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusFailure, App: "$app", GroupBy: "cause", TopN: 15})).
			Title("Top causes and next steps").
			Description("The causes of the failed sign-ins in the time range, largest first: how many failures, how many users, when first and last seen, and what to do (one step per line, each saying who acts).").
			GridPos(dashboard.GridPos{H: 10, W: 24, X: 0, Y: 15}).
			Transformations(keepFields("cause", "failures", "users", "firstSeen", "lastSeen", "nextSteps")).
			Overrides(slices.Concat(overrides(column("cause", "Explanation", 420, wrapText),
				dashboard.NewDashboardFieldConfigSourceOverridesBuilder().
					Matcher(dashboard.MatcherConfig{Id: "first"}).
					Properties([]dashboard.DynamicConfigValue{prop("displayName", "Cause"),
						prop("custom.wrapText", false),
						prop("custom.width", 280)}),
				column("nextSteps", "Next steps", 560, wrapText)),
				failureCountColumns())).
			SortBy(sortDesc("Failures"))).
		WithPanel(failureBars(5, "app", 0, "Failures by app",
			"Failed sign-ins and the users they hit, per application (the 10 apps with the most failures).")).
		WithPanel(failureBars(6, "country", 8, "Failures by country",
			"Failed sign-ins and the users they hit, per country of the sign-in's IP address (ISO code). Failures from a country where nobody works are often attacks: filter the recent failures table by that country.").
			Mappings(emptyAs("(unknown)"))).
		WithPanel(failureBars(7, "clientApp", 16, "Failures by client app",
			"Failed sign-ins and the users they hit, per client app (clientAppUsed). Anything other than Browser and Mobile Apps and Desktop clients is legacy authentication: see 'Legacy authentication share'.")).
		WithPanel(breakdownBars(8, Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, App: "$app", GroupBy: "os", TopN: 10},
			"Sign-ins by device operating system",
			"All sign-ins per device operating system, split by outcome. A platform whose red share stands out usually has a device-compliance or client problem (see the causes table).",
			dashboard.GridPos{H: 9, W: 12, X: 0, Y: 34}, outcomeCounts).
			Mappings(emptyAs("(not reported)")).
			// The outcomes add up to all sign-ins.
			Stacking("normal")).
		WithPanel(piechart.NewPanelBuilder().
			Id(9).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, App: "$app", GroupBy: "clientApp", TopN: 20})).
			Title("Legacy authentication share").
			Description("Sign-ins by client app (clientAppUsed), all outcomes. **Browser** and **Mobile Apps and Desktop clients** use modern authentication. Every other client app is legacy (basic) authentication, which sends the password itself and cannot do MFA or satisfy most Conditional Access grant controls: Authenticated SMTP, AutoDiscover, Exchange ActiveSync, Exchange Online PowerShell, Exchange Web Services, IMAP4, MAPI Over HTTP, Offline Address Book, Other clients, Outlook Anywhere (RPC over HTTP), POP3, Reporting Web Services, SMTP and Universal Outlook (the list the rules use, `legacy_clients` in rules/lib.rego). Modern slices are green and blue, legacy slices are shades of red: the red share is what a Conditional Access policy blocking legacy authentication would stop. Password sprays favour legacy protocols.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 9, W: 12, X: 12, Y: 34}).
			Transformations(keepFields("clientApp", "total")).
			Unit("short").
			Decimals(0).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("shades").
				FixedColor("red")).
			Overrides(overrides(byName("Browser", fixedColor("green")),
				byName("Mobile Apps and Desktop clients", fixedColor("blue")))).
			PieType("donut").
			DisplayLabels([]piechart.PieChartLabels{"percent"}).
			Tooltip(tooltip("single", "none")).
			ReduceOptions(common.NewReduceDataOptionsBuilder().
				Values(true).
				Calcs([]string{"lastNotNull"}).
				Fields("/^total$/")).
			Legend(piechart.NewPieChartLegendOptionsBuilder().
				Values([]piechart.PieChartLegendValues{"value",
					"percent"}).
				DisplayMode("table").
				Placement("right").
				ShowLegend(true)).
			Orientation(common.VizOrientationAuto)).
		WithPanel(newTable().
			Id(10).
			WithTarget(target(Query{QueryType: query.TypeSignIns, Status: query.StatusFailure, App: "$app", MaxRows: 1000})).
			Title("Recent failures").
			Description("The newest failed sign-ins with their cause and next steps. Click a user to troubleshoot them, a correlation ID to see every rule that matched the sign-in, the lookup link for Microsoft's page on the error code, and the request ID to open the sign-in logs in the Entra admin center (paste the request ID into its filter).").
			GridPos(dashboard.GridPos{H: 14, W: 24, X: 0, Y: 43}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "organize", Options: map[string]any{"excludeByName": map[string]any{"category": true, "actor": true, "otherRules": true, "city": true, "browser": true, "userDisplayName": true, "appId": true, "title": true, "operatingSystem": true, "conditionalAccessStatus": true, "status": true, "failureReason": true, "ruleId": true, "userId": true, "additionalDetails": true, "ruleError": true}, "indexByName": map[string]any{"severity": 4, "cause": 5, "nextSteps": 6, "clientApp": 7, "country": 9, "user": 1, "ipAddress": 8, "correlationId": 10, "lookupUrl": 11, "requestId": 12, "time": 0, "app": 2, "errorCode": 3}, "renameByName": map[string]any{}}}}).
			Overrides(slices.Concat(overrides(column("time", "Time", 160),
				column("user", "User", 240, prop("links", []any{map[string]any{"title": "Troubleshoot ${__data.fields.user}", "url": "/d/sigdiag-user/troubleshoot-a-user?var-datasource=${datasource}&var-user=${__data.fields.user}&${__url_time_range}"}})),
				column("app", "App", 180),
				column("errorCode", "Code", 80),
				severityColumn(),
				column("cause", "Cause", 380, wrapText),
				column("nextSteps", "Next steps", 460, wrapText),
				column("clientApp", "Client app", 150),
				column("ipAddress", "IP address", 130),
				column("country", "Country", 80)),
				signInLinkColumns()))).
		WithRow(dashboard.NewRowBuilder("Suspicious patterns").
			Title("Suspicious patterns").
			GridPos(dashboard.GridPos{H: 1, W: 24, X: 0, Y: 57}).
			Id(11)).
		WithPanel(timeseries.NewPanelBuilder().
			Id(12).
			WithTarget(target(Query{QueryType: query.TypeTimeSeries, GroupBy: "pattern"})).
			Title("Patterns over time").
			Description("Pattern findings active per interval, one series per pattern (password spray, brute force, password cracking, lockout storm, MFA fatigue, disabled-account probing, legacy authentication, Conditional Access block wave). The same query feeds the pattern alert rules. Thresholds: README \"Patterns across sign-ins\"; change them in the data source's patternThresholds.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 8, W: 24, X: 0, Y: 58}).
			Decimals(0).
			Min(0).
			Legend(listLegend()).
			Tooltip(tooltip("multi", common.SortOrderNone)).
			DrawStyle("bars").
			FillOpacity(60).
			Stacking(common.NewStackingConfigBuilder().
				Mode("normal"))).
		WithPanel(table.NewPanelBuilder().
			Id(13).
			WithTarget(target(Query{QueryType: query.TypePatterns})).
			Title("Suspicious patterns").
			Description("Attacks and outages that no single sign-in shows, with who and what they involve, when, what to do, and the request IDs of the sign-ins counted (paste one into an explain query). Day-long patterns need at least 24 hours of range.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 10, W: 24, X: 0, Y: 66}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "organize", Options: map[string]any{"excludeByName": map[string]any{"tags": true, "timeEnd": false}, "renameByName": map[string]any{"time": "First seen", "timeEnd": "Last seen", "text": "Cause", "patternId": "Pattern"}}}}).
			Overrides(overrides(byName("severity", colorText,
				prop("mappings", []any{map[string]any{"type": "value", "options": map[string]any{"critical": map[string]any{"index": 0, "color": "dark-red"}, "high": map[string]any{"color": "red", "index": 1}, "medium": map[string]any{"color": "orange", "index": 2}, "low": map[string]any{"index": 3, "color": "yellow"}, "info": map[string]any{"color": "blue", "index": 4}}}})))).
			Footer(common.NewTableFooterOptionsBuilder().
				Show(false)).
			CellHeight("sm").
			Align(common.FieldTextAlignmentAuto).
			CellOptions(autoCells).
			Inspect(true))
}

// failureBars is a bar chart of the failed sign-ins of the app filter and the users they hit per value of
// groupBy: one of the three side by side under the causes table, starting at x.
func failureBars(id uint32, groupBy string, x uint32, title, description string) *barchart.PanelBuilder {
	return breakdownBars(id, Query{QueryType: query.TypeBreakdown, Status: query.StatusFailure, App: "$app", GroupBy: groupBy, TopN: 10},
		title, description, dashboard.GridPos{H: 9, W: 8, X: x, Y: 25}, failuresAndUsers)
}
