package graph

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// faultCase is one failure of Graph or Entra and how a listing must end under it: complete,
// or with a clear error (a kind and words an admin can act on), always within the deadline.
type faultCase struct {
	name   string
	faults simulator.Faults
	opts   simulator.Options
	// client builds the Graph client; nil: the demo app through a client that trusts the simulator.
	client func(t *testing.T, sim *simulator.Server) *Client
	// complete: the listing must return every sign-in of the fault-free listing.
	complete bool
	// kind and text are what the error must say when it is not complete.
	kind Kind
	text string
	// deadline is the query's; the listing must end before it plus a second.
	deadline time.Duration
}

// Every fault ends in a complete result or a clear error within the query's deadline, and no
// goroutine is left behind.
func TestListUnderFaults(t *testing.T) {
	t.Cleanup(func() { goleak.VerifyNone(t, goleak.IgnoreCurrent()) })
	for _, tc := range faultCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runFaultCase(t, tc)
		})
	}
}

func faultCases() []faultCase {
	ms := time.Millisecond
	return []faultCase{
		{name: "429 storm with Retry-After, then answers", faults: simulator.Faults{FailNext: []int{429, 429, 429}, RetryAfter: 150 * ms}, complete: true},
		{name: "429 storm longer than the retries", faults: simulator.Faults{FailNext: []int{429, 429, 429, 429, 429, 429}, RetryAfter: 100 * ms},
			kind: KindThrottled, text: "HTTP 429"},
		{name: "429 with a Retry-After past the deadline", faults: simulator.Faults{FailNext: []int{429}, RetryAfter: 30 * time.Second}, deadline: 5 * time.Second,
			kind: KindThrottled, text: "HTTP 429"},
		{name: "429 without Retry-After backs off", faults: simulator.Faults{FailNext: []int{429}, NoRetryAfter: true}, complete: true},
		{name: "503 with Retry-After", faults: simulator.Faults{FailNext: []int{503, 503}, RetryAfter: 100 * ms}, complete: true},
		{name: "504 is retried", faults: simulator.Faults{FailNext: []int{504}}, complete: true},
		{name: "500", faults: simulator.Faults{FailNext: []int{500}}, kind: KindService, text: "HTTP 500"},
		{name: "502", faults: simulator.Faults{FailNext: []int{502}}, kind: KindService, text: "HTTP 502"},
		{name: "page cut mid-JSON", faults: simulator.Faults{CutNext: 1}, kind: KindService, text: "cut off"},
		{name: "invalid JSON", faults: simulator.Faults{MalformedNext: 1}, kind: KindService, text: "not valid JSON"},
		{name: "a page that never ends", faults: simulator.Faults{StallNext: 1, StallInterval: 50 * ms}, deadline: 3 * time.Second,
			text: context.DeadlineExceeded.Error()},
		{name: "nextLink to another host", faults: simulator.Faults{NextLinkBase: "https://graph.evil.example"}, kind: KindService, text: "another host"},
		{name: "nextLink looping", faults: simulator.Faults{LoopNextLink: true}, kind: KindService, text: "same page"},
		{name: "expired skiptoken", faults: simulator.Faults{ExpiredSkipToken: true}, kind: KindService, text: "Directory_ExpiredPageToken"},
		{name: "tokens expire mid-query", opts: simulator.Options{TokenLifetime: 2 * time.Second}, faults: simulator.Faults{PageLatency: 700 * ms}, complete: true},
		{name: "token rejected as expired", faults: simulator.Faults{ExpireTokenNext: 1}, kind: KindCredentials, text: "expired"},
		{name: "token endpoint down", faults: simulator.Faults{TokenDown: true}, kind: KindService, text: "AADSTS90033"},
		{name: "DNS failure", client: unresolvable, kind: KindNetwork, text: "does not resolve"},
		{name: "TLS failure", client: untrusting, kind: KindNetwork, text: "not trusted"},
	}
}

func runFaultCase(t *testing.T, tc faultCase) {
	opts := tc.opts
	sim := startSimulator(t, opts)
	build := tc.client
	if build == nil {
		build = func(t *testing.T, sim *simulator.Server) *Client {
			return newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
		}
	}
	_, to := sim.Dataset().Window()
	q := Query{From: to.Add(-2 * time.Hour), To: to, PageSize: 40}
	want, err := build(t, sim).List(context.Background(), q)
	if tc.client == nil && err != nil {
		t.Fatalf("without faults: %v", err)
	}
	sim.SetFaults(tc.faults)
	deadline := tc.deadline
	if deadline == 0 {
		deadline = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	got, err := build(t, sim).List(ctx, q)
	took := time.Since(start)
	if took > deadline+time.Second {
		t.Errorf("took %v, past the %v deadline", took, deadline)
	}
	if tc.complete {
		if err != nil {
			t.Fatalf("error %v, want a complete result", err)
		}
		if len(got.SignIns) != len(want.SignIns) || got.Truncated {
			t.Fatalf("%d sign-ins (truncated %v), want %d", len(got.SignIns), got.Truncated, len(want.SignIns))
		}
		if opts.TokenLifetime > 0 && tokenRequests(sim) < 3 {
			t.Errorf("%d token requests: the expiring tokens were not renewed", tokenRequests(sim))
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, %d sign-ins", len(got.SignIns))
	}
	var ge *Error
	if tc.kind != "" && (!errors.As(err, &ge) || ge.Kind != tc.kind) {
		t.Errorf("error %q (%T) is not of kind %s", err, err, tc.kind)
	}
	if !strings.Contains(err.Error(), tc.text) {
		t.Errorf("error %q does not say %q", err, tc.text)
	}
	t.Logf("%s: %v after %v", tc.name, err, took.Round(time.Millisecond))
}

// unresolvable is a client whose authority and Graph hosts do not resolve.
func unresolvable(t *testing.T, sim *simulator.Server) *Client {
	s := simSettings(sim, settings.AuthClientSecret, simulator.DemoTenantID, simulator.DemoClientID)
	s.AuthorityHost, s.GraphEndpoint = "https://login.sigdiag-test.invalid", "https://graph.sigdiag-test.invalid"
	s.Secrets.ClientSecret = simulator.DemoClientSecret
	return clientFor(t, sim, s, nil)
}

// untrusting is a client that does not trust the simulator's CA.
func untrusting(t *testing.T, sim *simulator.Server) *Client {
	s := simSettings(sim, settings.AuthClientSecret, simulator.DemoTenantID, simulator.DemoClientID)
	s.Secrets.ClientSecret = simulator.DemoClientSecret
	ep, err := s.Endpoints()
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(hc.CloseIdleConnections)
	cred, err := NewCredential(s, ep, hc)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Credential: cred, GraphEndpoint: ep.GraphEndpoint, APIVersion: "v1.0", HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func tokenRequests(sim *simulator.Server) int {
	n := 0
	for _, r := range sim.Requests() {
		if r.Endpoint == "token" && r.Status == http.StatusOK {
			n++
		}
	}
	return n
}
