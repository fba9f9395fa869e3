// Package cluster is the backend that several Grafana replicas share through Redis: a second level of the sign-in cache (Store, a cache.Shared) and the Graph request
// budget of each app and tenant (Pacer, a graph.Pacer). Graph's limit of 5 requests per 10
// seconds is per app and tenant, not per replica, so replicas that pace on their own trip it.
//
// Redis is optional and may go away: every call has a short timeout, and the first failure
// marks the backend degraded. A degraded backend does not touch Redis: the pacer falls back to
// the process's own pacer and the store answers "unavailable" at once (the cache then serves
// from its local level). A probe pings Redis meanwhile and the backend goes back to shared
// when Redis answers. Status says which, for the frames' notice and the health check.
//
// Only sign-in data (the cache's blobs), claims and pacing state are written, every key under
// the configured prefix (the rate limiter's under "rate:" and the prefix, as redis_rate names
// them) and with an expiry; never a token, a secret or the Redis password.
//
// Redis is reached with go-redis, the maintained client: one server, a Sentinel-managed
// primary or a Redis Cluster from the same settings, with its pool, TLS, ACL users and RESP3.
// The Graph budget is redis_rate's GCRA limiter; only the Retry-After hold, the claim release
// and the replica heartbeat are scripts of ours, each a few lines on one key.
package cluster

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"
)

// Defaults of Config.
const (
	DefaultTimeout       = 500 * time.Millisecond
	DefaultBlobTimeout   = 2 * time.Second
	DefaultProbeInterval = 2 * time.Second
	DefaultMaxBlobBytes  = 8 << 20
	// maxTimeouts is how many calls in a row may time out before the backend degrades: on a
	// busy machine one slow answer is no outage, while a refused connection is one at once.
	maxTimeouts = 3
)

// Topology is how the Redis servers are deployed.
type Topology string

// The topologies go-redis reaches from the same settings.
const (
	// Standalone is one server (or a proxy in front of several): one address.
	Standalone Topology = "standalone"
	// Sentinel is a primary and its replicas watched by Redis Sentinel: the addresses are the
	// sentinels', which name the current primary of MasterName.
	Sentinel Topology = "sentinel"
	// Cluster is Redis Cluster: the addresses are some of its nodes, which name the others.
	Cluster Topology = "cluster"
)

// Config says how to reach Redis. Zero durations take the defaults.
type Config struct {
	Topology Topology // empty is Standalone
	// Addresses are host:port: the server's, the sentinels' or some cluster nodes'.
	Addresses []string
	// MasterName is the primary's name at the sentinels (Sentinel only).
	MasterName string
	// SentinelPassword authenticates with the sentinels when they require it (Sentinel only).
	SentinelPassword string
	Username         string
	Password         string
	DB               int // not with Cluster, which has only database 0
	// TLS, when not nil, connects with TLS.
	TLS *tls.Config
	// KeyPrefix starts every key, e.g. "sigdiag".
	KeyPrefix string
	// Timeout bounds each small call (pacer, claims, probe); BlobTimeout each Get and Put of a
	// cache blob. Calls that take longer, maxTimeouts in a row, mark the backend degraded.
	Timeout, BlobTimeout time.Duration
	// ProbeInterval is how often a degraded backend pings Redis.
	ProbeInterval time.Duration
	// MaxBlobBytes is the largest blob Put stores; larger ones stay local.
	MaxBlobBytes int
	// OnChange is told when the backend degrades or recovers (for the log); it must not block.
	OnChange func(Status)
	// Replicas is how many Grafana replicas the operator runs (0: unknown). While Redis is
	// unreachable a replica keeps to its share of each Graph budget, split over the replicas
	// it last saw in Redis or over this many, whichever is more.
	Replicas int
	// ReplicaID names this replica in Redis; empty is an ID of the plugin process.
	ReplicaID string
}

// ErrUnavailable is returned, at once, by a degraded backend's store.
var ErrUnavailable = errors.New("the shared Redis backend is unavailable")

// Backend is the Redis client of one data source instance. It is safe for concurrent use.
type Backend struct {
	cfg    Config
	rdb    redis.UniversalClient
	rate   *redis_rate.Limiter
	closed chan struct{}
	once   sync.Once

	mu       sync.Mutex
	timeouts int // calls in a row that timed out
	degraded bool
	lastErr  error
	since    time.Time
	probing  bool
	share    Share // the share of the Graph budget a pacer last kept to while degraded
}

