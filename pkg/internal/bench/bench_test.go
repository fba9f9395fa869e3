package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/frames"
	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// results keeps each benchmark's figures (µs per sign-in) for the summary: one per run, with
// the run's b.N, since Go runs every benchmark once with b.N = 1 before the measured runs, and
// -count repeats them.
var results = struct {
	sync.Mutex
	us    map[string][]run
	extra map[string]string
}{us: map[string][]run{}, extra: map[string]string{}}

type run struct {
	n  int
	us float64
}

// median is the median figure of a benchmark's measured runs (those with the largest b.N), and
// how many there were. This machine's speed drifts over seconds; a median of several runs
// moves much less than one run does, which is what the issue's own figures use too.
func median(runs []run) (float64, int) {
	us := measured(runs)
	if len(us) == 0 {
		return 0, 0
	}
	if len(us)%2 == 1 {
		return us[len(us)/2], len(us)
	}
	return (us[len(us)/2-1] + us[len(us)/2]) / 2, len(us)
}

// measured is the figures of the runs with the largest b.N (Go's b.N = 1 warm-ups left out
// when there were measured runs), lowest first.
func measured(runs []run) []float64 {
	top := 0
	for _, r := range runs {
		top = max(top, r.n)
	}
	var us []float64
	for _, r := range runs {
		if r.n == top {
			us = append(us, r.us)
		}
	}
	sort.Float64s(us)
	return us
}

// perSignIn reports µs and sign-ins/s per sign-in and records them for the summary.
func perSignIn(b *testing.B, signIns int) {
	b.Helper()
	us := float64(b.Elapsed().Nanoseconds()) / 1e3 / float64(b.N*signIns)
	b.ReportMetric(us, "µs/sign-in")
	b.ReportMetric(1e6/us, "sign-ins/s")
	b.ReportMetric(0, "ns/op") // the per-sign-in figures are the ones to read
	results.Lock()
	results.us[b.Name()] = append(results.us[b.Name()], run{n: b.N, us: us})
	results.Unlock()
}

// untimed runs setup outside the timer (a new rule set, earlier pages) and collects its garbage,
// which is not the measured page's work.
func untimed(b *testing.B, setup func()) {
	b.StopTimer()
	setup()
	runtime.GC()
	b.StartTimer()
}

func newEngine(b *testing.B) *engine.Engine {
	b.Helper()
	mods, err := regokit.BuiltinModules()
	if err != nil {
		b.Fatal(err)
	}
	e, err := engine.New(context.Background(), mods)
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkPipeline is a Graph page's bytes to an annotated frame in Arrow. "fresh" starts
// every iteration with an empty memo (a new rule set, or a tenant's first page); "warm" has
// seen the page's rule inputs before (a dashboard refresh, an alert evaluation, a rule change
// re-annotating cached sign-ins only on the fields that changed).
func BenchmarkPipeline(b *testing.B) {
	ctx := context.Background()
	page := demoPages(b, 1)[0]
	b.Run("naive", func(b *testing.B) {
		pq, err := naivePrepared(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			if _, err := naivePipeline(ctx, pq, page); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, pageSize)
	})
	b.Run("best-fresh", func(b *testing.B) {
		for range b.N {
			var bp *best
			untimed(b, func() {
				var err error
				if bp, err = newBest(ctx); err != nil {
					b.Fatal(err)
				}
			})
			if _, err := bp.pipeline(ctx, page); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, pageSize)
	})
	b.Run("plugin-fresh", func(b *testing.B) {
		for range b.N {
			var e *engine.Engine
			untimed(b, func() { e = newEngine(b) })
			if _, err := pluginPipeline(ctx, e, page); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, pageSize)
	})
	b.Run("best-warm", func(b *testing.B) {
		bp, err := newBest(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bp.pipeline(ctx, page); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			if _, err := bp.pipeline(ctx, page); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, pageSize)
	})
	b.Run("plugin-warm", func(b *testing.B) {
		e := newEngine(b)
		if _, err := pluginPipeline(ctx, e, page); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			if _, err := pluginPipeline(ctx, e, page); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, pageSize)
	})
	b.Run("plugin-steady", func(b *testing.B) {
		// The tenant's next pages: the memo holds the previous pages' rule inputs, the page is new.
		pages := demoPages(b, 8)
		for range b.N {
			var e *engine.Engine
			untimed(b, func() {
				e = newEngine(b)
				for _, p := range pages[1:] {
					if _, err := pluginPipeline(ctx, e, p); err != nil {
						b.Fatal(err)
					}
				}
			})
			if _, err := pluginPipeline(ctx, e, pages[0]); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, pageSize)
	})
}

