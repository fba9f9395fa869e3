package graph

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// Many concurrent queries from several data source instances of one app and tenant never
// put more than 5 Graph requests in any 10 seconds, as the simulator's request log shows,
// and so are never throttled. 12 single-page queries take about 22 seconds (5, 5, 2); the
// long variant runs 30.
func TestPacerHoldsGraphsLimitUnderConcurrentQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 22 seconds of real time")
	}
	runPacedQueries(t, 12)
}

func TestPacerHoldsGraphsLimitUnderConcurrentQueriesLong(t *testing.T) {
	if testing.Short() || !testing.Verbose() {
		t.Skip("takes about a minute; run with -v and without -short")
	}
	runPacedQueries(t, 30)
}

func runPacedQueries(t *testing.T, queries int) {
	sim := startSimulator(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{RateLimit: GraphRequestsPerWindow, RateWindow: GraphWindow})
	// Three instances, as after settings changes or with several data sources for one app.
	var clients []*Client
	for range 3 {
		s := simSettings(sim, settings.AuthClientSecret, simulator.DemoTenantID, simulator.DemoClientID)
		s.Secrets.ClientSecret = simulator.DemoClientSecret
		ep, _ := s.Endpoints()
		clients = append(clients, clientFor(t, sim, s, SharedPacer(ep.AuthorityHost, simulator.DemoTenantID, simulator.DemoClientID)))
	}
	start := time.Now()
	var wg sync.WaitGroup
	for i := range queries {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			if _, err := clients[i%len(clients)].List(ctx, lastHour(sim)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	reqs := graphRequests(sim)
	most := simulator.MaxInWindow(reqs, GraphWindow)
	t.Logf("%d queries, %d Graph requests in %v; at most %d in any %v", queries, len(reqs), took.Round(100*time.Millisecond), most, GraphWindow)
	if most > GraphRequestsPerWindow {
		t.Errorf("%d Graph requests in one %v window", most, GraphWindow)
	}
	for _, r := range reqs {
		if r.Status == http.StatusTooManyRequests {
			t.Fatalf("a request was throttled at %v", r.Time.Sub(start))
		}
	}
	if len(reqs) != queries {
		t.Errorf("%d Graph requests for %d single-page queries", len(reqs), queries)
	}
}
