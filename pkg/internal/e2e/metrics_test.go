package e2e

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/harness"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/metrics"
)

// A known workload against the Graph simulator, in a plugin process of its own, and the
// metrics collected through the plugin protocol's diagnostics call (what Grafana serves at
// /api/plugins/<plugin id>/metrics) afterwards: they count what the simulator saw, and no
// label carries anything but the allowed values.
func TestMetricsThroughThePlugin(t *testing.T) {
	sim := startSim(t, nil)
	env := startSimPlugin(t, sim)
	ds := graphSource(sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret, nil)

	// 1. Three hours of sign-ins, the first Graph request throttled once.
	sim.SetFaults(simulator.Faults{FailNext: []int{429}, RetryAfter: 300 * time.Millisecond})
	q := signInsQuery("A", `{"status":"all","maxRows":100000}`, 3*time.Hour)
	first := queryFrameOf(t, env.plugin, ds, q)
	sim.SetFaults(simulator.Faults{})
	// 2. The same again: the cache answers all but the running hour's edge.
	second := queryFrameOf(t, env.plugin, ds, q)
	// 3. The rules list reads no sign-ins; 4. a query that cannot be parsed.
	queryFrameOf(t, env.plugin, ds, backend.DataQuery{RefID: "R", QueryType: "rules", JSON: []byte(`{}`)})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := env.plugin.QueryData(ctx, ds, nil, backend.DataQuery{RefID: "X", JSON: []byte(`{"status":7}`)})
	if err != nil || res.Responses["X"].Error == nil {
		t.Fatalf("the invalid query answered %+v, %v; want its error", res, err)
	}

	// What the simulator saw of this data source (the only one this plugin process runs).
	byStatus := map[string]float64{}
	var pages, rows float64
	for _, r := range sim.Requests() {
		if r.Endpoint != "graph" {
			continue
		}
		byStatus[strconv.Itoa(r.Status)]++
		if r.Status == 200 {
			pages++
			rows += float64(r.Rows)
		}
	}
	if byStatus["429"] != 1 || byStatus["200"] == 0 {
		t.Fatalf("the simulator saw %v; want one 429 and some 200s", byStatus)
	}

	got := collect(t, env.plugin)
	t.Logf("the simulator answered %v, %v pages of %v sign-ins; the frames hold %d and %d rows", byStatus, pages, rows, first.Rows(), second.Rows())
	uid := ds.UID
	src := map[string]string{metrics.LabelDataSource: uid, metrics.LabelSource: metrics.SourceGraph}
	with := func(extra map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range src {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	dsOnly := map[string]string{metrics.LabelDataSource: uid}
	query := func(qt, outcome string) map[string]string {
		return map[string]string{metrics.LabelDataSource: uid, metrics.LabelQueryType: qt, metrics.LabelOutcome: outcome}
	}
	checks := []struct {
		name   string
		metric string
		labels map[string]string
		want   func(float64) bool
		says   string
	}{
		{"Graph requests answered 200", "source_requests_total", with(map[string]string{metrics.LabelStatus: "200"}), eq(byStatus["200"]), fmt.Sprint(byStatus["200"])},
		{"Graph requests answered 429", "source_requests_total", with(map[string]string{metrics.LabelStatus: "429"}), eq(1), "1"},
		{"throttled", "source_throttled_total", src, eq(1), "1"},
		{"Retry-After waits", "source_retry_wait_seconds_count", with(map[string]string{metrics.LabelStatus: "429"}), eq(1), "1"},
		{"Retry-After waited", "source_retry_wait_seconds_sum", with(map[string]string{metrics.LabelStatus: "429"}), atLeast(0.3), ">= 0.3"},
		{"budget waits, one per request", "source_budget_wait_seconds_count", src, eq(byStatus["200"] + 1), fmt.Sprint(byStatus["200"] + 1)},
		{"pages", "source_pages_total", src, eq(pages), fmt.Sprint(pages)},
		{"rows read", "source_rows_total", src, eq(rows), fmt.Sprint(rows)},
		{"sign-in queries", "query_duration_seconds_count", query("signins", "ok"), eq(2), "2"},
		{"rules queries", "query_duration_seconds_count", query("rules", "ok"), eq(1), "1"},
		{"invalid queries", "query_duration_seconds_count", query("invalid", "bad_request"), eq(1), "1"},
		{"rule evaluations", "rule_evaluation_seconds_count", dsOnly, eq(2), "2"},
		{"decisions", "rule_decisions_total", dsOnly, eq(float64(first.Rows() + second.Rows())), fmt.Sprint(first.Rows() + second.Rows())},
		{"memo hits", "rule_memo_hits_total", dsOnly, atLeast(float64(second.Rows())), fmt.Sprintf(">= %d (the repeat)", second.Rows())},
		{"rule set loads", "rule_set_loads_total", map[string]string{metrics.LabelDataSource: uid, metrics.LabelOutcome: metrics.RulesLoaded}, eq(1), "1"},
		{"rules in force", "rules_in_force", dsOnly, atLeast(1), ">= 1"},
		{"cache hits", "cache_hits_total", dsOnly, atLeast(1), ">= 1"},
		{"cache misses", "cache_misses_total", dsOnly, atLeast(3), ">= 3"},
		{"cache bytes", "cache_resident_bytes", dsOnly, atLeast(1), ">= 1"},
	}
	for _, c := range checks {
		v, ok := got.value(metrics.Namespace+"_"+c.metric, c.labels)
		if !ok || !c.want(v) {
			t.Errorf("%s: %s%v = %v (found %v), want %s", c.name, c.metric, c.labels, v, ok, c.says)
		}
	}
	if _, ok := got.value(metrics.Namespace+"_redis_shared", dsOnly); ok {
		t.Error("redis_shared is reported for a data source without Redis")
	}

	// No label carries a value from a sign-in: every label value is one of the allowed sets
	// (or this data source's UID), and none is a value of the sign-ins' frame.
	status := regexp.MustCompile(`^([1-5][0-9][0-9]|error)$`)
	allowed := map[string]func(string) bool{
		metrics.LabelDataSource: func(v string) bool { return v == uid },
		metrics.LabelSource:     func(v string) bool { return slices.Contains(metrics.Sources, v) },
		metrics.LabelQueryType:  func(v string) bool { return slices.Contains(metrics.QueryTypes, v) },
		metrics.LabelOutcome: func(v string) bool {
			return slices.Contains(metrics.Outcomes, v) || v == metrics.RulesLoaded || v == metrics.RulesRefused
		},
		metrics.LabelStatus: status.MatchString,
		"le":                func(string) bool { return true }, // histogram buckets
	}
	signInValues := stringValues(first)
	for _, s := range got.samples {
		for name, v := range s.labels {
			ok := allowed[name]
			if ok == nil || !ok(v) {
				t.Errorf("%s carries label %s=%q", s.name, name, v)
			}
			if signInValues[v] && name != "le" {
				t.Errorf("%s carries a sign-in's value in %s=%q", s.name, name, v)
			}
		}
	}
}

func eq(want float64) func(float64) bool      { return func(v float64) bool { return v == want } }
func atLeast(want float64) func(float64) bool { return func(v float64) bool { return v >= want } }

// stringValues are the string values of a frame's fields.
func stringValues(f *data.Frame) map[string]bool {
	out := map[string]bool{}
	for _, field := range f.Fields {
		for i := range field.Len() {
			switch v := field.At(i).(type) {
			case string:
				out[v] = v != ""
			case *string:
				if v != nil && *v != "" {
					out[*v] = true
				}
			}
		}
	}
	return out
}

type sample struct {
	name   string
	labels map[string]string
	value  float64
}

type collected struct{ samples []sample }

// value is the sample with exactly these labels.
func (c collected) value(name string, labels map[string]string) (float64, bool) {
	for _, s := range c.samples {
		if s.name != name || len(s.labels) != len(labels) {
			continue
		}
		match := true
		for k, v := range labels {
			if s.labels[k] != v {
				match = false
			}
		}
		if match {
			return s.value, true
		}
	}
	return 0, false
}

// collect calls CollectMetrics and keeps the plugin's own samples, histograms as their
// _count, _sum and _bucket samples.
func collect(t *testing.T, p *harness.Plugin) collected {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	text, err := p.CollectMetrics(ctx)
	if err != nil {
		t.Fatalf("CollectMetrics: %v", err)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(bytes.NewReader(text))
	if err != nil {
		t.Fatalf("parsing the metrics: %v\n%s", err, text)
	}
	var out collected
	for name, mf := range families {
		if !strings.HasPrefix(name, metrics.Namespace+"_") {
			continue
		}
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			add := func(name string, v float64, extra ...string) {
				ls := labels
				if len(extra) == 2 {
					ls = map[string]string{extra[0]: extra[1]}
					for k, v := range labels {
						ls[k] = v
					}
				}
				out.samples = append(out.samples, sample{name: name, labels: ls, value: v})
			}
			switch mf.GetType() {
			case dto.MetricType_COUNTER:
				add(name, m.GetCounter().GetValue())
			case dto.MetricType_GAUGE:
				add(name, m.GetGauge().GetValue())
			case dto.MetricType_HISTOGRAM:
				h := m.GetHistogram()
				add(name+"_count", float64(h.GetSampleCount()))
				add(name+"_sum", h.GetSampleSum())
				for _, b := range h.GetBucket() {
					add(name+"_bucket", float64(b.GetCumulativeCount()), "le", strconv.FormatFloat(b.GetUpperBound(), 'g', -1, 64))
				}
			}
		}
	}
	if len(out.samples) == 0 {
		t.Fatalf("no %s_ metric in:\n%s", metrics.Namespace, text)
	}
	return out
}
