// Package cluster is the backend that several Grafana replicas share through Redis (issue
// #11): a second level of the sign-in cache (Store, a cache.Shared) and the Graph request
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
// the configured prefix and with an expiry; never a token, a secret or the Redis password.
package cluster

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/cluster/resp"
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

// Config says how to reach Redis. Zero durations take the defaults.
type Config struct {
	Address  string // host:port
	Username string
	Password string
	DB       int
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
	rdb    *resp.Client
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
	rdb := resp.New(resp.Config{
		Address: cfg.Address, Username: cfg.Username, Password: cfg.Password, DB: cfg.DB, TLS: cfg.TLS,
		// Fail fast: a slow Redis must cost a query a fraction of a second, once. Every call
		// has its own deadline (call); IOTimeout only bounds one that would not.
		DialTimeout: cfg.Timeout, IOTimeout: cfg.BlobTimeout, PoolSize: 16,
	})
	return &Backend{cfg: cfg, rdb: rdb, closed: make(chan struct{})}
}

// Close stops the probe and closes the connections.
func (b *Backend) Close() {
	b.once.Do(func() {
		close(b.closed)
		b.rdb.Close()
	})
}

// Address is the Redis server's host:port.
func (b *Backend) Address() string { return b.cfg.Address }

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
	_, err := b.rdb.Do(ctx, "PING")
	return err
}

// check classifies the error of a Redis call: nil and resp.ErrNil are answers; the caller's
// own cancellation is not Redis's fault; anything else degrades the backend.
func (b *Backend) check(parent context.Context, err error) error {
	if err == nil || errors.Is(err, resp.ErrNil) {
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
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
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
