package graph

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// sliceWorkers is how many time slices of one query are read at once. It stays below the
// pacer's burst (5) so one query cannot take the whole budget, and it only overlaps the
// latency of slow pages: every request still waits for the shared pacer.
const sliceWorkers = 3

// List fetches the sign-ins in the query's range, newest first, following @odata.nextLink to
// the end or to MaxRows. Long ranges are read as time slices (Microsoft's advice for bulk
// reads), up to sliceWorkers at once; while fewer request chains run than the page latency
// needs, a slice with many pages to come is cut so that its remainder is read by several
// chains at once (see split). The first error cancels the other slices.
func (c *Client) List(ctx context.Context, q Query) (*Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	waits := &budgetWait{}
	ctx = context.WithValue(ctx, budgetWaitKey{}, waits)
	run := &listing{client: c, q: q}
	work := newQueue()
	var first []*sliceResult
	for _, sl := range timeSlices(q.From, q.To, q.SliceLength) {
		first = append(first, run.newPart(sl))
	}
	work.push(first...)
	var wg sync.WaitGroup
	for range min(sliceWorkers, len(first)+sliceWorkers) {
		wg.Go(func() {
			for part, ok := work.pop(); ok; part, ok = work.pop() {
				if err := run.safeSlice(ctx, part, work); err != nil {
					run.fail(err)
					cancel()
				}
				work.done()
			}
		})
	}
	wg.Wait()
	res := run.merge()
	res.Waited = waits.total()
	return res, run.err
}

// listing is the shared state of one List call's slices.
type listing struct {
	client *Client
	q      Query
	mu     sync.Mutex
	parts  []*sliceResult
	err    error
	// extraSlices is how many chains split has added (under mu).
	extraSlices int
	// latency is the moving average of the time Graph took for a page, from the pacer's
	// admission to the parsed page (under mu).
	latency time.Duration
}

// sliceResult is one time slice and what it fetched.
type sliceResult struct {
	span      span // shrinks to what the slice itself read when it is split
	count     int  // rows fetched so far (under listing.mu)
	rows      []signin.SignIn
	requests  []string
	pages     int
	truncated bool // stopped with pages left, or never started
}

func (l *listing) newPart(sl span) *sliceResult {
	p := &sliceResult{span: sl}
	l.mu.Lock()
	l.parts = append(l.parts, p)
	l.mu.Unlock()
	return p
}

// enough reports whether the slices newer than part (and part itself, with self) already
// hold MaxRows rows, so reading further back would only fetch rows that are cut.
func (l *listing) enough(part *sliceResult, self bool) bool {
	if l.q.MaxRows <= 0 {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, p := range l.parts {
		if p.span.to.After(part.span.to) || (self && p == part) {
			n += p.count
		}
	}
	return n >= l.q.MaxRows
}

// fetchedRows is how many rows all slices hold so far.
func (l *listing) fetchedRows() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, p := range l.parts {
		n += p.count
	}
	return n
}

func (l *listing) add(part *sliceResult, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	part.count += n
}

func (l *listing) observe(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.latency == 0 {
		l.latency = d
	} else {
		l.latency = (7*l.latency + 3*d) / 10
	}
}

// chains is how many request chains keep Graph's budget in use: one page per latency each,
// against the budget's one request per window/limit, plus one for pages slower than the
// average; at most sliceWorkers, and sliceWorkers while no latency was measured.
func (l *listing) chains() int {
	l.mu.Lock()
	lat := l.latency
	l.mu.Unlock()
	return chainsFor(lat)
}

func chainsFor(latency time.Duration) int {
	if latency <= 0 {
		return sliceWorkers
	}
	spacing := GraphWindow / GraphRequestsPerWindow
	return min(sliceWorkers, int((latency+spacing-1)/spacing)+1)
}

func (l *listing) fail(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err == nil {
		l.err = err
	}
}

// slice reads one time slice page by page.
func (l *listing) slice(ctx context.Context, part *sliceResult, work *queue) error {
	sl := part.span
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.enough(part, false) {
		part.truncated = true
		return nil
	}
	seen := map[string]bool{} // the pages requested, against nextLink loops
	info, err := l.client.firstRequest(ctx, l.q, sl)
	for err == nil && info != nil {
		if uri, uerr := info.GetUri(); uerr == nil {
			part.requests = append(part.requests, uri.String())
			seen[linkKey(uri)] = true
		}
		var p *page
		var admitted time.Time
		if p, err = l.client.fetch(context.WithValue(ctx, admittedKey{}, &admitted), info); err != nil {
			break
		}
		if !admitted.IsZero() {
			l.observe(time.Since(admitted))
		}
		part.pages++
		if err = part.decode(p); err != nil {
			break
		}
		l.client.observer.Page(len(p.Value))
		l.add(part, len(p.Value))
		info = nil
		if p.NextLink != "" {
			if l.enough(part, true) {
				part.truncated = true
				break
			}
			if l.split(part, len(p.Value), work) {
				break // the rest of this slice is read by the new slices
			}
			if err = l.client.checkNextLink(p.NextLink, seen); err == nil {
				info, err = nextRequest(p.NextLink)
			}
		}
	}
	return err
}

