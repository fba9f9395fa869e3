package simulator

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// accessToken is what the simulator's access tokens carry, modelled on Entra's v1.0
// app-only tokens for Graph: tenant (tid), app (appid), granted app roles (roles).
type accessToken struct {
	Aud      string   `json:"aud"`
	Iss      string   `json:"iss"`
	Iat      int64    `json:"iat"`
	Nbf      int64    `json:"nbf"`
	Exp      int64    `json:"exp"`
	AppID    string   `json:"appid"`
	AppIDAcr string   `json:"appidacr"`
	IdTyp    string   `json:"idtyp"`
	Oid      string   `json:"oid"`
	Sub      string   `json:"sub"`
	Tid      string   `json:"tid"`
	Roles    []string `json:"roles"`
	Uti      string   `json:"uti"`
	Ver      string   `json:"ver"`
}

func (s *Server) tokenLifetime() time.Duration {
	if s.opts.TokenLifetime != 0 {
		return s.opts.TokenLifetime
	}
	return 3599 * time.Second
}

// issueToken signs an access token for rc in tenant t for the resource.
func (s *Server) issueToken(t *tenant, rc *registeredClient, resource, appidacr string) (string, int, error) {
	now := time.Now()
	life := s.tokenLifetime()
	oid := spObjectID(t.id, rc.ClientID)
	tok, err := signES256(s.keys.token, s.keys.tokenKID, accessToken{
		Aud: resource, Iss: s.url + "/" + t.id + "/", Iat: now.Unix(), Nbf: now.Unix(), Exp: now.Add(life).Unix(),
		AppID: rc.ClientID, AppIDAcr: appidacr, IdTyp: "app", Oid: oid, Sub: oid, Tid: t.id,
		Roles: rc.permissions(), Uti: newID()[:22], Ver: "1.0",
	})
	if err == nil {
		s.issued.add(tok)
	}
	return tok, int(life / time.Second), err
}

// issuedTokens keeps the most recent access tokens issued, so tests can check that none
// reaches a log, a frame or an error.
type issuedTokens struct {
	mu     sync.Mutex
	tokens []string
}

const maxIssuedTokens = 1000

func (it *issuedTokens) add(tok string) {
	it.mu.Lock()
	defer it.mu.Unlock()
	if len(it.tokens) >= maxIssuedTokens {
		it.tokens = append(it.tokens[:0], it.tokens[len(it.tokens)-maxIssuedTokens/2:]...)
	}
	it.tokens = append(it.tokens, tok)
}

// IssuedTokens returns the access tokens issued so far (the most recent 1,000 at most).
func (s *Server) IssuedTokens() []string {
	s.issued.mu.Lock()
	defer s.issued.mu.Unlock()
	return append([]string(nil), s.issued.tokens...)
}

// spObjectID derives a stable service principal object ID for an app in a tenant.
func spObjectID(tenantID, clientID string) string {
	h := uint64(14695981039346656037)
	for _, c := range strings.ToLower(tenantID + "/" + clientID) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	b := make([]byte, 16)
	for i := range b {
		h = h*6364136223846793005 + 1442695040888963407
		b[i] = byte(h >> 56)
	}
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return formatGUID(b)
}

func formatGUID(b []byte) string {
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&15])
	}
	return string(out)
}

// authError is why a Graph request's token was rejected; the message is Graph's.
type authError struct{ msg string }

func (e *authError) Error() string { return e.msg }

// verifyAccessToken checks the bearer token of a Graph request and returns its claims.
func (s *Server) verifyAccessToken(r *http.Request) (*jwt, *tenant, error) {
	h := r.Header.Get("Authorization")
	scheme, raw, _ := strings.Cut(h, " ")
	if h == "" || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(raw) == "" {
		return nil, nil, &authError{"Access token is empty."}
	}
	tok, err := parseJWT(strings.TrimSpace(raw))
	if err != nil {
		return nil, nil, &authError{"IDX14100: JWT is not well formed, there are no dots (.) or the parts cannot be decoded."}
	}
	if tok.header.Kid != s.keys.tokenKID || tok.verify(&s.keys.token.PublicKey, "ES256") != nil {
		return nil, nil, &authError{"Access token validation failure. Invalid signature."}
	}
	exp, ok := tok.num("exp")
	if !ok || !time.Unix(exp, 0).After(time.Now()) {
		return nil, nil, &authError{"Lifetime validation failed, the token is expired."}
	}
	if !s.isGraphAudience(tok.str("aud")) {
		return nil, nil, &authError{"Access token validation failure. Invalid audience."}
	}
	t := s.lookupTenant(tok.str("tid"))
	if t == nil || tok.str("iss") != s.url+"/"+t.id+"/" {
		return nil, nil, &authError{"Access token validation failure. Invalid issuer."}
	}
	return tok, t, nil
}

// roles returns the token's roles claim.
func (t *jwt) roles() []string {
	list, _ := t.claims["roles"].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// hasRole reports whether the token grants the app role.
func (t *jwt) hasRole(role string) bool {
	return slices.ContainsFunc(t.roles(), func(r string) bool { return strings.EqualFold(r, role) })
}

// errNoClient is returned when a token's app is no longer registered.
var errNoClient = errors.New("client not registered")

// callerClient returns the registered app (or managed identity) a token belongs to.
func (t *tenant) callerClient(tok *jwt) (*registeredClient, error) {
	rc := t.clients[strings.ToLower(tok.str("appid"))]
	if rc == nil {
		return nil, errNoClient
	}
	return rc, nil
}
