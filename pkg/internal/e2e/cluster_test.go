package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/harness"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/redistest"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
)

// A Grafana cluster: three plugin processes, as three Grafana replicas behind a
// load balancer run them, with the same data source (same UID) and one Redis server, against a
// simulator that enforces Graph's 5 requests per 10 seconds per app and tenant.

// Apps of the cluster tests, one per phase so each phase has its own Graph budget and count.
const (
	sharedApp   = "4e5f6a7b-8c9d-4e0f-8a1b-2c3d4e5f6a7b"
	aloneApp    = "5f6a7b8c-9d0e-4f1a-9b2c-3d4e5f6a7b8c"
	degradedApp = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"
)

const redisPassword = "e2e~Redis-pa55"

type clusterEnv struct {
	sim      *simulator.Server
	redis    *redistest.Server
	replicas []*harness.Plugin
	logs     []*lockedBuffer
}

func TestGrafanaCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("three replicas loading a dashboard three times, about four minutes: skipped with -short; go tool mage testAll (and CI) runs it")
	}
	env := startClusterEnv(t)
	var shared, alone dashboardRun
	t.Run("three replicas share the Graph budget and the cache", func(t *testing.T) { shared = env.testShared(t) })
	t.Run("three replicas without Redis", func(t *testing.T) { alone = env.testAlone(t) })
	// The comparison needs both runs (go test -run may pick one subtest).
	if shared.requests > 0 && alone.requests > 0 {
		t.Logf("the same dashboard on three replicas: with Redis %d Graph requests (%d throttled, at most %d in any %v, %d failed panels) in %v; without %d (%d throttled, at most %d, %d failed panels) in %v",
			shared.requests, shared.throttled, shared.maxInWindow, graph.GraphWindow, len(shared.failed), shared.took,
			alone.requests, alone.throttled, alone.maxInWindow, len(alone.failed), alone.took)
		if shared.requests >= alone.requests {
			t.Errorf("%d Graph requests with the shared backend, %d without: want fewer with it", shared.requests, alone.requests)
		}
	}
	t.Run("Redis stops mid-run and comes back", env.testRedisGoesAway)
	for i, p := range env.replicas {
		if p.Exited() {
			t.Errorf("replica %d died; its log:\n%s", i+1, env.logs[i].String())
		}
		if t.Failed() {
			for _, line := range strings.Split(env.logs[i].String(), "\n") {
				if strings.Contains(line, "Redis") {
					t.Logf("replica %d: %s", i+1, line)
				}
			}
		}
	}
}

func startClusterEnv(t *testing.T) *clusterEnv {
	t.Helper()
	env := &clusterEnv{redis: redistest.Start(t, redisPassword)}
	env.sim = startSim(t, []simulator.Client{
		{TenantID: simulator.DemoTenantID, ClientID: sharedApp, Secret: appSecret},
		{TenantID: simulator.DemoTenantID, ClientID: aloneApp, Secret: appSecret},
		{TenantID: simulator.DemoTenantID, ClientID: degradedApp, Secret: appSecret},
	})
	env.sim.SetFaults(simulator.Faults{RateLimit: graph.GraphRequestsPerWindow, RateWindow: graph.GraphWindow})
	for range 3 {
		p := startPlugin(t, nil, env.sim)
		env.replicas, env.logs = append(env.replicas, p.plugin), append(env.logs, p.logs)
	}
	return env
}

// dataSource is the data source every replica gets from Grafana's database: same UID, same
// settings; with Redis when withRedis.
func (env *clusterEnv) dataSource(uid, app string, withRedis bool) backend.DataSourceInstanceSettings {
	jsonData := map[string]any{"source": "graph", "authorityHost": env.sim.URL(), "graphEndpoint": env.sim.URL(),
		"azureCredentials": map[string]string{"authType": "clientsecret", "azureCloud": "AzureCustomizedCloud", "tenantId": simulator.DemoTenantID, "clientId": app}}
	secure := map[string]string{"azureClientSecret": appSecret}
	if withRedis {
		jsonData["cluster"] = map[string]any{"redisAddress": env.redis.Addr, "keyPrefix": "grafana-e2e"}
		secure["redisPassword"] = redisPassword
	}
	raw, _ := json.Marshal(jsonData)
	return backend.DataSourceInstanceSettings{ID: 700 + dsID.Add(1), UID: uid, Name: "Sign-ins (" + uid + ")", Type: harness.PluginID,
		JSONData: raw, DecryptedSecureJSONData: secure, Updated: time.Now()}
}

