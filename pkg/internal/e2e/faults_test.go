package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/harness"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

// Faults of Graph and Entra through the plugin protocol: each query ends, before the deadline
// Grafana set, in data or in an error response that says what happened, and the plugin
// process keeps serving.

// lockedBuffer collects the plugin's log lines; the harness writes them from its own goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// simPlugin is a plugin process that trusts the given simulators' CAs (SSL_CERT_FILE), with
// its log.
type simPlugin struct {
	plugin *harness.Plugin
	logs   *lockedBuffer
	pid    int
}

func startSimPlugin(t *testing.T, sims ...*simulator.Server) *simPlugin {
	t.Helper()
	return startSimPluginEnv(t, nil, sims...)
}

// startSimPluginEnv is startSimPlugin with more environment variables for the plugin.
func startSimPluginEnv(t *testing.T, vars []string, sims ...*simulator.Server) *simPlugin {
	t.Helper()
	dir := t.TempDir()
	var cas []byte
	for _, s := range sims {
		cas = append(cas, s.CACertPEM()...)
	}
	caFile := filepath.Join(dir, "ca.pem")
	writeFile(t, caFile, cas)
	t.Setenv("SSL_CERT_FILE", caFile)
	env := &simPlugin{logs: &lockedBuffer{}}
	binary := buildPlugin(t, dir)
	var err error
	env.plugin, err = harness.Start(binary, harness.Options{Stderr: env.logs, Env: withServerConfig(append([]string{"SSL_CERT_FILE=" + caFile}, vars...)...)})
	if err != nil {
		t.Fatal(err, env.logs.String())
	}
	env.pid = pidOf(binary)
	t.Cleanup(func() {
		if env.plugin.Exited() {
			t.Errorf("the plugin process died; its log:\n%s", env.logs.String())
		}
		env.plugin.Close()
	})
	return env
}

// pidOf finds the process running binary (its path is unique to the test).
func pidOf(binary string) int {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.HasPrefix(cmd, []byte(binary+"\x00")) && string(cmd) != binary {
			continue
		}
		var pid int
		for _, c := range e.Name() {
			pid = pid*10 + int(c-'0')
		}
		return pid
	}
	return 0
}

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
