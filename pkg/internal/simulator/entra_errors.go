package simulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// entraError is an error answer of the token and discovery endpoints, in the shape Entra
// uses: an OAuth error, an AADSTS-prefixed description with trace and correlation IDs,
// and the numeric codes.
type entraError struct {
	status int
	oauth  string // error: invalid_request, invalid_client, unauthorized_client, ...
	code   int    // the AADSTS number
	msg    string // description without the AADSTS prefix
}

func newEntraError(status int, oauth string, code int, format string, args ...any) *entraError {
	return &entraError{status: status, oauth: oauth, code: code, msg: fmt.Sprintf(format, args...)}
}

// Entra's common errors.
func errTenantNotFound(name string) *entraError {
	return newEntraError(http.StatusBadRequest, "invalid_request", 90002,
		"Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.", name)
}

func errMissingParam(name string) *entraError {
	return newEntraError(http.StatusBadRequest, "invalid_request", 900144,
		"The request body must contain the following parameter: '%s'.", name)
}

func errBadAssertion(reason string) *entraError {
	return newEntraError(http.StatusUnauthorized, "invalid_client", 700027,
		"Client assertion failed signature validation. [Reason - %s]", reason)
}

// write sends the error. The correlation ID echoes the client's client-request-id, as
// Entra does, so client logs and simulator logs can be matched.
func (e *entraError) write(w http.ResponseWriter, r *http.Request) {
	now := time.Now().UTC()
	trace, corr := newID(), r.Header.Get("client-request-id")
	if corr == "" {
		corr = newID()
	}
	ts := now.Format("2006-01-02 15:04:05Z")
	body := map[string]any{
		"error": e.oauth,
		"error_description": fmt.Sprintf("AADSTS%d: %s\r\nTrace ID: %s\r\nCorrelation ID: %s\r\nTimestamp: %s",
			e.code, e.msg, trace, corr, ts),
		"error_codes":    []int{e.code},
		"timestamp":      ts,
		"trace_id":       trace,
		"correlation_id": corr,
		"error_uri":      fmt.Sprintf("https://%s/error?code=%d", r.Host, e.code),
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store, no-cache")
	w.Header().Set("x-ms-request-id", trace)
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="simulator"`)
	}
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(body)
}

// writeJSON sends v as a 200 JSON answer.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store, no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
