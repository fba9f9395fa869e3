package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
)

// testCredentialTypes: each credential type the plugin supports gets a token and reads Graph.
func (env *graphEnv) testCredentialTypes(t *testing.T) {
	cases := []struct {
		name   string
		creds  map[string]string
		secure map[string]string
		caller string // the app Graph must see
	}{
		{"client secret", map[string]string{"clientId": simulator.DemoClientID}, map[string]string{"azureClientSecret": simulator.DemoClientSecret}, simulator.DemoClientID},
		{"client certificate", map[string]string{"authType": "clientcertificate", "clientId": certApp}, map[string]string{"azureClientCertificate": env.certKey}, certApp},
		{"workload identity", map[string]string{"authType": "workloadidentity", "clientId": federated}, nil, federated},
		{"system-assigned managed identity", map[string]string{"authType": "msi", "tenantId": ""}, nil, simulator.DemoManagedIdentityClientID},
		{"user-assigned managed identity", map[string]string{"authType": "msi", "tenantId": "", "clientId": certApp}, nil, certApp},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := checkHealth(t, env, env.dataSource(env.sim, c.creds, c.secure, nil))
			if res.Status != backend.HealthStatusOk {
				t.Fatalf("health = %q %s", res.Message, res.JSONDetails)
			}
			reqs := env.sim.Requests()
			if last := reqs[len(reqs)-1]; last.Endpoint != "graph" || last.ClientID != c.caller {
				t.Errorf("Graph's last caller was %q, want %q", last.ClientID, c.caller)
			}
		})
	}
}

