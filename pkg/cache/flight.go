package cache

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// flightKey identifies a listing: concurrent callers with the same key share it.
type flightKey struct {
	filter, sel     string
	from, to        int64
	incl            bool
	limit, pageSize int
	sliceLength     time.Duration
}

// flight is a listing in progress.
type flight struct {
	done   chan struct{}
	val    *fetched
	err    error
	refs   int // callers waiting
	cancel context.CancelFunc
}

// do runs fn once for concurrent callers with the same key. fn runs with a context that keeps
// the first caller's values but not its cancellation: it is cancelled when every caller has
// stopped waiting. shared reports that another caller started the listing.
func (c *Cache) do(ctx context.Context, key flightKey, fn func(context.Context) (*fetched, error)) (v *fetched, shared bool, err error) {
	c.mu.Lock()
	f, shared := c.flights[key]
	if !shared {
		fctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		f = &flight{done: make(chan struct{}), cancel: cancel}
		c.flights[key] = f
		go func() {
			val, err := safely(fctx, fn)
			c.mu.Lock()
			f.val, f.err = val, err
			if c.flights[key] == f {
				delete(c.flights, key)
			}
			c.mu.Unlock()
			cancel()
			close(f.done)
		}()
	}
	f.refs++
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.val, shared, f.err
	case <-ctx.Done():
		c.mu.Lock()
		defer c.mu.Unlock()
		if f.refs--; f.refs == 0 {
			// Nobody waits any more: stop the listing, and let the next caller start afresh.
			f.cancel()
			if c.flights[key] == f {
				delete(c.flights, key)
			}
		}
		return nil, shared, context.Cause(ctx)
	}
}

// PanicError is a panic inside a listing, turned into that listing's error: the listing runs
// in a goroutine of its own, where a panic would end the plugin process (Grafana's handlers
// only recover their own goroutine's).
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error while reading sign-ins (please report it): %v", e.Value)
}

// safely runs fn, turning a panic into a *PanicError.
func safely(ctx context.Context, fn func(context.Context) (*fetched, error)) (val *fetched, err error) {
	defer func() {
		if r := recover(); r != nil {
			val, err = nil, &PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	return fn(ctx)
}

// Recorder collects the statistics of the List calls made with its context.
type Recorder struct {
	mu    sync.Mutex
	stats Stats
}

type recorderKey struct{}

// WithRecorder returns a context whose List calls are counted in the returned Recorder, e.g.
// for a frame's "served from cache" statistics.
func WithRecorder(ctx context.Context) (context.Context, *Recorder) {
	r := &Recorder{}
	return context.WithValue(ctx, recorderKey{}, r), r
}

func recorderFrom(ctx context.Context) *Recorder {
	r, _ := ctx.Value(recorderKey{}).(*Recorder)
	return r
}

// Stats returns the counts so far: Hits, Misses, Listings and Coalesced (the other fields stay zero).
func (r *Recorder) Stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stats
}
