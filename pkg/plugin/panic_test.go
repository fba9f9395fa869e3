package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/ruleset"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// recordingLogger keeps every log line, for tests of what the plugin logs.
type recordingLogger struct {
	mu    *sync.Mutex
	lines *[]logLine
	with  []any
}

type logLine struct {
	level string
	msg   string
	args  []any
}

func newRecordingLogger() *recordingLogger {
	return &recordingLogger{mu: &sync.Mutex{}, lines: &[]logLine{}}
}

func (l *recordingLogger) add(level, msg string, args []any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	*l.lines = append(*l.lines, logLine{level, msg, append(append([]any{}, l.with...), args...)})
}
func (l *recordingLogger) Debug(msg string, args ...any) { l.add("debug", msg, args) }
func (l *recordingLogger) Info(msg string, args ...any)  { l.add("info", msg, args) }
func (l *recordingLogger) Warn(msg string, args ...any)  { l.add("warn", msg, args) }
func (l *recordingLogger) Error(msg string, args ...any) { l.add("error", msg, args) }
func (l *recordingLogger) With(args ...any) log.Logger {
	return &recordingLogger{mu: l.mu, lines: l.lines, with: append(append([]any{}, l.with...), args...)}
}
func (l *recordingLogger) Level() log.Level                       { return log.Debug }
func (l *recordingLogger) FromContext(context.Context) log.Logger { return l }

func (l *recordingLogger) all() []logLine {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]logLine(nil), *l.lines...)
}

// text is every line as one string, arguments included.
func (l *recordingLogger) text() string {
	var b strings.Builder
	for _, line := range l.all() {
		b.WriteString(line.level + " " + line.msg)
		for _, a := range line.args {
			b.WriteString(" ")
			b.WriteString(strings.ReplaceAll(toString(a), "\n", " "))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// panickingSource panics on every listing, as a bug deep in a handler would.
type panickingSource struct{}

func (panickingSource) List(context.Context, graph.Query) (*graph.Result, error) {
	panic("a bug in the sign-in source")
}

// testDatasource is a data source over source, with the built-in rules and a recording logger.
func testDatasource(t *testing.T, s *settings.Settings, source SignInSource) (*Datasource, *recordingLogger) {
	t.Helper()
	if s == nil {
		s = &settings.Settings{Source: settings.SourceGraph, GraphAPIVersion: "v1.0"}
	}
	logger := newRecordingLogger()
	ds := &Datasource{settings: s, source: source, logger: logger, uid: "test-" + t.Name()}
	rs, err := ruleset.Build(context.Background(), ruleset.FromSettings(s), nil)
	if err != nil {
		t.Fatal(err)
	}
	ds.rules.Store(rs)
	return ds, logger
}

func dataQuery(refID, queryType, model string) backend.DataQuery {
	now := time.Now()
	return backend.DataQuery{RefID: refID, QueryType: queryType, JSON: json.RawMessage(model),
		TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}, Interval: time.Minute, MaxDataPoints: 100}
}

// panicsLogged counts the panics logged, and checks each carries its stack.
func panicsLogged(t *testing.T, l *recordingLogger) int {
	t.Helper()
	n := 0
	for _, line := range l.all() {
		if !strings.Contains(line.msg, "panicked") {
			continue
		}
		n++
		if line.level != "error" || !strings.Contains(toString(line.args), "goroutine") {
			t.Errorf("panic logged as %s %q without its stack: %v", line.level, line.msg, line.args)
		}
	}
	return n
}

// A panic in one query fails that query only, is logged once with its stack, and the plugin
// keeps answering; the same for the health check and a resource.
func TestPanicsAreContained(t *testing.T) {
	ds, logger := testDatasource(t, nil, panickingSource{})
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		dataQuery("boom", "signins", `{"status":"all"}`),
		dataQuery("fine", "rules", `{}`),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r := resp.Responses["boom"]; r.Error == nil || r.Status != backend.StatusInternal || strings.Contains(r.Error.Error(), "a bug") {
		t.Errorf("the panicking query: %v (status %d)", r.Error, r.Status)
	}
	if r := resp.Responses["fine"]; r.Error != nil || len(r.Frames) == 0 {
		t.Errorf("the other query: %v", r.Error)
	}
	if n := panicsLogged(t, logger); n != 1 {
		t.Errorf("%d panics logged for one", n)
	}

	health, err := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	if err != nil || health.Status != backend.HealthStatusError || !strings.Contains(health.Message, "server log") {
		t.Errorf("health: %+v %v", health, err)
	}
	if n := panicsLogged(t, logger); n != 2 {
		t.Errorf("%d panics logged for two", n)
	}

	// A data source whose rules never loaded: the rule catalogue resource dereferences nil.
	broken := &Datasource{settings: ds.settings, source: panickingSource{}, logger: logger}
	var got *backend.CallResourceResponse
	sender := backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error { got = r; return nil })
	if err := broken.CallResource(context.Background(), &backend.CallResourceRequest{Path: "rules", Method: http.MethodGet}, sender); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Status != http.StatusInternalServerError || !strings.Contains(string(got.Body), "server log") {
		t.Errorf("resource: %+v", got)
	}
	if n := panicsLogged(t, logger); n != 3 {
		t.Errorf("%d panics logged for three", n)
	}
	// values/ goes through the query path, which recovers on its own.
	if err := ds.CallResource(context.Background(), &backend.CallResourceRequest{Path: "values/apps", Method: http.MethodGet, URL: "values/apps"}, sender); err != nil {
		t.Fatal(err)
	}
	if got.Status != http.StatusBadRequest {
		t.Errorf("values resource over a panicking source: %d %s", got.Status, got.Body)
	}
}

// A query whose caller set a deadline answers before it, with the reason, so the panel shows
// a message rather than a cancelled request.
func TestQueryAnswersBeforeTheDeadline(t *testing.T) {
	ds, _ := testDatasource(t, nil, blockingSource{})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	start := time.Now()
	resp, err := ds.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{dataQuery("A", "signins", `{}`)}})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	r := resp.Responses["A"]
	if ctx.Err() != nil || took > 3*time.Second {
		t.Errorf("answered after %v, past the caller's deadline", took)
	}
	if r.Error == nil || r.Status != backend.StatusTimeout || !strings.Contains(r.Error.Error(), "did not answer in time") {
		t.Errorf("response: %v (status %d)", r.Error, r.Status)
	}
}

// blockingSource never answers until the context ends, like a Graph that hangs.
type blockingSource struct{}

func (blockingSource) List(ctx context.Context, _ graph.Query) (*graph.Result, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}
