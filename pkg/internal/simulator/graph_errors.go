package simulator

import (
	"encoding/json"
	"net/http"
	"time"
)

// graphError is an error answer of Graph: {"error":{"code","message","innerError":{...}}}.
type graphError struct {
	status     int
	code, msg  string
	retryAfter time.Duration // sets Retry-After when positive
}

func newGraphError(status int, code, msg string) *graphError {
	return &graphError{status: status, code: code, msg: msg}
}

func badRequest(msg string) *graphError {
	return newGraphError(http.StatusBadRequest, "BadRequest", msg)
}

// Graph's codes and messages for the statuses the fault injector produces.
var injectedErrors = map[int][2]string{
	http.StatusInternalServerError: {"generalException", "An unspecified error has occurred."},
	http.StatusBadGateway:          {"BadGateway", "The service encountered an error from an upstream dependency."},
	http.StatusServiceUnavailable:  {"serviceNotAvailable", "The service is temporarily unavailable for maintenance or is overloaded. You may repeat the request after a delay, which may be specified in a Retry-After header."},
	http.StatusGatewayTimeout:      {"GatewayTimeout", "The request timed out while waiting for the reporting service."},
	http.StatusTooManyRequests:     {"TooManyRequests", "Please retry again later."},
}

// graphHeaders sets the headers every Graph answer carries and returns the request ID.
func graphHeaders(w http.ResponseWriter, r *http.Request) (requestID, clientRequestID string) {
	requestID = newID()
	clientRequestID = r.Header.Get("client-request-id")
	if clientRequestID == "" {
		clientRequestID = requestID
	}
	h := w.Header()
	h.Set("request-id", requestID)
	h.Set("client-request-id", clientRequestID)
	h.Set("x-ms-ags-diagnostic", `{"ServerInfo":{"DataCenter":"Simulator","Slice":"E","Ring":"1","ScaleUnit":"000","RoleInstance":"SIM01"}}`)
	h.Set("OData-Version", "4.0")
	return requestID, clientRequestID
}

// write sends the error with the innerError Graph adds. A 429 uses the body Microsoft's
// throttling documentation shows, with code and status repeated inside innerError.
func (e *graphError) write(w http.ResponseWriter, reqID, clientReqID string) {
	date := time.Now().UTC().Format("2006-01-02T15:04:05")
	inner := map[string]any{"date": date, "request-id": reqID, "client-request-id": clientReqID}
	if e.status == http.StatusTooManyRequests {
		inner = map[string]any{"code": "429", "date": date, "message": "Please retry after", "request-id": reqID, "status": "429"}
	}
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", retryAfterValue(e.retryAfter))
	}
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"code": e.code, "message": e.msg, "innerError": inner}})
}
