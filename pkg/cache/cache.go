// Package cache keeps sign-ins already read from Graph so that dashboards do not read them
// twice (issue #9). Cache decorates a sign-in source (the Graph client) with the same List
// method, and is built once per data source instance around it.
//
// Design:
//   - Buckets. Time is cut into aligned buckets (Options.Bucket, 1 hour by default). A query
//     [From, To] is split into the buckets it touches, newest first; a bucket the query covers
//     whole, and that has ended, is complete and is cached under (Filter, Select, bucket start).
//     The partial buckets at both edges are answered from a cached complete bucket when there
//     is one (rows filtered to the range), otherwise they are read fresh and not cached.
//   - Freshness. Sign-ins arrive late (MFA aggregation up to 2 hours), so a bucket read before
//     it was older than Options.LateArrival may still change: it is served for Options.TTL
//     (1 minute) and then read again. A bucket read after its late-arrival window is final.
//   - One listing per gap. The buckets that must be read are grouped into contiguous runs and
//     each run is one Graph listing (one $filter range, Graph's paging and time slices), whose
//     rows are then split into the buckets. Runs are read newest first, and MaxRows applies to
//     the whole answer: once the newer part holds MaxRows rows, older runs are not read.
//   - Never wrong. A truncated listing (MaxRows hit) and an error are never cached.
//   - Coalescing. Identical concurrent runs (same Filter, Select, range, limits) share one
//     listing; each caller waits with its own context, and the listing is cancelled only when
//     every caller waiting for it has gone.
//   - Bound. The cache holds at most Options.MaxRows sign-ins (500,000 by default; an empty
//     bucket counts as one) and evicts the least recently used buckets beyond that.
//   - Stats. The Result keeps its meaning: Requests and Pages are the Graph requests actually
//     made for this answer (none when it came from the cache) and Slices counts the slices of
//     those listings. Hits and misses (in buckets) are counted per call for a caller that asks
//     with WithRecorder, and in total by Cache.Stats.
package cache

