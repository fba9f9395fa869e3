package cache

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

var base = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return base.Add(d) }

// fake is a sign-in source holding one sign-in every 10 minutes (on the hour too, to test the
// buckets' edges), answering as Graph does: [From, To] inclusive, newest first, MaxRows.
type fake struct {
	mu     sync.Mutex
	rows   []signin.SignIn // newest first
	calls  []graph.Query
	gate   chan struct{} // when set, List waits for it (or its ctx)
	err    error         // returned once
	ctxErr error         // the ctx error a gated List saw
}

func newFake(hours int) *fake {
	f := &fake{}
	for t := at(time.Duration(hours) * time.Hour); !t.Before(base); t = t.Add(-10 * time.Minute) {
		f.rows = append(f.rows, signin.SignIn{ID: t.Format(time.RFC3339), CreatedDateTime: t})
	}
	return f
}

func (f *fake) List(ctx context.Context, q graph.Query) (*graph.Result, error) {
	f.mu.Lock()
	f.calls = append(f.calls, q)
	gate, err, rows := f.gate, f.err, f.rows
	f.err = nil
	f.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			f.mu.Lock()
			f.ctxErr = ctx.Err()
			f.mu.Unlock()
			return nil, ctx.Err()
		}
	}
	req := fmt.Sprintf("signIns?from=%s&to=%s", q.From.Format(time.RFC3339), q.To.Format(time.RFC3339))
	if err != nil {
		return &graph.Result{Requests: []string{req}, Pages: 1}, err
	}
	res := &graph.Result{Requests: []string{req}, Pages: 1, Slices: 1, SignIns: between(rows, q.From, q.To, q.MaxRows)}
	res.Truncated = q.MaxRows > 0 && len(between(rows, q.From, q.To, 0)) > q.MaxRows
	return res, nil
}

func between(rows []signin.SignIn, from, to time.Time, maxRows int) []signin.SignIn {
	var out []signin.SignIn
	for _, s := range rows {
		if !s.CreatedDateTime.Before(from) && !s.CreatedDateTime.After(to) {
			if maxRows > 0 && len(out) == maxRows {
				break
			}
			out = append(out, s)
		}
	}
	return out
}

func (f *fake) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func ids(rows []signin.SignIn) []string {
	out := make([]string, len(rows))
	for i, s := range rows {
		out[i] = s.ID
	}
	return out
}

type step struct {
	from, to, now time.Duration
	maxRows       int
	lateRow       time.Duration // when set, a sign-in at this time arrives (late) before the step, unseen within the TTL
	calls         int           // listings the step sends to the source
	firstFrom     time.Duration // when calls > 0, the From of the newest listing
	truncated     bool
}

