package graph

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	khttp "github.com/microsoft/kiota-http-go"
	msgraphcore "github.com/microsoftgraph/msgraph-sdk-go-core"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

func TestRetryDelay(t *testing.T) {
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		header  string
		attempt int
		want    time.Duration
	}{
		{"2.128", 0, 2128 * time.Millisecond},
		{"0.5", 0, 500 * time.Millisecond},
		{"0.0001", 0, time.Millisecond},
		{" 7 ", 0, 7 * time.Second},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 0, 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, 0},
		{"", 0, 2 * time.Second},
		{"", 2, 8 * time.Second},
		{"soon", 1, 4 * time.Second},
		{"-3", 0, 2 * time.Second},
	}
	for _, tt := range tests {
		if got := retryDelay(tt.header, tt.attempt, now); got != tt.want {
			t.Errorf("retryDelay(%q, %d) = %v, want %v", tt.header, tt.attempt, got, tt.want)
		}
	}
}

// A 429 with a fractional Retry-After is retried after the whole delay (kiota's own handler
// truncates 1.234 to 1 s and would be throttled again), and the listing completes.
func TestThrottledPageIsRetriedAfterFractionalRetryAfter(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{ThrottleAfter: 1, RetryAfter: 1234 * time.Millisecond})
	c := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
	_, to := sim.Dataset().Window()
	res, err := c.List(context.Background(), Query{From: to.Add(-24 * time.Hour), To: to, MaxRows: 2000})
	if err != nil {
		t.Fatal(err)
	}
	reqs := graphRequests(sim)
	throttled := 0
	for i, r := range reqs {
		if r.Status != http.StatusTooManyRequests {
			continue
		}
		throttled++
		if i+1 >= len(reqs) {
			t.Fatal("the 429 was not retried")
		}
		if gap := reqs[i+1].Time.Sub(r.Time); gap < 1234*time.Millisecond {
			t.Errorf("retried after %v, before Retry-After 1.234s", gap)
		}
		if reqs[i+1].Path != r.Path {
			t.Errorf("the retry asked for %s, not the throttled page %s", reqs[i+1].Path, r.Path)
		}
	}
	if throttled == 0 {
		t.Fatal("the simulator throttled nothing")
	}
	if res.Pages != 2 || len(res.SignIns) != 2000 {
		t.Errorf("pages %d rows %d, want 2 pages of 1000", res.Pages, len(res.SignIns))
	}
}

func TestRetriesGiveUpWithTheServiceError(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{FailNext: []int{503, 503, 503, 503}, RetryAfter: 10 * time.Millisecond})
	_, err := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret).List(context.Background(), lastHour(sim))
	var ge *Error
	if !errors.As(err, &ge) || ge.Status != 503 || ge.Kind != KindService {
		t.Fatalf("error = %v, want the 503 after %d retries", err, maxRetries)
	}
	if n := len(graphRequests(sim)); n != maxRetries+1 {
		t.Errorf("%d Graph requests, want %d", n, maxRetries+1)
	}
}

// A Retry-After longer than we are willing to wait comes back as a throttling error at once.
func TestLongRetryAfterIsReported(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{FailNext: []int{429}, RetryAfter: 5 * time.Minute})
	start := time.Now()
	_, err := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret).List(context.Background(), lastHour(sim))
	var ge *Error
	if !errors.As(err, &ge) || ge.Kind != KindThrottled || ge.Code != "TooManyRequests" || time.Since(start) > 5*time.Second {
		t.Fatalf("error = %v after %v, want TooManyRequests at once", err, time.Since(start))
	}
}

// Cancelling the query ends a retry wait at once. (A wait past the query's deadline is not
// started at all: TestListUnderFaults, "429 with a Retry-After past the deadline".)
func TestCancelDuringRetryWait(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	sim.SetFaults(simulator.Faults{FailNext: []int{429}, RetryAfter: 30 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(500*time.Millisecond, cancel)
	start := time.Now()
	_, err := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret).List(ctx, lastHour(sim))
	if !errors.Is(err, context.Canceled) || time.Since(start) > 2*time.Second {
		t.Fatalf("error = %v after %v, want the cancellation right away", err, time.Since(start))
	}
}

// One retry policy: kiota's handler is taken out and ours is innermost, so every attempt,
// retries included, waits for the pacer.
func TestMiddlewareHasOneRetryPolicy(t *testing.T) {
	chain := withPacedRetry(msgraphcore.GetDefaultMiddlewaresWithOptions(&msgraphcore.GraphClientOptions{GraphServiceVersion: "v1.0"}), Unpaced, noObserver{})
	for i, m := range chain {
		switch m.(type) {
		case *khttp.RetryHandler, khttp.RetryHandler:
			t.Fatalf("kiota's retry handler is still at %d", i)
		case *pacedRetry:
			if i != len(chain)-1 {
				t.Fatalf("pacedRetry is at %d of %d, want last", i, len(chain))
			}
		}
	}
	if _, ok := chain[len(chain)-1].(*pacedRetry); !ok {
		t.Fatal("pacedRetry is missing")
	}
}
