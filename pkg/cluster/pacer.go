package cluster

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
)

// Limit is a pacing budget: at most Requests in any Window.
type Limit struct {
	Requests int
	Window   time.Duration
}

// GraphLimit is Graph's sign-in log budget with a second of guard (our clock starts when a
// request is admitted, Graph's when it arrives). That is more than the in-process pacer's half
// second: replicas run on different hosts, so the delay between admission and arrival varies
// more, and the budget is admitted by Redis's clock, one more hop away.
var GraphLimit = Limit{Requests: graph.GraphRequestsPerWindow, Window: graph.GraphWindow + time.Second}

// gcra is redis_rate's limit for l. GCRA with burst b and emission interval
// T = Window/Requests admits b + floor(W/T) requests in any window W (b at once, then one per
// T). With the burst redis_rate's constructors set, b = Requests, that is 2*Requests per
// Window, twice Graph's budget; with b = 1 it is 1 + floor(W/T): for Graph's W = 10 s and
// T = 11 s / 5 = 2.2 s, 5.
func (l Limit) gcra() redis_rate.Limit {
	return redis_rate.Limit{Rate: l.Requests, Period: l.Window, Burst: 1}
}

// Pacer is the Graph budget of one app and tenant, shared by every replica through Redis
// (graph.Pacer and graph.Holder). While the backend is degraded it waits on the process's
// own pacer for the app and tenant instead, narrowed to this replica's share of the budget
// (replicas.go); while shared, it books its requests there too.
type Pacer struct {
	b           *Backend
	key         string // the GCRA state
	holdKey     string // exists, with a TTL, while Graph asked everyone to wait (Retry-After)
	replicasKey string // the replicas pacing this budget (replicas.go)
	limit       redis_rate.Limit
	window      time.Duration // Limit.Window
	local       graph.Pacer
	// turn lets one waiter of this process at a time ask Redis: the others queue here in
	// order instead of polling Redis together.
	turn chan struct{}

	mu       sync.Mutex
	replicas []string  // the replicas last seen in Redis, sorted
	adapted  time.Time // the backend state change (Status.Since) the local pacer was last narrowed for
}

var (
	_ graph.Pacer  = (*Pacer)(nil)
	_ graph.Holder = (*Pacer)(nil)
)

// Pacer returns the shared pacer of an app (client ID) in a tenant at an authority; local is
// the fallback. Every data source of the app and tenant, on every replica, gets the same
// keys under the same key prefix, so they share one budget.
func (b *Backend) Pacer(authority, tenantID, clientID string, limit Limit, local graph.Pacer) *Pacer {
	id := strings.ToLower(strings.TrimSuffix(authority, "/") + "|" + tenantID + "|" + clientID)
	sum := sha256.Sum256([]byte(id))
	key := b.cfg.KeyPrefix + ":pacer:" + hex.EncodeToString(sum[:12])
	p := &Pacer{
		b: b, key: key, holdKey: key + ":hold", replicasKey: key + ":replicas",
		limit: limit.gcra(), window: limit.Window, local: local, turn: make(chan struct{}, 1),
	}
	go p.heartbeat()
	return p
}

// Wait implements graph.Pacer.
func (p *Pacer) Wait(ctx context.Context) error {
	p.keepShare()
	if !p.b.usable() {
		return p.local.Wait(ctx)
	}
	select {
	case p.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-p.turn }()
	for {
		d, err := p.next(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		case err != nil && !p.b.usable():
			p.keepShare()
			return p.local.Wait(ctx)
		case err != nil:
			d = retrySlow // a slow answer, not yet an outage: ask again
		case d <= 0:
			// Admitted. The process's pacer books the request too, so that if Redis goes
			// away it knows what this replica sent lately; it never delays more than the
			// shared budget does, except for a Retry-After hold, which applies anyway.
			return p.local.Wait(ctx)
		}
		if err := graph.Sleep(ctx, d); err != nil {
			return err
		}
	}
}

// keepShare narrows the process's pacer to this replica's share while the backend is
// degraded and for a while after it recovered, and holds it for a window when the backend
// has just degraded (see replicas.go for why).
func (p *Pacer) keepShare() {
	n, ok := p.local.(graph.Narrower)
	if !ok {
		return
	}
	st := p.b.Status()
	p.mu.Lock()
	fresh := !st.Since.Equal(p.adapted)
	p.adapted = st.Since
	p.mu.Unlock()
	if st.Shared && (!fresh || st.Since.IsZero()) {
		return // every request while Redis answers: nothing to change
	}
	share := p.share()
	if st.Shared {
		// Back to the shared budget: the other replicas may not know yet.
		n.Narrow(share.Requests, p.window, st.Since.Add(p.b.cfg.ProbeInterval+p.window))
		return
	}
	if fresh {
		if h, ok := p.local.(graph.Holder); ok {
			h.Hold(st.Since.Add(p.window))
		}
	}
	// Counted over the cluster's wider window: the replicas' requests leave from different
	// hosts, and a loaded host sends a request later than its pacer let it go.
	n.Narrow(share.Requests, p.window, time.Now().Add(p.b.cfg.ProbeInterval+p.window))
	p.b.setShare(share)
}

// retrySlow is the pause before asking Redis again after a call timed out.
const retrySlow = 50 * time.Millisecond

// next asks Redis for a request: 0 when it may leave now, else how long to wait first.
func (p *Pacer) next(ctx context.Context) (time.Duration, error) {
	var wait time.Duration
	err := p.b.call(ctx, p.b.cfg.Timeout, func(ctx context.Context) error {
		hold, err := p.b.rdb.PTTL(ctx, p.holdKey).Result() // negative: no hold
		if err != nil {
			return err
		}
		if hold > 0 {
			wait = hold
			return nil
		}
		wait, err = p.b.allow(ctx, p.key, p.limit)
		return err
	})
	if wait > 0 {
		// The replicas' waiters wake at the same instant otherwise.
		wait += time.Duration(rand.IntN(20)) * time.Millisecond
	}
	return wait, err
}

// allow books a request on the limiter at key: 0 when it may leave now, else how long until
// it may, booking nothing. Redis's clock decides (TIME in redis_rate's script), so the
// replicas' clocks do not matter; the state expires when it has passed.
func (b *Backend) allow(ctx context.Context, key string, limit redis_rate.Limit) (time.Duration, error) {
	res, err := b.rate.Allow(ctx, key, limit)
	if err != nil || res.Allowed > 0 {
		return 0, err
	}
	return max(res.RetryAfter, time.Millisecond), nil
}

// holdScript extends the hold to ARGV[1] ms from now, never shortens it; the TTL is Redis's
// clock, so replicas' clocks do not matter.
var holdScript = redis.NewScript(`
if redis.call("PTTL", KEYS[1]) < tonumber(ARGV[1]) then
  redis.call("SET", KEYS[1], "1", "PX", ARGV[1])
end
return 0
`)

// Hold implements graph.Holder: a Retry-After stops every replica, and the local pacer too
// in case Redis goes away meanwhile.
func (p *Pacer) Hold(until time.Time) {
	if h, ok := p.local.(graph.Holder); ok {
		h.Hold(until)
	}
	ms := time.Until(until).Milliseconds()
	if ms <= 0 {
		return
	}
	_ = p.b.call(context.Background(), p.b.cfg.Timeout, func(ctx context.Context) error {
		return holdScript.Run(ctx, p.b.rdb, []string{p.holdKey}, ms).Err()
	})
}
