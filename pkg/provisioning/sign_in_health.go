package provisioning

import (
	"github.com/grafana/grafana-foundation-sdk/go/barchart"
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/piechart"
	"github.com/grafana/grafana-foundation-sdk/go/stat"
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
		Annotation(dashboard.NewAnnotationQueryBuilder().
			Name("Suspicious patterns").
			Datasource(dataSource).
			IconColor("red").
			Target(target(Query{RefID: "Anno", QueryType: query.TypePatterns}))).
		Annotation(dashboard.NewAnnotationQueryBuilder().
			Name("Rule changes").
			Datasource(dataSource).
			IconColor("purple").
			Target(target(Query{RefID: "Anno", QueryType: query.TypeAnnotations}))).
		WithPanel(stat.NewPanelBuilder().
			Id(1).
			WithTarget(target(Query{QueryType: query.TypeTimeSeries, Status: query.StatusAll, App: "$app", GroupBy: "status"})).
			Title("Sign-ins by outcome").
			Description("Sign-ins in the time range by the status the rules give them: successful, interrupted (a normal step of a sign-in such as an MFA prompt, which usually ends in a success a moment later) and failed. The sparkline shows each over time.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 6, W: 12, X: 0, Y: 0}).
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
			GraphMode("area").
			ColorMode("background").
			JustifyMode("center").
			TextMode("value_and_name").
			ReduceOptions(common.NewReduceDataOptionsBuilder().
				Values(false).
				Calcs([]string{"sum"})).
			PercentChangeColorMode(common.PercentChangeColorModeStandard).
			Orientation("vertical")).
		WithPanel(timeseries.NewPanelBuilder().
			Id(3).
			WithTarget(target(Query{QueryType: query.TypeTimeSeries, Status: query.StatusAll, App: "$app", Metric: "users"})).
			Title("Distinct users signing in").
			Description("How many different users signed in (any outcome) in each interval: one hour at the default 24-hour range. A sudden rise at night, or from one country, is worth a look; compare with the failed tiles.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 6, W: 12, X: 12, Y: 0}).
			Interval("1h").
			DisplayName("Users").
			Unit("short").
			Decimals(0).
			Min(0).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("fixed").
				FixedColor("blue")).
			Legend(common.NewVizLegendOptionsBuilder().
				DisplayMode("table").
				Placement("bottom").
				ShowLegend(true).
				SortBy("Total").
				SortDesc(true).
				Calcs([]string{"sum"})).
			Tooltip(common.NewVizTooltipOptionsBuilder().
				Mode("multi").
				Sort("desc")).
			DrawStyle("line").
			GradientMode("none").
			LineWidth(1).
			LineInterpolation("smooth").
			FillOpacity(20).
			ShowPoints("never").
			AxisSoftMin(0).
			BarAlignment(0).
			Stacking(common.NewStackingConfigBuilder().
				Mode("none").
				Group("A")).
			SpanNulls(common.BoolOrFloat64{Bool: ptr(false)})).
		WithPanel(timeseries.NewPanelBuilder().
			Id(2).
			WithTarget(target(Query{QueryType: query.TypeTimeSeries, Status: query.StatusFailure, App: "$app", GroupBy: "cause", TopN: 8})).
			Title("Failures by cause").
			Description("Failed sign-ins per interval, by the cause the winning rule gives them (the 8 largest causes; the rest are summed as 'other'). A bar that towers over its neighbours is an incident: hover it for the cause, then read the next steps in 'Top causes and next steps' below.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 9, W: 24, X: 0, Y: 6}).
			Interval("15m").
			Unit("short").
			Decimals(0).
			Min(0).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("palette-classic")).
			Legend(common.NewVizLegendOptionsBuilder().
				DisplayMode("table").
				Placement("bottom").
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
		WithPanel(newTable().
			Id(4).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusFailure, App: "$app", GroupBy: "cause", TopN: 15})).
			Title("Top causes and next steps").
			Description("The causes of the failed sign-ins in the time range, largest first: how many failures, how many users, when first and last seen, and what to do (one step per line, each saying who acts).").
			GridPos(dashboard.GridPos{H: 10, W: 24, X: 0, Y: 15}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"cause", "failures", "users", "firstSeen", "lastSeen", "nextSteps"}}}}}).
			Overrides(overrides(column("cause", "Explanation", 420, prop("custom.wrapText", true)),
				dashboard.NewDashboardFieldConfigSourceOverridesBuilder().
					Matcher(dashboard.MatcherConfig{Id: "first"}).
					Properties([]dashboard.DynamicConfigValue{prop("displayName", "Cause"),
						prop("custom.wrapText", false),
						prop("custom.width", 280)}),
				column("nextSteps", "Next steps", 560, prop("custom.wrapText", true)),
				column("failures", "Failures", 90),
				column("users", "Users", 80),
				column("firstSeen", "First seen", 160, prop("unit", "dateTimeAsLocal")),
				column("lastSeen", "Last seen", 160, prop("unit", "dateTimeAsLocal")))).
			SortBy([]cog.Builder[common.TableSortByFieldState]{common.NewTableSortByFieldStateBuilder().
				DisplayName("Failures").
				Desc(true)})).
		WithPanel(barchart.NewPanelBuilder().
			Id(5).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusFailure, App: "$app", GroupBy: "app", TopN: 10})).
			Title("Failures by app").
			Description("Failed sign-ins and the users they hit, per application (the 10 apps with the most failures).").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 9, W: 8, X: 0, Y: 25}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"app", "failures", "users"}}}}}).
			Unit("short").
			Decimals(0).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("palette-classic")).
			Overrides(overrides(byName("failures", prop("displayName", "Failures"),
				fixedColor("red")),
				byName("users", prop("displayName", "Users affected"),
					fixedColor("blue")))).
			XField("app").
			Orientation("horizontal").
			XTickLabelMaxLength(36).
			Stacking("none").
			ShowValue("auto").
			BarWidth(0.9).
			Legend(common.NewVizLegendOptionsBuilder().
				DisplayMode("list").
				Placement("bottom").
				ShowLegend(true)).
			Tooltip(common.NewVizTooltipOptionsBuilder().
				Mode("multi").
				Sort("none")).
			GradientMode("none").
			AxisSoftMin(0)).
		WithPanel(barchart.NewPanelBuilder().
			Id(6).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusFailure, App: "$app", GroupBy: "country", TopN: 10})).
			Title("Failures by country").
			Description("Failed sign-ins and the users they hit, per country of the sign-in's IP address (ISO code). Failures from a country where nobody works are often attacks: filter the recent failures table by that country.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 9, W: 8, X: 8, Y: 25}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"country", "failures", "users"}}}}}).
			Unit("short").
			Decimals(0).
			Mappings([]dashboard.ValueMapping{dashboard.ValueMapOrRangeMapOrRegexMapOrSpecialValueMap{SpecialValueMap: cog.ToPtr[dashboard.SpecialValueMap](dashboard.SpecialValueMap{Type: "special", Options: dashboard.DashboardSpecialValueMapOptions{Match: "empty", Result: dashboard.ValueMappingResult{Text: ptr("(unknown)"), Index: cog.ToPtr[int32](0)}}})}}).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("palette-classic")).
			Overrides(overrides(byName("failures", prop("displayName", "Failures"),
				fixedColor("red")),
				byName("users", prop("displayName", "Users affected"),
					fixedColor("blue")))).
			XField("country").
			Orientation("horizontal").
			XTickLabelMaxLength(36).
			Stacking("none").
			ShowValue("auto").
			BarWidth(0.9).
			Legend(common.NewVizLegendOptionsBuilder().
				DisplayMode("list").
				Placement("bottom").
				ShowLegend(true)).
			Tooltip(common.NewVizTooltipOptionsBuilder().
				Mode("multi").
				Sort("none")).
			GradientMode("none").
			AxisSoftMin(0)).
		WithPanel(barchart.NewPanelBuilder().
			Id(7).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusFailure, App: "$app", GroupBy: "clientApp", TopN: 10})).
			Title("Failures by client app").
			Description("Failed sign-ins and the users they hit, per client app (clientAppUsed). Anything other than Browser and Mobile Apps and Desktop clients is legacy authentication: see 'Legacy authentication share'.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 9, W: 8, X: 16, Y: 25}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"clientApp", "failures", "users"}}}}}).
			Unit("short").
			Decimals(0).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("palette-classic")).
			Overrides(overrides(byName("failures", prop("displayName", "Failures"),
				fixedColor("red")),
				byName("users", prop("displayName", "Users affected"),
					fixedColor("blue")))).
			XField("clientApp").
			Orientation("horizontal").
			XTickLabelMaxLength(36).
			Stacking("none").
			ShowValue("auto").
			BarWidth(0.9).
			Legend(common.NewVizLegendOptionsBuilder().
				DisplayMode("list").
				Placement("bottom").
				ShowLegend(true)).
			Tooltip(common.NewVizTooltipOptionsBuilder().
				Mode("multi").
				Sort("none")).
			GradientMode("none").
			AxisSoftMin(0)).
		WithPanel(barchart.NewPanelBuilder().
			Id(8).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, App: "$app", GroupBy: "os", TopN: 10})).
			Title("Sign-ins by device operating system").
			Description("All sign-ins per device operating system, split by outcome. A platform whose red share stands out usually has a device-compliance or client problem (see the causes table).").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 9, W: 12, X: 0, Y: 34}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"os", "successes", "interrupts", "failures"}}}}}).
			Unit("short").
			Decimals(0).
			Mappings([]dashboard.ValueMapping{dashboard.ValueMapOrRangeMapOrRegexMapOrSpecialValueMap{SpecialValueMap: cog.ToPtr[dashboard.SpecialValueMap](dashboard.SpecialValueMap{Type: "special", Options: dashboard.DashboardSpecialValueMapOptions{Match: "empty", Result: dashboard.ValueMappingResult{Text: ptr("(not reported)"), Index: cog.ToPtr[int32](0)}}})}}).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("palette-classic")).
			Overrides(overrides(byName("successes", prop("displayName", "Successful"),
				fixedColor("green")),
				byName("interrupts", prop("displayName", "Interrupted"),
					fixedColor("orange")),
				byName("failures", prop("displayName", "Failed"),
					fixedColor("red")))).
			XField("os").
			Orientation("horizontal").
			XTickLabelMaxLength(36).
			Stacking("normal").
			ShowValue("auto").
			BarWidth(0.9).
			Legend(common.NewVizLegendOptionsBuilder().
				DisplayMode("list").
				Placement("bottom").
				ShowLegend(true)).
			Tooltip(common.NewVizTooltipOptionsBuilder().
				Mode("multi").
				Sort("none")).
			GradientMode("none").
			AxisSoftMin(0)).
		WithPanel(piechart.NewPanelBuilder().
			Id(9).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusAll, App: "$app", GroupBy: "clientApp", TopN: 20})).
			Title("Legacy authentication share").
			Description("Sign-ins by client app (clientAppUsed), all outcomes. **Browser** and **Mobile Apps and Desktop clients** use modern authentication. Every other client app is legacy (basic) authentication, which sends the password itself and cannot do MFA or satisfy most Conditional Access grant controls: Authenticated SMTP, AutoDiscover, Exchange ActiveSync, Exchange Online PowerShell, Exchange Web Services, IMAP4, MAPI Over HTTP, Offline Address Book, Other clients, Outlook Anywhere (RPC over HTTP), POP3, Reporting Web Services, SMTP and Universal Outlook (the list the rules use, `legacy_clients` in rules/lib.rego). Modern slices are green and blue, legacy slices are shades of red: the red share is what a Conditional Access policy blocking legacy authentication would stop. Password sprays favour legacy protocols.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 9, W: 12, X: 12, Y: 34}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"clientApp", "total"}}}}}).
			Unit("short").
			Decimals(0).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("shades").
				FixedColor("red")).
			Overrides(overrides(byName("Browser", fixedColor("green")),
				byName("Mobile Apps and Desktop clients", fixedColor("blue")))).
			PieType("donut").
			DisplayLabels([]piechart.PieChartLabels{"percent"}).
			Tooltip(common.NewVizTooltipOptionsBuilder().
				Mode("single").
				Sort("none")).
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
			Overrides(overrides(column("time", "Time", 160),
				column("user", "User", 240, prop("links", []any{map[string]any{"title": "Troubleshoot ${__data.fields.user}", "url": "/d/sigdiag-user/troubleshoot-a-user?var-datasource=${datasource}&var-user=${__data.fields.user}&${__url_time_range}"}})),
				column("app", "App", 180),
				column("errorCode", "Code", 80),
				column("severity", "Severity", 90, prop("mappings", severityColors), prop("custom.cellOptions", map[string]any{"type": "color-text"})),
				column("cause", "Cause", 380, prop("custom.wrapText", true)),
				column("nextSteps", "Next steps", 460, prop("custom.wrapText", true)),
				column("clientApp", "Client app", 150),
				column("ipAddress", "IP address", 130),
				column("country", "Country", 80),
				column("correlationId", "Correlation ID", 300, prop("links", []any{map[string]any{"title": "Explain this sign-in: every rule that matched and the values it read", "url": "/d/sigdiag-user/troubleshoot-a-user?var-datasource=${datasource}&var-user=${__data.fields.user}&var-correlationId=${__data.fields.correlationId}&${__url_time_range}"}})),
				column("lookupUrl", "Error code page", 220, prop("links", []any{map[string]any{"title": "Microsoft's page for error ${__data.fields.errorCode}", "url": "${__data.fields.lookupUrl}", "targetBlank": true}})),
				column("requestId", "Request ID", 300, prop("links", []any{map[string]any{"title": "Open the sign-in logs in the Microsoft Entra admin center (search for this request ID)", "url": "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/SignInEventsV3Blade", "targetBlank": true}}))))).
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
			Legend(common.NewVizLegendOptionsBuilder().
				DisplayMode("list").
				Placement("bottom").
				ShowLegend(true)).
			Tooltip(common.NewVizTooltipOptionsBuilder().
				Mode("multi").
				Sort(common.SortOrderNone)).
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
			Overrides(overrides(byName("severity", prop("custom.cellOptions", map[string]any{"type": "color-text"}),
				prop("mappings", []any{map[string]any{"type": "value", "options": map[string]any{"critical": map[string]any{"index": 0, "color": "dark-red"}, "high": map[string]any{"color": "red", "index": 1}, "medium": map[string]any{"color": "orange", "index": 2}, "low": map[string]any{"index": 3, "color": "yellow"}, "info": map[string]any{"color": "blue", "index": 4}}}})))).
			Footer(common.NewTableFooterOptionsBuilder().
				Show(false)).
			CellHeight("sm").
			Align(common.FieldTextAlignmentAuto).
			CellOptions(autoCells).
			Inspect(true))
}
