package provisioning

import (
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/stat"
	"github.com/grafana/grafana-foundation-sdk/go/table"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

var _ = addDashboard("dashboards/sign-in-diagnostics/rule-coverage.json", ruleCoverage)

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
			Overrides(overrides(byName("unmapped", prop("color", map[string]any{"mode": "fixed", "fixedColor": "red"})))).
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
				Steps([]dashboard.Threshold{dashboard.Threshold{Color: "green"},
					dashboard.Threshold{Value: cog.ToPtr[float64](1), Color: "orange"}})).
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
		WithPanel(table.NewPanelBuilder().
			Id(3).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusFailure, GroupBy: "errorCode", TopN: 100})).
			Title("Error codes to write rules for next").
			Description("Failed sign-ins per error code, most frequent first, with the cause the rules give each code. Rows whose cause starts **\"No rule covers\"** (in red) are codes no rule explains yet: their sign-ins get the `unmapped` fallback, whose only next step is Microsoft's lookup page. Write a rule for the top ones first: README \"Writing a rule for a code you have never seen\" walks through it, from the lookup page to a tested catalogue entry or contextual rule. The other rows show the cause a rule already gives the code; if it is wrong for your tenant, override it with a rule of the same ruleId.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 11, W: 24, X: 0, Y: 9}).
			Transformations([]dashboard.DataTransformerConfig{dashboard.DataTransformerConfig{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": []any{"errorCode", "failures", "users", "firstSeen", "lastSeen", "cause", "nextSteps"}}}}}).
			Thresholds(dashboard.NewThresholdsConfigBuilder().
				Mode("absolute").
				Steps([]dashboard.Threshold{dashboard.Threshold{Color: "text"}})).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("thresholds")).
			Overrides(overrides(byName("errorCode", prop("displayName", "Error code"), prop("custom.width", 100)),
				byName("failures", prop("displayName", "Failures"), prop("custom.width", 90)),
				byName("users", prop("displayName", "Users"), prop("custom.width", 80)),
				byName("firstSeen", prop("displayName", "First seen"),
					prop("unit", "dateTimeAsLocal"),
					prop("custom.width", 160)),
				byName("lastSeen", prop("displayName", "Last seen"),
					prop("unit", "dateTimeAsLocal"),
					prop("custom.width", 160)),
				byName("cause", prop("displayName", "Cause"),
					prop("custom.cellOptions", map[string]any{"type": "color-text"}),
					prop("custom.wrapText", true),
					prop("custom.width", 480),
					prop("mappings", []any{map[string]any{"type": "regex", "options": map[string]any{"pattern": "^No rule covers.*", "result": map[string]any{"color": "red", "index": 0}}}})),
				byName("nextSteps", prop("displayName", "Next steps"),
					prop("custom.wrapText", true),
					prop("custom.width", 480)))).
			SortBy([]cog.Builder[common.TableSortByFieldState]{common.NewTableSortByFieldStateBuilder().
				DisplayName("Failures").
				Desc(true)}).
			CellHeight("sm").
			Align("auto").
			CellOptions(common.TableAutoCellOptionsOrTableSparklineCellOptionsOrTableBarGaugeCellOptionsOrTableColoredBackgroundCellOptionsOrTableColorTextCellOptionsOrTableImageCellOptionsOrTableDataLinksCellOptionsOrTableActionsCellOptionsOrTableJsonViewCellOptions{TableAutoCellOptions: cog.ToPtr[common.TableAutoCellOptions](common.TableAutoCellOptions{Type: "auto"})}).
			Inspect(true).
			Filterable(true)).
		WithPanel(table.NewPanelBuilder().
			Id(4).
			WithTarget(target(Query{QueryType: query.TypeRules})).
			Title("Rule catalogue").
			Description("Every loaded rule and catalogue entry: built-in, from the data source's inline rules, or from its rules folder. Use the filter icon in a column header to search (for example the codes column for an error code, or the source column for your own rules); 'location' is the file and row of the rule.").
			Datasource(dataSource).
			GridPos(dashboard.GridPos{H: 14, W: 24, X: 0, Y: 20}).
			Thresholds(dashboard.NewThresholdsConfigBuilder().
				Mode("absolute").
				Steps([]dashboard.Threshold{dashboard.Threshold{Color: "text"}})).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("thresholds")).
			Overrides(overrides(byName("ruleId", prop("displayName", "Rule"), prop("custom.width", 220)),
				byName("title", prop("displayName", "Title"), prop("custom.width", 280)),
				byName("description", prop("displayName", "Description"),
					prop("custom.wrapText", true),
					prop("custom.width", 420)),
				byName("codes", prop("displayName", "Codes"), prop("custom.width", 140)),
				byName("severity", prop("displayName", "Severity"),
					prop("mappings", []any{map[string]any{"type": "value", "options": map[string]any{"low": map[string]any{"color": "blue", "index": 3}, "info": map[string]any{"color": "green", "index": 4}, "critical": map[string]any{"color": "dark-red", "index": 0}, "high": map[string]any{"color": "red", "index": 1}, "medium": map[string]any{"color": "orange", "index": 2}}}}),
					prop("custom.cellOptions", map[string]any{"type": "color-text"}),
					prop("custom.width", 90)))).
			CellHeight("sm").
			Align("auto").
			CellOptions(common.TableAutoCellOptionsOrTableSparklineCellOptionsOrTableBarGaugeCellOptionsOrTableColoredBackgroundCellOptionsOrTableColorTextCellOptionsOrTableImageCellOptionsOrTableDataLinksCellOptionsOrTableActionsCellOptionsOrTableJsonViewCellOptions{TableAutoCellOptions: cog.ToPtr[common.TableAutoCellOptions](common.TableAutoCellOptions{Type: "auto"})}).
			Inspect(true).
			Filterable(true))
}
