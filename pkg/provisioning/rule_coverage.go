package provisioning

import (
	"slices"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

var _ = addDashboard("dashboards/sign-in-diagnostics/rule-coverage.json", ruleCoverage)

// ruleCoverage shows how well the rules explain the tenant's failures and which error codes need a rule next.
func ruleCoverage() *dashboard.DashboardBuilder {
	return newDashboard("sigdiag-rule-coverage", "Rule coverage",
		"How well the rules explain the tenant's failures: failures by rule over time, the failures no rule explains, the error codes to write rules for next, and the searchable catalogue of loaded rules.").
		WithPanel(countTimeseries(1, Query{QueryType: query.TypeTimeSeries, Status: query.StatusFailure, GroupBy: "rule", TopN: 10},
			"Failures by rule",
			"Failed sign-ins per interval by the rule that explained them (its ruleId; the 10 largest, the rest summed as 'other'). 'unmapped' is the fallback for codes no rule covers: it should stay flat near zero.",
			dashboard.GridPos{H: 9, W: 18, X: 0, Y: 0}, "right").
			Overrides(overrides(byName("unmapped", fixedColor("red"))))).
		WithPanel(countStat(2, Query{QueryType: query.TypeTimeSeries, Status: query.StatusFailure, GroupBy: "rule", TopN: 100},
			"Failures no rule explains",
			"Failed sign-ins in the time range that got the 'unmapped' fallback because no rule covers their error code. Zero is the goal; the table below says which codes to write rules for.",
			dashboard.GridPos{H: 9, W: 6, X: 18, Y: 0}).
			Thresholds(dashboard.NewThresholdsConfigBuilder().
				Mode("absolute").
				Steps([]dashboard.Threshold{{Color: "green"},
					{Value: cog.ToPtr[float64](1), Color: "orange"}})).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode("thresholds")).
			NoValue("0").
			GraphMode("area").
			JustifyMode("center").
			TextMode("value").
			ReduceOptions(sumOver("/^unmapped$/")).
			Orientation("auto")).
		WithPanel(newTable().
			Id(3).
			WithTarget(target(Query{QueryType: query.TypeBreakdown, Status: query.StatusFailure, GroupBy: "errorCode", TopN: 100})).
			Title("Error codes to write rules for next").
			Description("Failed sign-ins per error code, most frequent first, with the cause the rules give each code. Rows whose cause starts **\"No rule covers\"** (in red) are codes no rule explains yet: their sign-ins get the `unmapped` fallback, whose only next step is Microsoft's lookup page. Write a rule for the top ones first: README \"Writing a rule for a code you have never seen\" walks through it, from the lookup page to a tested catalogue entry or contextual rule. The other rows show the cause a rule already gives the code; if it is wrong for your tenant, override it with a rule of the same ruleId.").
			GridPos(dashboard.GridPos{H: 11, W: 24, X: 0, Y: 9}).
			Transformations(keepFields("errorCode", "failures", "users", "firstSeen", "lastSeen", "cause", "nextSteps")).
			Overrides(slices.Concat(overrides(column("errorCode", "Error code", 100)),
				failureCountColumns(),
				overrides(byName("cause", prop("displayName", "Cause"),
					colorText,
					wrapText,
					prop("custom.width", 480),
					prop("mappings", []any{map[string]any{"type": "regex", "options": map[string]any{"pattern": "^No rule covers.*", "result": map[string]any{"color": "red", "index": 0}}}})),
					column("nextSteps", "Next steps", 480, wrapText)))).
			SortBy(sortDesc("Failures"))).
		WithPanel(newTable().
			Id(4).
			WithTarget(target(Query{QueryType: query.TypeRules})).
			Title("Rule catalogue").
			Description("Every loaded rule and catalogue entry: built-in, from the data source's inline rules, or from its rules folder. Use the filter icon in a column header to search (for example the codes column for an error code, or the source column for your own rules); 'location' is the file and row of the rule.").
			GridPos(dashboard.GridPos{H: 14, W: 24, X: 0, Y: 20}).
			Overrides(overrides(column("ruleId", "Rule", 220),
				column("title", "Title", 280),
				column("description", "Description", 420, wrapText),
				column("codes", "Codes", 140),
				severityColumn())))
}