func TestList(t *testing.T) {
	h := time.Hour
	m := time.Minute
	cases := []struct {
		name  string
		steps []step
	}{
		{"a repeat query, and a range inside it, read nothing", []step{
			{from: 0, to: 20*h + 30*m, now: 40 * h, calls: 1, firstFrom: 0},
			{from: 0, to: 20*h + 30*m, now: 40 * h, calls: 0},
			{from: 2*h + 15*m, to: 10*h + 30*m, now: 40 * h, calls: 0},
			{from: 2*h + 15*m, to: 10*h + 30*m, now: 41 * h, calls: 0},
		}},
		{"the running hour is served for the TTL, then read again with the late-arrival window", []step{
			{from: 10 * h, to: 20*h + 30*m, now: 20*h + 30*m, calls: 1, firstFrom: 10 * h},
			{from: 10 * h, to: 20*h + 30*m, now: 20*h + 30*m + 30*time.Second, calls: 0},
			{from: 10*h + 30*m, to: 20*h + 40*m, now: 20*h + 40*m, calls: 1, firstFrom: 18 * h},
			{from: 10*h + 30*m, to: 20*h + 40*m, now: 20*h + 40*m, calls: 0},
		}},
		{"a sliding range reads only the new part", []step{
			// The oldest edge is read whole (Cache.reads), so the next range, starting an hour
			// later, finds its oldest hour cached.
			{from: 30 * m, to: 20*h + 30*m, now: 40 * h, calls: 1, firstFrom: 0},
			{from: 1*h + 30*m, to: 21*h + 30*m, now: 40 * h, calls: 1, firstFrom: 20 * h},
		}},
		{"the late-arrival window is read again after the TTL", []step{
			{from: 10 * h, to: 20*h + 30*m, now: 20*h + 30*m, calls: 1, firstFrom: 10 * h},
			{from: 10 * h, to: 20*h + 30*m, now: 20*h + 30*m + 30*time.Second, lateRow: 18*h + 5*m, calls: 0},
			{from: 10 * h, to: 20*h + 30*m, now: 20*h + 32*m, calls: 1, firstFrom: 18 * h},
			{from: 10 * h, to: 20*h + 30*m, now: 20*h + 32*m, calls: 0},
		}},
		{"a range starting mid-bucket is cut by MaxRows only inside the range", []step{
			// 20h30 back to 12h20 holds 50 sign-ins; the widened oldest edge adds two older ones
			// (12h00, 12h10). With MaxRows 51 the listing is cut after 12h10: the answer is
			// whole, though the listing was cut (and so is not cached).
			{from: 12*h + 20*m, to: 20*h + 30*m, now: 40 * h, maxRows: 51, calls: 1, firstFrom: 12 * h},
			{from: 12*h + 20*m, to: 20*h + 30*m, now: 40 * h, maxRows: 51, calls: 1, firstFrom: 12 * h},
			// With MaxRows 50 the cut falls on the range's first instant: another sign-in of
			// that instant may be missing, so the answer says it was cut.
			{from: 12*h + 20*m, to: 20*h + 30*m, now: 40 * h, maxRows: 50, calls: 1, firstFrom: 12 * h, truncated: true},
		}},
		{"a short range keeps its edges exact", []step{
			{from: 2*h + 30*m, to: 3*h + 30*m, now: 40 * h, calls: 1, firstFrom: 2*h + 30*m},
			{from: 2*h + 30*m, to: 3*h + 30*m, now: 40 * h, calls: 0},
		}},
		{"a truncated listing is not cached", []step{
			{from: 0, to: 20*h + 30*m, now: 40 * h, maxRows: 50, calls: 1, firstFrom: 0, truncated: true},
			{from: 0, to: 20*h + 30*m, now: 40 * h, maxRows: 50, calls: 1, firstFrom: 0, truncated: true},
			{from: 0, to: 20*h + 30*m, now: 40 * h, calls: 1, firstFrom: 0},
		}},
		{"MaxRows applies to cached buckets too", []step{
			{from: 0, to: 20*h + 30*m, now: 40 * h, calls: 1, firstFrom: 0},
			{from: 0, to: 20*h + 30*m, now: 40 * h, maxRows: 10, calls: 0, truncated: true},
		}},
		{"a range ending on a bucket's edge includes its last instant", []step{
			{from: 2 * h, to: 5 * h, now: 40 * h, calls: 1, firstFrom: 2 * h},
			{from: 2 * h, to: 5 * h, now: 40 * h, calls: 0},
			{from: 2 * h, to: 5*h + time.Minute, now: 40 * h, calls: 1, firstFrom: 5 * h},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := newFake(48)
			var now time.Time
			c := New(src, Options{Now: func() time.Time { return now }})
			for i, s := range tc.steps {
				now = at(s.now)
				q := graph.Query{From: at(s.from), To: at(s.to), MaxRows: s.maxRows, Filter: "appId eq 'x'", Select: []string{"id"}}
				want := between(src.rows, q.From, q.To, s.maxRows)
				if s.lateRow != 0 {
					late := signin.SignIn{ID: "late", CreatedDateTime: at(s.lateRow)}
					src.mu.Lock()
					i := slices.IndexFunc(src.rows, func(r signin.SignIn) bool { return r.CreatedDateTime.Before(late.CreatedDateTime) })
					src.rows = slices.Insert(src.rows, i, late)
					src.mu.Unlock()
				}
				before := src.callCount()
				ctx, rec := WithRecorder(context.Background())
				res, err := c.List(ctx, q)
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				if !slices.Equal(ids(res.SignIns), ids(want)) {
					t.Errorf("step %d: rows\n%v\nwant\n%v", i, ids(res.SignIns), ids(want))
				}
				calls := src.calls[before:]
				if len(calls) != s.calls {
					t.Fatalf("step %d: %d listings, want %d: %v", i, len(calls), s.calls, calls)
				}
				if len(res.Requests) != s.calls || res.Pages != s.calls {
					t.Errorf("step %d: %d requests, %d pages; want %d", i, len(res.Requests), res.Pages, s.calls)
				}
				if s.calls > 0 && !calls[0].From.Equal(at(s.firstFrom)) {
					t.Errorf("step %d: first listing from %v, want %v", i, calls[0].From, at(s.firstFrom))
				}
				if res.Truncated != s.truncated {
					t.Errorf("step %d: truncated %v, want %v", i, res.Truncated, s.truncated)
				}
				if st := rec.Stats(); st.Listings != s.calls || st.Hits+st.Misses == 0 {
					t.Errorf("step %d: recorded %+v", i, st)
				}
			}
		})
	}
}