// clusterDashboard is a sign-in health dashboard: five panels, two Graph listings of several
// pages over 24 hours (failure and interrupted are one listing: status is applied by the plugin).
var clusterDashboard = []string{
	`{"status":"failure","maxRows":100000}`, `{"status":"interrupted","maxRows":100000}`,
	`{"status":"all","clientApp":"Browser","maxRows":100000}`, `{"status":"failure","maxRows":100000}`,
	`{"status":"all","clientApp":"Browser","maxRows":100000}`,
}

// dashboardRun is what Graph saw while three replicas loaded the dashboard.
type dashboardRun struct {
	frames [][]*data.Frame // per replica
	failed []string
	// requests counts every Graph request, throttled counts the 429s among them.
	requests, maxInWindow, throttled int
	took                             time.Duration
	// served is the sign-ins Graph's pages carried, chains the listings' first requests.
	served, chains int
	// from and to are the earliest start and the latest end of the replicas' time ranges.
	from, to time.Time
}

// loadDashboard opens the dashboard on every replica at once, each panel its own request as
// Grafana sends them; during is called while the panels load.
func (env *clusterEnv) loadDashboard(t *testing.T, ds backend.DataSourceInstanceSettings, app string, span time.Duration, during func()) dashboardRun {
	t.Helper()
	run := dashboardRun{frames: make([][]*data.Frame, len(env.replicas))}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for r, p := range env.replicas {
		// A dashboard sends one time range with all its panels.
		now := time.Now()
		if r == 0 {
			run.from = now.Add(-span)
		}
		run.to = now
		for i, model := range clusterDashboard {
			wg.Go(func() {
				ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
				defer cancel()
				q := backend.DataQuery{RefID: fmt.Sprintf("P%d", i), QueryType: "signins", JSON: json.RawMessage(model),
					TimeRange: backend.TimeRange{From: now.Add(-span), To: now}}
				res, err := p.QueryData(ctx, ds, nil, q)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err != nil:
					run.failed = append(run.failed, fmt.Sprintf("replica %d panel %d: %v", r+1, i, err))
				case res.Responses[q.RefID].Error != nil:
					run.failed = append(run.failed, fmt.Sprintf("replica %d panel %d: %v", r+1, i, res.Responses[q.RefID].Error))
				default:
					run.frames[r] = append(run.frames[r], res.Responses[q.RefID].Frames...)
				}
			})
		}
	}
	if during != nil {
		during()
	}
	wg.Wait()
	run.took = time.Since(start).Round(100 * time.Millisecond)
	var reqs []simulator.RequestLog
	for _, r := range env.requestsOf(app) {
		if !r.Time.Before(start) { // the health checks before the load are not part of it
			reqs = append(reqs, r)
		}
	}
	// The simulator logs a request when it is answered; Graph counts arrivals.
	slices.SortFunc(reqs, func(a, b simulator.RequestLog) int { return a.Time.Compare(b.Time) })
	run.requests, run.maxInWindow = len(reqs), simulator.MaxInWindow(reqs, graph.GraphWindow)
	for _, r := range reqs {
		if r.Status == http.StatusTooManyRequests {
			run.throttled++
		}
		run.served += r.Rows
		if r.Status == http.StatusOK && !strings.Contains(r.Path, "skiptoken=") {
			run.chains++
		}
	}
	return run
}

func (env *clusterEnv) requestsOf(app string) []simulator.RequestLog {
	return graphRequestsOf(env.sim, app)
}

const sharedHoursStat = "Hours from the replicas' shared cache"

