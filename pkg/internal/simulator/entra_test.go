package simulator

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestOpenIDConfiguration(t *testing.T) {
	cases := []struct {
		tenant string
		status int
	}{
		{DemoTenantID, http.StatusOK},
		{strings.ToUpper(DemoTenantID), http.StatusOK},
		{"contoso.com", http.StatusOK},
		{"contoso.onmicrosoft.com", http.StatusOK},
		{"00000000-0000-0000-0000-000000000000", http.StatusBadRequest},
	}
	for _, tc := range cases {
		t.Run(tc.tenant, func(t *testing.T) {
			r := get(t, shared, "", "/"+tc.tenant+"/v2.0/.well-known/openid-configuration")
			if r.status != tc.status {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if tc.status != http.StatusOK {
				if _, code := entraErr(r); code != 90002 || !strings.Contains(r.obj["error_description"].(string), "AADSTS90002") {
					t.Fatalf("unknown tenant: %s", r.body)
				}
				return
			}
			// MSAL requires these and checks that the issuer is on the authority's host.
			for _, k := range []string{"authorization_endpoint", "token_endpoint", "issuer", "jwks_uri"} {
				if v, _ := r.obj[k].(string); !strings.HasPrefix(v, shared.URL()+"/"+DemoTenantID+"/") {
					t.Errorf("%s = %q", k, r.obj[k])
				}
			}
		})
	}
}

func TestTokenErrors(t *testing.T) {
	s := startServer(t, Options{Clients: []Client{
		DemoClient(),
		{TenantID: DemoTenantID, ClientID: "11111111-1111-4111-8111-111111111111", Secret: "old-secret", SecretExpired: true},
	}})
	form := func(mod func(url.Values)) url.Values {
		f := secretForm(s, DemoClientID, DemoClientSecret)
		mod(f)
		return f
	}
	cases := []struct {
		name   string
		tenant string
		form   url.Values
		status int
		oauth  string
		code   int
	}{
		{"unknown tenant", "contoso.example", form(func(url.Values) {}), 400, "invalid_request", 90002},
		{"unknown client", DemoTenantID, form(func(f url.Values) { f.Set("client_id", "22222222-2222-4222-8222-222222222222") }), 400, "unauthorized_client", 700016},
		{"wrong secret", DemoTenantID, form(func(f url.Values) { f.Set("client_secret", "nope") }), 401, "invalid_client", 7000215},
		{"expired secret", DemoTenantID, secretForm(s, "11111111-1111-4111-8111-111111111111", "old-secret"), 401, "invalid_client", 7000222},
		{"no credential", DemoTenantID, form(func(f url.Values) { f.Del("client_secret") }), 401, "invalid_client", 7000218},
		{"scope without .default", DemoTenantID, form(func(f url.Values) { f.Set("scope", "https://graph.microsoft.com/AuditLog.Read.All") }), 400, "invalid_scope", 1002012},
		{"unknown resource", DemoTenantID, form(func(f url.Values) { f.Set("scope", "https://management.azure.com/.default") }), 400, "invalid_resource", 500011},
		{"missing scope", DemoTenantID, form(func(f url.Values) { f.Del("scope") }), 400, "invalid_request", 900144},
		{"other grant", DemoTenantID, form(func(f url.Values) { f.Set("grant_type", "password") }), 400, "unsupported_grant_type", 70003},
		{"bad assertion", DemoTenantID, form(func(f url.Values) {
			f.Del("client_secret")
			f.Set("client_assertion_type", clientAssertionType)
			f.Set("client_assertion", "not.a.jwt")
		}), 401, "invalid_client", 700027},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := postToken(t, s, tc.tenant, tc.form)
			oauth, code := entraErr(r)
			if r.status != tc.status || oauth != tc.oauth || code != tc.code {
				t.Fatalf("got %d %s %d: %s", r.status, oauth, code, r.body)
			}
			desc, _ := r.obj["error_description"].(string)
			for _, part := range []string{"AADSTS", "\r\nTrace ID: ", "\r\nCorrelation ID: ", "\r\nTimestamp: "} {
				if !strings.Contains(desc, part) {
					t.Errorf("error_description lacks %q: %q", part, desc)
				}
			}
			for _, k := range []string{"timestamp", "trace_id", "correlation_id"} {
				if _, ok := r.obj[k].(string); !ok {
					t.Errorf("no %s", k)
				}
			}
		})
	}
	for _, e := range s.Requests() {
		if strings.Contains(e.Path, DemoClientSecret) || strings.Contains(e.Path, "old-secret") {
			t.Fatalf("a secret reached the request log: %s", e.Path)
		}
	}
}

