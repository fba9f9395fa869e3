// Package cache keeps sign-ins already read from Graph so that dashboards do not read them
// twice. Cache decorates a sign-in source (the Graph client) with the same List
// method, and is built once per data source instance around it.
//
// Design:
//   - Buckets. Time is cut into aligned buckets (Options.Bucket, 1 hour by default). A query
//     [From, To] is split into the buckets it touches, newest first; a bucket the query covers
//     whole, and that has ended, is complete and is cached under (Filter, Select, bucket start).
//   - Edges. The partial buckets at both edges are answered from a cached bucket that holds
//     them (rows filtered to the range). When they must be read, a listing of several buckets
//     reads an ended edge bucket whole, and the bucket still running up to now, so that the
//     next panel or replica, whose range starts and ends a moment later, finds them (reads).
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
//   - Compact. A bucket is held as one zstd blob of its sign-ins' JSON (codec.go), about 200
//     bytes a sign-in, and decoded when served.
//   - Bound. The cache holds at most Options.MaxRows sign-ins (500,000 by default; an empty
//     bucket counts as one) and Options.MaxBytes of blobs, and evicts the least recently used
//     buckets beyond that.
//   - Replicas. With Options.Shared (Redis) a complete bucket missing here is looked
//     up there before Graph is read, buckets read here are put there, and a listing of complete
//     buckets is claimed there first: when another replica holds the claim, this one waits for
//     that replica's buckets (Options.ClaimWait) and reads Graph itself only if they do not come.
//     Any error of the shared store counts as a miss: the local level keeps serving.
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
	DefaultMaxBytes    = 256 << 20
	DefaultSharedTTL   = 24 * time.Hour
	DefaultClaimWait   = 45 * time.Second
	// claimPoll is how often a replica waiting for another's listing looks for its buckets.
	claimPoll = 250 * time.Millisecond
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
	// MaxBytes bounds the cached blobs' bytes.
	MaxBytes int
	// Shared is the replicas' shared level (nil: none).
	Shared Shared
	// SharedTTL is how long a final bucket (read after its late arrivals) stays in Shared; a
	// bucket that may still change stays there for TTL.
	SharedTTL time.Duration
	// ClaimWait is how long a replica waits for another replica's listing before reading Graph.
	ClaimWait time.Duration
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
	Bytes        int // bytes of the held blobs
	// SharedHits counts buckets served from the Shared level (also counted in Hits),
	// SharedWaits listings left to another replica, SharedErrors failed Shared calls.
	SharedHits, SharedWaits, SharedErrors int
}

// Cache is a caching Source. It is safe for concurrent use.
type Cache struct {
	src Source
	opt Options

	mu      sync.Mutex
	entries map[bucketKey]*list.Element // of *entry
	lru     *list.List                  // front is the most recently used
	weight  int                         // rows, for MaxRows
	bytes   int                         // blob bytes, for MaxBytes
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
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.SharedTTL <= 0 {
		opt.SharedTTL = DefaultSharedTTL
	}
	if opt.ClaimWait <= 0 {
		opt.ClaimWait = DefaultClaimWait
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Cache{src: src, opt: opt, entries: map[bucketKey]*list.Element{}, lru: list.New(), flights: map[flightKey]*flight{}}
}

// Use makes the cache read from src from now on, keeping what it holds: a data source whose
// settings changed (new rules, a rotated secret) gets a new Graph client, but the sign-ins
// already read are still the tenant's sign-ins. Listings in flight finish with the old source.
func (c *Cache) Use(src Source) {
	c.mu.Lock()
	c.src = src
	c.mu.Unlock()
}

func (c *Cache) source() Source {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.src
}

// Stats returns the counters.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Buckets = c.lru.Len()
	for e := c.lru.Front(); e != nil; e = e.Next() {
		s.Rows += e.Value.(*entry).n
	}
	s.Bytes = c.bytes
	return s
}

type bucketKey struct {
	filter, sel string
	start       int64 // UnixNano
}

type entry struct {
	key     bucketKey
	blob    []byte // encodeBucket of the rows, newest first; never modified once stored
	n       int    // rows in blob
	end     time.Time
	fetched time.Time // when the listing that read it started
	lo, hi  time.Time // the part of the bucket it holds, [lo, hi): the whole bucket, or a query's edge
}

// covers reports whether the entry holds all of the piece.
func (e *entry) covers(p *piece) bool {
	lo, hi := p.span()
	return !lo.Before(e.lo) && !hi.After(e.hi)
}

// span is the piece as a half-open range [lo, hi).
func (p *piece) span() (time.Time, time.Time) {
	if p.incl {
		return p.from, p.to.Add(time.Nanosecond)
	}
	return p.from, p.to
}

