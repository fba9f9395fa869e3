package graph

import (
	"context"
	"sync"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// sliceWorkers is how many time slices of one query are read at once. It stays below the
// pacer's burst (5) so one query cannot take the whole budget, and it only overlaps the
// latency of slow pages: every request still waits for the shared pacer.
const sliceWorkers = 3

// List fetches the sign-ins in the query's range, newest first, following @odata.nextLink to
// the end or to MaxRows. Long ranges are read as time slices (Microsoft's advice for bulk
// reads); the first error cancels the other slices.
func (c *Client) List(ctx context.Context, q Query) (*Result, error) {
	spans := timeSlices(q.From, q.To, q.SliceLength)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	run := &listing{client: c, q: q, parts: make([]sliceResult, len(spans)), counts: make([]int, len(spans))}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(sliceWorkers, len(spans)) {
		wg.Go(func() {
			for i := range next {
				if err := run.slice(ctx, i, spans[i]); err != nil {
					run.fail(err)
					cancel()
				}
			}
		})
	}
	for i := range spans {
		next <- i
	}
	close(next)
	wg.Wait()
	res := run.merge()
	return res, run.err
}

// listing is the shared state of one List call's slices.
type listing struct {
	client *Client
	q      Query
	parts  []sliceResult
	mu     sync.Mutex
	counts []int // rows fetched per slice so far
	err    error
}

// sliceResult is what one time slice fetched.
type sliceResult struct {
	rows      []signin.SignIn
	requests  []string
	pages     int
	truncated bool // stopped with pages left, or never started
}

// enough reports whether slices 0..upto (newer than anything after them) already hold
// MaxRows rows, so reading further back would only fetch rows that are cut.
func (l *listing) enough(upto int) bool {
	if l.q.MaxRows <= 0 {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.counts[:upto+1] {
		n += c
	}
	return n >= l.q.MaxRows
}

func (l *listing) add(i, n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.counts[i] += n
}

func (l *listing) fail(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err == nil {
		l.err = err
	}
}

// slice reads one time slice page by page.
func (l *listing) slice(ctx context.Context, i int, sl span) error {
	part := &l.parts[i]
	if err := ctx.Err(); err != nil {
		return err
	}
	if i > 0 && l.enough(i-1) {
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
		if p, err = l.client.fetch(ctx, info); err != nil {
			break
		}
		part.pages++
		if err = part.decode(p); err != nil {
			break
		}
		l.add(i, len(p.Value))
		info = nil
		if p.NextLink != "" {
			if l.enough(i) {
				part.truncated = true
				break
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

// merge joins the slices newest first, drops repeated ids and applies MaxRows.
func (l *listing) merge() *Result {
	res := &Result{Slices: len(l.parts)}
	seen := make(map[string]struct{})
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
