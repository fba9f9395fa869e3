package provisioning

import (
	"github.com/grafana/grafana-foundation-sdk/go/barchart"
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/stat"
	"github.com/grafana/grafana-foundation-sdk/go/table"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"
)

// The panel kinds the Sign-in Diagnostics dashboards share, so that panels of one kind look and read alike on
// every dashboard. Each helper sets what its panels have in common; a panel adds its own settings after it,
// and since the SDK's setters replace rather than add, a panel can also change one the helper set.

// series is a series drawn in a colour of its own: the field the query returns, the name shown and the colour.
type series struct{ field, name, color string }

var (
	// outcomes are the groups of a timeseries query grouped by status.
	outcomes = []series{{"success", "Successful", "green"}, {"interrupted", "Interrupted", "orange"}, {"failure", "Failed", "red"}}
	// outcomeCounts are the same outcomes as the columns of a breakdown query.
	outcomeCounts = []series{{"successes", "Successful", "green"}, {"interrupts", "Interrupted", "orange"}, {"failures", "Failed", "red"}}
	// failuresAndUsers are a breakdown's failures and the users they hit.
	failuresAndUsers = []series{{"failures", "Failures", "red"}, {"users", "Users affected", "blue"}}
)

// colored names and colours each series.
func colored(ss []series) []cog.Builder[dashboard.DashboardFieldConfigSourceOverrides] {
	o := make([]cog.Builder[dashboard.DashboardFieldConfigSourceOverrides], 0, len(ss))
	for _, s := range ss {
		o = append(o, byName(s.field, prop("displayName", s.name), fixedColor(s.color)))
	}
	return o
}

// The table cell settings the dashboards share.
var (
	wrapText  = prop("custom.wrapText", true)
	colorText = prop("custom.cellOptions", map[string]any{"type": "color-text"})
	localTime = prop("unit", "dateTimeAsLocal")
)

func palette() *dashboard.FieldColorBuilder {
	return dashboard.NewFieldColorBuilder().Mode("palette-classic")
}

func fixedScheme(color string) *dashboard.FieldColorBuilder {
	return dashboard.NewFieldColorBuilder().Mode("fixed").FixedColor(color)
}

// keepFields keeps only the named fields of the query's frame, in that order.
func keepFields(names ...string) []dashboard.DataTransformerConfig {
	return []dashboard.DataTransformerConfig{{Id: "filterFieldsByName", Options: map[string]any{"include": map[string]any{"names": names}}}}
}

// totalsLegend is a legend table of every series with its total over the time range, largest first.
func totalsLegend(placement common.LegendPlacement) *common.VizLegendOptionsBuilder {
	return common.NewVizLegendOptionsBuilder().DisplayMode("table").Placement(placement).ShowLegend(true).
		SortBy("Total").SortDesc(true).Calcs([]string{"sum"})
}

// listLegend is the plain list of series under the panel.
func listLegend() *common.VizLegendOptionsBuilder {
	return common.NewVizLegendOptionsBuilder().DisplayMode("list").Placement("bottom").ShowLegend(true)
}

func tooltip(mode common.TooltipDisplayMode, sort common.SortOrder) *common.VizTooltipOptionsBuilder {
	return common.NewVizTooltipOptionsBuilder().Mode(mode).Sort(sort)
}

// sumOver reduces each series to its sum over the time range; fields, if not empty, picks the series shown.
func sumOver(fields string) *common.ReduceDataOptionsBuilder {
	r := common.NewReduceDataOptionsBuilder().Values(false).Calcs([]string{"sum"})
	if fields != "" {
		r.Fields(fields)
	}
	return r
}

func sortDesc(column string) []cog.Builder[common.TableSortByFieldState] {
	return []cog.Builder[common.TableSortByFieldState]{common.NewTableSortByFieldStateBuilder().DisplayName(column).Desc(true)}
}

// emptyAs shows an empty value as text: a breakdown's group for the sign-ins that do not report the field.
func emptyAs(text string) []dashboard.ValueMapping {
	return []dashboard.ValueMapping{{SpecialValueMap: &dashboard.SpecialValueMap{Type: "special", Options: dashboard.DashboardSpecialValueMapOptions{
		Match: "empty", Result: dashboard.ValueMappingResult{Text: ptr(text), Index: ptr[int32](0)}}}}}
}

// emptyCellAs is emptyAs for a table column.
func emptyCellAs(text string) dashboard.DynamicConfigValue {
	return prop("mappings", []any{map[string]any{"type": "special", "options": map[string]any{"match": "empty", "result": map[string]any{"text": text, "index": 0}}}})
}

// queryAnnotation marks the dashboard's graphs with the events a query of the data source returns.
func queryAnnotation(name, color string, q Query) *dashboard.AnnotationQueryBuilder {
	return dashboard.NewAnnotationQueryBuilder().Name(name).Datasource(dataSource).IconColor(color).Target(target(q))
}

