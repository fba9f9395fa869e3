// Package bundletest serves OPA bundles of rules on 127.0.0.1 for tests, built and signed with
// OPA's own bundle code, as a bundle server of a fleet would serve them.
package bundletest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/open-policy-agent/opa/v1/bundle"
)

// Server serves one bundle at URL; Set replaces it.
type Server struct {
	URL string
	// Requests counts the requests, answered or not modified.
	Requests atomic.Int64
	t        testing.TB

	mu     sync.Mutex
	body   []byte
	etag   string
	status int
	token  string
}

// Serve starts a server of the bundle of files (path to Rego source); the server stops when
// the test ends.
func Serve(t testing.TB, files map[string]string) *Server {
	t.Helper()
	s := &Server{t: t}
	s.Set(files, nil)
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(srv.Close)
	s.URL = srv.URL + "/bundles/signin.tar.gz"
	return s
}

// RequireToken makes the server answer 401 unless the request carries the bearer token.
func (s *Server) RequireToken(token string) {
	s.mu.Lock()
	s.token = token
	s.mu.Unlock()
}

// Fail makes the server answer status (0: serve the bundle again).
func (s *Server) Fail(status int) {
	s.mu.Lock()
	s.status = status
	s.mu.Unlock()
}

// Set replaces the bundle with files, signed with key when it is not nil.
func (s *Server) Set(files map[string]string, key *rsa.PrivateKey) {
	s.t.Helper()
	s.SetBytes(Build(s.t, files, key))
}

// SetBytes replaces the bundle with raw bytes (a tampered bundle, say).
func (s *Server) SetBytes(body []byte) {
	sum := sha256.Sum256(body)
	s.mu.Lock()
	s.body, s.etag = body, `"`+hex.EncodeToString(sum[:8])+`"`
	s.mu.Unlock()
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.Requests.Add(1)
	s.mu.Lock()
	body, etag, status, token := s.body, s.etag, s.status, s.token
	s.mu.Unlock()
	switch {
	case r.URL.Path != "/bundles/signin.tar.gz":
		http.NotFound(w, r)
	case token != "" && r.Header.Get("Authorization") != "Bearer "+token:
		http.Error(w, "unauthorized", http.StatusUnauthorized)
	case status != 0:
		http.Error(w, http.StatusText(status), status)
	case r.Header.Get("If-None-Match") == etag:
		w.WriteHeader(http.StatusNotModified)
	default:
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/gzip")
		_, _ = w.Write(body)
	}
}

// Build writes a bundle of files (path to Rego source), signed with key when it is not nil.
func Build(t testing.TB, files map[string]string, key *rsa.PrivateKey) []byte {
	t.Helper()
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	b := bundle.Bundle{Data: map[string]any{}}
	for _, p := range paths {
		b.Modules = append(b.Modules, bundle.ModuleFile{URL: "/" + p, Path: "/" + p, Raw: []byte(files[p])})
	}
	if key != nil {
		if err := b.GenerateSignature(bundle.NewSigningConfig(PrivatePEM(t, key), "RS256", ""), "default", false); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := bundle.NewWriter(&buf).DisableFormat(true).Write(b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Key is a new RSA signing key.
func Key(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// PublicPEM is the key's public half as PEM, as the data source settings take it.
func PublicPEM(t testing.TB, k *rsa.PrivateKey) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// PrivatePEM is the key as PEM, as `opa build --signing-key` takes it.
func PrivatePEM(t testing.TB, k *rsa.PrivateKey) string {
	t.Helper()
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
}
