package graph

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
)

// Error is a failure from Graph or Entra, in words a Grafana user can act on. It never holds
// a token or secret: only the status, the service's error code and message, and a hint.
type Error struct {
	// Status is the HTTP status, 0 when the request never got an answer.
	Status int
	// Code is Graph's error code (e.g. Authentication_MSGraphPermissionMissing) or "AADSTS<n>".
	Code      string
	Message   string
	Hint      string
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

func (e *Error) Unwrap() error { return e.err }

var aadstsPattern = regexp.MustCompile(`AADSTS(\d+)`)

// hints maps service error codes to what the admin should do.
var hints = map[string]string{
	"Authentication_RequestFromNonPremiumTenantOrB2CTenant": "Reading sign-in logs through Graph needs a Microsoft Entra ID P1 or P2 licence in the tenant (B2C tenants are not supported). If the tenant has one, also grant Directory.Read.All: Graph's licence check sometimes needs it",
	"Authentication_MSGraphPermissionMissing":               "Grant the app registration the Microsoft Graph application permission AuditLog.Read.All (and Directory.Read.All), then grant admin consent in Entra admin center > App registrations > API permissions",
	"InvalidAuthenticationToken":                            "The token was rejected: check that the tenant and cloud match the app registration",
	"TooManyRequests":                                       "Graph is throttling this app (5 requests per 10 seconds per tenant for sign-in logs): narrow the time range or filters, or refresh less often",
	"AADSTS7000215":                                         "The client secret is wrong: copy the secret's Value (not its ID) from Entra admin center > App registrations > Certificates & secrets",
	"AADSTS7000222":                                         "The client secret has expired: create a new one under App registrations > Certificates & secrets and update the data source",
	"AADSTS700016":                                          "No app with this client ID exists in the tenant: check the client ID and tenant ID on the app registration's Overview page",
	"AADSTS90002":                                           "The tenant was not found: check the tenant ID and the cloud",
	"AADSTS700027":                                          "The certificate was not accepted: upload the certificate's public part to the app registration (Certificates & secrets) and use the matching private key",
	"AADSTS50034":                                           "The account does not exist in this tenant: check the tenant ID",
}

// classify turns an SDK error into an *Error with a hint; unknown errors pass through wrapped.
func classify(err error) error {
	var odata *odataerrors.ODataError
	if errors.As(err, &odata) {
		e := &Error{Status: odata.ResponseStatusCode, err: err}
		if main := odata.GetErrorEscaped(); main != nil {
			e.Code, e.Message = deref(main.GetCode()), deref(main.GetMessage())
			if inner := main.GetInnerError(); inner != nil {
				e.RequestID = deref(inner.GetRequestId())
			}
		}
		if e.Message == "" {
			e.Message = http.StatusText(e.Status)
		}
		e.Hint = hints[e.Code]
		return e
	}
	var auth *azidentity.AuthenticationFailedError
	if errors.As(err, &auth) {
		e := &Error{Message: "Entra ID refused to issue a token", err: err}
		if auth.RawResponse != nil {
			e.Status = auth.RawResponse.StatusCode
		}
		if m := aadstsPattern.FindStringSubmatch(auth.Error()); m != nil {
			e.Code = "AADSTS" + m[1]
			e.Hint = hints[e.Code]
			if e.Hint == "" {
				e.Hint = "Look the code up at https://login.microsoftonline.com/error?code=" + m[1]
			}
		}
		return e
	}
	return &Error{Message: err.Error(), Hint: "Check that Grafana can reach the Graph endpoint and the authority host", err: err}
}

// StatusCode returns the HTTP status behind err, or 0.
func StatusCode(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
