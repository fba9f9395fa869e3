package cluster

import (
	"fmt"
	"time"
)

// Status is whether the replicas currently share the backend.
type Status struct {
	// Address names where Redis is (Backend.Address).
	Address string
	// Shared is false while the backend is degraded.
	Shared bool
	// Err is the last Redis error while degraded.
	Err error
	// Since is when the backend degraded or recovered.
	Since time.Time
	// Share is the part of the Graph budget this replica keeps to while degraded (zero
	// until a query needed it).
	Share Share
}

// Status returns the current state.
func (b *Backend) Status() Status {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.statusLocked()
}

func (b *Backend) statusLocked() Status {
	return Status{Address: b.cfg.where(), Shared: !b.degraded, Err: b.lastErr, Since: b.since, Share: b.share}
}

func (b *Backend) setShare(s Share) {
	b.mu.Lock()
	b.share = s
	b.mu.Unlock()
}

// Notice is the text a frame carries while the backend is degraded ("" while shared). Redis
// errors name the address and the failure, never the password.
func (s Status) Notice() string {
	if s.Shared {
		return ""
	}
	pacing := "keeps to its share of the Graph budget"
	if s.Share.Replicas > 0 {
		pacing += " (" + s.Share.String() + ")"
	}
	return fmt.Sprintf("The Graph request budget is no longer shared across Grafana replicas: Redis at %s is unreachable (%v) since %s. "+
		"This replica %s and serves from its own cache, so panels load more slowly; it goes back to the shared budget and cache when Redis answers again.",
		s.Address, s.Err, s.Since.UTC().Format(time.TimeOnly+" MST"), pacing)
}
