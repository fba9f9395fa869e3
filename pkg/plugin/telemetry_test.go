package plugin

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/demorun"
	"github.com/sigdiag/signin-diagnostics/pkg/metrics"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// A query's trace, recorded in memory: the query continues the caller's trace (Grafana's, as
// the SDK hands it over), and its children are the cache look-up with the source's requests
// under it, the rule evaluation and the frame building, all with bounded attributes only.
func TestQueryTrace(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec)))

	s := demorun.Settings()
	s.UID = "trace-test"
	inst, err := NewDatasource(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	ds := inst.(*Datasource)
	defer ds.Dispose()

	ctx, grafana := otel.Tracer("grafana").Start(context.Background(), "grafana request")
	now := time.Now()
	_, err = ds.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{{
		RefID: "A", QueryType: "signins", JSON: []byte(`{"status":"all","user":"alice.tracetest@contoso.com","ipAddress":"203.0.113.77"}`),
		TimeRange: backend.TimeRange{From: now.Add(-3 * time.Hour), To: now},
	}}})
	grafana.End()
	if err != nil {
		t.Fatal(err)
	}

	byName := map[string][]sdktrace.ReadOnlySpan{}
	for _, sp := range rec.Ended() {
		if sp.SpanContext().TraceID() == grafana.SpanContext().TraceID() {
			byName[sp.Name()] = append(byName[sp.Name()], sp)
		}
	}
	t.Logf("spans of the trace: %v", names(byName))
	query := one(t, byName, metrics.SpanQuery)
	if query.Parent().SpanID() != grafana.SpanContext().SpanID() {
		t.Errorf("the query span's parent is %v, want the caller's span", query.Parent().SpanID())
	}
	wantAttrs(t, query, map[string]string{metrics.LabelDataSource: "trace-test", metrics.LabelSource: "demo", metrics.LabelQueryType: "signins", metrics.LabelOutcome: "ok"})
	for _, name := range []string{metrics.SpanCacheLookup, metrics.SpanRules, metrics.SpanFrames} {
		sp := one(t, byName, name)
		if sp.Parent().SpanID() != query.SpanContext().SpanID() {
			t.Errorf("%s is not a child of the query span", name)
		}
	}
	lookup := one(t, byName, metrics.SpanCacheLookup)
	requests := byName[metrics.SpanSourceRequest]
	if len(requests) == 0 {
		t.Fatalf("no %s span; spans: %v", metrics.SpanSourceRequest, names(byName))
	}
	for _, r := range requests {
		if !descends(r, lookup, rec.Ended()) {
			t.Errorf("a source request span is not under the cache look-up")
		}
		wantAttrs(t, r, map[string]string{metrics.LabelStatus: "200", metrics.LabelSource: "demo"})
	}
	// No span of the trace, the Graph SDK's included, carries what the panel asked for.
	for _, sp := range rec.Ended() {
		for _, kv := range sp.Attributes() {
			if v := kv.Value.Emit(); strings.Contains(v, "alice.tracetest") || strings.Contains(v, "203.0.113.77") {
				t.Errorf("span %s carries the query's filter in %s=%s", sp.Name(), kv.Key, v)
			}
		}
	}
	// Only the package's bounded attributes and counts: nothing from a sign-in.
	allowedKeys := []string{metrics.LabelDataSource, metrics.LabelSource, metrics.LabelQueryType, metrics.LabelOutcome, metrics.LabelStatus,
		"frames", "cache.hits", "cache.misses", "cache.coalesced", "source.requests", "source.pages", "rows", "rules.decided", "rules.memo_hits"}
	for name, spans := range byName {
		if name == "grafana request" || !slices.Contains([]string{metrics.SpanQuery, metrics.SpanCacheLookup, metrics.SpanRules, metrics.SpanFrames, metrics.SpanSourceRequest}, name) {
			continue
		}
		for _, sp := range spans {
			for _, kv := range sp.Attributes() {
				if !slices.Contains(allowedKeys, string(kv.Key)) {
					t.Errorf("span %s carries attribute %s=%s", name, kv.Key, kv.Value.Emit())
				}
			}
		}
	}
}

func one(t *testing.T, byName map[string][]sdktrace.ReadOnlySpan, name string) sdktrace.ReadOnlySpan {
	t.Helper()
	if len(byName[name]) != 1 {
		t.Fatalf("%d spans named %s, want 1; spans: %v", len(byName[name]), name, names(byName))
	}
	return byName[name][0]
}

func names(byName map[string][]sdktrace.ReadOnlySpan) []string {
	var out []string
	for n, s := range byName {
		out = append(out, fmt.Sprintf("%s×%d", n, len(s)))
	}
	slices.Sort(out)
	return out
}

func wantAttrs(t *testing.T, sp sdktrace.ReadOnlySpan, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, kv := range sp.Attributes() {
		got[string(kv.Key)] = kv.Value.Emit()
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("span %s: %s=%q, want %q", sp.Name(), k, got[k], v)
		}
	}
}

// descends reports whether sp is under ancestor in the recorded spans.
func descends(sp, ancestor sdktrace.ReadOnlySpan, all []sdktrace.ReadOnlySpan) bool {
	parents := map[[8]byte]sdktrace.ReadOnlySpan{}
	for _, s := range all {
		parents[s.SpanContext().SpanID()] = s
	}
	for p := sp.Parent().SpanID(); p.IsValid(); {
		if p == ancestor.SpanContext().SpanID() {
			return true
		}
		s, ok := parents[p]
		if !ok {
			return false
		}
		p = s.Parent().SpanID()
	}
	return false
}

// The Redis level's state is sampled from the cluster backend: shared until Redis fails to
// answer, degraded after.
func TestRedisLevelMetric(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now: connections are refused
	s := &settings.Settings{Source: settings.SourceGraph, Cluster: settings.Cluster{RedisAddress: addr, KeyPrefix: settings.DefaultKeyPrefix}}
	ds := &Datasource{settings: s, cluster: newCluster(s, backend.Logger), metrics: metrics.For("redis-level-test", metrics.SourceGraph)}
	defer ds.cluster.Close()
	stop := ds.watchState()
	defer stop()
	if v := gathered(t, "signin_diagnostics_redis_shared", "redis-level-test"); v != 1 {
		t.Errorf("redis_shared = %v before any failure, want 1", v)
	}
	if _, err := ds.clusterHealth(context.Background()); err == nil {
		t.Fatal("Redis answered at a closed port")
	}
	if v := gathered(t, "signin_diagnostics_redis_shared", "redis-level-test"); v != 0 {
		t.Errorf("redis_shared = %v with Redis gone, want 0", v)
	}
	stop()
	if v := gathered(t, "signin_diagnostics_redis_shared", "redis-level-test"); v != -1 {
		t.Errorf("redis_shared = %v after the instance stopped watching, want none", v)
	}
}

// gathered is the data source's value of a gauge in the registry the SDK serves (-1: none).
func gathered(t *testing.T, name, uid string) float64 {
	t.Helper()
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == metrics.LabelDataSource && l.GetValue() == uid {
					return m.GetGauge().GetValue()
				}
			}
		}
	}
	return -1
}
