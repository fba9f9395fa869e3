package cache

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// memShared is an in-process Shared level, standing in for Redis where the test is about the
// cache's protocol (the Redis store has its own tests against a real server in pkg/cluster).
type memShared struct {
	mu     sync.Mutex
	blobs  map[string][]byte
	claims map[string]time.Time
	down   bool // every call fails, as with Redis gone
	gets   int
}

func newMemShared() *memShared {
	return &memShared{blobs: map[string][]byte{}, claims: map[string]time.Time{}}
}

var errDown = errors.New("shared store unreachable")

func (m *memShared) Get(_ context.Context, key string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return nil, false, errDown
	}
	m.gets++
	b, ok := m.blobs[key]
	return b, ok, nil
}

func (m *memShared) Put(_ context.Context, key string, blob []byte, _ time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return errDown
	}
	m.blobs[key] = bytes.Clone(blob)
	return nil
}

func (m *memShared) Claim(_ context.Context, key string, ttl time.Duration) (func(), bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return nil, false, errDown
	}
	if until, held := m.claims[key]; held && time.Now().Before(until) {
		return nil, false, nil
	}
	m.claims[key] = time.Now().Add(ttl)
	return func() {
		m.mu.Lock()
		delete(m.claims, key)
		m.mu.Unlock()
	}, true, nil
}

func TestBlobKeepsEverySignInByteForByte(t *testing.T) {
	rows := demoRows(t, 300)
	fetched := time.Date(2026, 11, 26, 13, 0, 0, 0, time.UTC)
	blob, err := encodeBucket(rows, fetched)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeBucket(blob)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d rows back, want %d", len(got), len(rows))
	}
	for i := range rows {
		if !bytes.Equal(got[i].Raw, rows[i].Raw) || got[i].ID != rows[i].ID || !got[i].CreatedDateTime.Equal(rows[i].CreatedDateTime) {
			t.Fatalf("row %d differs after the round trip", i)
		}
	}
	if at, _ := blobFetched(blob); !at.Equal(fetched) {
		t.Errorf("fetched %v, want %v", at, fetched)
	}
	for _, bad := range [][]byte{nil, []byte("sdc1"), append([]byte("sdc1\x00\x00\x00\x00\x00\x00\x00\x00"), "not zstd"...), []byte("xxxx00000000")} {
		if _, err := decodeBucket(bad); !errors.Is(err, errBadBlob) {
			t.Errorf("decodeBucket(%q) = %v, want errBadBlob", bad, err)
		}
	}
}

// demoRows is the newest n interactive sign-ins of the demo fixture, as Graph v1.0 returns them.
func demoRows(tb testing.TB, n int) []signin.SignIn {
	tb.Helper()
	raws, err := dataset.NewestInteractive(n)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]signin.SignIn, len(raws))
	for i, raw := range raws {
		if out[i], err = signin.Decode(raw); err != nil {
			tb.Fatal(err)
		}
	}
	return out
}

