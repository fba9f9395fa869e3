package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// sharedTimeout bounds one call to the Shared level, whatever the store does: a slow Redis must
// not hold a dashboard up, the local level and Graph can answer instead.
const sharedTimeout = 2 * time.Second

// sharedKey names a bucket in the Shared level. The filter is hashed: it may hold a user's
// name, and keys are listed by anyone who can run Redis commands.
func sharedKey(kind, filter, sel string, start time.Time) string {
	h := sha256.Sum256([]byte(filter + "\x00" + sel))
	return kind + ":" + hex.EncodeToString(h[:12]) + ":" + strconv.FormatInt(start.Unix(), 10)
}

// sharedGet looks a complete bucket up in the Shared level and keeps a fresh one here too.
func (c *Cache) sharedGet(ctx context.Context, rec *Recorder, filter, sel string, start, now time.Time) ([]signin.SignIn, bool) {
	rows, ok, _ := c.sharedLookup(ctx, rec, filter, sel, start, now)
	return rows, ok
}

// sharedLookup is sharedGet that also returns the Shared level's error.
func (c *Cache) sharedLookup(ctx context.Context, rec *Recorder, filter, sel string, start, now time.Time) ([]signin.SignIn, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, sharedTimeout)
	defer cancel()
	blob, ok, err := c.opt.Shared.Get(ctx, sharedKey("b", filter, sel, start))
	if err != nil {
		c.count(rec, func(s *Stats) { s.SharedErrors++ })
		return nil, false, err
	}
	if !ok {
		return nil, false, nil
	}
	end := start.Add(c.opt.Bucket)
	fetchedAt, err := blobFetched(blob)
	if err != nil || !c.fresh(end, fetchedAt, now) {
		return nil, false, nil
	}
	rows, err := decodeBucket(blob)
	if err != nil {
		return nil, false, nil
	}
	c.keep(bucketKey{filter: filter, sel: sel, start: start.UnixNano()}, blob, len(rows), end, fetchedAt, start, end)
	return rows, true, nil
}

// sharedPut offers a bucket to the other replicas, for as long as it may be served.
func (c *Cache) sharedPut(ctx context.Context, filter, sel string, start time.Time, blob []byte, end, fetchedAt time.Time) {
	ttl := c.opt.TTL
	if fetchedAt.Sub(end) >= c.opt.LateArrival {
		ttl = c.opt.SharedTTL
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedTimeout)
	defer cancel()
	if err := c.opt.Shared.Put(ctx, sharedKey("b", filter, sel, start), blob, ttl); err != nil {
		c.count(nil, func(s *Stats) { s.SharedErrors++ })
	}
}

// claim makes sure one replica reads a run's complete buckets. It returns a release function
// when this replica should read Graph (it holds the claim, or the Shared level failed, or the
// other replica's buckets did not come within ClaimWait), or the run itself when another
// replica read its complete buckets: then only the run's incomplete edges are read here.
func (c *Cache) claim(ctx context.Context, q graph.Query, sel string, run []piece, now time.Time) (func(), *fetched) {
	var complete []int
	for i := range run {
		if run[i].complete {
			complete = append(complete, i)
		}
	}
	noop := func() {}
	if len(complete) == 0 {
		return noop, nil
	}
	first, last := run[complete[0]].start, run[complete[len(complete)-1]].start
	key := sharedKey("claim", q.Filter, sel, first) + "-" + strconv.FormatInt(last.Unix(), 10)
	cctx, cancel := context.WithTimeout(ctx, sharedTimeout)
	release, ok, err := c.opt.Shared.Claim(cctx, key, c.opt.ClaimWait)
	cancel()
	switch {
	case err != nil:
		c.count(nil, func(s *Stats) { s.SharedErrors++ })
		return noop, nil
	case ok:
		return release, nil
	}
	// Another replica is reading these buckets: wait for them.
	parts := make([][]signin.SignIn, len(run))
	got := make([]bool, len(run))
	missing := len(complete)
	deadline := time.NewTimer(c.opt.ClaimWait)
	defer deadline.Stop()
	tick := time.NewTicker(claimPoll)
	defer tick.Stop()
	for missing > 0 {
		select {
		case <-ctx.Done():
			return noop, nil
		case <-deadline.C:
			return noop, nil // the other replica is slow or gone: read Graph here
		case <-tick.C:
		}
		for _, i := range complete {
			if got[i] {
				continue
			}
			rows, ok, err := c.sharedLookup(ctx, nil, q.Filter, sel, run[i].start, now)
			if err != nil {
				return noop, nil // the Shared level is gone: do not wait for it, read Graph here
			}
			if ok {
				parts[i], got[i] = rows, true
				missing--
			}
		}
	}
	// The edges that are not whole buckets are never shared: read them here.
	res := &graph.Result{}
	for i := range run {
		if run[i].complete {
			continue
		}
		eq := q
		eq.From, eq.To, eq.MaxRows = run[i].from, run[i].to, 0
		r, err := c.source().List(ctx, eq)
		if r != nil {
			res.Requests = append(res.Requests, r.Requests...)
			res.Pages += r.Pages
			res.Slices += r.Slices
			res.Duplicates += r.Duplicates
		}
		if err != nil {
			return noop, &fetched{res: res, err: err}
		}
		for _, s := range r.SignIns {
			if run[i].contains(s.CreatedDateTime) {
				parts[i] = append(parts[i], s)
			}
		}
	}
	return noop, &fetched{res: res, parts: parts, fromShared: len(complete)}
}
