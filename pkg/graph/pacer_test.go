package graph

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// grantTimes runs n concurrent Waits and returns when each was granted, sorted.
func grantTimes(t *testing.T, p Pacer, n int) []time.Time {
	t.Helper()
	var mu sync.Mutex
	var out []time.Time
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if err := p.Wait(context.Background()); err != nil {
				t.Error(err)
			}
			mu.Lock()
			out = append(out, time.Now())
			mu.Unlock()
		})
	}
	wg.Wait()
	sortTimes(out)
	return out
}

func sortTimes(ts []time.Time) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Before(ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// The reserved slots never put more than the limit in a window, whatever the arrival times.
func TestWindowPacerSlots(t *testing.T) {
	const limit, window = 5, 10 * time.Second
	p := NewWindowPacer(limit, window)
	t0 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	arrivals := []time.Duration{0, 0, 0, 1, 2, 3, 3, 3, 14, 30, 30, 30, 30, 30, 30}
	var slots []time.Time
	for _, a := range arrivals {
		slots = append(slots, p.reserve(t0.Add(a*time.Second)))
	}
	want := []time.Duration{0, 0, 0, 1, 2, 10, 10, 10, 14, 30, 30, 30, 30, 30, 40}
	for i := range want {
		if got := slots[i].Sub(t0); got != want[i]*time.Second {
			t.Errorf("slot %d = +%v, want +%v", i, got, want[i]*time.Second)
		}
	}
	for i := limit; i < len(slots); i++ {
		if slots[i].Sub(slots[i-limit]) < window {
			t.Fatalf("slots %d and %d are closer than %v", i-limit, i, window)
		}
	}
}

// Concurrent waiters are spread over the windows (timing is only checked loosely: goroutines
// wake up late on a busy machine).
func TestWindowPacerConcurrentWaiters(t *testing.T) {
	const window = 300 * time.Millisecond
	start := time.Now()
	ts := grantTimes(t, NewWindowPacer(5, window), 12)
	if took := ts[len(ts)-1].Sub(start); took < 2*window {
		t.Errorf("12 grants at 5 per %v took %v, want at least %v", window, took, 2*window)
	}
}

// A waiter that gives up frees its slot for the next one.
func TestWindowPacerReleasesCancelledSlots(t *testing.T) {
	p := NewWindowPacer(1, 400*time.Millisecond)
	_ = p.Wait(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := p.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait = %v, want the context's deadline", err)
	}
	start := time.Now()
	_ = p.Wait(context.Background())
	if took := time.Since(start); took > 450*time.Millisecond {
		t.Errorf("the next waiter waited %v: the cancelled slot was not released", took)
	}
}

// A narrowed pacer keeps to the narrower limit, counting what it sent before, until the
// narrowing ends; then the whole limit applies again.
func TestWindowPacerNarrow(t *testing.T) {
	const window = 10 * time.Second
	p := NewWindowPacer(5, window)
	t0 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	p.reserve(t0) // sent while the whole budget applied
	p.Narrow(2, window, t0.Add(25*time.Second))
	var got []time.Duration
	for _, a := range []time.Duration{1, 1, 1, 12, 12, 30, 30, 30, 30} {
		got = append(got, p.reserve(t0.Add(a*time.Second)).Sub(t0)/time.Second)
	}
	// Narrowed: at most 2 in any 10 s, the first request included; from 25 s on, 5 again.
	want := []time.Duration{1, 10, 11, 20, 21, 30, 30, 30, 30}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("request %d left at +%ds, want +%ds (all: %v)", i, got[i], want[i], got)
			break
		}
	}
}

// The pacer remembers the requests of the last minutes, for the health check.
// A narrowing with a longer window counts over that window.
func TestWindowPacerNarrowWindow(t *testing.T) {
	p := NewWindowPacer(5, 10*time.Second)
	t0 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	p.Narrow(1, 11*time.Second, t0.Add(time.Minute))
	first, second := p.reserve(t0), p.reserve(t0)
	if got := second.Sub(first); got != 11*time.Second {
		t.Errorf("the second request left %v after the first, want 11s", got)
	}
}

func TestWindowPacerUsed(t *testing.T) {
	p := NewWindowPacer(5, 10*time.Second)
	t0 := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	for _, a := range []time.Duration{0, 1, 2, 100, 200, 290} {
		p.reserve(t0.Add(a * time.Second))
	}
	for _, c := range []struct {
		now  time.Duration
		span time.Duration
		want int
	}{
		{290 * time.Second, UsageSpan, 6},
		{290 * time.Second, time.Minute, 1},
		{310 * time.Second, UsageSpan, 3}, // the first three are older than UsageSpan
		{2 * time.Second, time.Hour, 3},   // never more than UsageSpan back, nor after now
	} {
		if got := p.Used(t0.Add(c.now), c.span); got != c.want {
			t.Errorf("Used at +%v over %v = %d, want %d", c.now, c.span, got, c.want)
		}
	}
}

func TestWindowPacerHold(t *testing.T) {
	p := NewWindowPacer(5, time.Second)
	p.Hold(time.Now().Add(200 * time.Millisecond))
	start := time.Now()
	_ = p.Wait(context.Background())
	if took := time.Since(start); took < 200*time.Millisecond {
		t.Errorf("Wait returned after %v during a hold of 200ms", took)
	}
}

func TestSharedPacerIsPerAuthorityTenantAndClient(t *testing.T) {
	a := SharedPacer("https://login.microsoftonline.com", "T", "C")
	if b := SharedPacer("https://login.microsoftonline.com/", "t", "c"); a != b {
		t.Error("the same app and tenant must share a pacer")
	}
	if b := SharedPacer("https://login.microsoftonline.us", "t", "c"); a == b {
		t.Error("another cloud must have its own pacer")
	}
	if b := SharedPacer("https://login.microsoftonline.com", "t", "other"); a == b {
		t.Error("another app must have its own pacer")
	}
}