func (r *sliceResult) decode(p *page) error {
	var err error
	r.rows, err = p.decode(r.rows)
	return err
}

// Splitting. Pages of one slice can only be read one after the other (each nextLink comes
// with the previous page), so one chain of requests reads a page per page latency. Graph's
// budget allows a request every 2 seconds on average (5 per 10 s), and pages take 1-3 seconds
// or more, so one chain falls behind; several chains keep up, and the pacer keeps them within
// the limit. So a chain with enough pages left is cut while fewer chains run than chains()
// says the latency needs: the unread rest of its time range becomes new slices, read at
// once. How many pages are left is unknown (Graph does not count sign-ins), so it is
// estimated from the density of the chain's last page, which follows the day's busy and
// quiet hours better than its first page does; a chain that turns out long can be cut again.
//
// Each cut costs partly filled pages (every new slice ends with one), and pages are what
// Graph's budget counts, so cuts are bounded: at least minSplitPages pages left, and one
// listing adds at most maxExtraSlices chains (a cut into k adds k-1). After a chain's first
// page the bar is lower (firstSplitPages): each of Graph's 5 requests per window can be used
// again only 10 s after it was, so a request the budget allowed at the start and no chain was
// ready to send is lost for the whole listing. Later, a lone chain at the end of a listing
// loses little (a page per latency against one per 2 s) and a cut costs a page, so only a
// long rest is cut.
const (
	minSplitPages   = 2 * GraphRequestsPerWindow
	firstSplitPages = 4
	maxExtraSlices  = 2 * sliceWorkers
)

// split cuts the unread rest of part after a page of last rows, if that is worth it (see
// above). It reports whether it did; the caller then stops reading part.
func (l *listing) split(part *sliceResult, last int, work *queue) bool {
	// The chains that may start: this one's rest, plus the workers free and wanted.
	active, idle := work.workers(sliceWorkers)
	free := min(idle, l.chains()-active) + 1
	if last < 2 || len(part.rows) < last || free < 2 {
		return false
	}
	page := part.rows[len(part.rows)-last:]
	newest, oldest := page[0].CreatedDateTime, page[len(page)-1].CreatedDateTime
	perPage := newest.Sub(oldest)
	rest := oldest.Sub(part.span.from)
	if perPage <= 0 || rest <= 0 {
		return false
	}
	pages := int(rest / perPage)
	if l.q.MaxRows > 0 {
		pages = min(pages, (l.q.MaxRows-l.fetchedRows())/last)
	}
	if pages < minSplitPages && (part.pages > 1 || pages < firstSplitPages) {
		return false
	}
	l.mu.Lock()
	k := min(free, pages, 1+maxExtraSlices-l.extraSlices)
	if k < 2 {
		l.mu.Unlock()
		return false
	}
	l.extraSlices += k - 1
	from := part.span.from
	part.span.from = oldest
	l.mu.Unlock()
	length := rest / time.Duration(k)
	parts := make([]*sliceResult, 0, k)
	for j := range k {
		to := oldest.Add(-time.Duration(j) * length) // inclusive: rows at exactly oldest may be on the next page; ids are deduplicated
		start := to.Add(-length)
		if j == k-1 {
			start = from
		}
		parts = append(parts, l.newPart(span{start, to}))
	}
	work.push(parts...)
	return true
}

// merge joins the slices newest first, drops repeated ids and applies MaxRows.
func (l *listing) merge() *Result {
	res := &Result{Slices: len(l.parts)}
	seen := make(map[string]struct{})
	sort.SliceStable(l.parts, func(i, j int) bool { return l.parts[i].span.to.After(l.parts[j].span.to) })
	for _, part := range l.parts {
		res.Requests = append(res.Requests, part.requests...)
		res.Pages += part.pages
		res.Truncated = res.Truncated || part.truncated
		for _, s := range part.rows {
			if _, dup := seen[s.ID]; dup && s.ID != "" {
				res.Duplicates++
				continue
			}
			seen[s.ID] = struct{}{}
			res.SignIns = append(res.SignIns, s)
		}
	}
	if l.q.MaxRows > 0 && len(res.SignIns) > l.q.MaxRows {
		res.SignIns = res.SignIns[:l.q.MaxRows]
		res.Truncated = true
	}
	return res
}

// queue hands slices to the workers, newest first, including slices added while it runs.
type queue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	items   []*sliceResult
	pending int // pushed and not done
}

func newQueue() *queue {
	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *queue) push(parts ...*sliceResult) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append(q.items, parts...)
	sort.SliceStable(q.items, func(i, j int) bool { return q.items[i].span.to.After(q.items[j].span.to) })
	q.pending += len(parts)
	q.cond.Broadcast()
}

// workers says how many of workers read a slice, and how many have none to read: neither one
// being read nor one waiting.
func (q *queue) workers(workers int) (active, idle int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return min(q.pending-len(q.items), workers), max(workers-q.pending, 0)
}

// pop returns the newest waiting slice; false when every slice is done.
func (q *queue) pop() (*sliceResult, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && q.pending > 0 {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return nil, false
	}
	p := q.items[0]
	q.items = q.items[1:]
	return p, true
}

func (q *queue) done() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.pending--; q.pending == 0 {
		q.cond.Broadcast()
	}
}
