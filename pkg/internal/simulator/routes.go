package simulator

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// routes dispatches by path. Graph paths are matched case-insensitively, as Graph does
// (Microsoft's own nextLinks say "signins").
func (s *Server) routes() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		entry := RequestLog{Time: start, Method: r.Method, Path: safePath(r.URL), Endpoint: "other"}
		// Deferred: a fault that drops the connection panics with http.ErrAbortHandler.
		defer func() {
			entry.Status, entry.Duration = rw.status, time.Since(start)
			s.reqs.add(entry)
			s.logf("simulator: %s %s -> %d (%s)", entry.Method, entry.Path, entry.Status, entry.Duration.Round(time.Microsecond))
		}()
		s.dispatch(rw, r, &entry)
	})
}

func (s *Server) dispatch(w *statusWriter, r *http.Request, entry *RequestLog) {
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case len(segs) == 2 && segs[0] == "msi" && segs[1] == "token":
		entry.Endpoint = "msi"
		s.handleMSI(w, r, entry)
	case len(segs) == 4 && segs[1] == "v2.0" && segs[2] == ".well-known" && segs[3] == "openid-configuration":
		entry.Endpoint, entry.TenantID = "openid", segs[0]
		s.handleOpenID(w, r, segs[0])
	case len(segs) == 4 && segs[1] == "discovery" && segs[2] == "v2.0" && segs[3] == "keys":
		entry.Endpoint = "jwks"
		s.handleJWKS(w, r)
	case len(segs) == 4 && segs[1] == "oauth2" && segs[2] == "v2.0" && segs[3] == "token":
		entry.Endpoint, entry.TenantID = "token", segs[0]
		s.handleToken(w, r, segs[0], entry)
	case len(segs) >= 1 && (segs[0] == "v1.0" || segs[0] == "beta"):
		entry.Endpoint = "graph"
		s.handleGraph(w, r, segs, entry)
	default:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"error":{"code":"NotFound","message":"No simulator endpoint at %s."}}`, jsonEscape(r.URL.Path))
	}
}

// statusWriter remembers the status for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection (Flush for the stalling fault).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// secretParams never reach the request log, should a client put them in a URL.
var secretParams = []string{"client_secret", "client_assertion", "code", "access_token", "refresh_token", "password", "assertion"}

// safePath is the path and query as sent, or re-encoded with secret parameters redacted.
func safePath(u *url.URL) string {
	if u.RawQuery == "" {
		return u.Path
	}
	q := u.Query()
	redacted := false
	for k := range q {
		for _, p := range secretParams {
			if strings.EqualFold(k, p) {
				q.Set(k, "REDACTED")
				redacted = true
			}
		}
	}
	if !redacted {
		return u.Path + "?" + u.RawQuery
	}
	return u.Path + "?" + q.Encode()
}

// requestLog keeps the most recent requests: enough for tests, bounded for a long-running
// demo server.
type requestLog struct {
	mu      sync.Mutex
	entries []RequestLog
}

const maxRequestLog = 10000

func (l *requestLog) add(e RequestLog) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) >= maxRequestLog {
		l.entries = append(l.entries[:0], l.entries[len(l.entries)-maxRequestLog/2:]...)
	}
	l.entries = append(l.entries, e)
}

// Requests returns the requests answered so far (the most recent 10,000 at most), oldest
// first.
func (s *Server) Requests() []RequestLog {
	s.reqs.mu.Lock()
	defer s.reqs.mu.Unlock()
	return append([]RequestLog(nil), s.reqs.entries...)
}

// newID returns a random version-4 GUID for request, trace and correlation IDs.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// jsonEscape makes s safe inside a JSON string literal.
func jsonEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}
