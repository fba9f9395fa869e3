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

// Kinds of Shared keys: a complete bucket, or the running bucket read up to a time (the
// blob's fetched time; see Cache.reads).
const (
	kindBucket = "b"
	kindOpen   = "o"
)

func kindOf(p *piece) string {
	if p.complete {
		return kindBucket
	}
	return kindOpen
}

// sharedGet looks up in the Shared level a bucket that holds the piece: the complete bucket
// once it has ended, else the running bucket read up to at least the piece's end. A fresh one
// is kept here too.
func (c *Cache) sharedGet(ctx context.Context, rec *Recorder, filter, sel string, p *piece, now time.Time) ([]signin.SignIn, bool) {
	rows, ok, _ := c.sharedLookup(ctx, rec, filter, sel, p, now)
	return rows, ok
}

// sharedLookup is sharedGet that also returns the Shared level's error.
func (c *Cache) sharedLookup(ctx context.Context, rec *Recorder, filter, sel string, p *piece, now time.Time) ([]signin.SignIn, bool, error) {
	end := p.start.Add(c.opt.Bucket)
	kind := kindBucket
	if end.After(now) {
		kind = kindOpen
		if !p.incl {
			return nil, false, nil // the range reaches past the running bucket's end: nobody holds that yet
		}
	}
	ctx, cancel := context.WithTimeout(ctx, sharedTimeout)
	defer cancel()
	blob, ok, err := c.opt.Shared.Get(ctx, sharedKey(kind, filter, sel, p.start))
	if err != nil {
		c.count(rec, func(s *Stats) { s.SharedErrors++ })
		return nil, false, err
	}
	if !ok {
		return nil, false, nil
	}
	fetchedAt, err := blobFetched(blob)
	if err != nil || !c.fresh(end, fetchedAt, now) {
		return nil, false, nil
	}
	hi := end
	if kind == kindOpen {
		if p.to.After(fetchedAt) {
			return nil, false, nil // read before the piece ends
		}
		hi = fetchedAt.Add(time.Nanosecond)
	}
	rows, err := decodeBucket(blob)
	if err != nil {
		return nil, false, nil
	}
	c.keep(bucketKey{filter: filter, sel: sel, start: p.start.UnixNano()}, blob, len(rows), end, fetchedAt, p.start, hi)
	return rows, true, nil
}

// sharedPut offers a bucket to the other replicas, for as long as it may be served.
func (c *Cache) sharedPut(ctx context.Context, kind, filter, sel string, start time.Time, blob []byte, end, fetchedAt time.Time) {
	ttl := c.opt.TTL
	if fetchedAt.Sub(end) >= c.opt.LateArrival {
		ttl = c.opt.SharedTTL
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedTimeout)
	defer cancel()
	if err := c.opt.Shared.Put(ctx, sharedKey(kind, filter, sel, start), blob, ttl); err != nil {
		c.count(nil, func(s *Stats) { s.SharedErrors++ })
	}
}

// claim makes sure one replica reads a run's complete buckets. It returns a release function
// when this replica should read Graph (it holds the claim, or the Shared level failed, or the
// other replica's buckets did not come within ClaimWait), or the run itself when another
// replica read its complete buckets: then only what that replica did not share for this run
// (the running bucket up to a later time than it read) is read here. reads are the run's
// pieces as the listing reads them (Cache.reads).
func (c *Cache) claim(ctx context.Context, q graph.Query, sel string, run, reads []piece, now time.Time) (func(), *fetched) {
	var complete []int
	for i := range reads {
		if reads[i].complete {
			complete = append(complete, i)
		}
	}
	noop := func() {}
	if len(complete) == 0 {
		return noop, nil
	}
	first, last := reads[complete[0]].start, reads[complete[len(complete)-1]].start
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
			rows, ok, err := c.sharedLookup(ctx, nil, q.Filter, sel, &run[i], now)
			if err != nil {
				return noop, nil // the Shared level is gone: do not wait for it, read Graph here
			}
			if ok {
				parts[i], got[i] = filterRows(rows, &run[i]), true
				missing--
			}
		}
	}
	// The other pieces: the running bucket, shared with the complete ones when the other
	// replica read it up to this range's end; otherwise (and short runs' edges) read here.
	res := &graph.Result{}
	shared := len(complete)
	for i := range run {
		if got[i] {
			continue
		}
		if rows, ok, err := c.sharedLookup(ctx, nil, q.Filter, sel, &run[i], now); err == nil && ok {
			parts[i] = filterRows(rows, &run[i])
			shared++
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
			res.Waited += r.Waited
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
	return noop, &fetched{res: res, parts: parts, fromShared: shared}
}
