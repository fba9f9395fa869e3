package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/harness"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

// The helpers every file of this package shares: plugin processes, simulators, files.

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

// pluginProcess is a plugin process of its own, as one Grafana server (or replica) runs it:
// the binary TestMain built, trusting the given simulators' CAs (SSL_CERT_FILE), with its log
// and process ID. It is the one environment the tests that need more than the shared plugin
// start; the test fails if the process dies before the test ends.
type pluginProcess struct {
	plugin *harness.Plugin
	logs   *lockedBuffer
	pid    int
}

// startPlugin starts a plugin process with vars (NAME=value) beside the tests' server
// configuration, trusting sims.
func startPlugin(t *testing.T, vars []string, sims ...*simulator.Server) *pluginProcess {
	t.Helper()
	dir := t.TempDir()
	var cas []byte
	for _, s := range sims {
		cas = append(cas, s.CACertPEM()...)
	}
	caFile := filepath.Join(dir, "ca.pem")
	writeFile(t, caFile, cas)
	vars = append([]string{"SSL_CERT_FILE=" + caFile}, vars...)
	for _, v := range vars {
		// go-plugin appends this process's environment after harness.Options.Env, so a
		// variable the host already sets (SSL_CERT_FILE often is) would win: set it here too.
		name, value, _ := strings.Cut(v, "=")
		t.Setenv(name, value)
	}
	env := &pluginProcess{logs: &lockedBuffer{}}
	binary := copyPlugin(t, dir)
	var err error
	env.plugin, err = harness.Start(binary, harness.Options{Stderr: env.logs, Env: withServerConfig(vars...)})
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

// startSimPlugin is a plugin process that trusts sims.
func startSimPlugin(t *testing.T, sims ...*simulator.Server) *pluginProcess {
	t.Helper()
	return startPlugin(t, nil, sims...)
}

// copyPlugin copies the binary TestMain built into dir, under a path unique to the test
// (pidOf finds the process by it): the plugin is built once per test binary.
func copyPlugin(t *testing.T, dir string) string {
	t.Helper()
	in, err := os.Open(pluginBinary)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	binary := filepath.Join(dir, "gpx_signin_diagnostics")
	out, err := os.OpenFile(binary, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return binary
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

func startSim(t *testing.T, clients []simulator.Client) *simulator.Server {
	t.Helper()
	sim, err := simulator.Start(simulator.Options{Clients: clients})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	return sim
}

func writeFile(t *testing.T, name string, body []byte) {
	t.Helper()
	if err := os.WriteFile(name, body, 0o600); err != nil {
		t.Fatal(err)
	}
}

// stat is a frame's panel-inspector figure (0 when absent).
func stat(f *data.Frame, name string) float64 {
	v, _ := statOK(f, name)
	return v
}

func signInsQuery(refID, model string, span time.Duration) backend.DataQuery {
	now := time.Now()
	return backend.DataQuery{RefID: refID, QueryType: "signins", JSON: json.RawMessage(model),
		TimeRange: backend.TimeRange{From: now.Add(-span), To: now}}
}

func queryFrame(t *testing.T, ds backend.DataSourceInstanceSettings, q backend.DataQuery) *data.Frame {
	t.Helper()
	return queryFrameOf(t, plugin, ds, q)
}

// queryFrameOf runs one query in the given plugin process and returns its single frame.
func queryFrameOf(t *testing.T, p *harness.Plugin, ds backend.DataSourceInstanceSettings, q backend.DataQuery) *data.Frame {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	res, err := p.QueryData(ctx, ds, nil, q)
	if err != nil {
		t.Fatalf("QueryData: %v", err)
	}
	r := res.Responses[q.RefID]
	if r.Error != nil {
		t.Fatalf("query %s failed: %v", q.RefID, r.Error)
	}
	if len(r.Frames) != 1 {
		t.Fatalf("want one frame, got %d", len(r.Frames))
	}
	return r.Frames[0]
}

func stringColumn(t *testing.T, f *data.Frame, name string) []string {
	t.Helper()
	field, _ := f.FieldByName(name)
	if field == nil {
		t.Fatalf("frame has no field %q", name)
	}
	out := make([]string, field.Len())
	for i := range out {
		out[i] = field.At(i).(string)
	}
	return out
}

// statOK is a frame's panel-inspector figure and whether the frame has it.
func statOK(f *data.Frame, name string) (float64, bool) {
	if f.Meta == nil {
		return 0, false
	}
	for _, s := range f.Meta.Stats {
		if s.DisplayName == name {
			return s.Value, true
		}
	}
	return 0, false
}

func hasNotice(f *data.Frame, sev data.NoticeSeverity, text string) bool {
	for _, n := range f.Meta.Notices {
		if n.Severity == sev && strings.Contains(n.Text, text) {
			return true
		}
	}
	return false
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// withSettings is the demo data source with other jsonData, as saved from the config page:
// Grafana sends a new Updated time, so the plugin builds a new instance without a restart.
func withSettings(t *testing.T, uid string, jsonData map[string]any) backend.DataSourceInstanceSettings {
	t.Helper()
	jsonData["source"] = "demo"
	raw, err := json.Marshal(jsonData)
	if err != nil {
		t.Fatal(err)
	}
	return backend.DataSourceInstanceSettings{ID: 7, UID: uid, Name: uid, Type: "sigdiag-signindiagnostics-datasource", JSONData: raw, Updated: time.Now()}
}
