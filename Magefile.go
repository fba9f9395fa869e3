//go:build mage

// Build, demo and test targets. The SDK's targets (build:linux, build:backend, ...) come in
// through the import below; on a 2-core machine prefer build:linux over buildAll, which
// compiles Microsoft Graph's models for six platforms at once.
package main

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	// mage:import
	"github.com/grafana/grafana-plugin-sdk-go/build"
	"github.com/magefile/mage/mg"
	"github.com/magefile/mage/sh"

	"github.com/sigdiag/signin-diagnostics/pkg/provisioning"
)

func init() {
	// plugin.json lives at the repository root, not in src/.
	build.SetBeforeBuildCallback(func(cfg build.Config) (build.Config, error) {
		cfg.PluginJSONPath = "."
		return cfg, nil
	})
}

// Backend builds the plugin binary for this machine into dist/.
func Backend() error {
	if runtime.GOOS == "linux" && runtime.GOARCH == "amd64" {
		mg.Deps(build.Build.Linux)
		return nil
	}
	mg.Deps(build.Build.Backend)
	return nil
}

// Dist makes dist/ a complete plugin folder: binary, plugin.json, rules, README, logo (and the
// frontend's module.js when `npm run build` has run).
func Dist() error {
	mg.Deps(Backend)
	copies := map[string]string{"plugin.json": "dist/plugin.json", "README.md": "dist/README.md", "src/img/logo.svg": "dist/img/logo.svg"}
	rules, _ := filepath.Glob("rules/*.rego")
	for _, r := range rules {
		copies[r] = filepath.Join("dist", r)
	}
	for from, to := range copies {
		if _, err := os.Stat(from); err != nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := sh.Copy(to, from); err != nil {
			return err
		}
	}
	return nil
}

// Provision writes the dashboards and alert rules built in pkg/provisioning into provisioning/.
func Provision() error {
	return provisioning.Write("provisioning")
}

// Demo builds the plugin, starts it exactly as Grafana does, and prints the annotated failures
// of the demo tenant's last 24 hours and their top causes.
func Demo() error {
	mg.Deps(Dist)
	// The runner is a program under pkg/: the demo's packages are internal to it.
	return sh.RunV("go", "run", "./pkg/cmd/demo", "dist")
}

