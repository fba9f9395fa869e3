package simulator

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Faults are failures the simulator injects, for testing clients' resilience. They apply to
// /v1.0 and /beta requests, except TokenFailNext and TokenDown, which break the token endpoint.
type Faults struct {
	// RateLimit is how many Graph requests one app may make per tenant in RateWindow
	// (Graph documents 5 per 10 seconds for sign-in logs); further requests get 429 with
	// a Retry-After of the time until the oldest one leaves the window. 0 means no limit.
	RateLimit  int
	RateWindow time.Duration // default 10s
	// ThrottleAfter, when positive, lets that many Graph requests through and answers the
	// next ThrottleCount (default 1) with 429, then lets ThrottleAfter through again.
	ThrottleAfter int
	ThrottleCount int
	// RetryAfter is the Retry-After sent with ThrottleAfter's 429s and with injected 503s;
	// default 2.128 seconds, the fractional value Microsoft's documentation shows.
	RetryAfter time.Duration
	// PageLatency delays every Graph answer (a slow service).
	PageLatency time.Duration
	// PageLatencyMax, when above PageLatency, makes each answer's delay uniform between the
	// two (Graph's sign-in pages take 1-3 s in large tenants).
	PageLatencyMax time.Duration
	// FailNext are statuses (e.g. 503, 504, 500) for the next Graph requests, in order.
	FailNext []int
	// NoRetryAfter leaves Retry-After out of injected 429s and 503s (the client must back off
	// on its own).
	NoRetryAfter bool

	// The faults below break pages and links rather than answering with an error status.

	// CutNext sends the next that many sign-in pages half written, then drops the connection.
	CutNext int
	// MalformedNext sends the next that many pages as complete 200 answers whose body is cut
	// in the middle of the JSON (a proxy that truncated the page).
	MalformedNext int
	// StallNext sends the next that many pages' first bytes, then one space per StallInterval
	// (default 1s) for as long as the client listens: a page that never ends (slow loris).
	StallNext     int
	StallInterval time.Duration
	// NextLinkBase, when set (e.g. "https://evil.example"), replaces the scheme and host of every
	// @odata.nextLink: a link pointing at another server.
	NextLinkBase string
	// LoopNextLink makes every page's @odata.nextLink the URL of the page itself.
	LoopNextLink bool
	// ExpiredSkipToken answers every request carrying a $skiptoken with Graph's 400 for a page
	// token that expired.
	ExpiredSkipToken bool
	// ExpireTokenNext answers the next that many Graph requests with 401 "the token is
	// expired", as when a token runs out between issue and use.
	ExpireTokenNext int

	// TokenFailNext are statuses (500, 503, ...) for the next token endpoint requests, with
	// Entra's error body; TokenDown fails every one with 503.
	TokenFailNext []int
	TokenDown     bool
}

// faultState is the live state of the injected faults.
type faultState struct {
	mu        sync.Mutex
	f         Faults
	passed    int // requests let through since the last ThrottleAfter burst
	throttled int // 429s sent in the current burst
	windows   map[string][]time.Time
}

// SetFaults replaces the injected faults and resets their counters.
func (s *Server) SetFaults(f Faults) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	f.FailNext = append([]int(nil), f.FailNext...)
	f.TokenFailNext = append([]int(nil), f.TokenFailNext...)
	if f.StallInterval <= 0 {
		f.StallInterval = time.Second
	}
	if f.RateWindow <= 0 {
		f.RateWindow = 10 * time.Second
	}
	if f.ThrottleCount <= 0 {
		f.ThrottleCount = 1
	}
	if f.RetryAfter <= 0 {
		f.RetryAfter = 2128 * time.Millisecond
	}
	s.faults.f, s.faults.passed, s.faults.throttled, s.faults.windows = f, 0, 0, map[string][]time.Time{}
}

// nextFailure pops the next injected status, or 0.
func (fs *faultState) nextFailure() (int, time.Duration) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if len(fs.f.FailNext) == 0 {
		return 0, 0
	}
	st := fs.f.FailNext[0]
	fs.f.FailNext = fs.f.FailNext[1:]
	if fs.f.NoRetryAfter {
		return st, 0
	}
	return st, fs.f.RetryAfter
}

// throttle decides whether a request of app in tenant is throttled, and for how long the
// client should wait.
func (fs *faultState) throttle(tenantID, appID string) (bool, time.Duration) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f := &fs.f
	if f.ThrottleAfter > 0 {
		if fs.passed >= f.ThrottleAfter {
			fs.throttled++
			if fs.throttled >= f.ThrottleCount {
				fs.passed, fs.throttled = 0, 0
			}
			if f.NoRetryAfter {
				return true, 0
			}
			return true, f.RetryAfter
		}
		fs.passed++
	}
	if f.RateLimit <= 0 {
		return false, 0
	}
	now := time.Now()
	key := strings.ToLower(tenantID + "/" + appID)
	w := fs.windows[key]
	for len(w) > 0 && now.Sub(w[0]) >= f.RateWindow {
		w = w[1:]
	}
	if len(w) >= f.RateLimit {
		fs.windows[key] = w
		return true, f.RateWindow - now.Sub(w[0])
	}
	fs.windows[key] = append(w, now)
	return false, 0
}

// latency returns the delay of the next Graph answer.
func (fs *faultState) latency() time.Duration {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if spread := fs.f.PageLatencyMax - fs.f.PageLatency; spread > 0 {
		return fs.f.PageLatency + rand.N(spread)
	}
	return fs.f.PageLatency
}

// retryAfterValue formats seconds with up to three decimals, e.g. "2.128" or "1".
func retryAfterValue(d time.Duration) string {
	ms := d.Milliseconds()
	if ms < 1 {
		ms = 1
	}
	return strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)
}