// The bound: at most 400 bytes resident per cached sign-in. Measured as the heap the
// cache holds after caching a week of demo sign-ins (blobs, entries, index), divided by rows.
func TestCachedSignInCostsAtMost400Bytes(t *testing.T) {
	rows := demoRows(t, 20000)
	src := &sliceSource{rows: rows}
	from := rows[len(rows)-1].CreatedDateTime.Truncate(time.Hour)
	to := rows[0].CreatedDateTime.Truncate(time.Hour)
	now := to.Add(5 * time.Hour)
	c := New(src, Options{Now: func() time.Time { return now }})
	// The codec's encoder and decoder state is allocated once per process, on first use.
	if blob, err := encodeBucket(rows[:100], now); err != nil {
		t.Fatal(err)
	} else if _, err := decodeBucket(blob); err != nil {
		t.Fatal(err)
	}
	before := heapInUse()
	if _, err := c.List(context.Background(), graph.Query{From: from, To: to}); err != nil {
		t.Fatal(err)
	}
	after := heapInUse() // the rows are held as before; what grew is the cache
	runtime.KeepAlive(rows)
	st := c.Stats()
	if st.Rows < 15000 {
		t.Fatalf("only %d rows cached", st.Rows)
	}
	perRow := float64(after-before) / float64(st.Rows)
	t.Logf("%d sign-ins cached in %d buckets: %d blob bytes (%.0f B/sign-in), heap %.0f B/sign-in", st.Rows, st.Buckets, st.Bytes, float64(st.Bytes)/float64(st.Rows), perRow)
	if perRow > 400 {
		t.Errorf("%.0f bytes resident per cached sign-in, want at most 400", perRow)
	}
	runtime.KeepAlive(c)
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// sliceSource answers from fixed rows (newest first), as Graph does.
type sliceSource struct {
	mu    sync.Mutex
	rows  []signin.SignIn
	calls int
	froms []time.Time // each listing's From
}

func (s *sliceSource) List(_ context.Context, q graph.Query) (*graph.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	s.froms = append(s.froms, q.From)
	return &graph.Result{Requests: []string{"x"}, Pages: 1, Slices: 1, SignIns: between(s.rows, q.From, q.To, q.MaxRows)}, nil
}

func (s *sliceSource) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

func TestMaxBytesEvicts(t *testing.T) {
	rows := demoRows(t, 3000)
	from := rows[len(rows)-1].CreatedDateTime.Truncate(time.Hour)
	to := rows[0].CreatedDateTime.Truncate(time.Hour)
	now := to.Add(5 * time.Hour)
	c := New(&sliceSource{rows: rows}, Options{MaxBytes: 64 << 10, Now: func() time.Time { return now }})
	if _, err := c.List(context.Background(), graph.Query{From: from, To: to}); err != nil {
		t.Fatal(err)
	}
	st := c.Stats()
	if st.Bytes > 64<<10 || st.Evictions == 0 {
		t.Errorf("bytes %d (bound %d), evictions %d", st.Bytes, 64<<10, st.Evictions)
	}
}

func TestSharedLevel(t *testing.T) {
	rows := demoRows(t, 3000)
	to := rows[0].CreatedDateTime.Truncate(time.Hour).Add(30 * time.Minute) // a partial newest bucket
	from := to.Truncate(time.Hour).Add(-24 * time.Hour)
	now := to.Add(3 * time.Hour)
	clock := func() time.Time { return now }
	q := graph.Query{From: from, To: to}
	ctx := context.Background()

	t.Run("a second replica is served from the shared level", func(t *testing.T) {
		shared := newMemShared()
		src1, src2 := &sliceSource{rows: rows}, &sliceSource{rows: rows}
		r1 := New(src1, Options{Shared: shared, Now: clock})
		r2 := New(src2, Options{Shared: shared, Now: clock})
		want, err := r1.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		rctx, rec := WithRecorder(ctx)
		got, err := r2.List(rctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !equalIDs(got.SignIns, want.SignIns) {
			t.Fatalf("replica 2 got %d rows, replica 1 %d", len(got.SignIns), len(want.SignIns))
		}
		st := rec.Stats()
		if st.SharedHits != 24 || st.Hits != 24 || st.Misses != 1 {
			t.Errorf("replica 2 stats %+v, want 24 shared hits and 1 miss (the partial newest hour)", st)
		}
		if g := got.Requests; len(g) != 1 {
			t.Errorf("replica 2 sent %d requests, want 1 (the partial hour)", len(g))
		}
		// Now held locally too: no shared lookups for the next query.
		gets := shared.gets
		if _, err := r2.List(ctx, q); err != nil {
			t.Fatal(err)
		}
		if shared.gets != gets {
			t.Errorf("replica 2 asked the shared level again for buckets it holds")
		}
	})

	t.Run("a replica waits for the one holding the claim", func(t *testing.T) {
		shared := newMemShared()
		gate := make(chan struct{})
		slow := &gatedSource{sliceSource: sliceSource{rows: rows}, gate: gate}
		src2 := &sliceSource{rows: rows}
		r1 := New(slow, Options{Shared: shared, Now: clock})
		r2 := New(src2, Options{Shared: shared, Now: clock, ClaimWait: 10 * time.Second})
		done := make(chan error, 1)
		go func() { _, err := r1.List(ctx, q); done <- err }()
		waitFor(t, func() bool { return slow.count() == 1 })
		res2 := make(chan *graph.Result, 1)
		go func() {
			rctx, rec := WithRecorder(ctx)
			r, err := r2.List(rctx, q)
			if err != nil {
				t.Error(err)
			}
			if st := rec.Stats(); st.SharedWaits != 1 || st.SharedHits != 24 {
				t.Errorf("replica 2 stats %+v, want one wait and 24 shared hits", st)
			}
			res2 <- r
		}()
		time.Sleep(3 * claimPoll)
		if n := src2.count(); n != 0 {
			t.Fatalf("replica 2 read the source %d times while replica 1 held the claim", n)
		}
		close(gate)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		r := <-res2
		if n := src2.count(); n != 1 || len(r.Requests) != 1 {
			t.Errorf("replica 2 read the source %d times (%d requests), want only the partial newest hour", n, len(r.Requests))
		}
	})

	t.Run("a replica gives up waiting after ClaimWait", func(t *testing.T) {
		shared := newMemShared()
		if _, ok, _ := shared.Claim(ctx, sharedKey("claim", "", "", to.Truncate(time.Hour).Add(-time.Hour))+"-"+itoa(from.Unix()), time.Minute); !ok {
			t.Fatal("could not take the claim")
		}
		src := &sliceSource{rows: rows}
		r := New(src, Options{Shared: shared, Now: clock, ClaimWait: 600 * time.Millisecond})
		start := time.Now()
		res, err := r.List(ctx, q)
		if err != nil || len(res.SignIns) == 0 {
			t.Fatalf("%v, %d rows", err, len(res.SignIns))
		}
		if el := time.Since(start); el < 600*time.Millisecond || src.count() != 1 {
			t.Errorf("answered after %v with %d listings; want a wait of ClaimWait, then one listing", el, src.count())
		}
	})

	t.Run("a replica stops waiting when the shared level goes away", func(t *testing.T) {
		shared := newMemShared()
		if _, ok, _ := shared.Claim(ctx, sharedKey("claim", "", "", to.Truncate(time.Hour).Add(-time.Hour))+"-"+itoa(from.Unix()), time.Minute); !ok {
			t.Fatal("could not take the claim")
		}
		src := &sliceSource{rows: rows}
		r := New(src, Options{Shared: shared, Now: clock, ClaimWait: 30 * time.Second})
		go func() {
			time.Sleep(3 * claimPoll)
			shared.mu.Lock()
			shared.down = true
			shared.mu.Unlock()
		}()
		start := time.Now()
		res, err := r.List(ctx, q)
		if err != nil || len(res.SignIns) == 0 {
			t.Fatalf("%v, %d rows", err, len(res.SignIns))
		}
		if el := time.Since(start); el > 5*time.Second || src.count() != 1 {
			t.Errorf("answered after %v with %d listings; want Graph read as soon as the shared level failed", el, src.count())
		}
	})

	t.Run("a shared level that is down is a miss, never an error", func(t *testing.T) {
		shared := newMemShared()
		shared.down = true
		src := &sliceSource{rows: rows}
		r := New(src, Options{Shared: shared, Now: clock})
		rctx, rec := WithRecorder(ctx)
		res, err := r.List(rctx, q)
		if err != nil || len(res.SignIns) == 0 {
			t.Fatalf("%v, %d rows", err, len(res.SignIns))
		}
		if st := rec.Stats(); st.SharedErrors == 0 {
			t.Errorf("stats %+v, want shared errors counted", st)
		}
		if _, err := r.List(ctx, q); err != nil || src.count() != 1 {
			t.Errorf("second query: %v, %d listings; want the local level to serve it all", err, src.count())
		}
	})
}

type gatedSource struct {
	sliceSource
	gate chan struct{}
}

func (g *gatedSource) List(ctx context.Context, q graph.Query) (*graph.Result, error) {
	g.mu.Lock()
	g.calls++
	g.mu.Unlock()
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return &graph.Result{Requests: []string{"x"}, Pages: 1, Slices: 1, SignIns: between(g.rows, q.From, q.To, q.MaxRows)}, nil
}

func equalIDs(a, b []signin.SignIn) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met in 5 s")
}

func itoa(n int64) string { return strconvFormat(n) }

func strconvFormat(n int64) string { return strconv.FormatInt(n, 10) }

type panicSource struct{}

func (panicSource) List(context.Context, graph.Query) (*graph.Result, error) { panic("boom") }

// A panic inside a listing (its own goroutine) becomes the query's error.
func TestPanicInAListingIsAnError(t *testing.T) {
	c := New(panicSource{}, Options{Now: func() time.Time { return at(40 * time.Hour) }})
	_, err := c.List(context.Background(), graph.Query{From: at(0), To: at(3 * time.Hour)})
	var pe *PanicError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "boom") || len(pe.Stack) == 0 {
		t.Fatalf("error %v, want a PanicError with the value and stack", err)
	}
}

