package cache

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// An explain asks for the sign-ins of one request ID or one correlation ID, usually a row a
// table showed seconds before: its bucket is here. Reading Graph for it would spend the
// tenant's budget on rows already held, so Find looks here first.
//
// Buckets are compressed blobs, so a look-up decompresses the buckets of the range and
// searches their raw JSON for the ID before decoding any sign-in: decoding every cached
// sign-in would cost seconds, decompressing and searching costs milliseconds.

// Lookup names the sign-ins of an explain: a request ID (one sign-in's id) or a correlation
// ID (the sign-ins of one flow).
type Lookup struct {
	RequestID, CorrelationID string
}

// FlowMargin is how far around the sign-ins found for a correlation ID the buckets held must
// cover the range for the answer to be whole: a flow's sign-ins are minutes apart.
const FlowMargin = 15 * time.Minute

// Find returns the sign-ins held here in [from, to] that the look-up names, newest first,
// without reading Graph. ok is false when the answer may be partial, and the caller should
// read Graph: nothing was found, or (for a correlation ID) the hours around the sign-ins found
// are not all held from a listing without a filter, which alone holds every sign-in of the
// flow (a listing filtered to error 50126 would hold only the flow's failures).
func (c *Cache) Find(from, to time.Time, l Lookup) (rows []signin.SignIn, ok bool) {
	id, corr := strings.ToLower(l.RequestID), strings.ToLower(l.CorrelationID)
	needle := id
	if needle == "" {
		needle = corr
	}
	if needle == "" || !to.After(from) {
		return nil, false
	}
	now := c.opt.Now()
	type held struct {
		blob   []byte
		start  int64 // the bucket's, UnixNano
		lo, hi time.Time
		whole  bool // from a listing without a filter
	}
	var candidates []held
	c.mu.Lock()
	for el := c.lru.Front(); el != nil; el = el.Next() {
		e := el.Value.(*entry)
		if !e.hi.After(from) || e.lo.After(to) || !c.fresh(e.end, e.fetched, now) {
			continue
		}
		candidates = append(candidates, held{blob: e.blob, start: e.key.start, lo: e.lo, hi: e.hi, whole: e.key.filter == ""})
	}
	c.mu.Unlock()

	seen := map[string]bool{}
	var unfiltered []held
	for _, h := range candidates {
		if h.whole {
			unfiltered = append(unfiltered, h)
		}
		plain, err := bucketJSON(h.blob)
		if err != nil || !mentions(plain, needle) {
			continue
		}
		decoded, err := decodeBucketJSON(plain)
		if err != nil {
			continue
		}
		for _, s := range decoded {
			t := s.CreatedDateTime
			if t.Before(from) || t.After(to) || seen[s.ID] {
				continue
			}
			if (id != "" && strings.EqualFold(s.ID, id)) || (id == "" && strings.EqualFold(s.CorrelationID, corr)) {
				seen[s.ID] = true
				rows = append(rows, s)
			}
		}
	}
	if len(rows) == 0 {
		return nil, false
	}
	sortNewestFirst(rows)
	if id != "" {
		return rows, true // a request ID names one sign-in
	}
	// The flow's window must be held whole, bucket by bucket.
	lo := maxTime(rows[len(rows)-1].CreatedDateTime.Add(-FlowMargin), from)
	hi := minTime(rows[0].CreatedDateTime.Add(FlowMargin), to)
	for s := lo.Truncate(c.opt.Bucket); !s.After(hi); s = s.Add(c.opt.Bucket) {
		need := maxTime(s, lo)
		needEnd := minTime(s.Add(c.opt.Bucket), hi.Add(time.Nanosecond))
		// The hour still running is held as far as a listing read it, less than the TTL ago:
		// the explain then shows the flow as the table that listed it did.
		running := s.Add(c.opt.Bucket).After(now)
		covered := false
		for _, h := range unfiltered {
			if h.start == s.UnixNano() && !h.lo.After(need) && (running || !h.hi.Before(needEnd)) {
				covered = true
				break
			}
		}
		if !covered {
			return rows, false
		}
	}
	return rows, true
}

// mentions reports whether a bucket's raw JSON holds the ID (given in lower case) in lower or
// upper case, without copying the JSON: Graph writes IDs in lower case. An ID written in mixed
// case would not be found here, and the explain would read Graph for it: never a wrong row,
// since the rows found are compared field by field after decoding.
func mentions(plain []byte, id string) bool {
	return bytes.Contains(plain, []byte(id)) || bytes.Contains(plain, []byte(strings.ToUpper(id)))
}

func sortNewestFirst(rows []signin.SignIn) {
	slices.SortStableFunc(rows, func(a, b signin.SignIn) int { return b.CreatedDateTime.Compare(a.CreatedDateTime) })
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// gatherSpan is how far back Gather looks in the Shared level: an explain is usually of a
// row a table on another replica listed moments ago, and each hour is a Redis read.
const gatherSpan = 24 * time.Hour

// Gather brings into this replica the buckets of the last hours up to to (at most a day, not
// before from) that the Shared level holds for a listing (filter and select), without reading
// Graph, so that Find sees the sign-ins another replica read. It returns how many it brought.
func (c *Cache) Gather(ctx context.Context, filter string, sel []string, from, to time.Time) int {
	if c.opt.Shared == nil {
		return 0
	}
	if limit := to.Add(-gatherSpan); from.Before(limit) {
		from = limit
	}
	now := c.opt.Now()
	s := strings.Join(sel, ",")
	n := 0
	for start := to.Truncate(c.opt.Bucket); start.Add(c.opt.Bucket).After(from); start = start.Add(-c.opt.Bucket) {
		if c.holds(filter, s, start, now) {
			continue
		}
		// The whole bucket once it has ended; the running one as far as another replica read it.
		p := piece{start: start, from: start, to: start.Add(c.opt.Bucket)}
		if p.to.After(now) {
			p.to, p.incl = start, true
		}
		_, ok, err := c.sharedLookup(ctx, nil, filter, s, &p, now)
		if err != nil {
			break // the Shared level is gone: Graph answers instead
		}
		if ok {
			n++
		}
	}
	return n
}

// holds reports whether a fresh entry of the bucket is held here.
func (c *Cache) holds(filter, sel string, start, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[bucketKey{filter: filter, sel: sel, start: start.UnixNano()}]
	return ok && c.fresh(el.Value.(*entry).end, el.Value.(*entry).fetched, now)
}
