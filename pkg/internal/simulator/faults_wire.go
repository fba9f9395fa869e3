package simulator

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// pageFault is how the next sign-in page is broken on the wire.
type pageFault int

const (
	pageOK        pageFault = iota
	pageCut                 // half the body, then the connection drops
	pageMalformed           // a complete answer with half the body
	pageStall               // the first bytes, then a space per interval for ever
)

// take decrements *n and reports whether it was positive.
func take(n *int) bool {
	if *n <= 0 {
		return false
	}
	*n--
	return true
}

// nextPageFault pops the fault for the next page.
func (fs *faultState) nextPageFault() (pageFault, time.Duration) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	switch {
	case take(&fs.f.CutNext):
		return pageCut, 0
	case take(&fs.f.MalformedNext):
		return pageMalformed, 0
	case take(&fs.f.StallNext):
		return pageStall, fs.f.StallInterval
	}
	return pageOK, 0
}

// expireToken reports whether this Graph request's token is to be treated as expired.
func (fs *faultState) expireToken() bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return take(&fs.f.ExpireTokenNext)
}

// skipTokenExpired reports whether a request carrying a $skiptoken is refused.
func (fs *faultState) skipTokenExpired(u *url.URL) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if !fs.f.ExpiredSkipToken {
		return false
	}
	for k := range u.Query() {
		if strings.EqualFold(strings.TrimPrefix(k, "$"), "skiptoken") {
			return true
		}
	}
	return false
}

// tokenFailure pops the next injected token endpoint status, or 0.
func (fs *faultState) tokenFailure() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.f.TokenDown {
		return http.StatusServiceUnavailable
	}
	if len(fs.f.TokenFailNext) == 0 {
		return 0
	}
	st := fs.f.TokenFailNext[0]
	fs.f.TokenFailNext = fs.f.TokenFailNext[1:]
	return st
}

// nextLink rewrites a page's @odata.nextLink as the link faults ask: self is the URL of the
// page being answered. "" means no link.
func (fs *faultState) nextLink(link, self string) string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.f.LoopNextLink {
		return self
	}
	if link != "" && fs.f.NextLinkBase != "" {
		if u, err := url.Parse(link); err == nil {
			return strings.TrimRight(fs.f.NextLinkBase, "/") + u.RequestURI()
		}
	}
	return link
}

// entraUnavailable is Entra's answer when its token service fails.
func entraUnavailable(status int) *entraError {
	return newEntraError(status, "temporarily_unavailable", 90033, "A transient error has occurred. Please try again.")
}

// writePage sends a sign-in page, broken as the fault says.
func writePage(w http.ResponseWriter, r *http.Request, body []byte, fault pageFault, interval time.Duration) {
	h := w.Header()
	h.Set("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8")
	rc := http.NewResponseController(w)
	switch fault {
	case pageCut:
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body[:len(body)/2])
		_ = rc.Flush()
		panic(http.ErrAbortHandler) // net/http drops the connection (HTTP/2: resets the stream)
	case pageMalformed:
		half := body[:len(body)/2]
		h.Set("Content-Length", strconv.Itoa(len(half)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(half)
	case pageStall:
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body[:min(len(body), 64)])
		_ = rc.Flush()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-t.C:
				if _, err := w.Write([]byte(" ")); err != nil {
					return
				}
				if rc.Flush() != nil {
					return
				}
			}
		}
	default:
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	}
}