// piece is the part of one bucket that a query covers.
type piece struct {
	start    time.Time // the bucket's start
	from, to time.Time // the part covered; to is inclusive when incl, else the bucket's end
	incl     bool
	complete bool // the whole bucket, and it has ended: cacheable
	hit      bool
	rows     []signin.SignIn // the bucket's rows, when hit
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
		return c.source().List(ctx, q)
	}
	now := c.opt.Now()
	sel := strings.Join(q.Select, ",")
	rec := recorderFrom(ctx)
	pieces, hits := c.plan(ctx, rec, q, sel, now)
	c.count(rec, func(s *Stats) { s.Hits += hits; s.Misses += len(pieces) - hits })

	res := &graph.Result{}
	var rows [][]signin.SignIn // per piece, in piece order
	total := 0
	for i := 0; i < len(pieces); {
		if pieces[i].hit {
			part := filterRows(pieces[i].rows, &pieces[i])
			rows = append(rows, part)
			total += len(part)
			i++
			continue
		}
		j := i
		for j < len(pieces) && !pieces[j].hit {
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
			switch {
			case shared:
				s.Coalesced++
			case got != nil && got.fromShared > 0:
				s.SharedWaits++
				s.Hits += got.fromShared
				s.Misses -= got.fromShared
				s.SharedHits += got.fromShared
			default:
				s.Listings++
			}
		})
		if got != nil && got.res != nil {
			res.Requests = append(res.Requests, got.res.Requests...)
			res.Pages += got.res.Pages
			res.Slices += got.res.Slices
			res.Duplicates += got.res.Duplicates
			res.Waited += got.res.Waited
		}
		if err != nil {
			return res, err
		}
		for _, part := range got.parts {
			rows = append(rows, part)
			total += len(part)
		}
		if got.truncated {
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

// plan splits the query into bucket pieces, newest first, and looks up the cached ones: here,
// then in the Shared level.
func (c *Cache) plan(ctx context.Context, rec *Recorder, q graph.Query, sel string, now time.Time) (pieces []piece, hits int) {
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
	blobs := make([][]byte, len(out))
	c.mu.Lock()
	for i := range out {
		k := bucketKey{filter: q.Filter, sel: sel, start: out[i].start.UnixNano()}
		if el, ok := c.entries[k]; ok {
			e := el.Value.(*entry)
			if !c.fresh(e.end, e.fetched, now) {
				c.remove(el)
				continue
			}
			if e.covers(&out[i]) {
				blobs[i] = e.blob
				c.lru.MoveToFront(el)
			}
		}
	}
	c.mu.Unlock()
	for i := range out {
		if blobs[i] == nil && c.opt.Shared != nil {
			if rows, ok := c.sharedGet(ctx, rec, q.Filter, sel, &out[i], now); ok {
				out[i].rows, out[i].hit = rows, true
				hits++
				c.count(rec, func(s *Stats) { s.SharedHits++ })
			}
			continue
		}
		if blobs[i] == nil {
			continue
		}
		rows, err := decodeBucket(blobs[i])
		if err != nil {
			continue // cannot happen for blobs encoded here; read the bucket again
		}
		out[i].rows, out[i].hit = rows, true
		hits++
	}
	return out, hits
}

// fresh reports whether a cached bucket may still be served: it was read after its late
// arrivals, or less than TTL ago.
func (c *Cache) fresh(end, fetched, now time.Time) bool {
	return fetched.Sub(end) >= c.opt.LateArrival || now.Sub(fetched) < c.opt.TTL
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
	// fromShared counts the pieces another replica read (see Options.Shared).
	fromShared int
	// truncated is whether MaxRows cut the run's own range (res.Truncated may be a cut in
	// the part of a bucket read beyond it).
	truncated bool
	err       error // of reading the edges of a run another replica read
}

// widenMin is the fewest pieces a run must have for its edges to be read as whole buckets:
// the widening then adds at most a bucket to several, while a short range (the last 15
// minutes) would read up to four times what it needs.
const widenMin = 4

// reads is what a listing reads for each piece of a run, so that its edges can be kept like
// buckets: another panel's range, or another replica's, starts and ends a moment later, and
// an edge held as exactly one query's part would serve none of them.
//   - The oldest edge, when its bucket has ended, is read whole (in runs of at least widenMin
//     pieces): it is then a complete bucket, cached and shared like the others.
//   - The bucket still running is read up to now, and held as "the bucket up to the time it
//     was read": any range ending before that time is answered from it while it is fresh.
func (c *Cache) reads(run []piece, now time.Time) []piece {
	out := append([]piece(nil), run...)
	for i := range out {
		p := &out[i]
		if p.complete {
			continue
		}
		end := p.start.Add(c.opt.Bucket)
		switch {
		case !end.After(now) && i == len(out)-1 && len(run) >= widenMin:
			// Only the oldest edge: its extra sign-ins come last in Graph's newest-first order,
			// so a MaxRows cut takes them before any sign-in of the range.
			p.from, p.to, p.incl, p.complete = p.start, end, false, true
		case end.After(now) && p.incl && p.to.Before(now):
			p.to = now
		}
	}
	return out
}

// open reports whether a piece read at fetchedAt holds its running bucket from the start up
// to fetchedAt: the form in which the newest edge is shared.
func (p *piece) open(fetchedAt time.Time) bool {
	return !p.complete && p.incl && p.from.Equal(p.start) && p.to.Equal(fetchedAt)
}

// fetch reads a run of contiguous pieces (newest first) in one listing, coalesced with
// identical concurrent runs, and caches what it read (see reads).
func (c *Cache) fetch(ctx context.Context, q graph.Query, sel string, run []piece, limit int, now time.Time) (*fetched, bool, error) {
	newest, oldest := run[0], run[len(run)-1]
	// The key is the query's own range: panels of one refresh share it whatever their clocks.
	key := flightKey{filter: q.Filter, sel: sel, from: oldest.from.UnixNano(), to: newest.to.UnixNano(), incl: newest.incl,
		limit: limit, pageSize: q.PageSize, sliceLength: q.SliceLength}
	run = append([]piece(nil), run...) // the listing may outlive this caller
	reads := c.reads(run, now)
	gq := q
	gq.From, gq.To, gq.MaxRows = reads[len(reads)-1].from, reads[0].to, limit
	return c.do(ctx, key, func(ctx context.Context) (*fetched, error) {
		if c.opt.Shared != nil {
			release, got := c.claim(ctx, q, sel, run, reads, now)
			if got != nil {
				return got, got.err
			}
			defer release()
		}
		res, err := c.source().List(ctx, gq)
		if err != nil || res == nil {
			return &fetched{res: res}, err
		}
		index := make(map[int64]int, len(reads))
		for i := range reads {
			index[reads[i].start.UnixNano()] = i
		}
		read := make([][]signin.SignIn, len(reads))
		for _, s := range res.SignIns {
			i, ok := index[s.CreatedDateTime.Truncate(c.opt.Bucket).UnixNano()]
			if ok && reads[i].contains(s.CreatedDateTime) {
				read[i] = append(read[i], s)
			}
		}
		parts := make([][]signin.SignIn, len(run))
		for i := range run {
			parts[i] = filterRows(read[i], &run[i])
		}
		if !res.Truncated {
			c.store(ctx, q.Filter, sel, reads, read, now)
		}
		// A cut that fell inside the widened oldest edge left the run's own range whole.
		truncated := res.Truncated && !reachedBefore(res.SignIns, oldest.from)
		return &fetched{res: res, parts: parts, truncated: truncated}, nil
	})
}

// reachedBefore reports whether any of the rows is older than t.
func reachedBefore(rows []signin.SignIn, t time.Time) bool {
	for i := len(rows) - 1; i >= 0; i-- { // newest first: the oldest are at the end
		if rows[i].CreatedDateTime.Before(t) {
			return true
		}
	}
	return false
}

// store caches what a run read: each piece here, as the part of its bucket it holds, and in
// the Shared level the complete buckets and the running bucket read up to fetchedAt (reads).
// A repeat of the same range within the TTL (another panel a moment later, a rule change,
// another replica) then reads nothing; a range ending after fetchedAt reads the newest edge
// again.
func (c *Cache) store(ctx context.Context, filter, sel string, run []piece, parts [][]signin.SignIn, fetchedAt time.Time) {
	for i := range run {
		if len(parts[i])+1 > c.opt.MaxRows {
			continue
		}
		blob, err := encodeBucket(parts[i], fetchedAt)
		if err != nil {
			continue
		}
		end := run[i].start.Add(c.opt.Bucket)
		lo, hi := run[i].span()
		if run[i].complete {
			lo, hi = run[i].start, end
		}
		c.keep(bucketKey{filter: filter, sel: sel, start: run[i].start.UnixNano()}, blob, len(parts[i]), end, fetchedAt, lo, hi)
		if c.opt.Shared != nil && (run[i].complete || run[i].open(fetchedAt)) {
			c.sharedPut(ctx, kindOf(&run[i]), filter, sel, run[i].start, blob, end, fetchedAt)
		}
	}
}

// keep holds a bucket's blob here, evicting the least recently used beyond the bounds. A
// fresh entry holding more of the bucket is not replaced by one holding less.
func (c *Cache) keep(k bucketKey, blob []byte, n int, end, fetchedAt, lo, hi time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		old := el.Value.(*entry)
		wider := !old.lo.After(lo) && !old.hi.Before(hi) && (old.lo.Before(lo) || old.hi.After(hi))
		if wider && c.fresh(old.end, old.fetched, c.opt.Now()) {
			return
		}
		c.remove(el)
	}
	e := &entry{key: k, blob: blob, n: n, end: end, fetched: fetchedAt, lo: lo, hi: hi}
	c.entries[k] = c.lru.PushFront(e)
	c.weight += n + 1
	c.bytes += len(blob)
	for c.weight > c.opt.MaxRows || c.bytes > c.opt.MaxBytes {
		c.remove(c.lru.Back())
		c.stats.Evictions++
	}
}

func (c *Cache) remove(el *list.Element) {
	e := el.Value.(*entry)
	c.lru.Remove(el)
	delete(c.entries, e.key)
	c.weight -= e.n + 1
	c.bytes -= len(e.blob)
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
