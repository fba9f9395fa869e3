package cluster

import (
	"fmt"
	"time"
)

// Status is whether the replicas currently share the backend.
type Status struct {
	Address string
	// Shared is false while the backend is degraded.
	Shared bool
	// Err is the last Redis error while degraded.
	Err error
	// Since is when the backend degraded or recovered.
	Since time.Time
}

// Status returns the current state.
func (b *Backend) Status() Status {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.statusLocked()
}

func (b *Backend) statusLocked() Status {
	return Status{Address: b.cfg.Address, Shared: !b.degraded, Err: b.lastErr, Since: b.since}
}

// Notice is the text a frame carries while the backend is degraded ("" while shared). Redis
// errors name the address and the failure, never the password.
func (s Status) Notice() string {
	if s.Shared {
		return ""
	}
	return fmt.Sprintf("The Graph request budget is no longer shared across Grafana replicas: Redis at %s is unreachable (%v) since %s. "+
		"This replica paces its Graph requests alone and serves from its own cache; it goes back to the shared budget and cache when Redis answers again.",
		s.Address, s.Err, s.Since.UTC().Format(time.TimeOnly+" MST"))
}
