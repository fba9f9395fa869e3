package graph

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
)

// Kind says what an admin has to fix.
type Kind string

// The kinds of failure.
const (
	KindCredentials Kind = "credentials" // Entra refused the app's credentials
	KindPermission  Kind = "permission"  // the app lacks a Graph permission
	KindLicence     Kind = "licence"     // the tenant has no Entra ID P1/P2
	KindThrottled   Kind = "throttled"   // Graph's rate limit
	KindNetwork     Kind = "network"     // DNS, TCP or TLS: the request got no answer
	KindCloud       Kind = "cloud"       // the endpoints do not belong to the tenant's cloud
	KindQuery       Kind = "query"       // Graph rejected the request (e.g. an unsupported filter)
	KindService     Kind = "service"     // Graph or Entra failed on their side
)

// Error is a failure from Graph or Entra, in words a Grafana user can act on. It never holds
// a token or secret: only the status, the service's error code and message, and a hint.
type Error struct {
	// Status is the HTTP status, 0 when the request never got an answer.
	Status int
	// Code is Graph's error code (e.g. Authentication_MSGraphPermissionMissing) or "AADSTS<n>".
	Code string
	Kind Kind
	// Message says what happened; Hint what to do; Doc where it is documented.
	Message string
	Hint    string
	Doc     string
	// Detail is the service's own description (Entra's AADSTS text, Graph's message).
	Detail    string
	RequestID string
	err       error
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Code != "" {
		msg = e.Code + ": " + msg
	}
	if e.Status != 0 {
		msg = fmt.Sprintf("%s (HTTP %d)", msg, e.Status)
	}
	if e.Hint != "" {
		msg += ". " + e.Hint
	}
	return msg
}

// Unwrap returns the SDK's error, so errors.Is(err, context.Canceled) keeps working.
func (e *Error) Unwrap() error { return e.err }

// StatusCode returns the HTTP status behind err, or 0.
func StatusCode(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// classify turns an SDK error into an *Error with a hint. Errors of the caller's context
// (cancelled, deadline) are returned as they are.
func classify(err error) error {
	if isContextErr(err) {
		return err
	}
	var odata *odataerrors.ODataError
	if errors.As(err, &odata) {
		return graphError(odata)
	}
	var auth *azidentity.AuthenticationFailedError
	if errors.As(err, &auth) {
		return tokenError(auth)
	}
	if e := networkError(err, "the Graph endpoint"); e != nil {
		return e
	}
	if e := cutError(err); e != nil {
		return e
	}
	return &Error{Kind: KindService, Message: err.Error(), Hint: "Check that Grafana can reach the Graph endpoint and the authority host", err: err}
}

// graphError describes an error body from Graph.
func graphError(odata *odataerrors.ODataError) *Error {
	e := &Error{Status: odata.ResponseStatusCode, err: odata}
	if main := odata.GetErrorEscaped(); main != nil {
		e.Code, e.Detail = deref(main.GetCode()), deref(main.GetMessage())
		if inner := main.GetInnerError(); inner != nil {
			e.RequestID = deref(inner.GetRequestId())
		}
	}
	e.Message = e.Detail
	if e.Message == "" {
		e.Message = http.StatusText(e.Status)
	}
	e.apply(catalogue[e.Code])
	e.expiredToken()
	if e.Kind == "" {
		e.Kind = kindOfStatus(e.Status)
	}
	return e
}

var (
	aadstsPattern = regexp.MustCompile(`AADSTS(\d+)`)
	// entraText is the description after the code in Entra's error_description, which
	// azidentity quotes as JSON (so line breaks appear as \r\n escapes).
	entraText = regexp.MustCompile(`AADSTS\d+: (.*?)(?:\\r\\n|\r|\n|"|$)`)
)

// tokenError describes a token failure: an Entra answer with an AADSTS code, a managed
// identity endpoint's answer, or no answer at all.
func tokenError(auth *azidentity.AuthenticationFailedError) error {
	text := auth.Error()
	if auth.RawResponse == nil {
		if e := networkError(auth, "the authority host"); e != nil {
			return e
		}
	}
	e := &Error{Kind: KindCredentials, Message: "Entra ID refused to issue a token", err: auth}
	if auth.RawResponse != nil {
		e.Status = auth.RawResponse.StatusCode
	}
	m := aadstsPattern.FindStringSubmatch(text)
	if m == nil {
		e.Detail = firstLine(text)
		e.Hint = "Check the credential settings; the details say what the identity endpoint answered"
		return e
	}
	e.Code = "AADSTS" + m[1]
	if d := entraText.FindStringSubmatch(text); d != nil {
		e.Detail = d[1]
	}
	e.Doc = "https://login.microsoftonline.com/error?code=" + m[1]
	e.Hint = "Look the code up at " + e.Doc
	if e.Status >= 500 {
		// Entra failed on its side: nothing is wrong with the credentials.
		e.Kind, e.Message = KindService, "Entra ID could not issue a token (its token service failed)"
	}
	e.apply(catalogue[e.Code])
	return e
}

// apply sets what the catalogue knows about the code.
func (e *Error) apply(a advice) {
	if a.kind != "" {
		e.Kind = a.kind
	}
	if a.meaning != "" {
		e.Message = a.meaning
	}
	if a.fix != "" {
		e.Hint = a.fix
	}
	if a.doc != "" {
		e.Doc = a.doc
	}
}

func kindOfStatus(status int) Kind {
	switch {
	case status == http.StatusTooManyRequests:
		return KindThrottled
	case status == http.StatusUnauthorized:
		return KindCredentials
	case status == http.StatusForbidden:
		return KindPermission
	case status >= 500:
		return KindService
	}
	return KindQuery
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