func TestErrorsAreNotCached(t *testing.T) {
	src := newFake(48)
	src.err = errors.New("graph is down")
	c := New(src, Options{Now: func() time.Time { return at(40 * time.Hour) }})
	q := graph.Query{From: at(0), To: at(10*time.Hour + time.Minute)}
	res, err := c.List(context.Background(), q)
	if err == nil || res == nil || len(res.Requests) != 1 {
		t.Fatalf("want the error with its request, got %v %+v", err, res)
	}
	if _, err := c.List(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if n := src.callCount(); n != 2 {
		t.Fatalf("%d listings, want 2: the error must not be cached", n)
	}
}

func TestEviction(t *testing.T) {
	src := newFake(48)
	// 6 sign-ins per hour weigh 7: 30 holds 4 buckets.
	c := New(src, Options{MaxRows: 30, Now: func() time.Time { return at(40 * time.Hour) }})
	list := func(from, to time.Duration) {
		t.Helper()
		if _, err := c.List(context.Background(), graph.Query{From: at(from), To: at(to)}); err != nil {
			t.Fatal(err)
		}
	}
	list(0, 10*time.Hour+30*time.Minute)
	st := c.Stats()
	if st.Evictions != 7 || st.Buckets != 4 || st.Rows != 24 {
		t.Fatalf("after 10 buckets and the 10h edge: %+v, want 7 evicted and 4 buckets of 6", st)
	}
	// The least recently used went first: the run stored newest first, so 0h-3h are left.
	list(0, 3*time.Hour+30*time.Minute)
	if n := src.callCount(); n != 1 {
		t.Fatalf("%d listings, want 1: 0h-4h should still be cached", n)
	}
	list(5*time.Hour, 6*time.Hour+30*time.Minute)
	if n := src.callCount(); n != 2 {
		t.Fatalf("%d listings, want 2: 5h was evicted", n)
	}
	if st := c.Stats(); st.Rows > 30 || st.Buckets > 4 {
		t.Fatalf("over the bound: %+v", st)
	}
}

// waitRefs waits until n callers wait for one listing.
func waitRefs(t *testing.T, c *Cache, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		c.mu.Lock()
		refs := 0
		for _, f := range c.flights {
			refs = max(refs, f.refs)
		}
		c.mu.Unlock()
		if refs == n {
			return
		}
	}
	t.Fatalf("never saw %d callers waiting", n)
}

func TestConcurrentIdenticalQueriesMakeOneListing(t *testing.T) {
	src := newFake(48)
	src.gate = make(chan struct{})
	c := New(src, Options{Now: func() time.Time { return at(40 * time.Hour) }})
	q := graph.Query{From: at(0), To: at(20*time.Hour + 30*time.Minute)}
	const n = 5
	results := make([]*graph.Result, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { results[i], errs[i] = c.List(context.Background(), q) })
	}
	waitRefs(t, c, n)
	close(src.gate)
	wg.Wait()
	if calls := src.callCount(); calls != 1 {
		t.Fatalf("%d listings, want 1", calls)
	}
	want := ids(between(src.rows, q.From, q.To, 0))
	for i := range n {
		if errs[i] != nil || !slices.Equal(ids(results[i].SignIns), want) {
			t.Fatalf("caller %d: %v, %d rows", i, errs[i], len(results[i].SignIns))
		}
	}
	if st := c.Stats(); st.Listings != 1 || st.Coalesced != n-1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestCancelledWaiter(t *testing.T) {
	src := newFake(48)
	src.gate = make(chan struct{})
	c := New(src, Options{Now: func() time.Time { return at(40 * time.Hour) }})
	q := graph.Query{From: at(0), To: at(20*time.Hour + 30*time.Minute)}
	first := make(chan error, 1)
	go func() {
		_, err := c.List(context.Background(), q)
		first <- err
	}()
	waitRefs(t, c, 1)
	ctx, cancel := context.WithCancel(context.Background())
	second := make(chan error, 1)
	go func() {
		_, err := c.List(ctx, q)
		second <- err
	}()
	waitRefs(t, c, 2)
	cancel()
	select {
	case err := <-second:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled waiter: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the cancelled waiter still waits")
	}
	close(src.gate)
	if err := <-first; err != nil {
		t.Fatalf("the other caller: %v", err)
	}
	if n := src.callCount(); n != 1 {
		t.Fatalf("%d listings, want 1", n)
	}

	// When every caller has gone, the listing itself is cancelled and nothing is cached.
	src.gate = make(chan struct{})
	q.Filter = "other"
	ctx, cancel = context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.List(ctx, q)
		done <- err
	}()
	waitRefs(t, c, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled caller: %v", err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		src.mu.Lock()
		ctxErr := src.ctxErr
		src.mu.Unlock()
		if ctxErr != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the abandoned listing was not cancelled")
		}
	}
}
