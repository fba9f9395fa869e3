package redistest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// StartTLS starts redis-server serving TLS only, with a self-signed certificate for 127.0.0.1
// made here; Server.TLS trusts it. Clients are not asked for a certificate. The test skips
// when redis-server was built without TLS.
func StartTLS(t testing.TB, password string) *Server {
	t.Helper()
	requireServer(t)
	s := &Server{Password: password, t: t, dir: t.TempDir()}
	certFile, keyFile := filepath.Join(s.dir, "redis.crt"), filepath.Join(s.dir, "redis.key")
	pool := writeCert(t, certFile, keyFile)
	s.extra = []string{"--tls-cert-file", certFile, "--tls-key-file", keyFile, "--tls-auth-clients", "no"}
	s.TLS = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	if err := s.run(); err != nil {
		if strings.Contains(err.Error(), "tls-port") { // "Bad directive": built without TLS
			t.Skipf("redis-server does not support TLS: %v", err)
		}
		t.Fatal(err)
	}
	return s
}

// writeCert writes a self-signed certificate for 127.0.0.1 and its key as PEM files, and
// returns a pool that trusts the certificate.
func writeCert(t testing.TB, certFile, keyFile string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "redistest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:        true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(certFile, certPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	return pool
}
