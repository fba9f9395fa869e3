package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"runtime/debug"
	"strings"
)

// Failures of a page or its link rather than of the request: Graph (or something between it and
// Grafana) answered, but the answer cannot be used. Each says what was not read and what to do.

// errRetryQuery is the hint for failures that another try usually gets past.
const errRetryQuery = "Run the query again; if it keeps happening, check for a proxy between Grafana and Microsoft Graph that cuts or rewrites answers"

// pageError describes a page whose body is not the JSON Graph sends.
func pageError(err error) *Error {
	return &Error{Kind: KindService, Message: "Microsoft Graph returned a page that is not valid JSON, so the sign-ins from that page on were not read",
		Hint: errRetryQuery, Detail: firstLine(err.Error()), err: err}
}

// cutPhrases are how a body cut short shows: HTTP/1.1 (unexpected EOF, a reset connection) and
// HTTP/2 (a reset stream), whose error types net/http does not export.
var cutPhrases = []string{"unexpected EOF", "stream error:", "connection reset by peer"}

// cutError recognises an answer whose connection closed before its end, or returns nil.
func cutError(err error) *Error {
	if !errors.Is(err, io.ErrUnexpectedEOF) && !containsAny(err.Error(), cutPhrases) {
		return nil
	}
	return &Error{Kind: KindService, Message: "Microsoft Graph's answer was cut off before its end (the connection closed in the middle of a page)",
		Hint: errRetryQuery, Detail: firstLine(err.Error()), err: err}
}

// linkError describes an @odata.nextLink the client refuses to follow.
func linkError(msg string) *Error {
	return &Error{Kind: KindService, Message: msg + "; the sign-ins after that page were not read",
		Hint: "Run the query again; if it keeps happening, report it with the request ID"}
}

// expiredToken refines Graph's InvalidAuthenticationToken when the token had expired: that is
// a clock or timing problem, not a cloud mismatch.
func (e *Error) expiredToken() {
	if e.Code == "InvalidAuthenticationToken" && strings.Contains(strings.ToLower(e.Detail), "expired") {
		e.Kind = KindCredentials
		e.Message = "Graph rejected the access token as expired"
		e.Hint = "Check that the Grafana server's clock is right (tokens are checked against it), then run the query again"
		e.Doc = ""
	}
}

// checkNextLink vets an @odata.nextLink before it is followed: https, on the Graph host the
// client was built for (the token is sent to that host only, and a link elsewhere would make
// Grafana call a server nobody configured), and not a page this slice has already requested
// (a loop would never end).
func (c *Client) checkNextLink(link string, seen map[string]bool) error {
	u, err := url.Parse(link)
	if err != nil || !strings.EqualFold(u.Scheme, "https") {
		return linkError("Microsoft Graph returned an unusable @odata.nextLink")
	}
	base, err := url.Parse(c.baseURL)
	if err != nil || !strings.EqualFold(u.Host, base.Host) {
		return linkError("Microsoft Graph returned an @odata.nextLink to another host (" + u.Hostname() + "), which the plugin does not follow")
	}
	key := linkKey(u)
	if seen[key] {
		return linkError("Microsoft Graph returned a link to the same page again (a paging loop)")
	}
	seen[key] = true
	return nil
}

// linkKey is a page URL in a canonical form: host and path in lower case, query options sorted
// and encoded one way.
func linkKey(u *url.URL) string {
	return strings.ToLower(u.Host+u.Path) + "?" + u.Query().Encode()
}

// PanicError is a panic recovered while reading sign-ins, so that a bug in decoding one page
// fails that query instead of the plugin process (slices are read in goroutines of their own,
// beyond the handlers' recover).
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("the plugin failed while reading sign-ins (a bug; the details are in Grafana's server log): %v", e.Value)
}

// safeSlice is slice with a panic turned into a *PanicError.
func (l *listing) safeSlice(ctx context.Context, part *sliceResult, work *queue) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Value: r, Stack: debug.Stack()}
		}
	}()
	return l.slice(ctx, part, work)
}
