package cluster

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/redistest"
)

// Two callers ask as fast as they can for 2 s on a limit of 4 per second: redis_rate with the
// burst Limit.gcra sets admits one request per T = 250 ms, so any window of 3.5 T holds exactly
// 1 + floor(3.5) = 4, and the others are told how long to wait, never longer than T.
func TestGCRAAdmitsTheBudgetExactly(t *testing.T) {
	srv := redistest.Start(t, password)
	b := replica(t, srv, "sigdiag")
	l := Limit{Requests: 4, Window: time.Second}.gcra()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var mu sync.Mutex
	var admitted []time.Time
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				wait, err := b.allow(ctx, "sigdiag:pacer:budget", l)
				switch {
				case isTimeout(err): // the 2 s are over (go-redis reports the deadline as its connection's)
					return
				case err != nil:
					t.Error(err)
					return
				case wait == 0:
					mu.Lock()
					admitted = append(admitted, time.Now())
					mu.Unlock()
				case wait < 0 || wait > 250*time.Millisecond:
					t.Errorf("wait %v, want at most T = 250ms", wait)
				}
			}
		})
	}
	wg.Wait()
	most := maxInWindow(admitted, 875*time.Millisecond)
	t.Logf("%d admitted in 2 s, %d in the fullest 875 ms", len(admitted), most)
	if most != 4 {
		t.Errorf("%d admitted within 875 ms, want 1 + floor(875/250) = 4", most)
	}
	if len(admitted) > 1+8 || len(admitted) < 7 {
		t.Errorf("%d admitted in 2 s, want at most 1 + 2000/250 = 9 (and a busy machine's 7 at least)", len(admitted))
	}
}

// A refused request is told how long until it may leave, and may leave then.
func TestGCRAWait(t *testing.T) {
	srv := redistest.Start(t, password)
	b := replica(t, srv, "sigdiag")
	ctx := context.Background()
	l := Limit{Requests: 5, Window: time.Second}.gcra() // T = 200ms
	if wait, err := b.allow(ctx, "k", l); wait != 0 || err != nil {
		t.Fatalf("first request: wait %v, %v", wait, err)
	}
	wait, err := b.allow(ctx, "k", l)
	if err != nil || wait <= 100*time.Millisecond || wait > 200*time.Millisecond {
		t.Fatalf("second request at once: wait %v, %v; want just under T = 200ms", wait, err)
	}
	time.Sleep(wait)
	if wait, err := b.allow(ctx, "k", l); wait != 0 || err != nil {
		t.Errorf("after the wait: wait %v, %v", wait, err)
	}
}
