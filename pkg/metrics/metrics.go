// Package metrics is what an operator sees of the plugin from outside a query: Prometheus
// metrics and trace spans, through Grafana's plugin SDK. The SDK gathers
// prometheus.DefaultRegisterer for the plugin protocol's CollectMetrics call, which Grafana
// serves at /api/plugins/<plugin id>/metrics, and its tracer (backend/tracing) continues the
// trace context Grafana sends with each call.
//
// Design:
//   - One package. The collectors are process-wide (Prometheus has one registry per process);
//     everything else is per data source instance: For builds a DataSource once per instance,
//     with its label values bound, and the instance keeps it.
//   - Bounded labels. A label is the data source's UID, the source kind (Sources), the query
//     type (QueryTypes), an outcome (Outcomes, rule set outcomes) or an HTTP status number; a
//     value outside those sets is replaced by "other" (a UID Grafana would not make by
//     "invalid"). No label or span attribute ever carries a user, an IP address, an app name,
//     a filter, a URL or an error's text: those come from sign-ins and panels, are unbounded,
//     and may be personal data.
//   - Sampled state. The cache's counters and size and the Redis level's state live in their
//     own packages; Watch registers functions that read them when Prometheus gathers, so
//     nothing is counted twice and a disposed instance leaves no stale gauge.
//   - Sources. Requests are labelled with the source they read ("graph", and "demo" for the
//     built-in simulator), so other sources slot in as new label values.
package metrics

import (
	"context"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/tracing"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// Namespace prefixes every metric name.
const Namespace = "signin_diagnostics"

// Label names.
const (
	LabelDataSource = "datasource_uid"
	LabelSource     = "source"
	LabelQueryType  = "query_type"
	LabelOutcome    = "outcome"
	LabelStatus     = "status"
)

// Sources are the kinds of sign-in source.
const (
	SourceGraph = "graph"
	SourceDemo  = "demo"
)

// Sources lists the allowed values of the source label.
var Sources = []string{SourceGraph, SourceDemo}

// QueryTypes lists the allowed values of the query_type label: the panel's query types
// (query.Types, so a new type is labelled without an edit here), and "invalid" for a query
// that could not be parsed.
var QueryTypes = func() []string {
	var out []string
	for _, t := range query.Types {
		out = append(out, string(t))
	}
	return append(out, "invalid")
}()

// Outcomes lists the allowed values of a query's outcome label, from the response's status.
var Outcomes = []string{"ok", "bad_request", "unauthorized", "forbidden", "not_found", "too_many_requests", "timeout", "bad_gateway", "internal", "error"}

// Rule set outcomes.
const (
	RulesLoaded  = "loaded"
	RulesRefused = "refused"
)

// Span names.
const (
	SpanQuery         = Namespace + ".query"
	SpanCacheLookup   = Namespace + ".cache_lookup"
	SpanSourceRequest = Namespace + ".source_request"
	SpanRules         = Namespace + ".rule_evaluation"
	SpanFrames        = Namespace + ".frames"
)

var (
	latencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120}
	waitBuckets    = []float64{0, .01, .1, .5, 1, 2, 5, 10, 30, 60, 120}

	requests = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "source_requests_total",
		Help: "HTTP requests sent to the sign-in source (Graph), retries included, by HTTP status (\"error\": no answer)."},
		[]string{LabelDataSource, LabelSource, LabelStatus})
	requestSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "source_request_duration_seconds",
		Help: "Time from sending a request to the sign-in source to its answer's headers.", Buckets: latencyBuckets},
		[]string{LabelDataSource, LabelSource})
	throttled = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "source_throttled_total",
		Help: "Answers of the sign-in source that throttled the app (HTTP 429)."},
		[]string{LabelDataSource, LabelSource})
	retryWaits = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "source_retry_wait_seconds",
		Help: "Waits before retrying a throttled or unavailable answer (Retry-After, or back-off without it), by the answer's HTTP status.", Buckets: waitBuckets},
		[]string{LabelDataSource, LabelSource, LabelStatus})
	budgetWaits = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "source_budget_wait_seconds",
		Help: "Time each request waited for the app's request budget (the pacer) before it was sent.", Buckets: waitBuckets},
		[]string{LabelDataSource, LabelSource})
	pages = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "source_pages_total",
		Help: "Pages of sign-ins read from the source."}, []string{LabelDataSource, LabelSource})
	rows = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "source_rows_total",
		Help: "Sign-ins read from the source."}, []string{LabelDataSource, LabelSource})

	queries = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "query_duration_seconds",
		Help: "Queries answered, by query type and outcome, and their duration (_count is the number of queries).", Buckets: latencyBuckets},
		[]string{LabelDataSource, LabelQueryType, LabelOutcome})

	ruleSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "rule_evaluation_seconds",
		Help: "Time to evaluate the rules over one query's sign-ins.", Buckets: latencyBuckets},
		[]string{LabelDataSource})
	decisions = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "rule_decisions_total",
		Help: "Sign-ins decided by the rules, memoized decisions included."}, []string{LabelDataSource})
	memoHits = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "rule_memo_hits_total",
		Help: "Decisions served from the memo without evaluating the rules."}, []string{LabelDataSource})
	ruleLoads = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "rule_set_loads_total",
		Help: "Rule set builds, by outcome: loaded, or refused (the previous rules keep serving)."},
		[]string{LabelDataSource, LabelOutcome})
	rulesInForce = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: Namespace, Name: "rules_in_force",
		Help: "Rules and catalogue entries of the rule set serving queries."}, []string{LabelDataSource})
	ruleUserSources = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: Namespace, Name: "rule_user_sources",
		Help: "Sources of the administrator's own rules in the rule set serving queries."}, []string{LabelDataSource})
	ruleLoadedAt = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: Namespace, Name: "rule_set_loaded_timestamp_seconds",
		Help: "When the rule set serving queries was built (Unix time)."}, []string{LabelDataSource})

	sampled = &probes{byUID: map[string]*probe{}}
)