// BenchmarkDecode is a page's bytes to sign-ins.
func BenchmarkDecode(b *testing.B) {
	page := demoPages(b, 1)[0]
	b.Run("kiota", func(b *testing.B) {
		for range b.N {
			if _, err := kiotaSignIns(page); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, pageSize)
	})
	b.Run("encoding-json", func(b *testing.B) {
		for range b.N {
			var p struct {
				Value []signin.SignIn `json:"value"`
			}
			if err := json.Unmarshal(page, &p); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, pageSize)
	})
	b.Run("plugin", func(b *testing.B) {
		for range b.N {
			if _, _, err := graph.DecodePage(page); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, pageSize)
	})
}

// BenchmarkEvaluate is the rules alone over a decoded page.
func BenchmarkEvaluate(b *testing.B) {
	ctx := context.Background()
	page := demoPages(b, 1)[0]
	rows, _, err := graph.DecodePage(page)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("prepared-map-input", func(b *testing.B) {
		pq, err := naivePrepared(ctx)
		if err != nil {
			b.Fatal(err)
		}
		inputs := make([]map[string]any, len(rows))
		for i := range rows {
			if err := json.Unmarshal(rows[i].Raw, &inputs[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.ResetTimer()
		for range b.N {
			for i := range inputs {
				if _, err := pq.Eval(ctx, rego.EvalInput(inputs[i])); err != nil {
					b.Fatal(err)
				}
			}
		}
		perSignIn(b, len(rows))
	})
	b.Run("prepared-ast-input", func(b *testing.B) {
		pq, err := naivePrepared(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			for i := range rows {
				input, err := ast.ValueFromReader(bytes.NewReader(rows[i].Raw))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := pq.Eval(ctx, rego.EvalParsedInput(input)); err != nil {
					b.Fatal(err)
				}
			}
		}
		perSignIn(b, len(rows))
	})
	b.Run("plugin-fresh", func(b *testing.B) {
		for range b.N {
			var e *engine.Engine
			untimed(b, func() { e = newEngine(b) })
			e.EvaluateAll(ctx, rows)
		}
		perSignIn(b, len(rows))
	})
	b.Run("plugin-warm", func(b *testing.B) {
		e := newEngine(b)
		e.EvaluateAll(ctx, rows)
		b.ResetTimer()
		for range b.N {
			e.EvaluateAll(ctx, rows)
		}
		perSignIn(b, len(rows))
	})
}

// BenchmarkFrame is building the sign-ins frame from decided sign-ins, and Arrow.
func BenchmarkFrame(b *testing.B) {
	ctx := context.Background()
	page := demoPages(b, 1)[0]
	rows, _, err := graph.DecodePage(page)
	if err != nil {
		b.Fatal(err)
	}
	decisions := newEngine(b).EvaluateAll(ctx, rows)
	models, err := kiotaSignIns(page)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("append-row", func(b *testing.B) {
		for range b.N {
			f := naiveFrame()
			for i, s := range models {
				naiveAppend(f, s, decisions[i])
			}
		}
		perSignIn(b, len(rows))
	})
	b.Run("plugin-columns", func(b *testing.B) {
		for range b.N {
			frames.SignIns("A", rows, decisions, frames.Context{})
		}
		perSignIn(b, len(rows))
	})
	b.Run("arrow", func(b *testing.B) {
		f := frames.SignIns("A", rows, decisions, frames.Context{})
		b.ResetTimer()
		for range b.N {
			if _, err := (data.Frames{f}).MarshalArrow(); err != nil {
				b.Fatal(err)
			}
		}
		perSignIn(b, len(rows))
	})
}

// BenchmarkCache reads 8 pages of sign-ins through the sign-in cache, then serves them again
// from it, and reports the bytes held per cached sign-in.
func BenchmarkCache(b *testing.B) {
	var rows []signin.SignIn
	for _, p := range demoPages(b, 8) {
		r, _, err := graph.DecodePage(p)
		if err != nil {
			b.Fatal(err)
		}
		rows = append(rows, r...)
	}
	from := rows[len(rows)-1].CreatedDateTime.Truncate(time.Hour)
	to := rows[0].CreatedDateTime.Truncate(time.Hour)
	now := to.Add(5 * time.Hour)
	q := graph.Query{From: from, To: to}
	ctx := context.Background()
	var st cache.Stats
	b.Run("serve", func(b *testing.B) {
		c := cache.New(&rowsSource{rows: rows}, cache.Options{Now: func() time.Time { return now }})
		if _, err := c.List(ctx, q); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		n := 0
		for range b.N {
			res, err := c.List(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			n = len(res.SignIns)
		}
		perSignIn(b, n)
		st = c.Stats()
		b.ReportMetric(float64(st.Bytes)/float64(st.Rows), "B/cached-sign-in")
	})
	results.Lock()
	results.extra["cache"] = fmt.Sprintf("%d sign-ins cached in %d hour buckets: %.0f bytes each (zstd blobs)", st.Rows, st.Buckets, float64(st.Bytes)/float64(max(st.Rows, 1)))
	results.Unlock()
}

type rowsSource struct{ rows []signin.SignIn }

func (s *rowsSource) List(_ context.Context, q graph.Query) (*graph.Result, error) {
	var out []signin.SignIn
	for _, r := range s.rows {
		if !r.CreatedDateTime.Before(q.From) && !r.CreatedDateTime.After(q.To) {
			out = append(out, r)
		}
	}
	return &graph.Result{SignIns: out, Pages: 1, Slices: 1}, nil
}

// TestMain prints the summary after the benchmarks.
func TestMain(m *testing.M) {
	code := m.Run()
	summary()
	os.Exit(code)
}

// sharedRuns adds this process's measured runs to the file SIGDIAG_BENCH_RUNS names and returns
// all the runs it holds, this process's and earlier ones' (go tool mage bench runs the suite
// in several processes). Without the variable, it returns this process's runs.
func sharedRuns() (map[string][]run, error) {
	path := os.Getenv("SIGDIAG_BENCH_RUNS")
	if path == "" {
		return results.us, nil
	}
	var lines []string
	for name, runs := range results.us {
		us, n := median(runs)
		if n > 0 {
			// One figure per process: the median of its measured runs.
			lines = append(lines, fmt.Sprintf("%s\t%g\n", name, us))
		}
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString(strings.Join(lines, "")); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	all := map[string][]run{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		name, value, ok := strings.Cut(line, "\t")
		us, err := strconv.ParseFloat(value, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("%s: bad line %q", path, line)
		}
		all[name] = append(all[name], run{n: 1, us: us})
	}
	return all, nil
}

func summary() {
	results.Lock()
	defer results.Unlock()
	if len(results.us) == 0 && len(results.extra) == 0 {
		return
	}
	all, err := sharedRuns()
	if err != nil {
		fmt.Println("benchmark summary:", err)
		return
	}
	if os.Getenv("SIGDIAG_BENCH_SUMMARY") == "0" {
		return
	}
	results.us = all
	get := func(name string) (float64, bool) {
		v, n := median(results.us[name])
		return v, n > 0
	}
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	ratio := func(label, a, b string) {
		x, ok1 := get(a)
		y, ok2 := get(b)
		if ok1 && ok2 && y > 0 {
			add("  %-58s %8.2fx  (%s %.1f µs / %s %.1f µs)", label, x/y, short(a), x, short(b), y)
		}
	}
	add("Summary (per sign-in, one core, the median of each benchmark's runs: across processes under go tool mage bench; %s):", runtime.Version())
	names := make([]string, 0, len(results.us))
	for n := range results.us {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		us, runs := median(results.us[n])
		add("  %-40s %9.2f µs  %10.0f sign-ins/s  (%d runs: %s)", n, us, 1e6/us, runs, spread(results.us[n]))
	}
	add("Ratios:")
	ratio("plugin vs best assembled, fresh page (goal <= 1.3)", "BenchmarkPipeline/plugin-fresh", "BenchmarkPipeline/best-fresh")
	ratio("plugin vs best assembled, warm page (goal <= 1.3)", "BenchmarkPipeline/plugin-warm", "BenchmarkPipeline/best-warm")
	ratio("naive vs plugin, fresh page (goal >= 12)", "BenchmarkPipeline/naive", "BenchmarkPipeline/plugin-fresh")
	ratio("naive vs plugin, a tenant's next page (goal >= 12)", "BenchmarkPipeline/naive", "BenchmarkPipeline/plugin-steady")
	ratio("naive vs plugin, warm page (goal >= 12)", "BenchmarkPipeline/naive", "BenchmarkPipeline/plugin-warm")
	ratio("kiota decode vs plugin decode", "BenchmarkDecode/kiota", "BenchmarkDecode/plugin")
	ratio("prepared query with map input vs plugin, fresh", "BenchmarkEvaluate/prepared-map-input", "BenchmarkEvaluate/plugin-fresh")
	ratio("AppendRow vs plugin columns", "BenchmarkFrame/append-row", "BenchmarkFrame/plugin-columns")
	for _, k := range []string{"cache", "ceiling"} {
		if v, ok := results.extra[k]; ok {
			add("  %s", v)
		}
	}
	if hwm := peakRSS(); hwm != "" {
		add("  peak resident memory of the benchmark process: %s", hwm)
	}
	fmt.Println(strings.Join(lines, "\n"))
}

// spread lists a benchmark's figures, lowest first, so that the summary shows how far apart
// the runs were.
func spread(runs []run) string {
	us := measured(runs)
	parts := make([]string, len(us))
	for i, v := range us {
		parts[i] = strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strings.Join(parts, " ")
}

func short(name string) string { return strings.TrimPrefix(name, "Benchmark") }

// peakRSS is the process's peak resident set (VmHWM), on Linux.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				if kb, err := strconv.Atoi(f[1]); err == nil {
					return fmt.Sprintf("%.0f MB", float64(kb)/1024)
				}
			}
		}
	}
	return ""
}

// The summary's figure is the median of the measured runs, not of Go's b.N = 1 warm-ups.
func TestMedianOfTheMeasuredRuns(t *testing.T) {
	cases := []struct {
		name string
		runs []run
		want float64
		n    int
	}{
		{"one run of 1x (CI)", []run{{1, 7}}, 7, 1},
		{"warm-ups left out", []run{{1, 100}, {5, 3}, {1, 90}, {5, 5}, {1, 80}, {5, 4}}, 4, 3},
		{"an even count averages the middle two", []run{{5, 1}, {5, 4}, {5, 2}, {5, 9}}, 3, 4},
		{"no runs", nil, 0, 0},
	}
	for _, tc := range cases {
		if got, n := median(tc.runs); got != tc.want || n != tc.n {
			t.Errorf("%s: median = %v of %d runs, want %v of %d", tc.name, got, n, tc.want, tc.n)
		}
	}
}

// Under go tool mage bench each process adds one figure per benchmark (its median) to a shared
// file, and the last process's summary takes the median across them.
func TestRunsAreSharedAcrossProcesses(t *testing.T) {
	t.Setenv("SIGDIAG_BENCH_RUNS", filepath.Join(t.TempDir(), "runs.tsv"))
	results.Lock()
	saved := results.us
	defer func() { results.us = saved; results.Unlock() }()
	for _, process := range []map[string][]run{
		{"BenchmarkX": {{1, 100}, {5, 10}}},
		{"BenchmarkX": {{1, 100}, {5, 30}}},
		{"BenchmarkX": {{1, 100}, {5, 20}}, "BenchmarkY": {{5, 7}}},
	} {
		results.us = process
		all, err := sharedRuns()
		if err != nil {
			t.Fatal(err)
		}
		results.us = all
	}
	if us, n := median(results.us["BenchmarkX"]); us != 20 || n != 3 {
		t.Fatalf("BenchmarkX: median %v of %d processes, want 20 of 3", us, n)
	}
	if us, n := median(results.us["BenchmarkY"]); us != 7 || n != 1 {
		t.Fatalf("BenchmarkY: median %v of %d processes, want 7 of 1", us, n)
	}
}