// TestTokenSuccess checks the secret flow (form and HTTP Basic) and what the token says.
func TestTokenSuccess(t *testing.T) {
	r := postToken(t, shared, "contoso.com", secretForm(shared, DemoClientID, DemoClientSecret))
	if r.status != 200 || r.obj["token_type"] != "Bearer" || r.obj["expires_in"] != float64(3599) || r.obj["ext_expires_in"] != float64(3599) {
		t.Fatalf("token answer: %s", r.body)
	}
	claims := decodeClaims(t, r.obj["access_token"].(string))
	if claims["tid"] != DemoTenantID || claims["appid"] != DemoClientID {
		t.Fatalf("claims %v", claims)
	}
	roles, _ := json.Marshal(claims["roles"])
	if !strings.Contains(string(roles), PermissionAuditLogReadAll) {
		t.Fatalf("roles %s", roles)
	}
	f := secretForm(shared, DemoClientID, "")
	f.Del("client_secret")
	f.Del("client_id")
	req, _ := http.NewRequest(http.MethodPost, shared.URL()+"/"+DemoTenantID+"/oauth2/v2.0/token", strings.NewReader(f.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(DemoClientID, DemoClientSecret)
	if r := do(t, client(t, shared), req); r.status != 200 {
		t.Fatalf("client_secret_basic: %d %s", r.status, r.body)
	}
}

func decodeClaims(t *testing.T, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q is not a JWT", tok)
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// signAssertion signs claims as MSAL does (PS256 with x5t#S256) or as older libraries do
// (RS256).
func signAssertion(t *testing.T, key *rsa.PrivateKey, cert *x509.Certificate, alg string, claims map[string]any) string {
	t.Helper()
	tp := sha256.Sum256(cert.Raw)
	hb, _ := json.Marshal(map[string]string{"alg": alg, "typ": "JWT", "x5t#S256": base64.StdEncoding.EncodeToString(tp[:])})
	cb, _ := json.Marshal(claims)
	input := base64.RawURLEncoding.EncodeToString(hb) + "." + base64.RawURLEncoding.EncodeToString(cb)
	digest := sha256.Sum256([]byte(input))
	var sig []byte
	var err error
	if alg == "PS256" {
		sig, err = rsa.SignPSS(rand.Reader, key, crypto.SHA256, digest[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	} else {
		sig, err = rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	}
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func parseCertAndKey(t *testing.T, certAndKey []byte) (*x509.Certificate, *rsa.PrivateKey) {
	t.Helper()
	cb, rest := pem.Decode(certAndKey)
	kb, _ := pem.Decode(rest)
	cert, err := x509.ParseCertificate(cb.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	key, err := x509.ParsePKCS8PrivateKey(kb.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key.(*rsa.PrivateKey)
}

func TestClientAssertions(t *testing.T) {
	certPEM, both, err := NewClientCertificate("sim-test")
	if err != nil {
		t.Fatal(err)
	}
	_, otherBoth, _ := NewClientCertificate("other")
	const id = "33333333-3333-4333-8333-333333333333"
	s := startServer(t, Options{Clients: []Client{{TenantID: DemoTenantID, ClientID: id, CertificatePEM: certPEM}, DemoClient()}})
	cert, key := parseCertAndKey(t, both)
	otherCert, otherKey := parseCertAndKey(t, otherBoth)
	endpoint := s.URL() + "/" + DemoTenantID + "/oauth2/v2.0/token"
	now := time.Now().Unix()
	claims := func(mod func(map[string]any)) map[string]any {
		c := map[string]any{"aud": endpoint, "iss": id, "sub": id, "exp": now + 600, "nbf": now, "jti": newID()}
		mod(c)
		return c
	}
	keep := func(map[string]any) {}
	cases := []struct {
		name      string
		client    string
		assertion string
		code      int
	}{
		{"PS256 as MSAL signs", id, signAssertion(t, key, cert, "PS256", claims(keep)), 0},
		{"RS256", id, signAssertion(t, key, cert, "RS256", claims(keep)), 0},
		{"unregistered key", id, signAssertion(t, otherKey, otherCert, "PS256", claims(keep)), 700027},
		{"wrong audience", id, signAssertion(t, key, cert, "PS256", claims(func(c map[string]any) { c["aud"] = "https://login.microsoftonline.com/x/oauth2/v2.0/token" })), 700027},
		{"expired", id, signAssertion(t, key, cert, "PS256", claims(func(c map[string]any) { c["exp"] = now - 3600 })), 700027},
		{"app without certificate", DemoClientID, signAssertion(t, key, cert, "PS256", claims(func(c map[string]any) { c["iss"], c["sub"] = DemoClientID, DemoClientID })), 700027},
		{"federated token", id, s.FederatedToken(id), 0},
		{"federated token of another app", id, s.FederatedToken(DemoClientID), 70021},
		{"tampered federated token", id, s.FederatedToken(id)[:len(s.FederatedToken(id))-4] + "AAAA", 700211},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := url.Values{"grant_type": {"client_credentials"}, "client_id": {tc.client}, "scope": {s.URL() + "/.default"},
				"client_assertion_type": {clientAssertionType}, "client_assertion": {tc.assertion}}
			r := postToken(t, s, DemoTenantID, f)
			if _, code := entraErr(r); code != tc.code || (tc.code == 0 && r.status != 200) {
				t.Fatalf("got %d code %d: %s", r.status, code, r.body)
			}
			if tc.code == 0 && get(t, s, r.obj["access_token"].(string), signIns("v1.0", "$top", "1")).status != 200 {
				t.Fatal("the token does not open Graph")
			}
		})
	}
}

func TestManagedIdentity(t *testing.T) {
	cases := []struct {
		name, header, clientID string
		status                 int
		wantClient             string
	}{
		{"system-assigned", ManagedIdentityHeader, "", 200, DemoManagedIdentityClientID},
		{"user-assigned by client_id", ManagedIdentityHeader, DemoClientID, 200, DemoClientID},
		{"wrong header", "guess", "", 401, ""},
		{"unknown identity", ManagedIdentityHeader, "44444444-4444-4444-8444-444444444444", 400, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{"api-version": {"2019-08-01"}, "resource": {shared.URL()}}
			if tc.clientID != "" {
				q.Set("client_id", tc.clientID)
			}
			req, _ := http.NewRequest(http.MethodGet, shared.ManagedIdentityEndpoint()+"?"+q.Encode(), nil)
			req.Header.Set("X-IDENTITY-HEADER", tc.header)
			r := do(t, client(t, shared), req)
			if r.status != tc.status {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if tc.status != 200 {
				return
			}
			exp, _ := r.obj["expires_on"].(string)
			if len(exp) < 10 || r.obj["token_type"] != "Bearer" || r.obj["client_id"] != tc.wantClient || r.obj["resource"] != shared.URL() {
				t.Fatalf("answer %s", r.body)
			}
			if g := get(t, shared, r.obj["access_token"].(string), signIns("beta", "$top", "1")); g.status != 200 {
				t.Fatalf("managed identity token rejected by Graph: %d %s", g.status, g.body)
			}
		})
	}
}
