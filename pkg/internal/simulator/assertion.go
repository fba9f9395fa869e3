package simulator

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Client assertions come in two kinds. A certificate assertion is signed by the app's own
// key (MSAL: PS256 with x5t#S256; older libraries RS256 with x5t); it is checked against
// the registered certificate and must be addressed to the token endpoint. A federated
// assertion (workload identity) is a token from an external issuer that the app trusts
// through a federated identity credential; here that issuer is the simulator itself.

// clockSkew is the leeway Entra allows on exp and nbf.
const clockSkew = 5 * time.Minute

// federatedAudience is the audience Entra requires on federated tokens.
const federatedAudience = "api://AzureADTokenExchange"

func thumbprintS256(der []byte) []byte {
	h := sha256.Sum256(der)
	return h[:]
}

// FederatedIssuer is the issuer of the simulator's federated tokens.
func (s *Server) FederatedIssuer() string { return s.url + "/federation" }

// FederatedSubject is the subject of the federated identity credential registered for
// every app: the Kubernetes service account of a Grafana deployment.
func FederatedSubject(clientID string) string {
	return "system:serviceaccount:grafana:" + strings.ToLower(clientID)
}

// FederatedToken returns a token for workload identity, as a Kubernetes cluster would
// project into AZURE_FEDERATED_TOKEN_FILE for the app clientID. It is valid for an hour;
// an empty string means it could not be signed.
func (s *Server) FederatedToken(clientID string) string {
	now := time.Now()
	tok, err := signES256(s.keys.federation, "federation", map[string]any{
		"iss": s.FederatedIssuer(), "sub": FederatedSubject(clientID), "aud": []string{federatedAudience},
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(time.Hour).Unix(), "jti": newID(),
	})
	if err != nil {
		return ""
	}
	return tok
}

// checkAssertion verifies a client_assertion for rc.
func (s *Server) checkAssertion(assertion string, rc *registeredClient, t *tenant, r *http.Request) *entraError {
	tok, err := parseJWT(assertion)
	if err != nil {
		return errBadAssertion("The client assertion is not a valid JWT: " + err.Error())
	}
	if tok.str("iss") == s.FederatedIssuer() {
		return s.checkFederated(tok, rc)
	}
	if rc.certKey == nil {
		return errBadAssertion(fmt.Sprintf("The key was not found. No certificate is registered on application '%s'.", rc.ClientID))
	}
	if x := tok.header.X5tS256; x != "" && !thumbprintMatches(x, rc.certThumbprint) {
		return errBadAssertion("The key was not found. The certificate with identifier used to sign the client assertion is not registered on application.")
	}
	if err := tok.verify(rc.certKey, "PS256", "RS256"); err != nil {
		return errBadAssertion("The signature does not verify with the registered certificate: " + err.Error())
	}
	if tok.str("iss") != rc.ClientID || tok.str("sub") != rc.ClientID {
		return errBadAssertion("The iss and sub claims must both be the client ID.")
	}
	if !s.isTokenEndpoint(tok.audiences(), t, r) {
		return errBadAssertion("The audience claim does not match the token endpoint of this tenant.")
	}
	if reason := timeProblem(tok); reason != "" {
		return errBadAssertion(reason)
	}
	return nil
}

// checkFederated verifies a workload identity token against the app's federated identity
// credential (issuer, subject, audience), with Entra's codes.
func (s *Server) checkFederated(tok *jwt, rc *registeredClient) *entraError {
	if err := tok.verify(&s.keys.federation.PublicKey, "ES256"); err != nil {
		return newEntraError(http.StatusUnauthorized, "invalid_client", 700211,
			"No matching federated identity record found for presented assertion issuer '%s'. The signature could not be verified with the issuer's keys.", tok.str("iss"))
	}
	okAud := false
	for _, a := range tok.audiences() {
		okAud = okAud || a == federatedAudience
	}
	if !okAud || tok.str("sub") != FederatedSubject(rc.ClientID) {
		return newEntraError(http.StatusUnauthorized, "invalid_client", 70021,
			"No matching federated identity record found for presented assertion. Assertion Issuer: '%s'. Assertion Subject: '%s'. Assertion Audience: '%s'.",
			tok.str("iss"), tok.str("sub"), strings.Join(tok.audiences(), ","))
	}
	if reason := timeProblem(tok); reason != "" {
		return newEntraError(http.StatusUnauthorized, "invalid_client", 700024,
			"Client assertion is not within its valid time range. %s", reason)
	}
	return nil
}

// timeProblem explains what is wrong with exp and nbf, or returns "".
func timeProblem(tok *jwt) string {
	now := time.Now()
	exp, ok := tok.num("exp")
	switch {
	case !ok:
		return "The assertion has no exp claim."
	case time.Unix(exp, 0).Before(now.Add(-clockSkew)):
		return fmt.Sprintf("The assertion expired at %s.", time.Unix(exp, 0).UTC().Format(time.RFC3339))
	}
	if nbf, ok := tok.num("nbf"); ok && time.Unix(nbf, 0).After(now.Add(clockSkew)) {
		return "The assertion is not valid yet (nbf is in the future)."
	}
	return ""
}

// isTokenEndpoint reports whether one of aud is this tenant's token endpoint, written with
// the tenant ID, its domain, or the name the request used.
func (s *Server) isTokenEndpoint(aud []string, t *tenant, r *http.Request) bool {
	names := []string{t.id, t.domain, strings.Split(strings.Trim(r.URL.Path, "/"), "/")[0]}
	for _, a := range aud {
		for _, n := range names {
			for _, form := range []string{"/oauth2/v2.0/token", "/oauth2/token", "/v2.0"} {
				if strings.EqualFold(strings.TrimRight(a, "/"), s.url+"/"+n+form) {
					return true
				}
			}
		}
	}
	return false
}

func thumbprintMatches(header string, want []byte) bool {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if got, err := enc.DecodeString(header); err == nil && bytes.Equal(got, want) {
			return true
		}
	}
	return false
}
