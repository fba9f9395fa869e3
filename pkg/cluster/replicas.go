package cluster

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// While Redis answers, the replicas share an app's Graph budget through one limiter there.
// When it stops answering, each replica can only count its own requests, and if each then
// took the whole budget, n replicas would send n times what Graph allows and every panel
// would meet 429s. So each replica announces itself in the shared level for every budget it
// paces, remembers the replicas it last saw there, and while Redis is unreachable keeps to
// its share: the budget split over those replicas, the remainder to the first in ID order, so
// that the shares add up to the budget (2, 2 and 1 of 5 for three replicas).
//
// Two moments need care, because the other replicas' requests are not visible then:
//   - Going degraded: the shared limiter may have admitted the whole budget just before Redis
//     stopped, so a replica sends nothing for one window after it finds Redis gone (every
//     request the shared limiter admitted left before that).
//   - Coming back: the other replicas find Redis again only at their next probe, and until
//     then send their shares; a replica that is back keeps to its share for a probe interval
//     and a window more, so that both kinds of requests never exceed the budget together.
//
// With more replicas than requests in a window, the shares cannot add up to the budget (each
// replica needs one request a window to make progress); Graph's 429s are then retried after
// their Retry-After, with every query of the replica paused.

// Defaults of the replica registry.
const (
	// heartbeatInterval is how often a replica announces itself: a newly started replica is
	// counted by the others within about this long.
	heartbeatInterval = time.Second
	// replicaTTL is how long a replica that stopped announcing itself is still counted.
	replicaTTL = 15 * time.Second
)

// processReplicaID names this plugin process in the registry: the data sources of one
// process share its pacer (graph.SharedPacer), so they are one replica.
var processReplicaID = newToken()

// heartbeatScript announces ARGV[2] at ARGV[1] (ms) in the sorted set KEYS[1], forgets the
// replicas not seen for ARGV[3] ms and returns the others. The time is the caller's clock:
// replicas' clocks differ by far less than the TTL.
var heartbeatScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[3])
redis.call("ZADD", KEYS[1], now, ARGV[2])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - ttl)
redis.call("PEXPIRE", KEYS[1], ttl)
return redis.call("ZRANGE", KEYS[1], 0, -1)
`)

// heartbeat announces the replica until the backend is closed; it is quiet while the
// backend is degraded (the probe finds Redis again).
func (p *Pacer) heartbeat() {
	t := time.NewTicker(heartbeatInterval)
	defer t.Stop()
	for {
		if p.b.usable() {
			p.announce(context.Background())
		}
		select {
		case <-p.b.closed:
			return
		case <-t.C:
		}
	}
}

// announce runs the heartbeat script once and keeps the replicas it returns.
func (p *Pacer) announce(ctx context.Context) {
	var seen []string
	err := p.b.call(ctx, p.b.cfg.Timeout, func(ctx context.Context) error {
		var err error
		seen, err = heartbeatScript.Run(ctx, p.b.rdb, []string{p.replicasKey},
			time.Now().UnixMilli(), p.b.cfg.ReplicaID, replicaTTL.Milliseconds()).StringSlice()
		return err
	})
	if err != nil {
		return
	}
	slices.Sort(seen)
	p.mu.Lock()
	p.replicas = seen
	p.mu.Unlock()
}

// Share is a replica's part of the budget while Redis is unreachable.
type Share struct {
	Requests int // per window
	Limit    int // the whole budget per window
	Replicas int // the replicas it is shared with, this one included
}

// String is the share for a notice, e.g. "2 of 5 requests per window, as one of 3 replicas".
func (s Share) String() string {
	return strconv.Itoa(s.Requests) + " of " + strconv.Itoa(s.Limit) + " requests per window, as one of " +
		strconv.Itoa(s.Replicas) + " replicas"
}

// share is this replica's share: of the replicas it last saw in Redis, or of the configured
// count when that is larger (replicas that never reached Redis are not in the registry).
func (p *Pacer) share() Share {
	p.mu.Lock()
	seen := p.replicas
	p.mu.Unlock()
	n := max(len(seen), p.b.cfg.Replicas, 1)
	rank := -1
	if len(seen) == n {
		rank = slices.Index(seen, p.b.cfg.ReplicaID)
	}
	return Share{Requests: shareOf(p.limit.Rate, n, rank), Limit: p.limit.Rate, Replicas: n}
}

// shareOf splits limit requests over n replicas: limit/n each, and one more for the first
// limit%n ranks. A replica that does not know its rank (rank < 0) takes limit/n, never less
// than one request.
func shareOf(limit, n, rank int) int {
	if n <= 1 {
		return limit
	}
	k := limit / n
	if rank >= 0 && rank < limit%n {
		k++
	}
	return max(k, 1)
}