// countTimeseries is a time series of sign-in counts per 15 minutes: stacked bars in the classic palette, with
// a legend table of each series' total, largest first, where the panel has room for it.
func countTimeseries(id uint32, q Query, title, description string, pos dashboard.GridPos, legend common.LegendPlacement) *timeseries.PanelBuilder {
	return timeseries.NewPanelBuilder().
		Id(id).WithTarget(target(q)).Title(title).Description(description).Datasource(dataSource).GridPos(pos).
		Interval("15m").Unit("short").Decimals(0).Min(0).ColorScheme(palette()).
		Legend(totalsLegend(legend)).Tooltip(tooltip("multi", "desc")).
		DrawStyle("bars").GradientMode("none").LineWidth(1).LineInterpolation("smooth").FillOpacity(80).
		ShowPoints("never").AxisSoftMin(0).BarAlignment(0).Stacking(stacking("normal")).
		SpanNulls(common.BoolOrFloat64{Bool: ptr(false)})
}

func stacking(mode common.StackingMode) *common.StackingConfigBuilder {
	return common.NewStackingConfigBuilder().Mode(mode).Group("A")
}

// countStat is a stat of sign-in counts summed over the time range, on a coloured background.
func countStat(id uint32, q Query, title, description string, pos dashboard.GridPos) *stat.PanelBuilder {
	return stat.NewPanelBuilder().
		Id(id).WithTarget(target(q)).Title(title).Description(description).Datasource(dataSource).GridPos(pos).
		Interval("15m").Unit("short").Decimals(0).ColorMode("background").ReduceOptions(sumOver("")).
		PercentChangeColorMode(common.PercentChangeColorModeStandard)
}

// outcomeStat is a countStat of a query grouped by status: a tile per outcome in its colour.
func outcomeStat(id uint32, q Query, title, description string, pos dashboard.GridPos) *stat.PanelBuilder {
	return countStat(id, q, title, description, pos).ColorScheme(fixedScheme("blue")).Overrides(colored(outcomes)).
		TextMode("value_and_name")
}

// breakdownBars is a horizontal bar chart of a breakdown query: a group of bars per value of the query's
// groupBy, one bar per series in its colour.
func breakdownBars(id uint32, q Query, title, description string, pos dashboard.GridPos, bars []series) *barchart.PanelBuilder {
	fields := []string{q.GroupBy}
	for _, s := range bars {
		fields = append(fields, s.field)
	}
	return barchart.NewPanelBuilder().
		Id(id).WithTarget(target(q)).Title(title).Description(description).Datasource(dataSource).GridPos(pos).
		Transformations(keepFields(fields...)).Unit("short").Decimals(0).ColorScheme(palette()).Overrides(colored(bars)).
		XField(q.GroupBy).Orientation("horizontal").XTickLabelMaxLength(36).Stacking("none").ShowValue("auto").
		BarWidth(0.9).Legend(listLegend()).Tooltip(tooltip("multi", "none")).GradientMode("none").AxisSoftMin(0)
}

// userBreakdownTable is one user's sign-ins per value of the query's groupBy: how many, how many failed, and
// when last seen, the most used first. props set the groupBy column.
func userBreakdownTable(id uint32, q Query, title, description string, pos dashboard.GridPos, props ...dashboard.DynamicConfigValue) *table.PanelBuilder {
	return newTable().
		Id(id).WithTarget(target(q)).Title(title).Description(description).GridPos(pos).
		Transformations(keepFields(q.GroupBy, "total", "failures", "lastSeen")).
		Overrides(overrides(byName(q.GroupBy, props...),
			byName("total", prop("displayName", "Sign-ins")),
			byName("failures", prop("displayName", "Failed"), colorText, fixedColor("red")),
			byName("lastSeen", prop("displayName", "Last seen"), localTime))).
		SortBy(sortDesc("Sign-ins"))
}

// failureCountColumns are the counts of a failure breakdown: failures, users hit, first and last seen.
func failureCountColumns() []cog.Builder[dashboard.DashboardFieldConfigSourceOverrides] {
	return overrides(column("failures", "Failures", 90),
		column("users", "Users", 80),
		column("firstSeen", "First seen", 160, localTime),
		column("lastSeen", "Last seen", 160, localTime))
}

func severityColumn() cog.Builder[dashboard.DashboardFieldConfigSourceOverrides] {
	return column("severity", "Severity", 90, prop("mappings", severityColors), colorText)
}

// signInLinkColumns are the columns of a table of sign-ins that lead on: the correlation ID to the explanation
// of the sign-in, the error code to Microsoft's page for it, the request ID to the Entra admin center.
func signInLinkColumns() []cog.Builder[dashboard.DashboardFieldConfigSourceOverrides] {
	return overrides(column("correlationId", "Correlation ID", 300, prop("links", []any{map[string]any{"title": "Explain this sign-in: every rule that matched and the values it read", "url": "/d/sigdiag-user/troubleshoot-a-user?var-datasource=${datasource}&var-user=${__data.fields.user}&var-correlationId=${__data.fields.correlationId}&${__url_time_range}"}})),
		column("lookupUrl", "Error code page", 220, prop("links", []any{map[string]any{"title": "Microsoft's page for error ${__data.fields.errorCode}", "url": "${__data.fields.lookupUrl}", "targetBlank": true}})),
		column("requestId", "Request ID", 300, prop("links", []any{map[string]any{"title": "Open the sign-in logs in the Microsoft Entra admin center (search for this request ID)", "url": "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/SignInEventsV3Blade", "targetBlank": true}})))
}