import (
	"container/list"
	"context"
	"strings"
	"sync"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// Source lists sign-ins: the Graph client, or another decorator.
type Source interface {
	List(ctx context.Context, q graph.Query) (*graph.Result, error)
}

// Defaults of Options.
const (
	DefaultBucket      = time.Hour
	DefaultLateArrival = 2 * time.Hour
	DefaultTTL         = time.Minute
	DefaultMaxRows     = 500_000
	// maxBuckets bounds how many buckets one query is split into; longer ranges bypass the cache.
	maxBuckets = 10_000
)

// Options tune the cache; zero values take the defaults.
type Options struct {
	// Bucket is the length of the cached time buckets, aligned on multiples of it (UTC hours for 1h).
	Bucket time.Duration
	// LateArrival is how long after a bucket's end its sign-ins may still change.
	LateArrival time.Duration
	// TTL is how long a bucket read within its late-arrival window is served before being read again.
	TTL time.Duration
	// MaxRows bounds the cached sign-ins.
	MaxRows int
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// Stats are the cache's counters since it was built.
type Stats struct {
	Hits, Misses int // buckets served from the cache, buckets read from the source
	Listings     int // listings sent to the source
	Coalesced    int // listings answered by another caller's identical listing
	Evictions    int // buckets evicted for the size bound
	Buckets      int // buckets held
	Rows         int // sign-ins held
}

// Cache is a caching Source. It is safe for concurrent use.
type Cache struct {
	src Source
	opt Options

	mu      sync.Mutex
	entries map[bucketKey]*list.Element // of *entry
	lru     *list.List                  // front is the most recently used
	weight  int
	stats   Stats
	flights map[flightKey]*flight
}

// New wraps src.
func New(src Source, opt Options) *Cache {
	if opt.Bucket <= 0 {
		opt.Bucket = DefaultBucket
	}
	if opt.LateArrival <= 0 {
		opt.LateArrival = DefaultLateArrival
	}
	if opt.TTL <= 0 {
		opt.TTL = DefaultTTL
	}
	if opt.MaxRows <= 0 {
		opt.MaxRows = DefaultMaxRows
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Cache{src: src, opt: opt, entries: map[bucketKey]*list.Element{}, lru: list.New(), flights: map[flightKey]*flight{}}
}

// Stats returns the counters.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Buckets = c.lru.Len()
	for e := c.lru.Front(); e != nil; e = e.Next() {
		s.Rows += len(e.Value.(*entry).rows)
	}
	return s
}

type bucketKey struct {
	filter, sel string
	start       int64 // UnixNano
}

type entry struct {
	key     bucketKey
	rows    []signin.SignIn // newest first; never modified once stored
	end     time.Time
	fetched time.Time // when the listing that read it started
}

// piece is the part of one bucket that a query covers.
type piece struct {
	start    time.Time // the bucket's start
	from, to time.Time // the part covered; to is inclusive when incl, else the bucket's end
	incl     bool
	complete bool // the whole bucket, and it has ended: cacheable
	hit      *entry
}

func (p *piece) contains(t time.Time) bool {
	if t.Before(p.from) {
		return false
	}
	if p.incl {
		return !t.After(p.to)
	}
	return t.Before(p.to)
}

// List implements Source.
func (c *Cache) List(ctx context.Context, q graph.Query) (*graph.Result, error) {
	if !q.To.After(q.From) || q.To.Sub(q.From)/c.opt.Bucket > maxBuckets {
		return c.src.List(ctx, q)
	}
	now := c.opt.Now()
	sel := strings.Join(q.Select, ",")
	pieces, hits := c.plan(q, sel, now)
	rec := recorderFrom(ctx)
	c.count(rec, func(s *Stats) { s.Hits += hits; s.Misses += len(pieces) - hits })

	res := &graph.Result{}
	var rows [][]signin.SignIn // per piece, in piece order
	total := 0
	for i := 0; i < len(pieces); {
		if h := pieces[i].hit; h != nil {
			part := filterRows(h.rows, &pieces[i])
			rows = append(rows, part)
			total += len(part)
			i++
			continue
		}
		j := i
		for j < len(pieces) && pieces[j].hit == nil {
			j++
		}
		limit := 0
		if q.MaxRows > 0 {
			if limit = q.MaxRows - total; limit <= 0 {
				res.Truncated = true
				break
			}
		}
		got, shared, err := c.fetch(ctx, q, sel, pieces[i:j], limit, now)
		c.count(rec, func(s *Stats) {
			if shared {
				s.Coalesced++
			} else {
				s.Listings++
			}
		})
		if got != nil && got.res != nil {
			res.Requests = append(res.Requests, got.res.Requests...)
			res.Pages += got.res.Pages
			res.Slices += got.res.Slices
			res.Duplicates += got.res.Duplicates
		}
		if err != nil {
			return res, err
		}
		for _, part := range got.parts {
			rows = append(rows, part)
			total += len(part)
		}
		if got.res.Truncated {
			res.Truncated = true
			break
		}
		i = j
	}
	res.SignIns = make([]signin.SignIn, 0, total)
	seen := make(map[string]struct{}, total)
	for _, part := range rows {
		for _, s := range part {
			if s.ID != "" {
				if _, dup := seen[s.ID]; dup {
					res.Duplicates++
					continue
				}
				seen[s.ID] = struct{}{}
			}
			res.SignIns = append(res.SignIns, s)
		}
	}
	if q.MaxRows > 0 && len(res.SignIns) > q.MaxRows {
		res.SignIns = res.SignIns[:q.MaxRows]
		res.Truncated = true
	}
	return res, nil
}

// plan splits the query into bucket pieces, newest first, and looks up the cached ones.
func (c *Cache) plan(q graph.Query, sel string, now time.Time) (pieces []piece, hits int) {
	size := c.opt.Bucket
	var out []piece
	for s := q.To.Truncate(size); s.Add(size).After(q.From); s = s.Add(-size) {
		end := s.Add(size)
		p := piece{start: s, from: s, to: end}
		if p.from.Before(q.From) {
			p.from = q.From
		}
		if end.After(q.To) {
			p.to, p.incl = q.To, true
		}
		p.complete = !s.Before(q.From) && !end.After(q.To) && !end.After(now)
		out = append(out, p)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range out {
		k := bucketKey{filter: q.Filter, sel: sel, start: out[i].start.UnixNano()}
		if el, ok := c.entries[k]; ok {
			e := el.Value.(*entry)
			if c.fresh(e, now) {
				out[i].hit = e
				c.lru.MoveToFront(el)
				hits++
				continue
			}
			c.remove(el)
		}
	}
	return out, hits
}

// fresh reports whether a cached bucket may still be served: it was read after its late
// arrivals, or less than TTL ago.
func (c *Cache) fresh(e *entry, now time.Time) bool {
	return e.fetched.Sub(e.end) >= c.opt.LateArrival || now.Sub(e.fetched) < c.opt.TTL
}

func filterRows(rows []signin.SignIn, p *piece) []signin.SignIn {
	if !p.from.After(p.start) && !p.incl {
		return rows // the whole bucket
	}
	var out []signin.SignIn
	for _, s := range rows {
		if p.contains(s.CreatedDateTime) {
			out = append(out, s)
		}
	}
	return out
}

// fetched is one run's listing split into its pieces.
type fetched struct {
	res   *graph.Result
	parts [][]signin.SignIn
}

// fetch reads a run of contiguous pieces (newest first) in one listing, coalesced with
// identical concurrent runs, and caches its complete buckets.
func (c *Cache) fetch(ctx context.Context, q graph.Query, sel string, run []piece, limit int, now time.Time) (*fetched, bool, error) {
	newest, oldest := run[0], run[len(run)-1]
	gq := q
	gq.From, gq.To, gq.MaxRows = oldest.from, newest.to, limit
	key := flightKey{filter: q.Filter, sel: sel, from: gq.From.UnixNano(), to: gq.To.UnixNano(), incl: newest.incl,
		limit: limit, pageSize: q.PageSize, sliceLength: q.SliceLength}
	run = append([]piece(nil), run...) // the listing may outlive this caller
	return c.do(ctx, key, func(ctx context.Context) (*fetched, error) {
		res, err := c.src.List(ctx, gq)
		if err != nil || res == nil {
			return &fetched{res: res}, err
		}
		index := make(map[int64]int, len(run))
		for i := range run {
			index[run[i].start.UnixNano()] = i
		}
		parts := make([][]signin.SignIn, len(run))
		for _, s := range res.SignIns {
			i, ok := index[s.CreatedDateTime.Truncate(c.opt.Bucket).UnixNano()]
			if ok && run[i].contains(s.CreatedDateTime) {
				parts[i] = append(parts[i], s)
			}
		}
		if !res.Truncated {
			c.store(q.Filter, sel, run, parts, now)
		}
		return &fetched{res: res, parts: parts}, nil
	})
}

// store caches the complete buckets of a run.
func (c *Cache) store(filter, sel string, run []piece, parts [][]signin.SignIn, fetchedAt time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range run {
		if !run[i].complete || weight(parts[i]) > c.opt.MaxRows {
			continue
		}
		k := bucketKey{filter: filter, sel: sel, start: run[i].start.UnixNano()}
		if el, ok := c.entries[k]; ok {
			c.remove(el)
		}
		e := &entry{key: k, rows: parts[i], end: run[i].start.Add(c.opt.Bucket), fetched: fetchedAt}
		c.entries[k] = c.lru.PushFront(e)
		c.weight += weight(e.rows)
	}
	for c.weight > c.opt.MaxRows {
		c.remove(c.lru.Back())
		c.stats.Evictions++
	}
}

func weight(rows []signin.SignIn) int { return len(rows) + 1 }

func (c *Cache) remove(el *list.Element) {
	e := el.Value.(*entry)
	c.lru.Remove(el)
	delete(c.entries, e.key)
	c.weight -= weight(e.rows)
}

func (c *Cache) count(rec *Recorder, f func(*Stats)) {
	c.mu.Lock()
	f(&c.stats)
	c.mu.Unlock()
	if rec != nil {
		rec.mu.Lock()
		f(&rec.stats)
		rec.mu.Unlock()
	}
}
