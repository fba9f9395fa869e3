package simulator

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// handleMSI is an App Service style managed identity endpoint (api-version 2019-08-01),
// as MSAL's managedidentity package calls it when IDENTITY_ENDPOINT and IDENTITY_HEADER
// are set: GET with api-version, resource and optionally client_id (a user-assigned
// identity), and the X-IDENTITY-HEADER secret. Without client_id the demo tenant's
// system-assigned identity answers; a client_id may name any registered app, which then
// acts as a user-assigned identity with its permissions.
func (s *Server) handleMSI(w http.ResponseWriter, r *http.Request, entry *RequestLog) {
	q := r.URL.Query()
	fail := func(status int, msg string) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"statusCode": status, "message": msg, "correlationId": newID()})
	}
	switch {
	case r.Method != http.MethodGet:
		fail(http.StatusMethodNotAllowed, "Only GET is supported.")
		return
	case subtle.ConstantTimeCompare([]byte(r.Header.Get("X-IDENTITY-HEADER")), []byte(ManagedIdentityHeader)) != 1:
		fail(http.StatusUnauthorized, "The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.")
		return
	case q.Get("api-version") != "2019-08-01":
		fail(http.StatusBadRequest, "The api-version must be 2019-08-01.")
		return
	case q.Get("resource") == "":
		fail(http.StatusBadRequest, "The resource parameter is required.")
		return
	case q.Get("mi_res_id") != "" || q.Get("object_id") != "" || q.Get("principal_id") != "":
		fail(http.StatusBadRequest, "The simulator selects user-assigned identities by client_id only.")
		return
	}
	resource := strings.TrimSuffix(q.Get("resource"), "/.default")
	if !s.isGraphAudience(resource) {
		fail(http.StatusBadRequest, "The resource '"+resource+"' is not known to the simulator; use the Graph endpoint URL.")
		return
	}
	t, rc := s.managedIdentity(q.Get("client_id"))
	if rc == nil {
		fail(http.StatusBadRequest, "No managed identity with client_id '"+q.Get("client_id")+"' is assigned to this resource.")
		return
	}
	entry.TenantID, entry.ClientID = t.id, rc.ClientID
	token, expiresIn, err := s.issueToken(t, rc, resource, "2")
	if err != nil {
		fail(http.StatusInternalServerError, "The token could not be signed.")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": token,
		"expires_on":   strconv.FormatInt(time.Now().Add(time.Duration(expiresIn)*time.Second).Unix(), 10),
		"resource":     q.Get("resource"),
		"token_type":   "Bearer",
		"client_id":    rc.ClientID,
	})
}

// managedIdentity finds the identity a managed identity request names.
func (s *Server) managedIdentity(clientID string) (*tenant, *registeredClient) {
	if clientID == "" {
		clientID = DemoManagedIdentityClientID
	}
	for _, t := range s.tenants {
		if rc := t.clients[strings.ToLower(clientID)]; rc != nil {
			return t, rc
		}
	}
	return nil, nil
}
