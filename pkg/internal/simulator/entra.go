package simulator

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// handleOpenID serves the tenant's OpenID configuration. MSAL reads authorization_endpoint,
// token_endpoint and issuer, and checks that the issuer's host is the authority's.
func (s *Server) handleOpenID(w http.ResponseWriter, r *http.Request, name string) {
	t := s.lookupTenant(name)
	if t == nil {
		errTenantNotFound(name).write(w, r)
		return
	}
	base := s.url + "/" + t.id
	writeJSON(w, http.StatusOK, map[string]any{
		"token_endpoint":                        base + "/oauth2/v2.0/token",
		"token_endpoint_auth_methods_supported": []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		"jwks_uri":                              base + "/discovery/v2.0/keys",
		"response_modes_supported":              []string{"query", "fragment", "form_post"},
		"subject_types_supported":               []string{"pairwise"},
		"id_token_signing_alg_values_supported": []string{"ES256"},
		"response_types_supported":              []string{"code", "id_token", "code id_token", "id_token token"},
		"scopes_supported":                      []string{"openid", "profile", "email", "offline_access"},
		"issuer":                                base + "/v2.0",
		"request_uri_parameter_supported":       false,
		"userinfo_endpoint":                     s.url + "/oidc/userinfo",
		"authorization_endpoint":                base + "/oauth2/v2.0/authorize",
		"device_authorization_endpoint":         base + "/oauth2/v2.0/devicecode",
		"http_logout_supported":                 true,
		"frontchannel_logout_supported":         true,
		"end_session_endpoint":                  base + "/oauth2/v2.0/logout",
		"claims_supported":                      []string{"sub", "iss", "aud", "exp", "iat", "nbf", "tid", "oid", "roles"},
		"tenant_region_scope":                   "NA",
		"cloud_instance_name":                   "simulator.local",
		"cloud_graph_host_name":                 strings.TrimPrefix(s.url, "https://"),
		"msgraph_host":                          strings.TrimPrefix(s.url, "https://"),
	})
}

// handleJWKS publishes the key that signs access tokens.
func (s *Server) handleJWKS(w http.ResponseWriter, _ *http.Request) {
	pub := s.keys.token.PublicKey
	var x, y [32]byte
	pub.X.FillBytes(x[:])
	pub.Y.FillBytes(y[:])
	writeJSON(w, http.StatusOK, map[string]any{"keys": []map[string]any{{
		"kty": "EC", "use": "sig", "crv": "P-256", "kid": s.keys.tokenKID, "alg": "ES256",
		"x": b64.EncodeToString(x[:]), "y": b64.EncodeToString(y[:]),
	}}})
}

// clientAssertionType is the only client_assertion_type Entra accepts.
const clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// handleToken is the v2.0 token endpoint for the client credentials grant.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request, name string, entry *RequestLog) {
	if r.Method != http.MethodPost {
		newEntraError(http.StatusMethodNotAllowed, "invalid_request", 900561,
			"The endpoint only accepts POST, OPTIONS requests. Received a %s request.", r.Method).write(w, r)
		return
	}
	t := s.lookupTenant(name)
	if t == nil {
		errTenantNotFound(name).write(w, r)
		return
	}
	entry.TenantID = t.id
	if status := s.faults.tokenFailure(); status != 0 {
		entraUnavailable(status).write(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		newEntraError(http.StatusBadRequest, "invalid_request", 900144, "The request body could not be read as a form.").write(w, r)
		return
	}
	rc, resource, appidacr, eerr := s.authenticateClient(r, t, entry)
	if eerr != nil {
		eerr.write(w, r)
		return
	}
	token, expiresIn, err := s.issueToken(t, rc, resource, appidacr)
	if err != nil {
		newEntraError(http.StatusInternalServerError, "server_error", 90025, "Request processing has exceeded the maximum number of retries.").write(w, r)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"token_type": "Bearer", "expires_in": expiresIn, "ext_expires_in": expiresIn, "access_token": token,
	})
}