func (env *clusterEnv) testShared(t *testing.T) dashboardRun {
	ds := env.dataSource("signins-cluster", sharedApp, true)
	for i, p := range env.replicas {
		if res, err := p.CheckHealth(context.Background(), ds); err != nil || res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "shared with the other Grafana replicas through Redis at "+env.redis.Addr) {
			t.Fatalf("replica %d health: %v %+v", i+1, err, res)
		}
	}
	run := env.loadDashboard(t, ds, sharedApp, 24*time.Hour, nil)
	t.Logf("with Redis: %d Graph requests in %v, at most %d in any %v, %d throttled", run.requests, run.took, run.maxInWindow, graph.GraphWindow, run.throttled)
	for _, f := range run.failed {
		t.Error(f)
	}
	if run.maxInWindow > graph.GraphRequestsPerWindow || run.throttled > 0 {
		t.Errorf("Graph saw %d requests in one %v window across the replicas, %d throttled", run.maxInWindow, graph.GraphWindow, run.throttled)
	}
	// Three replicas cost what one costs: the dashboard's two listings read each sign-in once,
	// edges included (their ranges start and end a moment apart). A listing reads the oldest
	// edge's hour whole, and a chain cut off another re-reads the sign-ins of the instant where
	// they meet (graph.List's split), usually one.
	want := 0
	env.sim.Dataset().Scan(run.from.Truncate(time.Hour), run.to, false, nil, func(r *dataset.Record) bool {
		if r.Interactive() {
			want++ // the listing without a filter
			if r.ClientApp == "Browser" {
				want++ // the listing of clientApp Browser
			}
		}
		return true
	})
	t.Logf("with Redis: Graph served %d sign-ins in %d chains; the two listings hold %d", run.served, run.chains, want)
	if run.served < want || run.served-want > run.chains {
		t.Errorf("Graph served %d sign-ins for two listings that hold %d: the replicas read some twice", run.served, want)
	}
	// One replica read each listing; the others were served the buckets it put in Redis.
	servedShared := 0
	for r, frames := range run.frames {
		hours := 0.0
		for _, f := range frames {
			hours += stat(f, sharedHoursStat)
			if hasNotice(f, data.NoticeSeverityWarning, "no longer shared") {
				t.Errorf("replica %d: degraded notice with Redis up", r+1)
			}
		}
		t.Logf("replica %d: %v hours of its panels from the replicas' shared cache", r+1, hours)
		if hours > 0 {
			servedShared++
		}
	}
	if servedShared < 2 {
		t.Errorf("%d replicas were served from the shared cache, want at least the 2 that did not read Graph", servedShared)
	}
	env.testExplainOnAnotherReplica(t, ds, run)
	return run
}

// testExplainOnAnotherReplica: a row that one replica's table listed is explained on another
// replica from the buckets in Redis, without a Graph request. The other replica is a new
// instance (Grafana builds one when the settings are saved), so its own cache is empty.
func (env *clusterEnv) testExplainOnAnotherReplica(t *testing.T, ds backend.DataSourceInstanceSettings, run dashboardRun) {
	var correlation string
	for _, f := range run.frames[0] {
		if field, _ := f.FieldByName("correlationId"); field != nil && field.Len() > 0 {
			correlation = field.At(field.Len() / 2).(string)
			break
		}
	}
	if correlation == "" {
		t.Fatal("replica 1 listed no sign-in")
	}
	fresh := ds
	fresh.Updated = time.Now()
	before := len(env.requestsOf(sharedApp))
	q := backend.DataQuery{RefID: "X", QueryType: "explain", JSON: json.RawMessage(`{"correlationId":"` + correlation + `"}`),
		TimeRange: backend.TimeRange{From: run.to.Add(-24 * time.Hour), To: run.to}}
	f := queryFrameOf(t, env.replicas[2], fresh, q)
	if f.Rows() == 0 {
		t.Fatalf("replica 3 found no sign-in of the flow replica 1 listed")
	}
	if got := len(env.requestsOf(sharedApp)) - before; got != 0 {
		t.Errorf("replica 3 explained a row replica 1 listed with %d Graph requests, want 0 (the buckets are in Redis)", got)
	}
}

