package e2e

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

// Two data source instances of different tenants, queried at the same time in one plugin
// process, never share tokens, cached sign-ins or rules.
func TestTenantsAreIsolated(t *testing.T) {
	const (
		tenantB = "0c6f9d3e-8b2a-4d4f-ae7c-6b5a4f3e2d1c"
		appA    = "1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f6a"
		appB    = "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a7b"
	)
	suffix := fmt.Sprint(time.Now().UnixNano())
	secretA, secretB := "TenantA8Q~"+suffix, "TenantB8Q~"+suffix
	sim := startSim(t, []simulator.Client{
		{TenantID: simulator.DemoTenantID, ClientID: appA, Secret: secretA},
		{TenantID: tenantB, ClientID: appB, Secret: secretB},
	})
	env := startSimPlugin(t, sim)
	onlyA := `package signin.rules.only_a

# METADATA
# title: Tenant A's rule
findings contains {
	"ruleId": "only-a", "title": "Tenant A's rule", "cause": "Tenant A's own explanation.", "nextSteps": ["A only."],
	"severity": "high", "category": "credentials", "actor": "user", "kind": "contextual", "links": [],
} if input.status.errorCode > 0
`
	dsA := graphSource(sim, simulator.DemoTenantID, appA, secretA, map[string]any{"customRules": onlyA})
	dsB := graphSource(sim, tenantB, appB, secretB, nil)
	to := time.Now()
	from := to.Add(-2 * time.Hour)
	q := backend.DataQuery{RefID: "S", QueryType: "signins", JSON: []byte(`{"status":"all","maxRows":100000}`), TimeRange: backend.TimeRange{From: from, To: to}}

	// Both at once, twice each: the second round is served from each instance's cache.
	frames := map[string][]*data.Frame{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 2 {
		for name, ds := range map[string]backend.DataSourceInstanceSettings{"A": dsA, "B": dsB} {
			wg.Go(func() {
				f := queryFrameOf(t, env.plugin, ds, q)
				mu.Lock()
				defer mu.Unlock()
				frames[name] = append(frames[name], f)
			})
		}
		wg.Wait()
	}

	truth := func(tenant string) map[string]bool {
		ids := map[string]bool{}
		for _, r := range sim.DatasetFor(tenant).Between(from, to) {
			ids[r.ID.String()] = true
		}
		return ids
	}
	own := map[string]map[string]bool{"A": truth(simulator.DemoTenantID), "B": truth(tenantB)}
	for name, fs := range frames {
		other := map[string]string{"A": "B", "B": "A"}[name]
		for _, f := range fs {
			if f.Rows() == 0 {
				t.Fatalf("tenant %s: no sign-ins", name)
			}
			for _, id := range stringColumn(t, f, "requestId") {
				if !own[name][id] || own[other][id] {
					t.Fatalf("tenant %s's frame holds sign-in %s, which is not its own", name, id)
				}
			}
			rules := strings.Join(stringColumn(t, f, "ruleId"), ",")
			if hasA := strings.Contains(rules, "only-a"); hasA != (name == "A") {
				t.Errorf("tenant %s: rule only-a applied: %v", name, hasA)
			}
		}
	}
	// The rule catalogues differ the same way.
	for name, ds := range map[string]backend.DataSourceInstanceSettings{"A": dsA, "B": dsB} {
		f := queryFrameOf(t, env.plugin, ds, backend.DataQuery{RefID: "R", QueryType: "rules", JSON: []byte(`{}`), TimeRange: q.TimeRange})
		sources := strings.Join(stringColumn(t, f, "source"), ",")
		if hasUser := strings.Contains(sources, "user"); hasUser != (name == "A") {
			t.Errorf("tenant %s's rule list has a user rule: %v", name, hasUser)
		}
	}
	// Each app asked its own tenant for tokens, and Graph saw each app only with its own
	// tenant's token.
	graphCalls := map[string]int{}
	for _, r := range sim.Requests() {
		want := map[string]string{strings.ToLower(appA): simulator.DemoTenantID, strings.ToLower(appB): tenantB}[strings.ToLower(r.ClientID)]
		if want == "" || r.Endpoint != "token" && r.Endpoint != "graph" {
			continue
		}
		if !strings.EqualFold(r.TenantID, want) {
			t.Errorf("%s request of app %s for tenant %s", r.Endpoint, r.ClientID, r.TenantID)
		}
		if r.Endpoint == "graph" {
			graphCalls[strings.ToLower(r.ClientID)]++
		}
	}
	// Each tenant's first query read Graph itself: B was not answered from A's cache.
	if graphCalls[strings.ToLower(appA)] == 0 || graphCalls[strings.ToLower(appB)] == 0 {
		t.Errorf("Graph calls per app: %v", graphCalls)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for name, ds := range map[string]backend.DataSourceInstanceSettings{"A": dsA, "B": dsB} {
		if h, err := env.plugin.CheckHealth(ctx, ds); err != nil || h.Status != backend.HealthStatusOk {
			t.Errorf("tenant %s health: %+v %v", name, h, err)
		}
	}
	t.Logf("Graph calls per app: %v; rows A %d, B %d", graphCalls, frames["A"][0].Rows(), frames["B"][0].Rows())
}