// authenticateClient checks the grant, client, scope and credential, in Entra's order,
// and returns the client, the resource and the appidacr value (1 secret, 2 assertion).
func (s *Server) authenticateClient(r *http.Request, t *tenant, entry *RequestLog) (*registeredClient, string, string, *entraError) {
	f := r.PostForm
	switch g := f.Get("grant_type"); {
	case g == "":
		return nil, "", "", errMissingParam("grant_type")
	case g != "client_credentials":
		return nil, "", "", newEntraError(http.StatusBadRequest, "unsupported_grant_type", 70003,
			"The app requested an unsupported grant type '%s'. The simulator supports client_credentials only.", g)
	}
	id, secret := f.Get("client_id"), f.Get("client_secret")
	if u, p, ok := r.BasicAuth(); ok {
		id, secret = u, p
	}
	if id == "" {
		return nil, "", "", errMissingParam("client_id")
	}
	entry.ClientID = id
	rc := t.clients[strings.ToLower(id)]
	if rc == nil || rc.managed {
		return nil, "", "", newEntraError(http.StatusBadRequest, "unauthorized_client", 700016,
			"Application with identifier '%s' was not found in the directory '%s'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.", id, t.domain)
	}
	resource, eerr := s.scopeResource(f.Get("scope"), t)
	if eerr != nil {
		return nil, "", "", eerr
	}
	if a := f.Get("client_assertion"); a != "" || f.Get("client_assertion_type") != "" {
		if f.Get("client_assertion_type") != clientAssertionType {
			return nil, "", "", newEntraError(http.StatusBadRequest, "invalid_request", 90014,
				"The required field 'client_assertion_type' is missing from the credential or is not '%s'.", clientAssertionType)
		}
		if eerr := s.checkAssertion(a, rc, t, r); eerr != nil {
			return nil, "", "", eerr
		}
		return rc, resource, "2", nil
	}
	if secret == "" {
		return nil, "", "", newEntraError(http.StatusUnauthorized, "invalid_client", 7000218,
			"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
	}
	if rc.Secret == "" || subtle.ConstantTimeCompare([]byte(secret), []byte(rc.Secret)) != 1 {
		return nil, "", "", newEntraError(http.StatusUnauthorized, "invalid_client", 7000215,
			"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'.", rc.ClientID)
	}
	if rc.SecretExpired {
		return nil, "", "", newEntraError(http.StatusUnauthorized, "invalid_client", 7000222,
			"The provided client secret keys for app '%s' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.", rc.ClientID)
	}
	return rc, resource, "1", nil
}

// scopeResource checks the scope of a client credentials request: exactly one resource
// with /.default, next to any of the OpenID scopes MSAL always adds.
func (s *Server) scopeResource(scope string, t *tenant) (string, *entraError) {
	if strings.TrimSpace(scope) == "" {
		return "", errMissingParam("scope")
	}
	var resources []string
	for _, sc := range strings.Fields(scope) {
		switch sc {
		case "openid", "offline_access", "profile":
			continue
		}
		resources = append(resources, sc)
	}
	if len(resources) != 1 || !strings.HasSuffix(resources[0], "/.default") {
		return "", newEntraError(http.StatusBadRequest, "invalid_scope", 1002012,
			"The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", scope)
	}
	resource := strings.TrimRight(strings.TrimSuffix(resources[0], "/.default"), "/")
	if !s.isGraphAudience(resource) {
		return "", newEntraError(http.StatusBadRequest, "invalid_resource", 500011,
			"The resource principal named %s was not found in the tenant named %s. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.", resource, t.domain)
	}
	return resource, nil
}

// isGraphAudience reports whether a resource identifier names this server's Graph: its
// own URL (what the plugin asks for when the Graph endpoint is the simulator) or
// Microsoft Graph's public identifiers.
func (s *Server) isGraphAudience(res string) bool {
	res = strings.TrimRight(res, "/")
	local := "https://localhost:" + s.url[strings.LastIndexByte(s.url, ':')+1:]
	for _, ok := range append([]string{s.url, local, "https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"}, s.opts.GraphAudiences...) {
		if strings.EqualFold(res, ok) {
			return true
		}
	}
	return false
}
