package provisioning

import (
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/stat"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

var _ = addDashboard("dashboards/sign-in-diagnostics/rule-coverage.json", ruleCoverage)

// ruleCoverage shows how well the rules explain the tenant's failures and which error codes need a rule next.
func ruleCoverage() *dashboard.DashboardBuilder {
	return newDashboard("sigdiag-rule-coverage", "Rule coverage",
		"How well the rules explain the tenant's failures: failures by rule over time, the failures no rule explains, the error codes to write rules for next, and the searchable catalogue of loaded rules.").
		WithPanel(timeseries.NewPanelBuilder().
			Id(1).
			WithTarget(target(Query{QueryType: query.TypeTimeSeries, Status: query.StatusFailure, GroupBy: "rule", TopN: 10})).
			Title("Failures by rule").
			Description("Failed sign-ins per interval by the rule that explained them (its ruleId; the 10 largest, the rest summed as 'other'). 'unmapped' is the fallback for codes no rule covers: it should stay flat near zero.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 9, W: 18, X: 0, Y: 0}).
			Interval("15m").
			Unit("short").
			Decimals(0).
			Min(0).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("palette-classic")).
			Overrides(overrides(byName("unmapped", fixedColor("red")))).
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
			WithTarget(target(Query{QueryType: query.TypeTimeSeries, Status: query.StatusFailure, GroupBy: "rule", TopN: 100})).
			Title("Failures no rule explains").
			Description("Failed sign-ins in the time range that got the 'unmapped' fallback because no rule covers their error code. Zero is the goal; the table below says which codes to write rules for.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 9, W: 6, X: 18, Y: 0}).
			Interval("15m").
			Unit("short").
			Decimals(0).
			Thresholds(dashboard.NewThresholdsConfigBuilder().
				Mode("absolute").
				Steps([]dashboard.Threshold{{Color: "green"},
					{Value: cog.ToPtr[float64](1), Color: "orange"}})).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("thresholds")).
			NoValue("0").
			GraphMode("area").
			ColorMode("background").
			JustifyMode("center").
			TextMode("value").
			ReduceOptions(common.NewReduceDataOptionsBuilder().
				Values(false).
				Calcs([]string{"sum"}).
				Fields("/^unmapped$/")).
			PercentChangeColorMode(common.PercentChangeColorModeStandard).
			Orientation("auto")).
		WithPanel(newTable().
			Id(3).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusFailure, GroupBy: "errorCode", TopN: 100})).
			Title("Error codes to write rules for next").
			Description("Failed sign-ins per error code, most frequent first, with the cause the rules give each code. Rows whose cause starts **\"No rule covers\"** (in red) are codes no rule explains yet: their sign-ins get the `unmapped` fallback, whose only next step is Microsoft's lookup page. Write a rule for the top ones first: README \"Writing a rule for a code you have never seen\" walks through it, from the lookup page to a tested catalogue entry or contextual rule. The other rows show the cause a rule already gives the code; if it is wrong for your tenant, override it with a rule of the same ruleId.").
			GridPos(dashboard.GridPos{H: 11, W: 24, X: 0, Y: 9}).
			Transformations([]dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"errorCode", "failures", "users", "firstSeen", "lastSeen", "cause", "nextSteps"}}}}}).
			Overrides(overrides(column("errorCode", "Error code", 100),
				column("failures", "Failures", 90),
				column("users", "Users", 80),
				column("firstSeen", "First seen", 160, prop("unit", "dateTimeAsLocal")),
				column("lastSeen", "Last seen", 160, prop("unit", "dateTimeAsLocal")),
				byName("cause", prop("displayName", "Cause"),
					prop("custom.cellOptions", map[string]any{"type": "color-text"}),
					prop("custom.wrapText", true),
					prop("custom.width", 480),
					prop("mappings", []any{map[string]any{"type": "regex", "options": map[string]any{"pattern": "^No rule covers.*", "result": map[string]any{"color": "red", "index": 0}}}})),
				column("nextSteps", "Next steps", 480, prop("custom.wrapText", true)))).
			SortBy([]cog.Builder[common.TableSortByFieldState]{common.NewTableSortByFieldStateBuilder().
				DisplayName("Failures").
				Desc(true)})).
		WithPanel(newTable().
			Id(4).
			WithTarget(target(Query{QueryType: query.TypeRules})).
			Title("Rule catalogue").
			Description("Every loaded rule and catalogue entry: built-in, from the data source's inline rules, or from its rules folder. Use the filter icon in a column header to search (for example the codes column for an error code, or the source column for your own rules); 'location' is the file and row of the rule.").
			GridPos(dashboard.GridPos{H: 14, W: 24, X: 0, Y: 20}).
			Overrides(overrides(column("ruleId", "Rule", 220),
				column("title", "Title", 280),
				column("description", "Description", 420, prop("custom.wrapText", true)),
				column("codes", "Codes", 140),
				column("severity", "Severity", 90, prop("mappings", severityColors), prop("custom.cellOptions", map[string]any{"type": "color-text"})))))
}