// Replicas (and panels) whose ranges start and end a moment apart, as three browsers'
// "last 24 hours" do, read Graph once between them: the oldest edge is read whole and the
// running hour up to now, and both are shared (Cache.reads).
func TestSharedEdges(t *testing.T) {
	rows := demoRows(t, 3000)
	to := rows[0].CreatedDateTime.Truncate(time.Hour).Add(30 * time.Minute) // the hour still running
	q1 := graph.Query{From: to.Add(-24 * time.Hour), To: to}
	// The second replica's browser asked a moment later; the first replica read at now1.
	q2 := graph.Query{From: q1.From.Add(-3 * time.Millisecond), To: q1.To.Add(2 * time.Second)}
	now1, now2 := to.Add(5*time.Second), to.Add(20*time.Second)
	ctx := context.Background()
	check := func(t *testing.T, got *graph.Result, q graph.Query) {
		t.Helper()
		if want := between(rows, q.From, q.To, 0); !equalIDs(got.SignIns, want) {
			t.Errorf("%d rows, want the %d of the range", len(got.SignIns), len(want))
		}
	}

	t.Run("one after the other", func(t *testing.T) {
		shared := newMemShared()
		src1, src2 := &sliceSource{rows: rows}, &sliceSource{rows: rows}
		r1 := New(src1, Options{Shared: shared, Now: func() time.Time { return now1 }})
		r2 := New(src2, Options{Shared: shared, Now: func() time.Time { return now2 }})
		res, err := r1.List(ctx, q1)
		if err != nil {
			t.Fatal(err)
		}
		check(t, res, q1)
		rctx, rec := WithRecorder(ctx)
		res, err = r2.List(rctx, q2)
		if err != nil {
			t.Fatal(err)
		}
		check(t, res, q2)
		if n := src2.count(); n != 0 || len(res.Requests) != 0 {
			t.Errorf("replica 2 read Graph %d times, want 0: its edges are in the shared level", n)
		}
		if st := rec.Stats(); st.SharedHits != 25 || st.Misses != 0 {
			t.Errorf("replica 2 stats %+v, want its 25 hours from the shared level", st)
		}
		// A range ending after the running hour was read must read it again.
		late := q2
		late.To = now1.Add(time.Second)
		if _, err := r2.List(ctx, late); err != nil {
			t.Fatal(err)
		}
		if n := src2.count(); n != 1 {
			t.Errorf("a range ending after the shared read of the running hour read Graph %d times, want 1", n)
		}
	})

	t.Run("waiting for the claim", func(t *testing.T) {
		shared := newMemShared()
		gate := make(chan struct{})
		slow := &gatedSource{sliceSource: sliceSource{rows: rows}, gate: gate}
		src2 := &sliceSource{rows: rows}
		r1 := New(slow, Options{Shared: shared, Now: func() time.Time { return now1 }})
		r2 := New(src2, Options{Shared: shared, Now: func() time.Time { return now2 }, ClaimWait: 10 * time.Second})
		done := make(chan error, 1)
		go func() { _, err := r1.List(ctx, q1); done <- err }()
		waitFor(t, func() bool { return slow.count() == 1 })
		res2 := make(chan *graph.Result, 1)
		go func() {
			r, err := r2.List(ctx, q2)
			if err != nil {
				t.Error(err)
			}
			res2 <- r
		}()
		time.Sleep(3 * claimPoll)
		close(gate)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		r := <-res2
		check(t, r, q2)
		if n := src2.count(); n != 0 || len(r.Requests) != 0 {
			t.Errorf("replica 2 read Graph %d times after waiting for the claim, want 0", n)
		}
	})

	t.Run("a short range keeps its edges to itself", func(t *testing.T) {
		shared := newMemShared()
		src1, src2 := &sliceSource{rows: rows}, &sliceSource{rows: rows}
		r1 := New(src1, Options{Shared: shared, Now: func() time.Time { return now1 }})
		r2 := New(src2, Options{Shared: shared, Now: func() time.Time { return now2 }})
		short := graph.Query{From: to.Add(-80 * time.Minute), To: to}
		if _, err := r1.List(ctx, short); err != nil {
			t.Fatal(err)
		}
		if c := src1.froms; len(c) != 1 || !c[0].Equal(short.From) {
			t.Errorf("an 80-minute range was read from %v, want its own start %v (no widening)", c, short.From)
		}
		res, err := r2.List(ctx, short)
		if err != nil {
			t.Fatal(err)
		}
		check(t, res, short)
	})
}
