// Package resp is the plugin's Redis client: RESP2 over TCP or TLS, a small pool of
// connections, and Lua scripts run by their SHA1.
//
// The project has its own client for the binary's size. The plugin embeds OPA, whose
// text/template reaches reflect.Value.Method; from then on the linker must keep every exported
// method of every type that may be stored in an interface, and go-redis's Client has hundreds
// of commands: about 9 MB of the 56 MB binary. The plugin sends eight commands (PING, AUTH,
// SELECT, GET, SET, PTTL, EVALSHA, EVAL), which this package covers in a few hundred lines.
//
// What it does and does not: one command and its reply at a time on a connection, no
// pipelining, no retries (the caller decides what a failure means), no RESP3, no cluster or
// sentinel. A connection that saw an I/O error, a timeout, a cancellation or a malformed reply
// is closed, never reused.
package resp

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

// DefaultPoolSize is the number of connections a Client opens at most when Config.PoolSize is 0.
const DefaultPoolSize = 16

// Config says how to reach Redis.
type Config struct {
	Address string // host:port
	// Username and Password authenticate with AUTH: an ACL user with both, the default user
	// with Password alone, nobody with neither.
	Username, Password string
	// DB, when not 0, is selected on every new connection.
	DB int
	// TLS, when not nil, connects with TLS; an empty ServerName is the Address's host.
	TLS *tls.Config
	// DialTimeout bounds connecting, including the TLS handshake (0: the call's context only).
	DialTimeout time.Duration
	// IOTimeout bounds a call whose context has no deadline (0: none).
	IOTimeout time.Duration
	// PoolSize bounds the open connections; calls beyond it wait for one.
	PoolSize int
}

// Client is a Redis client, safe for concurrent use. It connects on the first call.
type Client struct {
	cfg  Config
	pool *pool
}

// New returns a client for cfg; it does not connect yet.
func New(cfg Config) *Client {
	if cfg.PoolSize <= 0 {
		cfg.PoolSize = DefaultPoolSize
	}
	if cfg.TLS != nil && cfg.TLS.ServerName == "" {
		cfg.TLS = cfg.TLS.Clone()
		cfg.TLS.ServerName, _, _ = net.SplitHostPort(cfg.Address)
	}
	return &Client{cfg: cfg, pool: newPool(cfg.PoolSize)}
}

// Close closes the idle connections, and the busy ones when their calls end. Calls after it
// return ErrClosed.
func (c *Client) Close() { c.pool.close() }

// Do sends a command, e.g. Do(ctx, "SET", key, blob, "PX", 1000), and returns its reply as
// ReadReply does: an error reply as an *Error, a nil reply as ErrNil. Arguments are strings,
// []byte, int or int64. ctx bounds the call, including waiting for a connection and dialing.
func (c *Client) Do(ctx context.Context, args ...any) (any, error) {
	if err := checkArgs(args); err != nil {
		return nil, err
	}
	cn, err := c.pool.acquire(ctx)
	if err != nil {
		return nil, err
	}
	if cn == nil {
		if cn, err = c.dial(ctx); err != nil {
			c.pool.release(nil)
			return nil, err
		}
	}
	reply, err := cn.exchange(ctx, c.cfg.IOTimeout, args)
	c.pool.release(cn)
	return reply, err
}

// dial connects, and authenticates and selects the database as configured.
func (c *Client) dial(ctx context.Context) (*conn, error) {
	dctx := ctx
	if c.cfg.DialTimeout > 0 {
		var cancel context.CancelFunc
		dctx, cancel = context.WithTimeout(ctx, c.cfg.DialTimeout)
		defer cancel()
	}
	var d net.Dialer
	nc, err := d.DialContext(dctx, "tcp", c.cfg.Address)
	if err != nil {
		return nil, err
	}
	if c.cfg.TLS != nil {
		tc := tls.Client(nc, c.cfg.TLS)
		if err := tc.HandshakeContext(dctx); err != nil {
			_ = nc.Close()
			return nil, err
		}
		nc = tc
	}
	cn := newConn(nc)
	if err := c.hello(ctx, cn); err != nil {
		cn.close()
		return nil, err
	}
	return cn, nil
}

// hello runs AUTH and SELECT on a new connection.
func (c *Client) hello(ctx context.Context, cn *conn) error {
	var auth []any
	switch {
	case c.cfg.Username != "":
		auth = []any{"AUTH", c.cfg.Username, c.cfg.Password}
	case c.cfg.Password != "":
		auth = []any{"AUTH", c.cfg.Password}
	}
	if auth != nil {
		if _, err := cn.exchange(ctx, c.cfg.IOTimeout, auth); err != nil {
			return c.redact(fmt.Errorf("resp: AUTH: %w", err))
		}
	}
	if c.cfg.DB != 0 {
		if _, err := cn.exchange(ctx, c.cfg.IOTimeout, []any{"SELECT", c.cfg.DB}); err != nil {
			return fmt.Errorf("resp: SELECT %d: %w", c.cfg.DB, err)
		}
	}
	return nil
}

// redact keeps the password out of an AUTH error in case a server or proxy echoes it: the
// error goes to logs, frames and health checks.
func (c *Client) redact(err error) error {
	if c.cfg.Password == "" || !strings.Contains(err.Error(), c.cfg.Password) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), c.cfg.Password, "[password]"))
}
