package graph

import (
	"context"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	khttp "github.com/microsoft/kiota-http-go"
)

// Retry policy. This middleware replaces kiota's RetryHandler rather than sitting beside it,
// so there is one retry policy: kiota's truncates a fractional Retry-After (2.128 becomes 2,
// 0.5 becomes 0, so the retry arrives early and is throttled again) and retries below any
// pacer, which would let retries escape the budget.
const (
	maxRetries = 3
	// maxRetryWait is the longest Retry-After we wait out; longer, the 429 is returned with
	// its hint rather than holding a dashboard for minutes.
	maxRetryWait = 2 * time.Minute
	// backoffBase is the first wait when a retriable answer has no Retry-After.
	backoffBase = 2 * time.Second
	// attemptTimeout bounds one request (headers and body). Graph can take minutes for a
	// page; time waiting for the pacer is not counted.
	attemptTimeout = 4 * time.Minute
)

// pacedRetry is the innermost middleware: each attempt, first or retry, waits for the pacer,
// and throttling answers are retried after their Retry-After.
type pacedRetry struct {
	pacer    Pacer
	sleep    func(ctx context.Context, d time.Duration) error
	observer Observer
}

// withPacedRetry swaps kiota's retry handler for pacedRetry at the end of the chain.
func withPacedRetry(middleware []khttp.Middleware, pacer Pacer, observer Observer) []khttp.Middleware {
	out := make([]khttp.Middleware, 0, len(middleware))
	for _, m := range middleware {
		switch m.(type) {
		case *khttp.RetryHandler, khttp.RetryHandler:
			continue
		}
		out = append(out, m)
	}
	return append(out, &pacedRetry{pacer: pacer, sleep: Sleep, observer: observer})
}

// Intercept implements khttp.Middleware.
func (m *pacedRetry) Intercept(pipeline khttp.Pipeline, index int, req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	waits, _ := ctx.Value(budgetWaitKey{}).(*budgetWait)
	observer := m.observer
	if observer == nil {
		observer = noObserver{}
	}
	for attempt := 0; ; attempt++ {
		start := time.Now()
		err := m.pacer.Wait(ctx)
		waited := time.Since(start)
		waits.add(waited)
		observer.BudgetWait(waited)
		if err != nil {
			return nil, err
		}
		if a, ok := ctx.Value(admittedKey{}).(*time.Time); ok {
			*a = time.Now()
		}
		actx, done := observer.Attempt(ctx)
		resp, err := m.send(pipeline, index, req.WithContext(actx))
		status := 0
		if err == nil && resp != nil {
			status = resp.StatusCode
		}
		done(status)
		if err != nil || !retriable(resp.StatusCode) || attempt == maxRetries {
			return resp, err
		}
		wait := retryDelay(resp.Header.Get("Retry-After"), attempt, time.Now())
		if wait > maxRetryWait {
			return resp, nil
		}
		if h, ok := m.pacer.(Holder); ok {
			h.Hold(time.Now().Add(wait))
		}
		if pastDeadline(ctx, wait) {
			// Waiting would outlast the query's deadline: the answer says why (throttled,
			// unavailable) better than the deadline would. The app still pauses for the others.
			return resp, nil
		}
		observer.RetryWait(resp.StatusCode, wait)
		discard(resp)
		if err := m.sleep(ctx, wait); err != nil {
			return nil, err
		}
		req.Header.Set("Retry-Attempt", strconv.Itoa(attempt+1))
	}
}

// budgetWaitKey is a context key: a *budgetWait under it adds up the time a listing's
// requests waited for the pacer, for the panel inspector's stats.
type budgetWaitKey struct{}

type budgetWait struct {
	mu sync.Mutex
	d  time.Duration
}

func (w *budgetWait) add(d time.Duration) {
	if w == nil {
		return
	}
	w.mu.Lock()
	w.d += d
	w.mu.Unlock()
}

func (w *budgetWait) total() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.d
}

// admittedKey is a context key: a *time.Time under it is set to when the pacer let the
// request's last attempt leave, so that the listing can tell Graph's latency from the wait for
// the budget.
type admittedKey struct{}

// send makes one attempt with its own deadline, released when the body is closed.
func (m *pacedRetry) send(pipeline khttp.Pipeline, index int, req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), attemptTimeout)
	resp, err := pipeline.Next(req.WithContext(ctx), index)
	if err != nil || resp == nil || resp.Body == nil {
		cancel()
		return resp, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// pastDeadline reports whether waiting d would end after ctx's deadline.
func pastDeadline(ctx context.Context, d time.Duration) bool {
	dl, ok := ctx.Deadline()
	return ok && time.Now().Add(d).After(dl)
}

// retriable are the statuses Graph asks clients to retry (throttling, unavailable, timeout).
func retriable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
}

// retryDelay reads Retry-After as seconds, fractional ones included (Graph's documentation
// shows 2.128), or as an HTTP date; without one it backs off exponentially.
func retryDelay(header string, attempt int, now time.Time) time.Duration {
	header = strings.TrimSpace(header)
	if secs, err := strconv.ParseFloat(header, 64); err == nil && secs >= 0 {
		if secs > maxRetryWait.Seconds() {
			// Past the cap (or too large for a Duration, which would overflow into a negative
			// wait and an immediate retry): report it as over the cap.
			return maxRetryWait + time.Second
		}
		// Round up to the millisecond: arriving a fraction early means another 429.
		return time.Duration(math.Ceil(secs*1000)) * time.Millisecond
	}
	if at, err := http.ParseTime(header); err == nil {
		return max(at.Sub(now), 0)
	}
	return backoffBase << attempt
}

// discard drains a response we will not use, so its connection can be reused.
func discard(resp *http.Response) {
	if resp.Body != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		_ = resp.Body.Close()
	}
}

// Sleep waits for d, or returns ctx's error when ctx ends first.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// cancelOnClose ends an attempt's context when its body has been read and closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