// testAlone is the same load without the shared backend (another app and data source), for
// the comparison: each replica reads every listing and paces alone.
func (env *clusterEnv) testAlone(t *testing.T) dashboardRun {
	ds := env.dataSource("signins-alone", aloneApp, false)
	run := env.loadDashboard(t, ds, aloneApp, 24*time.Hour, nil)
	t.Logf("without Redis: %d Graph requests in %v, at most %d in any %v, %d throttled; %d failed panels", run.requests, run.took, run.maxInWindow, graph.GraphWindow, run.throttled, len(run.failed))
	return run
}

// testRedisGoesAway stops Redis while the dashboard loads: no panel fails, the replicas keep
// to their shares of the budget together (Graph sees at most 5 requests in any 10 s), say the
// budget is no longer shared, and share again when Redis is back.
func (env *clusterEnv) testRedisGoesAway(t *testing.T) {
	ds := env.dataSource("signins-degraded", degradedApp, true)
	// The replicas run before the outage, as in a real cluster: each has announced itself in
	// Redis and seen the others (a replica that starts less than a heartbeat before Redis
	// stops may not be counted by the others yet; jsonData.cluster.replicas covers that).
	for i, p := range env.replicas {
		if res, err := p.CheckHealth(context.Background(), ds); err != nil || res.Status != backend.HealthStatusOk {
			t.Fatalf("replica %d health: %v %+v", i+1, err, res)
		}
	}
	time.Sleep(2500 * time.Millisecond) // two heartbeats
	stopped := time.Time{}
	run := env.loadDashboard(t, ds, degradedApp, 6*time.Hour, func() {
		time.Sleep(3 * time.Second)
		env.redis.Stop()
		stopped = time.Now()
	})
	t.Logf("Redis stopped 3 s into the load: %d Graph requests in %v, at most %d in any %v, %d throttled", run.requests, run.took, run.maxInWindow, graph.GraphWindow, run.throttled)
	for _, f := range run.failed {
		t.Error(f)
	}
	// Each replica keeps to its share of the budget while Redis is gone (pkg/cluster/replicas.go).
	if run.maxInWindow > graph.GraphRequestsPerWindow || run.throttled > 0 {
		t.Errorf("without Redis the replicas sent %d requests in one %v window, %d throttled: want at most %d, none throttled",
			run.maxInWindow, graph.GraphWindow, run.throttled, graph.GraphRequestsPerWindow)
	}
	notices := 0
	for r, frames := range run.frames {
		share := ""
		for _, f := range frames {
			if hasNotice(f, data.NoticeSeverityWarning, "The Graph request budget is no longer shared across Grafana replicas: Redis at "+env.redis.Addr+" is unreachable") {
				notices++
				for _, n := range f.Meta.Notices {
					if i := strings.Index(n.Text, "keeps to its share of the Graph budget ("); i >= 0 {
						share = n.Text[i+len("keeps to its share of the Graph budget ("):]
						share = share[:strings.Index(share, ")")]
					}
				}
			}
		}
		t.Logf("replica %d's share while Redis was down: %s", r+1, share)
	}
	if notices == 0 {
		t.Errorf("no panel said the budget is no longer shared (Redis stopped at %s)", stopped.Format(time.TimeOnly))
	}
	res, err := env.replicas[0].CheckHealth(context.Background(), ds)
	if err != nil || res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "Redis at "+env.redis.Addr+" does not answer") {
		t.Errorf("health without Redis: %v %+v", err, res)
	}
	if strings.Contains(res.Message+string(res.JSONDetails), redisPassword) {
		t.Error("the health check shows the Redis password")
	}

	env.redis.Restart()
	for r, p := range env.replicas {
		// Each replica's probe finds Redis within 2 s; a health check asks at once.
		deadline := time.Now().Add(15 * time.Second)
		for {
			res, err = p.CheckHealth(context.Background(), ds)
			if err == nil && res.Status == backend.HealthStatusOk {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("replica %d health 15 s after Redis came back: %v %+v", r+1, err, res)
			}
			time.Sleep(500 * time.Millisecond)
		}
		f := queryFrameOf(t, p, ds, signInsQuery("B", `{"status":"all","errorCodes":[50126]}`, time.Hour))
		if hasNotice(f, data.NoticeSeverityWarning, "no longer shared") {
			t.Errorf("replica %d still says the budget is not shared after Redis came back", r+1)
		}
	}
}
