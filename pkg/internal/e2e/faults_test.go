package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

// Faults of Graph and Entra through the plugin protocol: each query ends, before the deadline
// Grafana set, in data or in an error response that says what happened, and the plugin
// process keeps serving.

// graphSource is a client secret data source reading sim as a customized cloud.
func graphSource(sim *simulator.Server, tenant, client, secret string, extra map[string]any) backend.DataSourceInstanceSettings {
	return (&graphEnv{}).dataSource(sim, map[string]string{"tenantId": tenant, "clientId": client}, map[string]string{"azureClientSecret": secret}, extra)
}

func TestFaultsThroughThePlugin(t *testing.T) {
	sim := startSim(t, nil)
	env := startSimPlugin(t, sim)
	ds := func() backend.DataSourceInstanceSettings {
		// A new instance per case: each has its own sign-in cache.
		return graphSource(sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret, nil)
	}
	cases := []struct {
		name     string
		faults   simulator.Faults
		deadline time.Duration
		want     string // in the query's error; "" means the query must succeed
	}{
		{"429 storm with Retry-After", simulator.Faults{FailNext: []int{429, 429, 429}, RetryAfter: 200 * time.Millisecond}, time.Minute, ""},
		{"429 storm longer than the retries", simulator.Faults{FailNext: []int{429, 429, 429, 429, 429, 429}, RetryAfter: 100 * time.Millisecond}, time.Minute, "throttling"},
		{"503 without Retry-After", simulator.Faults{FailNext: []int{503}, NoRetryAfter: true}, time.Minute, ""},
		{"500", simulator.Faults{FailNext: []int{500}}, time.Minute, "HTTP 500"},
		{"page cut mid-JSON", simulator.Faults{CutNext: 1}, time.Minute, "cut off"},
		{"invalid JSON", simulator.Faults{MalformedNext: 1}, time.Minute, "not valid JSON"},
		{"a page that never ends", simulator.Faults{StallNext: 1, StallInterval: 100 * time.Millisecond}, 8 * time.Second, "did not answer in time"},
		{"nextLink to another host", simulator.Faults{NextLinkBase: "https://graph.evil.example"}, time.Minute, "another host"},
		{"nextLink loop", simulator.Faults{LoopNextLink: true}, time.Minute, "same page"},
		{"expired skiptoken", simulator.Faults{ExpiredSkipToken: true}, time.Minute, "page token expired"},
		{"token expired", simulator.Faults{ExpireTokenNext: 1}, time.Minute, "expired"},
		{"token endpoint down", simulator.Faults{TokenDown: true}, time.Minute, "temporarily unavailable"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sim.SetFaults(tc.faults)
			defer sim.SetFaults(simulator.Faults{})
			ctx, cancel := context.WithTimeout(context.Background(), tc.deadline)
			defer cancel()
			start := time.Now()
			// A fault must meet a followed nextLink: a day of every status is several pages of
			// 1000. The queries that must succeed read an hour, to keep the test short.
			span := 24 * time.Hour
			if tc.want == "" {
				span = time.Hour
			}
			q := signInsQuery("F", `{"status":"all","maxRows":100000}`, span)
			res, err := env.plugin.QueryData(ctx, ds(), nil, q)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("the call failed instead of the query (after %v): %v", took, err)
			}
			r := res.Responses["F"]
			t.Logf("%v: %v", took.Round(time.Millisecond), r.Error)
			if tc.want == "" {
				if r.Error != nil || len(r.Frames) != 1 || r.Frames[0].Rows() == 0 {
					t.Fatalf("error %v, want data", r.Error)
				}
				t.Logf("%d rows", r.Frames[0].Rows())
				return
			}
			if r.Error == nil || !strings.Contains(r.Error.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", r.Error, tc.want)
			}
			if r.ErrorSource != backend.ErrorSourceDownstream {
				t.Errorf("error source %q, want downstream", r.ErrorSource)
			}
		})
	}
	t.Run("health with the token endpoint down", func(t *testing.T) {
		sim.SetFaults(simulator.Faults{TokenDown: true})
		defer sim.SetFaults(simulator.Faults{})
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		res, err := env.plugin.CheckHealth(ctx, ds())
		if err != nil || res.Status != backend.HealthStatusError || !strings.Contains(res.Message, "AADSTS90033") {
			t.Fatalf("%+v %v", res, err)
		}
	})
	t.Run("still serving", func(t *testing.T) {
		if f := queryFrameOf(t, env.plugin, ds(), signInsQuery("A", `{"status":"all"}`, time.Hour)); f.Rows() == 0 {
			t.Fatal("no rows after the faults")
		}
	})
}