// Bench runs the benchmark suite (pkg/internal/bench): the plugin's pipeline beside the
// naive and best-assembled ones, each step, the cache, and a 100,000-sign-in fetch at Graph's
// ceiling; Go benchmark lines, then a summary with the ratios. Each CPU benchmark runs in five
// separate processes and the summary takes the median across them: on this shared machine a
// process's figures sit 10-30% apart from the next one's, far more than within a process. The
// fetch at the ceiling runs once, in the last process. About 9 minutes; run nothing beside it.
func Bench() error {
	dir, err := os.MkdirTemp("", "sigdiag-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	binary := filepath.Join(dir, "bench.test")
	if err := sh.RunV("go", "test", "-c", "-o", binary, "./pkg/internal/bench"); err != nil {
		return err
	}
	const processes = 5
	for i := 1; i <= processes; i++ {
		pattern, summary := "^Benchmark(Pipeline|Decode|Evaluate|Frame|Cache)$", "0"
		if i == processes {
			pattern, summary = ".", "1"
		}
		fmt.Printf("==> benchmarks, process %d of %d\n", i, processes)
		cmd := exec.Command(binary, "-test.run", "^$", "-test.bench", pattern, "-test.benchtime", "5x", "-test.cpu", "1", "-test.timeout", "30m")
		cmd.Dir = filepath.Join("pkg", "bench")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		cmd.Env = append(os.Environ(), "SIGDIAG_BENCH_RUNS="+filepath.Join(dir, "runs.tsv"), "SIGDIAG_BENCH_SUMMARY="+summary)
		if err := cmd.Run(); err != nil {
			return err
		}
	}
	return nil
}

// fuzzers are the fuzz targets, package by package. Their seed corpora are the f.Add calls and
// testdata/fuzz/<name>/ (crashers found so far, kept as regression inputs). inputs, when set,
// is the default count for a target whose every input costs milliseconds (rule evaluations).
var fuzzers = []struct{ pkg, name, inputs string }{
	{"./pkg/odata", "FuzzParse", ""}, {"./pkg/odata", "FuzzEqEscaping", ""}, {"./pkg/odata", "FuzzNormalize", ""},
	{"./pkg/query", "FuzzParseModel", ""}, {"./pkg/query", "FuzzGraphFilterFields", ""},
	{"./pkg/settings", "FuzzLoad", ""},
	{"./pkg/signin", "FuzzDecode", ""}, {"./pkg/signin", "FuzzDecodeFields", ""},
	{"./pkg/internal/portalexport", "FuzzReadJSON", ""}, {"./pkg/internal/portalexport", "FuzzReadCSV", ""},
	{"./pkg/graph", "FuzzRetryDelay", ""}, {"./pkg/graph", "FuzzDecodePage", ""},
	{"./pkg/engine", "FuzzMemoAgreesWithTheReference", "5000x"},
}

// Fuzz runs each fuzz target for SIGDIAG_FUZZTIME (default 30000x, or the target's own count: a number of inputs, not a
// duration, because a duration -fuzztime can fail with a bare "context deadline exceeded" on a
// busy machine, a race in Go's fuzzing coordinator fixed only in Go 1.27, golang/go#75804;
// testAll runs it so, about two minutes in all). For the long runs the README reports:
// SIGDIAG_FUZZTIME=10m go tool mage fuzz.
func Fuzz() error {
	for _, f := range fuzzers {
		fuzztime := os.Getenv("SIGDIAG_FUZZTIME")
		if fuzztime == "" {
			fuzztime = cmp.Or(f.inputs, "30000x")
		}
		fmt.Println("==> fuzz", f.pkg, f.name, fuzztime)
		if err := sh.RunV("go", "test", "-run", "^$", "-fuzz", "^"+f.name+"$", "-fuzztime", fuzztime, "-fuzzminimizetime", "500x", "-parallel", "1", f.pkg); err != nil {
			return fmt.Errorf("%s %s: %w (the failing input is in %s/testdata/fuzz/%s)", f.pkg, f.name, err, f.pkg, f.name)
		}
	}
	return nil
}

// TestAll runs every test: Go (unit, Rego through OPA's tester, end to end through the plugin
// protocol), OPA's formatter, checker and Regal, and the frontend's typecheck, lint, Jest tests
// and browser tests (Debian's chromium).
func TestAll() error {
	steps := [][]string{
		{"go", "vet", "./pkg/...", "./rules/..."},
		// The end-to-end package alone takes several minutes (faults, secrets, load): more than
		// go test's default 10-minute limit per package on a busy 2-core machine.
		{"go", "test", "-count=1", "-timeout", "30m", "./pkg/...", "./rules/..."},
		// The benchmark suite once, to check that it runs (figures: mage bench).
		{"go", "test", "-run", "^$", "-bench", ".", "-benchtime", "1x", "-cpu", "1", "-timeout", "15m", "./pkg/internal/bench"},
		{"go", "tool", "mage", "fuzz"},
		{"go", "tool", "opa", "fmt", "--fail", "--list", "rules/"},
		{"go", "tool", "opa", "test", "--v1-compatible", "rules/"},
		{"go", "tool", "opa", "check", "--strict", "rules/"},
		// Regal has its own tools module (see .regal/tools/go.mod).
		{"go", "-C", ".regal/tools", "tool", "regal", "lint", "--config-file", "../config.yaml", "../../rules"},
	}
	if _, err := os.Stat("package.json"); err == nil {
		if _, err := os.Stat("node_modules"); err != nil {
			steps = append(steps, []string{"npm", "ci", "--no-audit", "--no-fund"})
		}
		if _, err := exec.LookPath("chromium"); err != nil && os.Getenv("CHROMIUM_PATH") == "" {
			return fmt.Errorf("the editors' browser tests need Debian's chromium: apt-get install -y chromium (or set CHROMIUM_PATH)")
		}
		steps = append(steps, []string{"npm", "run", "typecheck"}, []string{"npm", "run", "lint"}, []string{"npm", "run", "test:ci"}, []string{"npm", "run", "test:browser"}, []string{"npm", "run", "build"})
	}
	if os.Getenv("SIGDIAG_CEILING_SIGNINS") == "" {
		os.Setenv("SIGDIAG_CEILING_SIGNINS", "3000") // a few pages at Graph's ceiling, not the 3.5-minute run
	}
	for _, s := range steps {
		fmt.Println("==>", s)
		if err := sh.RunV(s[0], s[1:]...); err != nil {
			return err
		}
	}
	return nil
}
