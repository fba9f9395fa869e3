package bench

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// BenchmarkFetchAtCeiling reads ~100,000 sign-ins (SIGDIAG_CEILING_SIGNINS) from a large
// simulated tenant with Graph's limit enforced (5 requests per 10 s per app and tenant, 429 beyond)
// and pages that take 1-3 s, through the plugin's Graph client (azidentity, msgraph-sdk-go,
// the pacer, time slices read three at a time). It reports the sign-ins per second reached as
// a share of the ceiling (5 pages of 1000 per 10 s = 500/s) and the share of requests
// throttled. It is wall time, not CPU: the fetch runs once per process whatever b.N is, and
// takes about 3.5 minutes at the default size.
func BenchmarkFetchAtCeiling(b *testing.B) {
	ceilingOnce.Do(func() { ceilingRun, ceilingErr = fetchAtCeiling(b) })
	if ceilingErr != nil {
		b.Fatal(ceilingErr)
	}
	r := ceilingRun
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(r.rate, "sign-ins/s")
	b.ReportMetric(100*r.rate/ceilingRate, "%-of-ceiling")
	b.ReportMetric(100*float64(r.throttled)/float64(max(r.requests, 1)), "%-throttled")
	b.ReportMetric(float64(r.maxInWindow), "max-requests/10s")
}

// ceilingRate is Graph's limit in sign-ins per second: 5 pages of 1000 per 10 seconds.
const ceilingRate = float64(graph.GraphRequestsPerWindow*graph.MaxPageSize) / 10

type ceilingResult struct {
	signIns, pages, requests, throttled, maxInWindow int
	took                                             time.Duration
	late, tail                                       time.Duration // see lateness
	rate, ideal                                      float64
}

var (
	ceilingOnce sync.Once
	ceilingRun  ceilingResult
	ceilingErr  error
)

