package simulator

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
)

// Server is a running simulator. Its methods are safe for concurrent use.
type Server struct {
	opts    Options
	url     string
	ca      *authority
	srv     *http.Server
	served  chan struct{}
	now     time.Time // end of the data window
	keys    signingKeys
	tenants map[string]*tenant // by lower-case tenant ID
	faults  faultState
	reqs    requestLog
	issued  issuedTokens
	logf    func(format string, args ...any)
}

// signingKeys sign access tokens and federated (workload identity) tokens.
type signingKeys struct {
	token, federation *ecdsa.PrivateKey
	tokenKID          string
	skiptoken         []byte // HMAC key that makes $skiptoken tamper-evident
}

// tenant is a directory with its registered apps and, once asked for, its sign-in log.
type tenant struct {
	id, domain string
	clients    map[string]*registeredClient // by lower-case client ID
	mu         sync.Mutex
	data       *dataset.Dataset
}

// registeredClient is a Client with its parsed certificate.
type registeredClient struct {
	Client
	certKey        any
	certThumbprint []byte // SHA-256 of the certificate, as in x5t#S256
	managed        bool   // a managed identity: no client credentials flow
}

// Start listens on 127.0.0.1 (ephemeral port) and serves until Close.
func Start(opts Options) (*Server, error) {
	ca, err := newAuthority()
	if err != nil {
		return nil, fmt.Errorf("simulator: certificate authority: %w", err)
	}
	s := &Server{opts: opts, ca: ca, served: make(chan struct{}), tenants: map[string]*tenant{}}
	s.logf = opts.Log
	if s.logf == nil {
		s.logf = func(string, ...any) {}
	}
	s.now = opts.Now
	if s.now.IsZero() {
		s.now = time.Now()
	}
	s.now = s.now.UTC()
	if err := s.initKeys(); err != nil {
		return nil, err
	}
	clients := opts.Clients
	if len(clients) == 0 {
		clients = []Client{DemoClient()}
	}
	for _, c := range clients {
		if err := s.register(c, false); err != nil {
			return nil, err
		}
	}
	// Every tenant has a system-assigned identity for the managed identity endpoint; the
	// demo tenant's has a fixed client ID.
	if err := s.register(Client{TenantID: DemoTenantID, ClientID: DemoManagedIdentityClientID}, true); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("simulator: listen: %w", err)
	}
	s.url = "https://" + ln.Addr().String()
	s.srv = &http.Server{
		Handler:           s.routes(),
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{ca.leaf}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
		// TLS handshake failures (a client that does not trust the CA) go to Options.Log.
		ErrorLog: log.New(logWriter(s.logf), "simulator: ", 0),
	}
	go func() {
		defer close(s.served)
		if err := s.srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logf("simulator: serve: %v", err)
		}
	}()
	return s, nil
}

func (s *Server) initKeys() error {
	var err error
	if s.keys.token, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		return err
	}
	if s.keys.federation, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		return err
	}
	s.keys.skiptoken = make([]byte, 32)
	if _, err := rand.Read(s.keys.skiptoken); err != nil {
		return err
	}
	s.keys.tokenKID = newID()[:8]
	return nil
}

// register adds an app registration (or a managed identity) to its tenant.
func (s *Server) register(c Client, managed bool) error {
	if c.TenantID == "" || c.ClientID == "" {
		return errors.New("simulator: a client needs TenantID and ClientID")
	}
	key := strings.ToLower(c.TenantID)
	t := s.tenants[key]
	if t == nil {
		t = &tenant{id: c.TenantID, domain: domainFor(c.TenantID), clients: map[string]*registeredClient{}}
		s.tenants[key] = t
	}
	rc := &registeredClient{Client: c, managed: managed}
	if len(c.CertificatePEM) > 0 {
		cert, pub, err := parseCertificatePublicKey(c.CertificatePEM)
		if err != nil {
			return fmt.Errorf("simulator: client %s: %w", c.ClientID, err)
		}
		rc.certKey, rc.certThumbprint = pub, thumbprintS256(cert.Raw)
	}
	if _, dup := t.clients[strings.ToLower(c.ClientID)]; dup {
		if managed {
			return nil // an app registered under that ID already answers for it
		}
		return fmt.Errorf("simulator: client %s is registered twice in tenant %s", c.ClientID, c.TenantID)
	}
	t.clients[strings.ToLower(c.ClientID)] = rc
	return nil
}

// logWriter adapts Options.Log to the io.Writer that http.Server's ErrorLog needs.
type logWriter func(format string, args ...any)

func (w logWriter) Write(p []byte) (int, error) {
	w("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// domainFor gives the demo tenant contoso.com and other tenants a domain of their own.
func domainFor(tenantID string) string {
	if strings.EqualFold(tenantID, DemoTenantID) {
		return DemoDomain
	}
	domains := []string{"fabrikam.com", "northwindtraders.com", "adatum.com", "tailspintoys.com", "wingtiptoys.com", "woodgrovebank.com"}
	h := 0
	for _, c := range strings.ToLower(tenantID) {
		h = h*31 + int(c)
	}
	return domains[(h%len(domains)+len(domains))%len(domains)]
}

// lookupTenant finds a tenant by ID or by domain (contoso.com or contoso.onmicrosoft.com).
func (s *Server) lookupTenant(name string) *tenant {
	name = strings.ToLower(name)
	if t := s.tenants[name]; t != nil {
		return t
	}
	for _, t := range s.tenants {
		base := strings.SplitN(t.domain, ".", 2)[0]
		if name == t.domain || name == base+".onmicrosoft.com" {
			return t
		}
	}
	return nil
}

// dataset returns the tenant's sign-in log, built on first use.
func (s *Server) dataset(t *tenant) *dataset.Dataset {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.data == nil {
		t.data = dataset.New(dataset.Options{Seed: s.opts.Seed, TenantID: t.id, Domain: t.domain,
			Now: s.now, Days: s.opts.Days, Scale: s.opts.Scale})
	}
	return t.data
}

// Dataset returns the ground truth of the demo tenant, or of the first client's tenant
// when no client of the demo tenant is registered.
func (s *Server) Dataset() *dataset.Dataset {
	id := DemoTenantID
	if len(s.opts.Clients) > 0 && !s.hasClientTenant(DemoTenantID) {
		id = s.opts.Clients[0].TenantID
	}
	return s.DatasetFor(id)
}

func (s *Server) hasClientTenant(id string) bool {
	for _, c := range s.opts.Clients {
		if strings.EqualFold(c.TenantID, id) {
			return true
		}
	}
	return false
}

// DatasetFor returns the ground truth of a registered tenant, or nil.
func (s *Server) DatasetFor(tenantID string) *dataset.Dataset {
	t := s.lookupTenant(tenantID)
	if t == nil {
		return nil
	}
	return s.dataset(t)
}

// Close stops the server and waits for it to finish.
func (s *Server) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		_ = s.srv.Close()
	}
	<-s.served
}