// New builds the client; it does not connect until the first call.
func New(cfg Config) *Backend {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.BlobTimeout <= 0 {
		cfg.BlobTimeout = DefaultBlobTimeout
	}
	if cfg.ProbeInterval <= 0 {
		cfg.ProbeInterval = DefaultProbeInterval
	}
	if cfg.MaxBlobBytes <= 0 {
		cfg.MaxBlobBytes = DefaultMaxBlobBytes
	}
	if cfg.ReplicaID == "" {
		cfg.ReplicaID = processReplicaID
	}
	if cfg.Topology == "" {
		cfg.Topology = Standalone
	}
	opts := &redis.UniversalOptions{
		Addrs: cfg.Addresses, Username: cfg.Username, Password: cfg.Password, DB: cfg.DB, TLSConfig: cfg.TLS,
		IsClusterMode: cfg.Topology == Cluster,
		// Fail fast: a slow Redis must cost a query a fraction of a second, once. Every call
		// has its own deadline (call), which go-redis keeps to; the read and write timeouts
		// only bound a call that would not. No retries: a refused connection is an outage at
		// once, and the probe finds Redis again.
		DialTimeout: cfg.Timeout, ReadTimeout: cfg.BlobTimeout, WriteTimeout: cfg.BlobTimeout,
		ContextTimeoutEnabled: true, MaxRetries: -1, DialerRetries: 1, PoolSize: 16, PoolTimeout: cfg.Timeout,
	}
	if cfg.Topology == Sentinel {
		opts.MasterName, opts.SentinelPassword = cfg.MasterName, cfg.SentinelPassword
	}
	quietOnce.Do(func() { redis.SetLogger(quiet{}) })
	rdb := redis.NewUniversalClient(opts)
	return &Backend{cfg: cfg, rdb: rdb, rate: redis_rate.NewLimiter(rdb), closed: make(chan struct{})}
}

// quiet is go-redis's logger: it would print every failed dial and pool event to stderr,
// which Grafana files as the plugin's errors, many times a second during an outage. The
// backend reports an outage once instead, through OnChange, the notices and the health check.
type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

var quietOnce sync.Once

// Close stops the probe and closes the connections.
func (b *Backend) Close() {
	b.once.Do(func() {
		close(b.closed)
		_ = b.rdb.Close()
	})
}

// Address names where Redis is for messages: the server's host:port, the primary's name and
// its sentinels, or the cluster's nodes.
func (b *Backend) Address() string { return b.cfg.where() }

func (c Config) where() string {
	addrs := strings.Join(c.Addresses, ", ")
	switch c.Topology {
	case Sentinel:
		return c.MasterName + " (sentinels " + addrs + ")"
	case Cluster:
		return "cluster " + addrs
	}
	return addrs
}

// Ping asks Redis for an answer now, whatever the state, and updates the state with it.
func (b *Backend) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.Timeout)
	defer cancel()
	err := b.ping(ctx)
	if err != nil {
		b.fail(err)
		return err
	}
	b.recover()
	return nil
}

// usable reports whether calls should go to Redis.
func (b *Backend) usable() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return !b.degraded
}

func (b *Backend) ping(ctx context.Context) error {
	return b.rdb.Ping(ctx).Err()
}

// check classifies the error of a Redis call: nil and redis.Nil are answers; the caller's
// own cancellation is not Redis's fault; anything else degrades the backend.
func (b *Backend) check(parent context.Context, err error) error {
	if err == nil || errors.Is(err, redis.Nil) {
		b.mu.Lock()
		b.timeouts = 0
		b.mu.Unlock()
		return err
	}
	if parent.Err() != nil {
		return parent.Err()
	}
	if isTimeout(err) {
		b.mu.Lock()
		b.timeouts++
		transient := b.timeouts < maxTimeouts
		b.mu.Unlock()
		if transient {
			return err
		}
	}
	b.fail(err)
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	// A full pool is a slow Redis too: every connection waits for an answer.
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, redis.ErrPoolTimeout) || (errors.As(err, &ne) && ne.Timeout())
}

// fail marks the backend degraded and starts the probe.
func (b *Backend) fail(err error) {
	b.mu.Lock()
	b.lastErr = err
	changed := !b.degraded
	if changed {
		b.degraded, b.since = true, time.Now()
	}
	start := !b.probing
	b.probing = true
	st := b.statusLocked()
	b.mu.Unlock()
	if start {
		go b.probe()
	}
	if changed && b.cfg.OnChange != nil {
		b.cfg.OnChange(st)
	}
}

func (b *Backend) recover() {
	b.mu.Lock()
	changed := b.degraded
	if changed {
		// Since is when the state changed: pacers keep their share for a while after it.
		b.since = time.Now()
	}
	b.degraded, b.lastErr, b.timeouts = false, nil, 0
	st := b.statusLocked()
	b.mu.Unlock()
	if changed && b.cfg.OnChange != nil {
		b.cfg.OnChange(st)
	}
}

// probe pings Redis until it answers or the backend is closed.
func (b *Backend) probe() {
	t := time.NewTicker(b.cfg.ProbeInterval)
	defer t.Stop()
	for {
		select {
		case <-b.closed:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), b.cfg.Timeout)
		err := b.ping(ctx)
		cancel()
		b.mu.Lock()
		if err != nil {
			b.lastErr = err
			b.mu.Unlock()
			continue
		}
		b.probing = false
		b.mu.Unlock()
		b.recover()
		return
	}
}

// call runs fn against Redis with the timeout, unless the backend is degraded.
func (b *Backend) call(ctx context.Context, timeout time.Duration, fn func(ctx context.Context) error) error {
	if !b.usable() {
		return ErrUnavailable
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return b.check(ctx, fn(cctx))
}
