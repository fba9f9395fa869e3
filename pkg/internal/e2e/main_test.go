// Package e2e tests the built plugin binary through Grafana's plugin protocol: TestMain builds
// ./pkg as Grafana would run it, starts it with the harness (Grafana's handshake over
// hashicorp/go-plugin) and the tests call CheckHealth, QueryData and CallResource over gRPC.
package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/harness"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// plugin is the plugin process most tests share; pluginBinary the binary TestMain built,
// which copyPlugin gives the tests that start processes of their own.
var (
	plugin       *harness.Plugin
	pluginBinary string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "signin-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary := filepath.Join(dir, "gpx_signin_diagnostics")
	pluginBinary = binary
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	build := exec.Command("go", "build", "-o", binary, "./pkg")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the plugin:", err)
		return 1
	}
	var logs strings.Builder
	plugin, err = harness.Start(binary, harness.Options{Stderr: &logs, Env: serverConfig})
	if err != nil {
		fmt.Fprintln(os.Stderr, err, logs.String())
		return 1
	}
	code := m.Run()
	if plugin.Exited() {
		fmt.Fprintln(os.Stderr, "the plugin process died during the tests; its log:\n", logs.String())
		code = 1
	}
	plugin.Close()
	return code
}

// serverConfig is the environment Grafana hands the plugin for the grafana.ini the tests run
// with: the simulators and Redis on 127.0.0.1 are a customized cloud the administrator allowed
// ([plugin.<id>] allowed_hosts = 127.0.0.1), and the [azure] section lends the server's managed
// and workload identity. Other loopback addresses (127.0.0.2) stay outside: the canary tests
// listen there.
var serverConfig = []string{
	settings.EnvAllowedHosts + "=127.0.0.1",
	settings.EnvManagedIdentityEnabled + "=true",
	settings.EnvWorkloadIdentityEnabled + "=true",
}

// withServerConfig adds the tests' server configuration to a plugin's environment.
func withServerConfig(vars ...string) []string {
	return append(append([]string{}, serverConfig...), vars...)
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	return filepath.Dir(strings.TrimSpace(string(out))), nil
}
