package provisioning

import (
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/prometheus"
	"github.com/grafana/grafana-foundation-sdk/go/stat"
	"github.com/grafana/grafana-foundation-sdk/go/statetimeline"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"
)

// The plugin health dashboard has a provider of its own, dashboards/plugin-health.yaml.
var _ = addDashboard("dashboards/plugin-health/plugin-health.json", pluginHealth)

// prometheusSource is the plugin health dashboard's data source: its "prometheus" variable, a Prometheus that
// scrapes the plugin's metrics from Grafana. It reads no Sign-in Diagnostics data source.
var prometheusSource = common.DataSourceRef{Type: ptr("prometheus"), Uid: ptr("${prometheus}")}

// pluginHealth is how the plugin itself runs, from its own metrics: the Graph budget and throttling, the
// sign-in cache, the rules, the queries and the Redis level, per data source.
func pluginHealth() *dashboard.DashboardBuilder {
	return dashboard.NewDashboardBuilder("Sign-in Diagnostics: plugin health").
		Uid("signin-plugin-health").
		Description("How the Sign-in Diagnostics plugin itself runs, from the metrics Grafana serves at /api/plugins/sigdiag-signindiagnostics-datasource/metrics, scraped into Prometheus: Graph budget use and throttling, cache efficiency, rule health, query latency and the Redis level, per data source.").
		Tags([]string{"sign-in-diagnostics", "plugin-health"}).
		Editable().
		Tooltip(dashboard.DashboardCursorSyncCrosshair).
		Refresh("1m").
		Time("now-6h", "now").
		Timezone(""). // the viewer's own
		Timepicker(dashboard.NewTimePickerBuilder()).
		Version(1).
		Annotation(builtInAnnotations()).
		WithVariable(dashboard.NewDatasourceVariableBuilder("prometheus").
			Label("Prometheus").
			Type("prometheus").
			Hide(dashboard.VariableHideDontHide).
			Current(dashboard.VariableOption{Text: text("Prometheus"), Value: text("prometheus")})).
		WithVariable(dashboard.NewQueryVariableBuilder("datasource_uid").
			Label("Data source UID").
			Datasource(prometheusSource).
			Definition("label_values(signin_diagnostics_rules_in_force, datasource_uid)").
			Query(dashboard.StringOrMap{Map: map[string]any{
				"qryType": 1,
				"query":   "label_values(signin_diagnostics_rules_in_force, datasource_uid)",
				"refId":   "PrometheusVariableQueryEditor-VariableQuery",
			}}).
			Refresh(dashboard.VariableRefreshOnTimeRangeChanged).
			IncludeAll(true).
			Multi(true).
			AllValue(".*").
			Current(dashboard.VariableOption{
				Text:  dashboard.StringOrArrayOfString{ArrayOfString: []string{"All"}},
				Value: dashboard.StringOrArrayOfString{ArrayOfString: []string{"$__all"}},
			}).
			Hide(dashboard.VariableHideDontHide).
			Sort(dashboard.VariableSortAlphabeticalAsc)).
		WithRow(healthRow(1, "Graph budget and throttling", 0)).
		WithPanel(healthTimeseries(2, "Graph requests per 10 s (budget: 5 per app and tenant)",
			"Requests sent to Microsoft Graph, retries included, by HTTP status, as an average per 10 seconds. Graph allows 5 requests per 10 seconds per app and tenant for sign-ins; the plugin's pacer keeps to it, so the total stays at or below the red line, shared by every panel and alert rule of the data source (and by every replica with Redis).",
			dashboard.GridPos{H: 8, W: 12, X: 0, Y: 1}, "short",
			promQuery("A", `sum by (datasource_uid, status) (rate(signin_diagnostics_source_requests_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])) * 10`,
				"{{datasource_uid}} {{status}}")).
			Thresholds(dashboard.NewThresholdsConfigBuilder().
				Mode(dashboard.ThresholdsModeAbsolute).
				Steps([]dashboard.Threshold{{Color: "green"}, {Color: "red", Value: ptr(5.0)}})).
			ThresholdsStyle(common.NewGraphThresholdsStyleConfigBuilder().
				Mode(common.GraphThresholdsStyleModeLineAndArea))).
		WithPanel(healthTimeseries(3, "Time waiting for the Graph budget",
			"Seconds per second that requests queued for the app's Graph budget before they were sent (1 means one request was always waiting). Sustained waiting means more panels, refreshes and alert rules than the budget serves: lengthen refresh intervals, or let the cache serve repeats.",
			dashboard.GridPos{H: 8, W: 12, X: 12, Y: 1}, "s",
			promQuery("A", `sum by (datasource_uid) (rate(signin_diagnostics_source_budget_wait_seconds_sum{datasource_uid=~"$datasource_uid"}[$__rate_interval]))`,
				"{{datasource_uid}}"))).
		WithPanel(healthTimeseries(4, "Throttling: 429 answers and Retry-After waits",
			"Answers with which Graph throttled the app (HTTP 429) per minute, and the seconds per minute spent waiting out Retry-After (or backing off) before retrying a throttled or unavailable answer. With the pacer these should stay near zero; steady throttling means another program uses the same app registration.",
			dashboard.GridPos{H: 8, W: 12, X: 0, Y: 9}, "short",
			promQuery("A", `sum by (datasource_uid) (rate(signin_diagnostics_source_throttled_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])) * 60`,
				"{{datasource_uid}} 429 per minute"),
			promQuery("B", `sum by (datasource_uid, status) (rate(signin_diagnostics_source_retry_wait_seconds_sum{datasource_uid=~"$datasource_uid"}[$__rate_interval])) * 60`,
				"{{datasource_uid}} seconds waited after {{status}} per minute"))).
		WithPanel(healthTimeseries(5, "Pages and sign-ins read from Graph",
			"Pages and sign-ins read from the source per minute.",
			dashboard.GridPos{H: 8, W: 12, X: 12, Y: 9}, "short",
			promQuery("A", `sum by (datasource_uid) (rate(signin_diagnostics_source_pages_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])) * 60`,
				"{{datasource_uid}} pages per minute"),
			promQuery("B", `sum by (datasource_uid) (rate(signin_diagnostics_source_rows_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])) * 60`,
				"{{datasource_uid}} sign-ins per minute"))).
		WithRow(healthRow(6, "Sign-in cache", 17)).
		WithPanel(healthTimeseries(7, "Cache hit ratio",
			"Share of the hour buckets that queries needed and the cache served without reading Graph (the Redis level's included). A low ratio with repeated dashboards means the cache is too small or ranges end in the still-changing last hours.",
			dashboard.GridPos{H: 8, W: 12, X: 0, Y: 18}, "percentunit",
			promQuery("A", `sum by (datasource_uid) (rate(signin_diagnostics_cache_hits_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])) / (sum by (datasource_uid) (rate(signin_diagnostics_cache_hits_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])) + sum by (datasource_uid) (rate(signin_diagnostics_cache_misses_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])))`,
				"{{datasource_uid}}")).
			Min(0).
			Max(1)).
		WithPanel(healthTimeseries(8, "Cache size, evictions and coalesced callers",
			"Bytes of compressed sign-ins the cache holds, buckets evicted per minute for its size bound, and callers per minute that shared another caller's identical Graph listing instead of reading Graph themselves.",
			dashboard.GridPos{H: 8, W: 12, X: 12, Y: 18}, "bytes",
			promQuery("A", `sum by (datasource_uid) (signin_diagnostics_cache_resident_bytes{datasource_uid=~"$datasource_uid"})`,
				"{{datasource_uid}} resident bytes"),
			promQuery("B", `sum by (datasource_uid) (rate(signin_diagnostics_cache_evictions_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])) * 60`,
				"{{datasource_uid}} evictions per minute"),
			promQuery("C", `sum by (datasource_uid) (rate(signin_diagnostics_cache_coalesced_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])) * 60`,
				"{{datasource_uid}} coalesced per minute")).
			OverrideByRegexp(".*per minute", []dashboard.DynamicConfigValue{prop("unit", "short"),
				prop("custom.axisPlacement", "right")})).
		WithRow(healthRow(9, "Rules", 26)).
		WithPanel(healthTimeseries(10, "Rule evaluation latency",
			"Time to evaluate the rules over one query's sign-ins: median and 95th percentile. A jump after a rule change points at the new rules.",
			dashboard.GridPos{H: 8, W: 8, X: 0, Y: 27}, "s",
			promQuery("A", `histogram_quantile(0.5, sum by (le, datasource_uid) (rate(signin_diagnostics_rule_evaluation_seconds_bucket{datasource_uid=~"$datasource_uid"}[$__rate_interval])))`,
				"{{datasource_uid}} p50"),
			promQuery("B", `histogram_quantile(0.95, sum by (le, datasource_uid) (rate(signin_diagnostics_rule_evaluation_seconds_bucket{datasource_uid=~"$datasource_uid"}[$__rate_interval])))`,
				"{{datasource_uid}} p95"))).
		WithPanel(healthTimeseries(11, "Rule memo hit ratio",
			"Share of decisions served from the memo without evaluating the rules. Dashboards that re-read the same sign-ins should stay high.",
			dashboard.GridPos{H: 8, W: 8, X: 8, Y: 27}, "percentunit",
			promQuery("A", `sum by (datasource_uid) (rate(signin_diagnostics_rule_memo_hits_total{datasource_uid=~"$datasource_uid"}[$__rate_interval])) / sum by (datasource_uid) (rate(signin_diagnostics_rule_decisions_total{datasource_uid=~"$datasource_uid"}[$__rate_interval]))`,
				"{{datasource_uid}}")).
			Min(0).
			Max(1)).
		WithPanel(stat.NewPanelBuilder().
			Id(12).
			Title("Rule set in force").
			Description("Rules and catalogue entries serving queries, the administrator's own rule sources among them, when the rule set was built, and how many changed rule sets were refused (the previous rules keep serving) over the dashboard's time range.").
			GridPos(dashboard.GridPos{H: 8, W: 8, X: 16, Y: 27}).
			Datasource(prometheusSource).
			WithTarget(promQuery("A", `max by (datasource_uid) (signin_diagnostics_rules_in_force{datasource_uid=~"$datasource_uid"})`,
				"{{datasource_uid}} rules")).
			WithTarget(promQuery("B", `max by (datasource_uid) (signin_diagnostics_rule_user_sources{datasource_uid=~"$datasource_uid"})`,
				"{{datasource_uid}} own sources")).
			WithTarget(promQuery("C", `max by (datasource_uid) (signin_diagnostics_rule_set_loaded_timestamp_seconds{datasource_uid=~"$datasource_uid"}) * 1000`,
				"{{datasource_uid}} built")).
			WithTarget(promQuery("D", `sum by (datasource_uid) (increase(signin_diagnostics_rule_set_loads_total{datasource_uid=~"$datasource_uid", outcome="refused"}[$__range]))`,
				"{{datasource_uid}} refused")).
			ReduceOptions(common.NewReduceDataOptionsBuilder().
				Calcs([]string{"lastNotNull"}).
				Fields("").
				Values(false)).
			Orientation(common.VizOrientationHorizontal).
			TextMode(common.BigValueTextModeValueAndName).
			ColorMode(common.BigValueColorModeValue).
			GraphMode(common.BigValueGraphModeNone).
			JustifyMode(common.BigValueJustifyModeAuto).
			Unit("short").
			Decimals(0).
			Thresholds(dashboard.NewThresholdsConfigBuilder().
				Mode(dashboard.ThresholdsModeAbsolute).
				Steps([]dashboard.Threshold{{Color: "text"}})).
			OverrideByRegexp(".* built", []dashboard.DynamicConfigValue{prop("unit", "dateTimeFromNow")}).
			OverrideByRegexp(".* refused", []dashboard.DynamicConfigValue{
				prop("thresholds", map[string]any{"mode": "absolute", "steps": []any{
					map[string]any{"color": "green", "value": nil}, map[string]any{"color": "red", "value": 1}}}),
				prop("color", map[string]any{"mode": "thresholds"})})).
		WithRow(healthRow(13, "Queries", 35)).
		WithPanel(healthTimeseries(14, "Query latency by type (95th percentile)",
			"95th percentile of the time to answer a query, by query type and outcome, from Grafana's call to the plugin's answer: Graph, its budget, the cache, the rules and the frames together.",
			dashboard.GridPos{H: 8, W: 12, X: 0, Y: 36}, "s",
			promQuery("A", `histogram_quantile(0.95, sum by (le, query_type, outcome) (rate(signin_diagnostics_query_duration_seconds_bucket{datasource_uid=~"$datasource_uid"}[$__rate_interval])))`,
				"{{query_type}} {{outcome}}"))).
		WithPanel(healthTimeseries(15, "Queries by type and outcome",
			"Queries answered per minute by query type and outcome (ok, or the kind of error: bad_request, timeout, too_many_requests, ...).",
			dashboard.GridPos{H: 8, W: 12, X: 12, Y: 36}, "short",
			promQuery("A", `sum by (query_type, outcome) (rate(signin_diagnostics_query_duration_seconds_count{datasource_uid=~"$datasource_uid"}[$__rate_interval])) * 60`,
				"{{query_type}} {{outcome}}"))).
		WithRow(healthRow(16, "Grafana cluster", 44)).
		WithPanel(statetimeline.NewPanelBuilder().
			Id(17).
			Title("Redis level").
			Description("Whether the replicas share the Graph budget and the sign-in cache through Redis (Shared), or this replica runs on its own share while Redis is unreachable (Degraded). Empty for data sources without Redis.").
			GridPos(dashboard.GridPos{H: 6, W: 24, X: 0, Y: 45}).
			Datasource(prometheusSource).
			WithTarget(promQuery("A", `max by (datasource_uid, instance) (signin_diagnostics_redis_shared{datasource_uid=~"$datasource_uid"})`,
				"{{datasource_uid}} {{instance}}")).
			ShowValue(common.VisibilityModeAuto).
			MergeValues(true).
			RowHeight(0.9).
			Legend(common.NewVizLegendOptionsBuilder().
				ShowLegend(false).
				DisplayMode(common.LegendDisplayModeList).
				Placement(common.LegendPlacementBottom)).
			Tooltip(tooltip(common.TooltipDisplayModeSingle, common.SortOrderNone)).
			ColorScheme(dashboard.NewFieldColorBuilder().
				Mode(dashboard.FieldColorModeIdThresholds)).
			Thresholds(dashboard.NewThresholdsConfigBuilder().
				Mode(dashboard.ThresholdsModeAbsolute).
				Steps([]dashboard.Threshold{{Color: "red"}, {Color: "green", Value: ptr(1.0)}})).
			Mappings([]dashboard.ValueMapping{{ValueMap: &dashboard.ValueMap{Type: dashboard.MappingTypeValueToText,
				Options: map[string]dashboard.ValueMappingResult{
					"0": {Text: ptr("Degraded"), Color: ptr("red"), Index: ptr[int32](0)},
					"1": {Text: ptr("Shared"), Color: ptr("green"), Index: ptr[int32](1)},
				}}}}))
}

