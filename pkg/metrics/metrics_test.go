package metrics

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
)

func TestLabelsStayBounded(t *testing.T) {
	cases := []struct {
		name, got, want string
	}{
		{"a Grafana UID", UIDLabel("P1809F7CD0C75ACF3"), "P1809F7CD0C75ACF3"},
		{"a UID with a space", UIDLabel("alice smith"), "invalid"},
		{"a UID too long", UIDLabel("abcdefghijabcdefghijabcdefghijabcdefghijK"), "invalid"},
		{"an e-mail address", UIDLabel("alice@contoso.com"), "invalid"},
		{"a known source", allowed("demo", Sources), "demo"},
		{"an unknown source", allowed("10.0.0.1", Sources), "other"},
		{"a known query type", allowed("patterns", QueryTypes), "patterns"},
		{"an unknown query type", allowed("DROP TABLE", QueryTypes), "other"},
		{"a status", StatusLabel(429), "429"},
		{"no answer", StatusLabel(0), "error"},
		{"ok", Outcome(&backend.DataResponse{}), "ok"},
		{"timeout", Outcome(&backend.DataResponse{Status: backend.StatusTimeout, Error: context.DeadlineExceeded}), "timeout"},
		{"unknown status", Outcome(&backend.DataResponse{Status: 418, Error: context.Canceled}), "error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("%q, want %q", tc.got, tc.want)
			}
		})
	}
}

// What an instance records lands under its UID, as the graph client and the plugin report it.
func TestDataSourceRecords(t *testing.T) {
	d := For("metrics-unit", SourceGraph)
	_, done := d.Attempt(context.Background())
	done(429)
	d.RetryWait(429, 2*time.Second)
	_, done = d.Attempt(context.Background())
	done(200)
	d.BudgetWait(time.Second)
	d.Page(1000)
	d.Rules(time.Millisecond, 1000, 990)
	d.RuleSet(true, 40, 1, time.Unix(1_800_000_000, 0))
	_, q := d.Query(context.Background())
	q("signins", &backend.DataResponse{})

	checks := []struct {
		name string
		c    prometheus.Collector
		want float64
	}{
		{"429s", requests.WithLabelValues("metrics-unit", "graph", "429"), 1},
		{"200s", requests.WithLabelValues("metrics-unit", "graph", "200"), 1},
		{"throttled", throttled.WithLabelValues("metrics-unit", "graph"), 1},
		{"pages", pages.WithLabelValues("metrics-unit", "graph"), 1},
		{"rows", rows.WithLabelValues("metrics-unit", "graph"), 1000},
		{"decisions", decisions.WithLabelValues("metrics-unit"), 1000},
		{"memo hits", memoHits.WithLabelValues("metrics-unit"), 990},
		{"refusals", ruleLoads.WithLabelValues("metrics-unit", RulesRefused), 1},
		{"rules", rulesInForce.WithLabelValues("metrics-unit"), 40},
	}
	for _, c := range checks {
		if got := testutil.ToFloat64(c.c); got != c.want {
			t.Errorf("%s = %v, want %v", c.name, got, c.want)
		}
	}
	if n := testutil.CollectAndCount(queries, Namespace+"_query_duration_seconds"); n == 0 {
		t.Error("no query recorded")
	}
}

// A new instance of the same data source takes over the sampled state; the old one's stop
// leaves the new one's in place.
func TestWatchIsReplacedNotRemoved(t *testing.T) {
	d := For("metrics-watch", SourceDemo)
	stopOld := d.Watch(func() cache.Stats { return cache.Stats{Hits: 1} }, nil)
	stopNew := d.Watch(func() cache.Stats { return cache.Stats{Hits: 7, Bytes: 42} }, func() bool { return true })
	stopOld()
	want := map[string]float64{"cache_hits_total": 7, "cache_resident_bytes": 42, "redis_shared": 1}
	for name, v := range want {
		if got := sampledValue(t, name, "metrics-watch"); got != v {
			t.Errorf("%s = %v, want %v", name, got, v)
		}
	}
	stopNew()
	if got := sampledValue(t, "cache_hits_total", "metrics-watch"); got != -1 {
		t.Errorf("a stopped watch still reports %v", got)
	}
}

// sampledValue gathers the default registry, as the SDK does, and returns the data source's
// value of the metric (-1: none).
func sampledValue(t *testing.T, name, uid string) float64 {
	t.Helper()
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != Namespace+"_"+name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if m.GetLabel()[0].GetValue() != uid {
				continue
			}
			switch {
			case m.Counter != nil:
				return m.GetCounter().GetValue()
			case m.Gauge != nil:
				return m.GetGauge().GetValue()
			}
		}
	}
	return -1
}

// The README's "Metrics and traces" section names every metric the package registers.
func TestREADMENamesEveryMetric(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	descs := make(chan *prometheus.Desc, 100)
	for _, c := range []prometheus.Collector{requests, requestSeconds, throttled, retryWaits, budgetWaits, pages, rows, queries,
		ruleSeconds, decisions, memoHits, ruleLoads, rulesInForce, ruleUserSources, ruleLoadedAt, sampled} {
		c.Describe(descs)
	}
	close(descs)
	name := regexp.MustCompile(`fqName: "([a-z_]+)"`)
	n := 0
	for d := range descs {
		m := name.FindStringSubmatch(d.String())
		if m == nil {
			t.Fatalf("no name in %s", d)
		}
		n++
		if !strings.Contains(string(readme), "`"+m[1]+"`") {
			t.Errorf("the README does not name %s", m[1])
		}
	}
	if n < 20 {
		t.Errorf("only %d metrics described", n)
	}
}
