// Package simulator is a local Microsoft Entra ID and Microsoft Graph that speaks HTTPS on
// 127.0.0.1 with its own certificate authority. It serves the project's tests and the
// product's built-in demo tenant: the real azidentity and msgraph-sdk-go clients talk to
// it exactly as they talk to Microsoft, with the server URL as both the authority host
// and the Graph endpoint.
//
// Entra side: OpenID configuration, the v2.0 token endpoint (client secret, certificate
// assertion, federated workload identity token) and App Service managed identity, with
// Entra's error bodies. Graph side: GET /v1.0 and /beta /auditLogs/signIns with $filter
// (parsed and evaluated by package odata), $select, $top, $orderby and $skiptoken paging,
// permission and licence checks, and Graph's error bodies. Faults (throttling, latency,
// 5xx) can be injected. Data comes from package dataset.
package simulator

import (
	"crypto/x509"
	"slices"
	"time"
)

// Demo tenant credentials. They are public on purpose: the demo data source uses them
// against an in-process simulator that listens on loopback only.
const (
	DemoTenantID     = "8c9e2a4b-5f1d-4e3a-9b7c-2d6f0a1e3c5b"
	DemoClientID     = "3f0c2b7e-9a41-4d6b-8e25-71c4d0a9b6f2"
	DemoClientSecret = "Sim8Q~demo-tenant.secret_not-a-real-credential"
	DemoDomain       = "contoso.com"
	// DemoManagedIdentityClientID is the demo tenant's system-assigned managed identity.
	DemoManagedIdentityClientID = "5b7e9c1a-2d4f-4a6b-8c0e-1f3a5c7e9b2d"
	// ManagedIdentityHeader is the secret App Service puts in IDENTITY_HEADER; requests to
	// the managed identity endpoint must carry it as X-IDENTITY-HEADER.
	ManagedIdentityHeader = "sim-identity-header-2f7d9a41"
)

// Graph application permissions (app roles) that matter for sign-in logs.
const (
	PermissionAuditLogReadAll  = "AuditLog.Read.All"
	PermissionDirectoryReadAll = "Directory.Read.All"
	// PermissionPolicyReadAll lets a caller see appliedConditionalAccessPolicies; without
	// it (or another CA permission) Graph omits the property.
	PermissionPolicyReadAll = "Policy.Read.All"
)

// Options configures a simulator.
type Options struct {
	Seed  int64     // data seed; default 1
	Now   time.Time // end of the data window (UTC); zero means time.Now() at Start
	Days  int       // length of the data window; default 30
	Scale float64   // multiplies the background volume; default 1
	// Clients are the accepted app registrations; default: DemoClient().
	Clients []Client
	// Log receives one line per request (never secrets or tokens); nil discards.
	Log func(format string, args ...any)
	// TokenLifetime is how long issued access tokens last; default 3599 seconds, as Entra.
	TokenLifetime time.Duration
	// GraphAudiences are further resources (https URLs) the token endpoint issues Graph tokens
	// for, as a tenant's Entra does for a Graph proxy's: a test can then see where the token goes.
	GraphAudiences []string
}

// Client is an app registration with its service principal in a tenant.
type Client struct {
	TenantID string
	ClientID string
	// Secret is the client secret's value; empty means the app has no secret.
	Secret string
	// SecretExpired makes a correct secret fail with AADSTS7000222.
	SecretExpired bool
	// CertificatePEM is the public certificate registered for client assertions.
	CertificatePEM []byte
	// Permissions are the granted Graph application permissions; nil means
	// AuditLog.Read.All and Directory.Read.All.
	Permissions []string
	// NoPremiumLicence marks the tenant as having no Entra ID P1/P2 licence: sign-in log
	// requests fail with Authentication_RequestFromNonPremiumTenantOrB2CTenant.
	NoPremiumLicence bool
}

// DemoClient is the demo tenant's app registration: the demo secret, the sign-in log
// permissions and Policy.Read.All, so Conditional Access details are visible.
func DemoClient() Client {
	return Client{TenantID: DemoTenantID, ClientID: DemoClientID, Secret: DemoClientSecret,
		Permissions: []string{PermissionAuditLogReadAll, PermissionDirectoryReadAll, PermissionPolicyReadAll}}
}

func (c *Client) permissions() []string {
	if c.Permissions == nil {
		return []string{PermissionAuditLogReadAll, PermissionDirectoryReadAll}
	}
	return c.Permissions
}

// RequestLog is one request the simulator answered. Path never contains secrets: token
// requests carry theirs in the body, which is not logged.
type RequestLog struct {
	Time      time.Time
	Method    string
	Path      string // path and query
	Status    int
	Endpoint  string // openid, jwks, token, msi, graph or other
	TenantID  string // the tenant the request was for, when known
	ClientID  string // the calling app, when known
	RequestID string
	Duration  time.Duration
	// Rows is how many sign-ins a Graph page carried, so a test can tell whether any sign-in
	// was read twice.
	Rows int
}

// URL returns the server's base URL, https://127.0.0.1:PORT. It is both the authority
// host and the Graph endpoint.
func (s *Server) URL() string { return s.url }

// CertPool returns a pool that trusts the server's certificate.
func (s *Server) CertPool() *x509.CertPool { return s.ca.pool }

// CACertPEM returns the CA certificate in PEM, e.g. for SSL_CERT_FILE.
func (s *Server) CACertPEM() []byte { return append([]byte(nil), s.ca.caPEM...) }

// ManagedIdentityEndpoint is the value for IDENTITY_ENDPOINT (App Service style managed
// identity); IDENTITY_HEADER must be ManagedIdentityHeader.
func (s *Server) ManagedIdentityEndpoint() string { return s.url + "/msi/token" }

// MaxInWindow is the most requests of the log that arrived within any window of the given
// length: what Graph's "5 requests per 10 seconds" counts. The log is in the order requests
// were answered, so it is sorted by arrival first.
func MaxInWindow(reqs []RequestLog, window time.Duration) int {
	reqs = slices.Clone(reqs)
	slices.SortStableFunc(reqs, func(a, b RequestLog) int { return a.Time.Compare(b.Time) })
	most := 0
	for i := range reqs {
		n := 0
		for j := i; j < len(reqs) && reqs[j].Time.Sub(reqs[i].Time) < window; j++ {
			n++
		}
		most = max(most, n)
	}
	return most
}