// promQuery is a range query of the dashboard's Prometheus.
func promQuery(refID, expr, legend string) *prometheus.DataqueryBuilder {
	return prometheus.NewDataqueryBuilder().
		RefId(refID).
		Datasource(prometheusSource).
		Expr(expr).
		LegendFormat(legend).
		Range()
}

func healthRow(id uint32, title string, y uint32) *dashboard.RowBuilder {
	return dashboard.NewRowBuilder(title).
		Id(id).
		Collapsed(false).
		GridPos(dashboard.GridPos{H: 1, W: 24, X: 0, Y: y})
}

// healthTimeseries is a time series panel as the plugin health dashboard draws them: thin lines, a light
// fill, and a legend and tooltip of every series.
func healthTimeseries(id uint32, title, description string, pos dashboard.GridPos, unit string, queries ...*prometheus.DataqueryBuilder) *timeseries.PanelBuilder {
	p := timeseries.NewPanelBuilder().
		Id(id).
		Title(title).
		Description(description).
		GridPos(pos).
		Datasource(prometheusSource).
		Unit(unit).
		DrawStyle(common.GraphDrawStyleLine).
		LineWidth(1).
		FillOpacity(10).
		ShowPoints(common.VisibilityModeNever).
		Legend(listLegend()).
		Tooltip(tooltip(common.TooltipDisplayModeMulti, common.SortOrderDescending))
	for _, q := range queries {
		p.WithTarget(q)
	}
	return p
}
