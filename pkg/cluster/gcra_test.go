package cluster

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/cluster/redistest"
	"github.com/sigdiag/signin-diagnostics/pkg/cluster/resp"
)

// Two callers ask as fast as they can for 2 s: one request per T = 250 ms is admitted, so any
// window of 3.5 T holds exactly 1 + floor(3.5) = 4, and the others are told how long to wait.
func TestGCRAAdmitsTheBudgetExactly(t *testing.T) {
	srv := redistest.Start(t, password)
	c := rawClient(t, srv, "", password)
	l := gcra{Rate: 4, Period: time.Second, Burst: 1}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var mu sync.Mutex
	var admitted []time.Time
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				wait, err := l.allow(ctx, c, "sigdiag:pacer:budget")
				switch {
				case errors.Is(err, context.DeadlineExceeded):
					return
				case err != nil:
					t.Error(err)
					return
				case err == nil && wait == 0:
					mu.Lock()
					admitted = append(admitted, time.Now())
					mu.Unlock()
				case err == nil && (wait < 0 || wait > 250*time.Millisecond):
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

func TestGCRAWait(t *testing.T) {
	srv := redistest.Start(t, password)
	c := rawClient(t, srv, "", password)
	ctx := context.Background()
	l := gcra{Rate: 5, Period: time.Second, Burst: 1} // T = 200ms
	if wait, err := l.allow(ctx, c, "k"); wait != 0 || err != nil {
		t.Fatalf("first request: wait %v, %v", wait, err)
	}
	wait, err := l.allow(ctx, c, "k")
	if err != nil || wait <= 100*time.Millisecond || wait > 200*time.Millisecond {
		t.Fatalf("second request at once: wait %v, %v; want just under T = 200ms", wait, err)
	}
	time.Sleep(wait)
	if wait, err := l.allow(ctx, c, "k"); wait != 0 || err != nil {
		t.Errorf("after the wait: wait %v, %v", wait, err)
	}

	burst := gcra{Rate: 1, Period: time.Second, Burst: 3}
	for i := range 3 {
		if wait, err := burst.allow(ctx, c, "burst"); wait != 0 || err != nil {
			t.Fatalf("request %d of a burst of 3: wait %v, %v", i+1, wait, err)
		}
	}
	if wait, err := burst.allow(ctx, c, "burst"); err != nil || wait <= 900*time.Millisecond || wait > time.Second {
		t.Errorf("request 4 after a burst of 3: wait %v, %v; want just under T = 1s", wait, err)
	}
}

// The state is redis_rate's (seconds since 2017 of Redis's clock, expiring when it has
// passed), so replicas of the version before this limiter and of this one share a budget.
func TestGCRAStateIsRedisRates(t *testing.T) {
	srv := redistest.Start(t, password)
	c := rawClient(t, srv, "", password)
	ctx := context.Background()
	l := gcra{Rate: 5, Period: 11 * time.Second, Burst: 1} // Graph's T = 2.2s
	if _, err := l.allow(ctx, c, "k"); err != nil {
		t.Fatal(err)
	}
	now := redisNow2017(t, c)
	tat, err := resp.String(c.Do(ctx, "GET", "k"))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := strconv.ParseFloat(tat, 64); err != nil || v-now < 2.1 || v-now > 2.2 {
		t.Errorf("stored TAT %q is %.3f s after Redis's now, want T = 2.2s", tat, v-now)
	}
	if ttl, err := resp.Int(c.Do(ctx, "PTTL", "k")); ttl <= 2100 || ttl > 2200 || err != nil {
		t.Errorf("PTTL %d ms, %v; want about T", ttl, err)
	}

	// What a replica running redis_rate wrote: a TAT one second ahead.
	old := strconv.FormatFloat(redisNow2017(t, c)+1, 'f', -1, 64)
	if _, err := c.Do(ctx, "SET", "k", old, "EX", 2); err != nil {
		t.Fatal(err)
	}
	if wait, err := l.allow(ctx, c, "k"); err != nil || wait <= 900*time.Millisecond || wait > time.Second {
		t.Errorf("after redis_rate's TAT 1s ahead: wait %v, %v", wait, err)
	}
	// A value that is no time at all counts as no state.
	if _, err := c.Do(ctx, "SET", "k", "not a time", "EX", 60); err != nil {
		t.Fatal(err)
	}
	if wait, err := l.allow(ctx, c, "k"); wait != 0 || err != nil {
		t.Errorf("over a value that is not a time: wait %v, %v", wait, err)
	}
}

// redisNow2017 is Redis's clock in seconds since 2017-01-01 UTC.
func redisNow2017(t *testing.T, c *resp.Client) float64 {
	t.Helper()
	v, err := strs(c.Do(context.Background(), "TIME"))
	if err != nil {
		t.Fatal(err)
	}
	sec, _ := strconv.ParseFloat(v[0], 64)
	usec, _ := strconv.ParseFloat(v[1], 64)
	return sec - 1483228800 + usec/1e6
}