func init() {
	prometheus.MustRegister(requests, requestSeconds, throttled, retryWaits, budgetWaits, pages, rows, queries,
		ruleSeconds, decisions, memoHits, ruleLoads, rulesInForce, ruleUserSources, ruleLoadedAt, sampled)
}

// uidPattern is what Grafana allows in a data source UID.
var uidPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,40}$`)

// UIDLabel is the data source UID as a label value: "invalid" for anything Grafana would not
// have made a UID (the label set stays bounded whatever a caller sends).
func UIDLabel(uid string) string {
	if uidPattern.MatchString(uid) {
		return uid
	}
	return "invalid"
}

func allowed(v string, set []string) string {
	for _, s := range set {
		if v == s {
			return v
		}
	}
	return "other"
}

// StatusLabel is an HTTP status as a label value: its number, or "error" when no answer came.
func StatusLabel(status int) string {
	if status < 100 || status > 599 {
		return "error"
	}
	return strconv.Itoa(status)
}

// Outcome names a query's response for the outcome label.
func Outcome(r *backend.DataResponse) string {
	if r.Error == nil && r.Status < 400 {
		return "ok"
	}
	switch r.Status {
	case backend.StatusBadRequest:
		return "bad_request"
	case backend.StatusUnauthorized:
		return "unauthorized"
	case backend.StatusForbidden:
		return "forbidden"
	case backend.StatusNotFound:
		return "not_found"
	case backend.StatusTooManyRequests:
		return "too_many_requests"
	case backend.StatusTimeout:
		return "timeout"
	case backend.StatusBadGateway:
		return "bad_gateway"
	case backend.StatusInternal:
		return "internal"
	}
	return "error"
}

// DataSource is one data source instance's view of the metrics and spans: the label values
// bound once, and the tracer. It implements graph.Observer. A nil *DataSource records nothing.
type DataSource struct {
	uid, source string
	tracer      trace.Tracer
	attrs       []attribute.KeyValue

	requests     *prometheus.CounterVec
	requestSecs  prometheus.Observer
	throttled    prometheus.Counter
	retryWaits   prometheus.ObserverVec
	budgetWaits  prometheus.Observer
	pages, rows  prometheus.Counter
	queries      prometheus.ObserverVec
	ruleSeconds  prometheus.Observer
	decisions    prometheus.Counter
	memoHits     prometheus.Counter
	ruleLoads    *prometheus.CounterVec
	rulesInForce prometheus.Gauge
	userSources  prometheus.Gauge
	ruleLoadedAt prometheus.Gauge
}

// For binds the labels of a data source instance; source is one of Sources.
func For(uid, source string) *DataSource {
	uid, source = UIDLabel(uid), allowed(source, Sources)
	ds := prometheus.Labels{LabelDataSource: uid}
	src := prometheus.Labels{LabelDataSource: uid, LabelSource: source}
	// The retry waits start at zero for the statuses that are retried after a wait, so that a
	// dashboard's rate() has a series before the first throttle.
	for _, status := range []string{"429", "503"} {
		retryWaits.WithLabelValues(uid, source, status)
	}
	return &DataSource{
		uid: uid, source: source, tracer: tracing.DefaultTracer(),
		attrs:        []attribute.KeyValue{attribute.String(LabelDataSource, uid), attribute.String(LabelSource, source)},
		requests:     requests.MustCurryWith(src),
		requestSecs:  requestSeconds.With(src),
		throttled:    throttled.With(src),
		retryWaits:   retryWaits.MustCurryWith(src),
		budgetWaits:  budgetWaits.With(src),
		pages:        pages.With(src),
		rows:         rows.With(src),
		queries:      queries.MustCurryWith(ds),
		ruleSeconds:  ruleSeconds.With(ds),
		decisions:    decisions.With(ds),
		memoHits:     memoHits.With(ds),
		ruleLoads:    ruleLoads.MustCurryWith(ds),
		rulesInForce: rulesInForce.With(ds),
		userSources:  ruleUserSources.With(ds),
		ruleLoadedAt: ruleLoadedAt.With(ds),
	}
}

// Start starts a span of the data source with its bounded attributes. Callers add only
// counts, statuses and the other bounded values of this package.
func (d *DataSource) Start(ctx context.Context, name string) (context.Context, trace.Span) {
	if d == nil {
		return ctx, trace.SpanFromContext(context.Background()) // a span that records nothing
	}
	return d.tracer.Start(ctx, name, trace.WithAttributes(d.attrs...))
}

// Query starts a query's span; done records the query with its type (one of QueryTypes) and
// response, and ends the span.
func (d *DataSource) Query(ctx context.Context) (_ context.Context, done func(queryType string, r *backend.DataResponse)) {
	start := time.Now()
	ctx, span := d.Start(ctx, SpanQuery)
	return ctx, func(queryType string, r *backend.DataResponse) {
		qt, outcome := allowed(queryType, QueryTypes), Outcome(r)
		if d != nil {
			d.queries.WithLabelValues(qt, outcome).Observe(time.Since(start).Seconds())
		}
		span.SetAttributes(attribute.String(LabelQueryType, qt), attribute.String(LabelOutcome, outcome), attribute.Int("frames", len(r.Frames)))
		if outcome != "ok" {
			// The outcome, not the error's text: that may quote what a user typed.
			span.SetStatus(codes.Error, outcome)
		}
		span.End()
	}
}

// Rules records one evaluation of the rules over a query's sign-ins.
func (d *DataSource) Rules(took time.Duration, decided, memoHits int) {
	if d == nil {
		return
	}
	d.ruleSeconds.Observe(took.Seconds())
	d.decisions.Add(float64(decided))
	d.memoHits.Add(float64(memoHits))
}

// RuleSet records a rule set build: refused when the administrator's rules were refused (the
// previous ones keep serving); rules and userSources describe the set serving queries.
func (d *DataSource) RuleSet(refused bool, rules, userSources int, loadedAt time.Time) {
	if d == nil {
		return
	}
	outcome := RulesLoaded
	if refused {
		outcome = RulesRefused
	}
	d.ruleLoads.WithLabelValues(outcome).Inc()
	d.rulesInForce.Set(float64(rules))
	d.userSources.Set(float64(userSources))
	d.ruleLoadedAt.Set(float64(loadedAt.Unix()))
}

// BudgetWait implements graph.Observer.
func (d *DataSource) BudgetWait(w time.Duration) {
	if d != nil {
		d.budgetWaits.Observe(w.Seconds())
	}
}

// Attempt implements graph.Observer: a request's span and its count by status.
func (d *DataSource) Attempt(ctx context.Context) (context.Context, func(status int)) {
	if d == nil {
		return ctx, func(int) {}
	}
	start := time.Now()
	ctx, span := d.Start(ctx, SpanSourceRequest)
	return ctx, func(status int) {
		d.requests.WithLabelValues(StatusLabel(status)).Inc()
		d.requestSecs.Observe(time.Since(start).Seconds())
		if status == 429 {
			d.throttled.Inc()
		}
		span.SetAttributes(attribute.String(LabelStatus, StatusLabel(status)))
		if status == 0 || status >= 400 {
			span.SetStatus(codes.Error, StatusLabel(status))
		}
		span.End()
	}
}

// RetryWait implements graph.Observer.
func (d *DataSource) RetryWait(status int, w time.Duration) {
	if d != nil {
		d.retryWaits.WithLabelValues(StatusLabel(status)).Observe(w.Seconds())
	}
}

// Page implements graph.Observer.
func (d *DataSource) Page(n int) {
	if d != nil {
		d.pages.Inc()
		d.rows.Add(float64(n))
	}
}

// Watch samples the instance's cache and Redis level when metrics are gathered, until stop;
// either function may be nil. A later Watch of the same data source (Grafana builds a new
// instance on every settings save) replaces this one, and then this stop does nothing.
func (d *DataSource) Watch(cacheStats func() cache.Stats, redisShared func() bool) (stop func()) {
	if d == nil {
		return func() {}
	}
	p := &probe{cache: cacheStats, shared: redisShared}
	sampled.mu.Lock()
	sampled.byUID[d.uid] = p
	sampled.mu.Unlock()
	return func() {
		sampled.mu.Lock()
		defer sampled.mu.Unlock()
		if sampled.byUID[d.uid] == p {
			delete(sampled.byUID, d.uid)
		}
	}
}

// probes is the collector of the sampled state, per data source.
type probes struct {
	mu    sync.Mutex
	byUID map[string]*probe
}

type probe struct {
	cache  func() cache.Stats
	shared func() bool
}

func desc(name, help string) *prometheus.Desc {
	return prometheus.NewDesc(prometheus.BuildFQName(Namespace, "", name), help, []string{LabelDataSource}, nil)
}

var (
	cacheHits      = desc("cache_hits_total", "Hour buckets of sign-ins served from the cache (the Redis level's included).")
	cacheMisses    = desc("cache_misses_total", "Hour buckets of sign-ins the cache had to read from the source.")
	cacheListings  = desc("cache_listings_total", "Listings the cache sent to the source.")
	cacheCoalesced = desc("cache_coalesced_total", "Callers answered by another caller's identical listing in flight.")
	cacheEvictions = desc("cache_evictions_total", "Buckets evicted for the cache's size bound.")
	cacheShared    = desc("cache_shared_hits_total", "Buckets served from the Redis level shared by the Grafana replicas.")
	cacheBytes     = desc("cache_resident_bytes", "Bytes of compressed sign-ins held by the cache.")
	cacheRows      = desc("cache_resident_rows", "Sign-ins held by the cache.")
	cacheBuckets   = desc("cache_resident_buckets", "Buckets held by the cache.")
	redisShared    = desc("redis_shared", "1 while the Redis level is shared by the replicas, 0 while it is degraded (each replica on its own).")
)

// Describe implements prometheus.Collector.
func (p *probes) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{cacheHits, cacheMisses, cacheListings, cacheCoalesced, cacheEvictions, cacheShared, cacheBytes, cacheRows, cacheBuckets, redisShared} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (p *probes) Collect(ch chan<- prometheus.Metric) {
	p.mu.Lock()
	all := make(map[string]*probe, len(p.byUID))
	for uid, pr := range p.byUID {
		all[uid] = pr
	}
	p.mu.Unlock()
	for uid, pr := range all {
		if pr.cache != nil {
			s := pr.cache()
			counter := func(d *prometheus.Desc, v int) {
				ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), uid)
			}
			gauge := func(d *prometheus.Desc, v int) {
				ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(v), uid)
			}
			counter(cacheHits, s.Hits)
			counter(cacheMisses, s.Misses)
			counter(cacheListings, s.Listings)
			counter(cacheCoalesced, s.Coalesced)
			counter(cacheEvictions, s.Evictions)
			counter(cacheShared, s.SharedHits)
			gauge(cacheBytes, s.Bytes)
			gauge(cacheRows, s.Rows)
			gauge(cacheBuckets, s.Buckets)
		}
		if pr.shared != nil {
			v := 0.0
			if pr.shared() {
				v = 1
			}
			ch <- prometheus.MustNewConstMetric(redisShared, prometheus.GaugeValue, v, uid)
		}
	}
}
