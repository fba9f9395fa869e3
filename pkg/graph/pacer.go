package graph

import (
	"context"
	"strings"
	"sync"
	"time"
)

// Pacer decides when the next Graph request may leave. Graph throttles sign-in log reads per
// app and tenant (5 requests per 10 seconds), so every request of every query and every data
// source instance for that app and tenant must go through the same Pacer. The interface is
// one method so that a pacer shared between Grafana replicas (e.g. backed by Redis) can
// replace the in-process one.
type Pacer interface {
	// Wait blocks until a request may be sent, or returns ctx's error.
	Wait(ctx context.Context) error
}

// Holder is a Pacer that can be told to stop everyone until a time: a 429 or 503 with
// Retry-After applies to the app and tenant, not just to the request that got it.
type Holder interface {
	Hold(until time.Time)
}

// Narrower is a Pacer whose budget can be narrowed for a while: a Grafana replica that can
// no longer share the app's budget with the others through Redis keeps to its share of it.
type Narrower interface {
	// Narrow lets at most limit requests start in any window (the pacer's own, or the given
	// one when it is longer) until the given time (a later call with a later time extends
	// it). Requests already sent count against it.
	Narrow(limit int, window time.Duration, until time.Time)
}

// Graph's documented limit for identity and access reports, per app per tenant.
const (
	GraphRequestsPerWindow = 5
	GraphWindow            = 10 * time.Second
	// pacerGuard widens the window: our clock starts when a request leaves, Graph's when it
	// arrives, and uneven network delay could otherwise squeeze a sixth request into Graph's
	// window. The requests of one process share one HTTP/2 connection to Graph, so their
	// delays differ by milliseconds to tens of milliseconds; 200 ms covers that many times
	// over while keeping 98% of the ceiling (5 per 10.2 s). A 429 that still happens is
	// retried after its Retry-After, with the whole app paused. (Replicas sharing a budget
	// through Redis use a wider guard: their requests leave from different hosts.)
	pacerGuard = 200 * time.Millisecond
)

// WindowPacer lets at most Limit requests start in any Window (a sliding window log). Waiters
// are served in arrival order: each Wait reserves the earliest free slot at once.
type WindowPacer struct {
	limit  int
	window time.Duration
	mu     sync.Mutex
	slots  []time.Time // reservations still in a window, ascending; some are in the future
	hold   time.Time   // no slot before this (Retry-After)
	// narrow, when above zero, replaces limit (and narrowWindow window, when longer) for the
	// reservations made before narrowUntil.
	narrow       int
	narrowWindow time.Duration
	narrowUntil  time.Time
	// history holds the slots of the last UsageSpan, for the health check's use of the budget.
	history []time.Time
}

// UsageSpan is how far back a pacer remembers its requests for Used.
const UsageSpan = 5 * time.Minute

// NewWindowPacer returns a pacer for limit requests per window.
func NewWindowPacer(limit int, window time.Duration) *WindowPacer {
	if limit < 1 {
		limit = 1
	}
	return &WindowPacer{limit: limit, window: window}
}

// NewGraphPacer returns a pacer for Graph's sign-in log limit, with a guard against network delay.
func NewGraphPacer() *WindowPacer {
	return NewWindowPacer(GraphRequestsPerWindow, GraphWindow+pacerGuard)
}

// Wait implements Pacer.
func (p *WindowPacer) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	slot := p.reserve(time.Now())
	d := time.Until(slot)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		p.release(slot)
		return ctx.Err()
	}
}

// reserve books the earliest slot at or after now that keeps every window within the limit.
// Slots are never earlier than the newest reservation, so the log stays sorted and waiters
// are served in order.
func (p *WindowPacer) reserve(now time.Time) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	limit, window := p.limit, p.window
	if p.narrow > 0 && now.Before(p.narrowUntil) {
		limit, window = min(limit, p.narrow), max(window, p.narrowWindow)
	}
	// Reservations that left the window can no longer constrain a slot at or after now (the
	// log keeps the longest window it may be asked about).
	old := 0
	for old < len(p.slots) && !p.slots[old].After(now.Add(-max(p.window, p.narrowWindow))) {
		old++
	}
	p.slots = append(p.slots[:0], p.slots[old:]...)
	slot := now
	if p.hold.After(slot) {
		slot = p.hold
	}
	if n := len(p.slots); n > 0 && p.slots[n-1].After(slot) {
		slot = p.slots[n-1]
	}
	if n := len(p.slots); n >= limit {
		if free := p.slots[n-limit].Add(window); free.After(slot) {
			slot = free
		}
	}
	p.slots = append(p.slots, slot)
	old = 0
	for old < len(p.history) && p.history[old].Before(now.Add(-UsageSpan)) {
		old++
	}
	p.history = append(p.history[old:], slot)
	return slot
}

// Used returns how many requests the pacer let (or will let) start within span before now,
// at most UsageSpan back.
func (p *WindowPacer) Used(now time.Time, span time.Duration) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, t := range p.history {
		if !t.Before(now.Add(-min(span, UsageSpan))) && !t.After(now) {
			n++
		}
	}
	return n
}

// Limit is the pacer's budget: requests per window.
func (p *WindowPacer) Limit() (int, time.Duration) { return p.limit, p.window }

// release gives back the slot of a waiter that was cancelled. Later reservations were
// computed with it and stay where they are, which is merely conservative.
func (p *WindowPacer) release(slot time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := len(p.history) - 1; i >= 0; i-- {
		if p.history[i].Equal(slot) {
			p.history = append(p.history[:i], p.history[i+1:]...)
			break
		}
	}
	for i := len(p.slots) - 1; i >= 0; i-- {
		if p.slots[i].Equal(slot) {
			p.slots = append(p.slots[:i], p.slots[i+1:]...)
			return
		}
	}
}

// Hold implements Holder.
func (p *WindowPacer) Hold(until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until.After(p.hold) {
		p.hold = until
	}
}

// Narrow implements Narrower.
func (p *WindowPacer) Narrow(limit int, window time.Duration, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.narrow, p.narrowWindow = max(limit, 1), window
	if until.After(p.narrowUntil) {
		p.narrowUntil = until
	}
}

// unpaced is the Pacer of a source without a rate limit (the in-process demo simulator).
type unpaced struct{}

func (unpaced) Wait(ctx context.Context) error { return ctx.Err() }

// Unpaced is a Pacer that never waits.
var Unpaced Pacer = unpaced{}

// pacers is the process-wide registry: Grafana runs one plugin process for all data source
// instances, so instances (and their re-creations after a settings change) for the same app
// and tenant find the same pacer here.
var pacers = struct {
	sync.Mutex
	m map[string]*WindowPacer
}{m: map[string]*WindowPacer{}}

// SharedPacer returns the process's pacer for an app (client ID) in a tenant at an authority.
func SharedPacer(authority, tenantID, clientID string) *WindowPacer {
	key := strings.ToLower(strings.TrimSuffix(authority, "/") + "|" + tenantID + "|" + clientID)
	pacers.Lock()
	defer pacers.Unlock()
	p := pacers.m[key]
	if p == nil {
		p = NewGraphPacer()
		pacers.m[key] = p
	}
	return p
}
