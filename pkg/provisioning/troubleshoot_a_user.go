package provisioning

import (
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/stat"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"

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
		WithPanel(timeseries.NewPanelBuilder().
			Id(1).
			WithTarget(target(Query{QueryType: query.TypeTimeSeries, Status: query.StatusAll, User: "$user", GroupBy: "status"})).
			Title("Sign-ins of ${user} by outcome").
			Description("Every sign-in of this user per interval, by outcome. Failures that keep coming after the user has given up are usually a device or app retrying an old password in the background.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 8, W: 16, X: 0, Y: 0}).
			Interval("15m").
			Unit("short").
			Decimals(0).
			Min(0).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("palette-classic")).
			Overrides(overrides(byName("success", prop("displayName", "Successful"),
				fixedColor("green")),
				byName("interrupted", prop("displayName", "Interrupted"),
					fixedColor("orange")),
				byName("failure", prop("displayName", "Failed"),
					fixedColor("red")))).
			Legend(common.NewVizLegendOptionsBuilder().
				DisplayMode("table").
				Placement("right").
				ShowLegend(true).
				SortBy("Total").
				SortDesc(true).
				Calcs([]string{"sum"})).
			Tooltip(common.NewVizTooltipOptionsBuilder().
				Mode("multi").
				Sort("desc")).
			DrawStyle("bars").
			GradientMode("none").
			LineWidth(1).
			LineInterpolation("smooth").
			FillOpacity(80).
			ShowPoints("never").
			AxisSoftMin(0).
			BarAlignment(0).
			Stacking(common.NewStackingConfigBuilder().
				Mode("normal").
				Group("A")).
			SpanNulls(common.BoolOrFloat64{Bool: ptr(false)})).
		WithPanel(stat.NewPanelBuilder().
			Id(2).
			WithTarget(target(Query{QueryType: query.TypeTimeSeries, Status: query.StatusAll, User: "$user", GroupBy: "status"})).
			Title("Outcomes").
			Description("This user's sign-ins in the time range by outcome.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 8, W: 8, X: 16, Y: 0}).
			Interval("15m").
			Unit("short").
			Decimals(0).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("fixed").
				FixedColor("blue")).
			Overrides(overrides(byName("success", prop("displayName", "Successful"),
				fixedColor("green")),
				byName("interrupted", prop("displayName", "Interrupted"),
					fixedColor("orange")),
				byName("failure", prop("displayName", "Failed"),
					fixedColor("red")))).
			GraphMode("none").
			ColorMode("background").
			JustifyMode("auto").
			TextMode("value_and_name").
			ReduceOptions(common.NewReduceDataOptionsBuilder().
				Values(false).
				Calcs([]string{"sum"})).
			PercentChangeColorMode(common.PercentChangeColorModeStandard).
			Orientation("horizontal")).
		WithPanel(newTable().
			Id(3).
			WithTarget(target(Query{QueryType: query.TypeSignIns, Status: query.StatusFailure, User: "$user", MaxRows: 500})).
			Title("Failures of ${user}: causes and next steps").
			Description("Each failed sign-in of this user, newest first, with the cause and the next steps the rules give it. Click a correlation ID to explain that sign-in below; the error code page link opens Microsoft's page for the code.").
			GridPos(dashboard.GridPos{H: 11, W: 24, X: 0, Y: 8}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "organize", Options: map[string]any{"excludeByName": map[string]any{"userDisplayName": true, "status": true, "category": true, "ruleId": true, "otherRules": true, "conditionalAccessStatus": true, "user": true, "userId": true, "appId": true, "additionalDetails": true, "title": true, "ruleError": true}, "indexByName": map[string]any{"country": 10, "city": 11, "browser": 13, "requestId": 16, "time": 0, "app": 1, "nextSteps": 5, "actor": 6, "failureReason": 7, "clientApp": 8, "lookupUrl": 15, "cause": 4, "correlationId": 14, "operatingSystem": 12, "errorCode": 2, "severity": 3, "ipAddress": 9}, "renameByName": map[string]any{}}}}).
			Overrides(overrides(column("time", "Time", 160),
				column("app", "App", 170),
				column("errorCode", "Code", 80),
				column("severity", "Severity", 90, prop("mappings", severityColors), prop("custom.cellOptions", map[string]any{"type": "color-text"})),
				column("cause", "Cause", 360, prop("custom.wrapText", true)),
				column("nextSteps", "Next steps", 440, prop("custom.wrapText", true)),
				column("actor", "Who acts", 90),
				column("failureReason", "Failure reason", 260, prop("custom.wrapText", true)),
				column("correlationId", "Correlation ID", 300, prop("links", []any{map[string]any{"title": "Explain this sign-in: every rule that matched and the values it read", "url": "/d/sigdiag-user/troubleshoot-a-user?var-datasource=${datasource}&var-user=${__data.fields.user}&var-correlationId=${__data.fields.correlationId}&${__url_time_range}"}})),
				column("lookupUrl", "Error code page", 220, prop("links", []any{map[string]any{"title": "Microsoft's page for error ${__data.fields.errorCode}", "url": "${__data.fields.lookupUrl}", "targetBlank": true}})),
				column("requestId", "Request ID", 300, prop("links", []any{map[string]any{"title": "Open the sign-in logs in the Microsoft Entra admin center (search for this request ID)", "url": "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/SignInEventsV3Blade", "targetBlank": true}}))))).
		WithPanel(newTable().
			Id(4).
			WithTarget(target(Query{QueryType: query.TypeSignIns, Status: query.StatusAll, User: "$user", MaxRows: 500})).
			Title("Every sign-in of ${user}").
			Description("All sign-ins of this user, successes included, to see what worked around each failure: the same app from another device, the same device an hour earlier, a success right after an MFA prompt.").
			GridPos(dashboard.GridPos{H: 8, W: 24, X: 0, Y: 19}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "organize", Options: map[string]any{"excludeByName": map[string]any{"otherRules": true, "userId": true, "category": true, "title": true, "userDisplayName": true, "failureReason": true, "nextSteps": true, "ruleId": true, "requestId": true, "user": true, "appId": true, "additionalDetails": true, "severity": true, "actor": true, "lookupUrl": true, "ruleError": true}, "indexByName": map[string]any{"app": 2, "errorCode": 3, "cause": 4, "browser": 7, "city": 10, "correlationId": 12, "time": 0, "status": 1, "clientApp": 5, "operatingSystem": 6, "ipAddress": 8, "country": 9, "conditionalAccessStatus": 11}, "renameByName": map[string]any{}}}}).
			Overrides(overrides(column("time", "Time", 160),
				column("app", "App", 170),
				column("errorCode", "Code", 80),
				column("severity", "Severity", 90, prop("mappings", severityColors), prop("custom.cellOptions", map[string]any{"type": "color-text"})),
				column("cause", "Cause", 360, prop("custom.wrapText", true)),
				column("nextSteps", "Next steps", 440, prop("custom.wrapText", true)),
				column("actor", "Who acts", 90),
				column("failureReason", "Failure reason", 260, prop("custom.wrapText", true)),
				column("correlationId", "Correlation ID", 300, prop("links", []any{map[string]any{"title": "Explain this sign-in: every rule that matched and the values it read", "url": "/d/sigdiag-user/troubleshoot-a-user?var-datasource=${datasource}&var-user=${__data.fields.user}&var-correlationId=${__data.fields.correlationId}&${__url_time_range}"}})),
				column("lookupUrl", "Error code page", 220, prop("links", []any{map[string]any{"title": "Microsoft's page for error ${__data.fields.errorCode}", "url": "${__data.fields.lookupUrl}", "targetBlank": true}})),
				column("requestId", "Request ID", 300, prop("links", []any{map[string]any{"title": "Open the sign-in logs in the Microsoft Entra admin center (search for this request ID)", "url": "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/SignInEventsV3Blade", "targetBlank": true}})),
				byName("status", prop("displayName", "Outcome"),
					prop("custom.width", 100),
					prop("custom.cellOptions", map[string]any{"type": "color-text"}),
					prop("mappings", []any{map[string]any{"type": "value", "options": map[string]any{"success": map[string]any{"color": "green", "index": 0}, "interrupted": map[string]any{"color": "orange", "index": 1}, "failure": map[string]any{"color": "red", "index": 2}}}})),
				byName("conditionalAccessStatus", prop("displayName", "Conditional Access"))))).
		WithPanel(newTable().
			Id(5).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, User: "$user", GroupBy: "os", TopN: 10})).
			Title("Devices").
			Description("This user's sign-ins per device operating system; a device that only fails is the one to look at.").
			GridPos(dashboard.GridPos{H: 8, W: 8, X: 0, Y: 27}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"os", "total", "failures", "lastSeen"}}}}}).
			Overrides(overrides(byName("os", prop("displayName", "Operating system"),
				prop("mappings", []any{map[string]any{"options": map[string]any{"match": "empty", "result": map[string]any{"text": "(not reported)", "index": 0}}, "type": "special"}})),
				byName("total", prop("displayName", "Sign-ins")),
				byName("failures", prop("displayName", "Failed"),
					prop("custom.cellOptions", map[string]any{"type": "color-text"}),
					fixedColor("red")),
				byName("lastSeen", prop("displayName", "Last seen"), prop("unit", "dateTimeAsLocal")))).
			SortBy([]cog.Builder[common.TableSortByFieldState]{common.NewTableSortByFieldStateBuilder().
				DisplayName("Sign-ins").
				Desc(true)})).
		WithPanel(newTable().
			Id(6).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, User: "$user", GroupBy: "country", TopN: 10})).
			Title("Locations").
			Description("This user's sign-ins per country of the IP address. A country the user has never been to, with failures only, suggests someone else is trying the account.").
			GridPos(dashboard.GridPos{H: 8, W: 8, X: 8, Y: 27}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"country", "total", "failures", "lastSeen"}}}}}).
			Overrides(overrides(byName("country", prop("displayName", "Country"),
				prop("mappings", []any{map[string]any{"type": "special", "options": map[string]any{"result": map[string]any{"text": "(unknown)", "index": 0}, "match": "empty"}}})),
				byName("total", prop("displayName", "Sign-ins")),
				byName("failures", prop("displayName", "Failed"),
					prop("custom.cellOptions", map[string]any{"type": "color-text"}),
					fixedColor("red")),
				byName("lastSeen", prop("displayName", "Last seen"), prop("unit", "dateTimeAsLocal")))).
			SortBy([]cog.Builder[common.TableSortByFieldState]{common.NewTableSortByFieldStateBuilder().
				DisplayName("Sign-ins").
				Desc(true)})).
		WithPanel(newTable().
			Id(7).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, User: "$user", GroupBy: "app", TopN: 10})).
			Title("Apps").
			Description("This user's sign-ins per application.").
			GridPos(dashboard.GridPos{H: 8, W: 8, X: 16, Y: 27}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"app", "total", "failures", "lastSeen"}}}}}).
			Overrides(overrides(byName("app", prop("displayName", "App")),
				byName("total", prop("displayName", "Sign-ins")),
				byName("failures", prop("displayName", "Failed"),
					prop("custom.cellOptions", map[string]any{"type": "color-text"}),
					fixedColor("red")),
				byName("lastSeen", prop("displayName", "Last seen"), prop("unit", "dateTimeAsLocal")))).
			SortBy([]cog.Builder[common.TableSortByFieldState]{common.NewTableSortByFieldStateBuilder().
				DisplayName("Sign-ins").
				Desc(true)})).
		WithPanel(newTable().
			Id(8).
			WithTarget(target(Query{QueryType: query.TypeExplain, CorrelationID: "$correlationId"})).
			Title("Explain sign-in ${correlationId}").
			Description("Every rule that matched the sign-ins of this correlation ID, in precedence order (rank 1 is the cause the tables show), and the sign-in's values each rule read. Click a correlation ID in a table above, or paste one (from the Entra admin center's Activity details) into the Correlation ID box. Until then this panel asks for one.").
			GridPos(dashboard.GridPos{H: 10, W: 24, X: 0, Y: 35}).
			Overrides(overrides(column("time", "Time", 160),
				column("rank", "Rank", 60),
				column("ruleId", "Rule", 200),
				column("cause", "Cause", 360, prop("custom.wrapText", true)),
				column("nextSteps", "Next steps", 400, prop("custom.wrapText", true)),
				column("inputs", "Values the rule read", 360, prop("custom.wrapText", true)),
				byName("severity", prop("displayName", "Severity"),
					prop("mappings", severityColors),
					prop("custom.cellOptions", map[string]any{"type": "color-text"})))))
}