// testFilters: the panel's fields reach Graph as a filter, user text stays inside literals.
func (env *graphEnv) testFilters(t *testing.T) {
	ds := env.secretDS(simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
	t.Run("UPN with an apostrophe", func(t *testing.T) {
		upn := apostropheUser(t, env.sim.Dataset())
		model, _ := json.Marshal(map[string]any{"status": "all", "user": upn, "maxRows": 100000})
		f := env.queryFrame(t, ds, signInsQuery("U", string(model), 7*24*time.Hour))
		users := stringColumn(t, f, "user")
		if len(users) == 0 {
			t.Fatalf("no sign-ins for %s", upn)
		}
		for _, u := range users {
			if u != upn {
				t.Fatalf("got %s for %s", u, upn)
			}
		}
		if !strings.Contains(f.Meta.ExecutedQueryString, "userPrincipalName eq '"+strings.ReplaceAll(upn, "'", "''")+"'") {
			t.Errorf("executed query %q lacks the escaped UPN", f.Meta.ExecutedQueryString)
		}
	})
	t.Run("UPN crafted to inject OData", func(t *testing.T) {
		f := env.queryFrame(t, ds, signInsQuery("I", `{"status":"all","user":"x' or userPrincipalName ne 'y"}`, 24*time.Hour))
		if f.Rows() != 0 {
			t.Fatalf("the crafted UPN matched %d rows", f.Rows())
		}
	})
	t.Run("request ID", func(t *testing.T) {
		id := recentFailureID(t, env.sim.Dataset())
		f := env.queryFrame(t, ds, signInsQuery("R", `{"status":"all","requestId":"`+strings.ToUpper(id)+`"}`, 24*time.Hour))
		if ids := stringColumn(t, f, "requestId"); len(ids) != 1 || ids[0] != id {
			t.Fatalf("request IDs = %v, want %s", ids, id)
		}
	})
	t.Run("a query Graph rejects fails alone", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		good := signInsQuery("good", `{"status":"all","errorCodes":[50126]}`, time.Hour)
		bad := signInsQuery("bad", `{"status":"all","filter":"isInteractive eq true"}`, time.Hour)
		res, err := env.plugin.QueryData(ctx, ds, nil, good, bad)
		if err != nil {
			t.Fatal(err)
		}
		if r := res.Responses["bad"]; r.Error == nil || r.ErrorSource != backend.ErrorSourceDownstream || !strings.Contains(r.Error.Error(), "HTTP 400") {
			t.Errorf("bad query: %v (source %q)", r.Error, r.ErrorSource)
		}
		if r := res.Responses["good"]; r.Error != nil || len(r.Frames) != 1 {
			t.Errorf("good query: %v", r.Error)
		}
	})
	t.Run("signInEventTypes on v1.0 is ignored with a notice", func(t *testing.T) {
		f := env.queryFrame(t, ds, signInsQuery("E", `{"status":"all","signInEventTypes":["servicePrincipal"],"errorCodes":[50126]}`, time.Hour))
		if !hasNotice(f, data.NoticeSeverityWarning, "v1.0 returns interactive user sign-ins only") {
			t.Errorf("notices = %+v", f.Meta.Notices)
		}
	})
	t.Run("signInEventTypes on beta", func(t *testing.T) {
		beta := env.dataSource(env.sim, map[string]string{"clientId": simulator.DemoClientID}, map[string]string{"azureClientSecret": simulator.DemoClientSecret},
			map[string]any{"graphApiVersion": "beta"})
		f := env.queryFrame(t, beta, signInsQuery("B", `{"status":"all","signInEventTypes":["servicePrincipal"],"maxRows":100000}`, time.Hour))
		if f.Rows() == 0 || !strings.Contains(f.Meta.ExecutedQueryString, "signInEventTypes/any(t: t eq 'servicePrincipal')") {
			t.Fatalf("%d rows, executed query %q", f.Rows(), f.Meta.ExecutedQueryString)
		}
		for _, u := range stringColumn(t, f, "user") {
			if u != "" {
				t.Fatalf("a service principal sign-in has user %q", u)
			}
		}
	})
	t.Run("failures only is applied by the plugin with a notice", func(t *testing.T) {
		f := env.queryFrame(t, ds, signInsQuery("S", `{"errorCodes":[50126],"conditionalAccessStatus":"notApplied","filter":"startswith(appDisplayName,'Office')"}`, 3*time.Hour))
		if !hasNotice(f, data.NoticeSeverityInfo, "applied by the plugin, not by Graph") {
			t.Errorf("notices = %+v", f.Meta.Notices)
		}
		for _, want := range []string{"conditionalAccessStatus eq 'notApplied'", "startswith(appDisplayName,'Office')", "$select=id,createdDateTime"} {
			if !strings.Contains(f.Meta.ExecutedQueryString, want) {
				t.Errorf("executed query %q lacks %q", f.Meta.ExecutedQueryString, want)
			}
		}
	})
}

// queryFrame runs one query in this environment's plugin process and returns its frame.
func (env *graphEnv) queryFrame(t *testing.T, ds backend.DataSourceInstanceSettings, q backend.DataQuery) *data.Frame {
	t.Helper()
	return queryFrameOf(t, env.plugin, ds, q)
}

// recentFailureID is the request ID of an interactive failure of the last 12 hours.
func recentFailureID(t *testing.T, d *dataset.Dataset) string {
	t.Helper()
	for _, r := range d.Between(time.Now().Add(-12*time.Hour), time.Now()) {
		if r.Interactive() && r.Failure() {
			return r.ID.String()
		}
	}
	t.Fatal("no failure in the last 12 hours")
	return ""
}

func apostropheUser(t *testing.T, d *dataset.Dataset) string {
	t.Helper()
	for _, u := range d.Users() {
		if strings.Contains(u.UPN, "'") {
			return u.UPN
		}
	}
	t.Fatal("the dataset has no user with an apostrophe")
	return ""
}

