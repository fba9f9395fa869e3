package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// canary is a listener on a loopback address the tests' server configuration does not allow
// (127.0.0.2): it counts the connections that reach it, and answers none of them.
type canary struct {
	addr  string
	conns atomic.Int64
}

func startCanary(t *testing.T) *canary {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &canary{addr: ln.Addr().String()}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			c.conns.Add(1)
			conn.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return c
}

var saves atomic.Int64

// repointed is the saved data source after an editor changed jsonData and pressed "Save &
// test" without retyping the secret: same UID, newer settings, the stored secure fields.
func repointed(ds backend.DataSourceInstanceSettings, change map[string]any) backend.DataSourceInstanceSettings {
	var jsonData map[string]any
	_ = json.Unmarshal(ds.JSONData, &jsonData)
	for k, v := range change {
		jsonData[k] = v
	}
	ds.JSONData, _ = json.Marshal(jsonData)
	// Grafana keeps an instance per UID and update time: each save is a newer one.
	ds.Updated = ds.Updated.Add(time.Duration(saves.Add(1)) * time.Second)
	if _, redis := change["cluster"]; redis {
		// The Redis password was saved with the Redis settings.
		secure := map[string]string{"redisPassword": "Redis~never-sent"}
		for k, v := range ds.DecryptedSecureJSONData {
			secure[k] = v
		}
		ds.DecryptedSecureJSONData = secure
	}
	return ds
}

// A data source whose saved secret works is pointed at a host the Grafana server's
// administrator did not allow: the health check, every query type and every resource say
// which setting to change, and no connection reaches the canary. The same canary, allowed in
// the server configuration, does receive the requests: the test can fail.
func TestCredentialsGoOnlyToAllowedHosts(t *testing.T) {
	const app = "8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d"
	secret := fmt.Sprintf("Canary8Q~%d", time.Now().UnixNano())
	c := startCanary(t)
	// The simulator plays the tenant's Entra, which also issues tokens for the canary as a Graph
	// endpoint: allowed, the canary receives Graph's request with the token.
	sim, err := simulator.Start(simulator.Options{Clients: []simulator.Client{{TenantID: simulator.DemoTenantID, ClientID: app, Secret: secret}},
		GraphAudiences: []string{"https://" + c.addr}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	ds := graphSource(sim, simulator.DemoTenantID, app, secret, nil)
	moves := []struct {
		field  string
		change map[string]any
	}{
		{"jsonData.authorityHost", map[string]any{"authorityHost": "https://" + c.addr}},
		{"jsonData.graphEndpoint", map[string]any{"graphEndpoint": "https://" + c.addr}},
		{"jsonData.cluster.redisAddress", map[string]any{"cluster": map[string]any{"redisAddress": c.addr}}},
	}
	msi := (&graphEnv{}).dataSource(sim, map[string]string{"authType": "msi", "tenantId": ""}, nil, nil)
	wi := (&graphEnv{}).dataSource(sim, map[string]string{"authType": "workloadidentity", "clientId": app}, nil, nil)
	// Managed identity asks the canary for its token: the server lends its identity or not.
	identityEnv := []string{"IDENTITY_ENDPOINT=http://" + c.addr + "/msi/token", "IDENTITY_HEADER=" + simulator.ManagedIdentityHeader}

	t.Run("not allowed", func(t *testing.T) {
		env := startPlugin(t, append([]string{settings.EnvManagedIdentityEnabled + "=false", settings.EnvWorkloadIdentityEnabled + "=false"}, identityEnv...), sim)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if h := health(ctx, t, env, ds); h.Status != backend.HealthStatusOk {
			t.Fatalf("the saved data source does not work to begin with: %s", h.Message)
		}
		for _, m := range moves {
			refuses(ctx, t, env, repointed(ds, m.change), m.field)
		}
		before := len(sim.Requests())
		refuses(ctx, t, env, msi, "jsonData.azureCredentials.authType")
		refuses(ctx, t, env, wi, "jsonData.azureCredentials.authType")
		if n := len(sim.Requests()) - before; n != 0 {
			t.Errorf("the identities the server does not lend made %d requests to the simulator", n)
		}
		if n := c.conns.Load(); n != 0 {
			t.Fatalf("%d connections reached the canary", n)
		}
	})

	t.Run("allowed by the server configuration", func(t *testing.T) {
		env := startPlugin(t, append([]string{settings.EnvAllowedHosts + "=127.0.0.1," + c.addr, settings.EnvManagedIdentityEnabled + "=true"}, identityEnv...), sim)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		for _, m := range append(moves, struct {
			field  string
			change map[string]any
		}{"managed identity", nil}) {
			target := repointed(ds, m.change)
			if m.change == nil {
				target = msi
			}
			before := c.conns.Load()
			h := health(ctx, t, env, target)
			if strings.Contains(h.Message, settings.EnvAllowedHosts) {
				t.Errorf("%s: still refused: %s", m.field, h.Message)
			}
			t.Logf("%s allowed: %d connections to the canary; health: %.200s", m.field, c.conns.Load()-before, h.Message)
			if c.conns.Load() == before {
				t.Errorf("%s: no connection reached the allowed canary (health: %s)", m.field, h.Message)
			}
		}
	})
}

func health(ctx context.Context, t *testing.T, env *pluginProcess, ds backend.DataSourceInstanceSettings) *backend.CheckHealthResult {
	t.Helper()
	h, err := env.plugin.CheckHealth(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// refuses checks that the health check, every query and every resource that reads sign-ins
// name the setting to change.
func refuses(ctx context.Context, t *testing.T, env *pluginProcess, ds backend.DataSourceInstanceSettings, field string) {
	t.Helper()
	h := health(ctx, t, env, ds)
	if h.Status != backend.HealthStatusError || !strings.Contains(h.Message, field) || !strings.Contains(string(h.JSONDetails), `"field":"`+field+`"`) {
		t.Errorf("%s: health = %s %q %s", field, h.Status, h.Message, h.JSONDetails)
	}
	res, err := env.plugin.QueryData(ctx, ds, nil, everyQueryType("00000000-0000-0000-0000-000000000000")...)
	if err != nil {
		t.Fatal(err)
	}
	for refID, r := range res.Responses {
		if r.Error == nil || !strings.Contains(r.Error.Error(), field) {
			t.Errorf("%s: query %s answered %v", field, refID, r.Error)
		}
	}
	for _, rq := range everyResource() {
		out, err := env.plugin.CallResource(ctx, ds, rq.method, rq.path, rq.body)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(rq.path, "values/") && (out.Status != http.StatusBadRequest || !strings.Contains(string(out.Body), field)) {
			t.Errorf("%s: %s answered %d %s", field, rq.path, out.Status, out.Body)
		}
	}
}
