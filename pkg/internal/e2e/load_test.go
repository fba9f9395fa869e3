package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

// The load test: many dashboard queries and alert evaluations at once, through the plugin
// protocol, against a simulator that enforces Graph's limit. SIGDIAG_LOAD_CONCURRENCY (default
// 50) callers each run one query after another for SIGDIAG_LOAD_DURATION (default 60s).
// Nothing may fail, Graph must never see more than its limit (so nothing is throttled),
// identical concurrent queries must share one read, and the plugin's memory stays bounded.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a minute of 50 callers: skipped with -short; go tool mage testAll (and CI) runs it")
	}
	concurrency := envInt("SIGDIAG_LOAD_CONCURRENCY", 50)
	duration := envDuration("SIGDIAG_LOAD_DURATION", time.Minute)
	const app = "3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6e"
	secret := "Load8Q~" + strconv.FormatInt(time.Now().UnixNano(), 10)
	sim := startSim(t, []simulator.Client{{TenantID: simulator.DemoTenantID, ClientID: app, Secret: secret}})
	sim.SetFaults(simulator.Faults{RateLimit: graph.GraphRequestsPerWindow, RateWindow: graph.GraphWindow})
	env := startSimPlugin(t, sim)
	ds := graphSource(sim, simulator.DemoTenantID, app, secret, nil)

	// Coalescing: the whole crowd opens the same dashboard panel at the same moment: a day of
	// sign-ins, several Graph pages, read once for all of them.
	end := time.Now().Truncate(10 * time.Second)
	wave := backend.DataQuery{RefID: "W", QueryType: "signins", JSON: json.RawMessage(`{"status":"failure","maxRows":500}`),
		TimeRange: backend.TimeRange{From: end.Add(-24 * time.Hour), To: end}}
	waveStart := time.Now()
	var pages atomic.Int64
	var wg sync.WaitGroup
	for range concurrency {
		wg.Go(func() {
			f := queryFrameOf(t, env.plugin, ds, wave)
			if p, ok := f.Meta.Custom.(map[string]any)["pages"].(float64); ok {
				pages.Store(max(pages.Load(), int64(p)))
			}
		})
	}
	wg.Wait()
	waveTook := time.Since(waveStart)
	coalesced := len(graphCalls(sim, app))
	if coalesced > int(pages.Load())+1 {
		t.Errorf("%d identical concurrent queries made %d Graph requests for a %d-page listing", concurrency, coalesced, pages.Load())
	}

	// The load: dashboards refreshing and alert rules evaluating, for the duration.
	stop := time.Now().Add(duration)
	var queries, failures atomic.Int64
	var latMu sync.Mutex
	var latencies []time.Duration
	peak := watchMemory(t, env.pid, stop)
	for w := range concurrency {
		wg.Go(func() {
			for i := 0; time.Now().Before(stop); i++ {
				q, headers := loadQuery(w + i*concurrency)
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				start := time.Now()
				res, err := env.plugin.QueryData(ctx, ds, headers, q)
				took := time.Since(start)
				cancel()
				queries.Add(1)
				latMu.Lock()
				latencies = append(latencies, took)
				latMu.Unlock()
				if err == nil && res.Responses[q.RefID].Error != nil {
					err = res.Responses[q.RefID].Error
				}
				if err != nil {
					if failures.Add(1) <= 5 {
						t.Errorf("query %s: %v", q.RefID, err)
					}
				}
			}
		})
	}
	wg.Wait()
	reqs := graphCalls(sim, app)
	most := simulator.MaxInWindow(reqs, 10*time.Second)
	throttled := 0
	for _, r := range reqs {
		if r.Status == http.StatusTooManyRequests {
			throttled++
		}
	}
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	hwm := procStatus(env.pid, "VmHWM")
	t.Logf("load: %d callers for %v: %d queries (%.1f/s), %d errors; latency p50 %v, p99 %v, max %v; "+
		"%d Graph requests, at most %d in any 10 s, %d throttled; wave of %d identical queries: %d Graph requests (%d pages) in %v; plugin peak RSS %d MB (VmHWM %d MB)",
		concurrency, duration, queries.Load(), float64(queries.Load())/duration.Seconds(), failures.Load(),
		pct(latencies, 50), pct(latencies, 99), pct(latencies, 100), len(reqs), most, throttled, concurrency, coalesced, pages.Load(), waveTook.Round(100*time.Millisecond),
		peak()>>10, hwm>>10)
	if most > graph.GraphRequestsPerWindow || throttled > 0 {
		t.Errorf("Graph saw %d requests in 10 s (limit %d), %d throttled", most, graph.GraphRequestsPerWindow, throttled)
	}
	if hwm > 1<<20 { // KiB: 1 GiB (2.1 GB before queries were bounded process-wide)
		t.Errorf("the plugin's peak memory is %d MB", hwm>>10)
	}
}

// loadQuery is the i-th query of the mix: the panels of the provisioned dashboards, and the
// alert rules' time series (with the header Grafana sets on alert evaluations).
func loadQuery(i int) (backend.DataQuery, map[string]string) {
	end := time.Now().Truncate(10 * time.Second)
	day, hour := backend.TimeRange{From: end.Add(-24 * time.Hour), To: end}, backend.TimeRange{From: end.Add(-time.Hour), To: end}
	mix := []struct {
		queryType, model string
		tr               backend.TimeRange
		alert            bool
	}{
		{"signins", `{"status":"failure","maxRows":500}`, day, false},
		{"timeseries", `{"status":"failure","groupBy":"cause"}`, day, false},
		{"breakdown", `{"status":"failure","groupBy":"errorCode"}`, day, false},
		{"timeseries", `{"status":"all","groupBy":"status"}`, day, false},
		{"variable", `{"variable":"apps"}`, day, false},
		{"patterns", `{}`, day, false},
		{"timeseries", `{"status":"failure","groupBy":"cause"}`, hour, true},
		{"timeseries", `{"status":"failure","groupBy":"user","errorCodes":[500121]}`, hour, true},
	}
	m := mix[i%len(mix)]
	q := backend.DataQuery{RefID: fmt.Sprintf("%s-%d", m.queryType, i), QueryType: m.queryType, JSON: json.RawMessage(m.model),
		TimeRange: m.tr, Interval: time.Minute, MaxDataPoints: 500}
	if m.alert {
		return q, map[string]string{"FromAlert": "true"}
	}
	return q, nil
}

func graphCalls(sim *simulator.Server, app string) []simulator.RequestLog {
	var out []simulator.RequestLog
	for _, r := range sim.Requests() {
		if r.Endpoint == "graph" && strings.EqualFold(r.ClientID, app) {
			out = append(out, r)
		}
	}
	return out
}

// watchMemory samples the process's resident memory every 200 ms until stop; the returned
// function gives the highest sample in KiB.
func watchMemory(t *testing.T, pid int, stop time.Time) func() int64 {
	if pid == 0 {
		t.Log("the plugin's process was not found: memory is not measured")
	}
	var peak atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for time.Now().Before(stop) {
			peak.Store(max(peak.Load(), procStatus(pid, "VmRSS")))
			time.Sleep(200 * time.Millisecond)
		}
	}()
	return func() int64 { <-done; return peak.Load() }
}

// procStatus reads one KiB figure from /proc/<pid>/status, or 0.
func procStatus(pid int, key string) int64 {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, len(sorted)*p/100)].Round(time.Millisecond)
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}
	return def
}