// testFailuresLast24Hours is the acceptance test: every failure of the last 24 hours, read
// across Graph pages under the pacer, matches the simulator's ground truth.
// It has an app of its own, so the time measured is its own pages under a fresh budget.
func (env *graphEnv) testFailuresLast24Hours(t *testing.T) {
	ds := env.secretDS(simulator.DemoTenantID, acceptApp, appSecret)
	q := signInsQuery("F", `{"queryType":"signins","status":"failure","maxRows":100000}`, 24*time.Hour)
	start := time.Now()
	f := env.queryFrame(t, ds, q)
	took := time.Since(start)
	want := 0
	for _, r := range env.sim.Dataset().Between(q.TimeRange.From, q.TimeRange.To) {
		if r.Interactive() && dataset.IsFailure(r.Code) {
			want++
		}
	}
	pages := f.Meta.Custom.(map[string]any)["pages"].(float64)
	t.Logf("%d failures of the last 24 hours in %v pages (%v fetched) in %v; ground truth %d", f.Rows(), pages,
		f.Meta.Custom.(map[string]any)["fetched"], took.Round(100*time.Millisecond), want)
	if f.Rows() != want || pages < 2 {
		t.Errorf("got %d failures in %v pages, the simulator holds %d", f.Rows(), pages, want)
	}
	for _, s := range stringColumn(t, f, "status") {
		if s != "failure" {
			t.Fatalf("status %q in a failure query", s)
		}
	}
	reqs := env.requestsOf(acceptApp)
	assertPaced(t, reqs)
	if n := len(reqs); n != int(pages) {
		t.Errorf("%d Graph requests for %v pages", n, pages)
	}
}

// testLoad: 20 dashboard panels query at once; Graph never sees more than 5 requests in any
// 10 seconds from the app, and nothing is throttled.
func (env *graphEnv) testLoad(t *testing.T) {
	ds := env.dataSource(env.sim, map[string]string{"clientId": loadApp}, map[string]string{"azureClientSecret": appSecret}, nil)
	panels := []string{`{"status":"failure"}`, `{"status":"interrupted"}`, `{"status":"all","errorCodes":[50126]}`, `{"status":"all","clientApp":"Browser"}`,
		`{"status":"all","conditionalAccessStatus":"failure"}`}
	start := time.Now()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			q := signInsQuery(fmt.Sprintf("P%d", i), panels[i%len(panels)], time.Hour)
			res, err := env.plugin.QueryData(ctx, ds, nil, q)
			if err != nil {
				t.Error(err)
				return
			}
			if r := res.Responses[q.RefID]; r.Error != nil {
				t.Errorf("panel %d: %v", i, r.Error)
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	reqs := env.requestsOf(loadApp)
	t.Logf("20 concurrent queries: %d Graph requests in %v, at most %d in any %v", len(reqs), took.Round(100*time.Millisecond),
		simulator.MaxInWindow(reqs, graph.GraphWindow), graph.GraphWindow)
	assertPaced(t, reqs)
	// The 20 panels send 4 distinct Graph listings (status is applied by the plugin); the sign-in
	// cache coalesces identical ones, so fewer requests than queries is right, but each listing
	// must have reached Graph.
	if len(reqs) < 4 {
		t.Errorf("only %d Graph requests for 4 distinct listings", len(reqs))
	}
}

// requestsOf are the simulator's Graph requests from one app.
func (env *graphEnv) requestsOf(client string) []simulator.RequestLog {
	return graphRequestsOf(env.sim, client)
}

// graphRequestsOf are a simulator's Graph requests from one app, in the order answered.
func graphRequestsOf(sim *simulator.Server, client string) []simulator.RequestLog {
	var out []simulator.RequestLog
	for _, r := range sim.Requests() {
		if r.Endpoint == "graph" && strings.EqualFold(r.ClientID, client) {
			out = append(out, r)
		}
	}
	return out
}

func assertPaced(t *testing.T, reqs []simulator.RequestLog) {
	t.Helper()
	if most := simulator.MaxInWindow(reqs, graph.GraphWindow); most > graph.GraphRequestsPerWindow {
		t.Errorf("%d Graph requests in one %v window", most, graph.GraphWindow)
	}
	for _, r := range reqs {
		if r.Status == http.StatusTooManyRequests {
			t.Errorf("Graph throttled a request at %s", r.Time.Format(time.TimeOnly))
		}
	}
}
