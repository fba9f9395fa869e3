package resp

import (
	"context"
	"errors"
	"sync"
)

// ErrClosed is returned by calls on a closed Client.
var ErrClosed = errors.New("resp: client closed")

// pool bounds the connections to one server and keeps the idle ones for the next call: a
// call takes a slot first (waiting for one until its context ends), then an idle connection
// or a new one.
type pool struct {
	slots chan struct{}

	mu     sync.Mutex
	idle   []*conn // most recently used last
	closed bool
}

func newPool(size int) *pool {
	return &pool{slots: make(chan struct{}, size)}
}

// acquire takes a slot, then the most recently used idle connection that is still open, or
// nil when the caller is to dial one. The slot is the caller's until release.
func (p *pool) acquire(ctx context.Context) (*conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		<-p.slots
		return nil, ErrClosed
	}
	for len(p.idle) > 0 {
		cn := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		// A server that restarted or closed an idle connection leaves it dead in the pool;
		// using it would fail a call that a new connection serves.
		if alive(cn.nc) {
			return cn, nil
		}
		cn.close()
	}
	return nil, nil
}

// release gives the slot back, and cn (nil when the dial failed) to the idle connections
// unless it is broken or the pool closed.
func (p *pool) release(cn *conn) {
	p.mu.Lock()
	if cn != nil {
		if cn.broken || p.closed {
			cn.close()
		} else {
			p.idle = append(p.idle, cn)
		}
	}
	p.mu.Unlock()
	<-p.slots
}

// close closes the idle connections now and the others when their calls end.
func (p *pool) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for _, cn := range p.idle {
		cn.close()
	}
	p.idle = nil
}