func fetchAtCeiling(b *testing.B) (ceilingResult, error) {
	want := 100_000
	if v, err := strconv.Atoi(os.Getenv("SIGDIAG_CEILING_SIGNINS")); err == nil && v > 0 {
		want = v
	}
	// A tenant where 100,000 interactive sign-ins are about a day (the demo tenant's volume
	// times 13), as in the organisations that read this many: a day is one 3-day slice, so
	// what fills the pipe is the plugin cutting it into several chains (graph.List).
	sim, err := simulator.Start(simulator.Options{Days: 3, Scale: 13})
	if err != nil {
		return ceilingResult{}, err
	}
	defer sim.Close()
	// The range holding the newest `want` interactive sign-ins.
	from, to := sim.Dataset().Window()
	n := 0
	for _, r := range sim.Dataset().Between(from, to) { // newest first
		if r.Interactive() {
			if n++; n == want {
				from = r.Time
				break
			}
		}
	}
	s := &settings.Settings{Source: settings.SourceGraph, GraphAPIVersion: "v1.0", AuthorityHost: sim.URL(), GraphEndpoint: sim.URL(),
		AzureCredentials: settings.AzureCredentials{AuthType: settings.AuthClientSecret, AzureCloud: settings.CloudCustomized,
			TenantID: simulator.DemoTenantID, ClientID: simulator.DemoClientID}}
	s.Secrets.ClientSecret = simulator.DemoClientSecret
	ep, err := s.Endpoints()
	if err != nil {
		return ceilingResult{}, err
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: sim.CertPool(), MinVersion: tls.VersionTLS12}}}
	cred, err := graph.NewCredential(s, ep, hc)
	if err != nil {
		return ceilingResult{}, err
	}
	client, err := graph.New(graph.Config{Credential: cred, GraphEndpoint: ep.GraphEndpoint, APIVersion: "v1.0", HTTPClient: hc, Pacer: graph.NewGraphPacer()})
	if err != nil {
		return ceilingResult{}, err
	}
	// A token first, so that the measured time is Graph's.
	if _, err := client.List(context.Background(), graph.Query{From: to.Add(-time.Minute), To: to, MaxRows: 1}); err != nil {
		return ceilingResult{}, err
	}
	time.Sleep(graph.GraphWindow + time.Second) // that request leaves Graph's window
	sim.SetFaults(simulator.Faults{RateLimit: graph.GraphRequestsPerWindow, RateWindow: graph.GraphWindow,
		PageLatency: time.Second, PageLatencyMax: 3 * time.Second})
	before := len(sim.Requests())
	start := time.Now()
	res, err := client.List(context.Background(), graph.Query{From: from, To: to})
	took := time.Since(start)
	if err != nil {
		return ceilingResult{}, err
	}
	var reqs []simulator.RequestLog
	throttled := 0
	for _, r := range sim.Requests()[before:] {
		if r.Endpoint == "graph" {
			reqs = append(reqs, r)
			if r.Status == http.StatusTooManyRequests {
				throttled++
			}
		}
	}
	r := ceilingResult{signIns: len(res.SignIns), pages: res.Pages, requests: len(reqs), throttled: throttled,
		maxInWindow: simulator.MaxInWindow(reqs, graph.GraphWindow), took: took}
	r.late, r.tail = lateness(start, reqs, took)
	if os.Getenv("SIGDIAG_CEILING_TIMELINE") != "" {
		for _, q := range reqs {
			fmt.Printf("%7.2fs +%5.2fs %d %s\n", q.Time.Sub(start).Seconds(), q.Duration.Seconds(), q.Status, q.Path)
		}
	}
	r.rate = float64(r.signIns) / took.Seconds()
	// The fastest schedule Graph allows for these pages: 5 at once, then 5 every 10 s, the
	// last page taking the average latency (2 s).
	ideal := time.Duration((r.pages-1)/graph.GraphRequestsPerWindow)*graph.GraphWindow + 2*time.Second
	r.ideal = float64(r.signIns) / ideal.Seconds()
	results.Lock()
	results.extra["ceiling"] = fmt.Sprintf("fetch at Graph's ceiling: %d sign-ins in %d pages in %v = %.0f sign-ins/s, %.1f%% of the %0.f/s ceiling "+
		"(%.1f%% of the fastest schedule for %d pages); %d of %d requests throttled (%.2f%%); at most %d requests in any 10 s; "+
		"requests sent %v later in all than Graph's limit allowed, %v from the last request to the end",
		r.signIns, r.pages, took.Round(100*time.Millisecond), r.rate, 100*r.rate/ceilingRate, ceilingRate, 100*r.rate/r.ideal, r.pages,
		throttled, len(reqs), 100*float64(throttled)/float64(max(len(reqs), 1)), r.maxInWindow,
		r.late.Round(100*time.Millisecond), r.tail.Round(100*time.Millisecond))
	results.Unlock()
	return r, nil
}

// lateness says where a fetch's time went beyond Graph's limit. late sums, over the requests,
// how much later each arrived than the limit allowed: the first five at the start, each later
// one 10 s after the fifth before it (or at once, if that is earlier than the one before it).
// It is the time the request chains kept Graph's budget unused: pacing guard, chains waiting
// for their pages, uneven chains at the end. tail is the time from the last request's arrival
// to the end of the fetch (that page's latency and decoding).
func lateness(start time.Time, reqs []simulator.RequestLog, took time.Duration) (late, tail time.Duration) {
	reqs = slices.Clone(reqs)
	slices.SortStableFunc(reqs, func(a, b simulator.RequestLog) int { return a.Time.Compare(b.Time) })
	for i, r := range reqs {
		allowed := start
		if i >= graph.GraphRequestsPerWindow {
			allowed = reqs[i-graph.GraphRequestsPerWindow].Time.Add(graph.GraphWindow)
		}
		if i > 0 && reqs[i-1].Time.After(allowed) {
			allowed = reqs[i-1].Time
		}
		late += max(r.Time.Sub(allowed), 0)
	}
	if len(reqs) > 0 {
		tail = start.Add(took).Sub(reqs[len(reqs)-1].Time)
	}
	return late, tail
}
