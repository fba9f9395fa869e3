package graph

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

const (
	expiredApp  = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	noLicence   = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
	noAuditApp  = "3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f"
	unknownApp  = "4d5e6f7a-8b9c-4d0e-1f2a-3b4c5d6e7f8a"
	missingTent = "5e6f7a8b-9c0d-4e1f-2a3b-4c5d6e7f8a9b"
	secret      = "Sim8Q~unit-test.secret-value"
)

// Every failure the health check must explain, with its code, kind and a hint naming the fix.
func TestErrorsSayWhatToFix(t *testing.T) {
	certPEM, _, err := simulator.NewClientCertificate("registered")
	if err != nil {
		t.Fatal(err)
	}
	_, otherKey, err := simulator.NewClientCertificate("not-registered")
	if err != nil {
		t.Fatal(err)
	}
	sim := startSimulator(t, simulator.Options{Clients: []simulator.Client{
		{TenantID: simulator.DemoTenantID, ClientID: simulator.DemoClientID, Secret: secret, CertificatePEM: certPEM},
		{TenantID: simulator.DemoTenantID, ClientID: expiredApp, Secret: secret, SecretExpired: true},
		{TenantID: otherTenant, ClientID: noLicence, Secret: secret, NoPremiumLicence: true},
		{TenantID: otherTenant, ClientID: noAuditApp, Secret: secret, Permissions: []string{simulator.PermissionDirectoryReadAll}},
	}})
	tests := []struct {
		name, tenant, client, secret, cert string
		code                               string
		kind                               Kind
		status                             int
		hint                               string
	}{
		{"wrong secret", simulator.DemoTenantID, simulator.DemoClientID, "wrong-" + secret, "", "AADSTS7000215", KindCredentials, 401, "Certificates & secrets"},
		{"expired secret", simulator.DemoTenantID, expiredApp, secret, "", "AADSTS7000222", KindCredentials, 401, "new client secret"},
		{"unknown app", simulator.DemoTenantID, unknownApp, secret, "", "AADSTS700016", KindCredentials, 400, "Application (client) ID"},
		{"unknown tenant", missingTent, simulator.DemoClientID, secret, "", "AADSTS90002", KindCloud, 400, "cloud"},
		{"certificate not registered", simulator.DemoTenantID, simulator.DemoClientID, "", string(otherKey), "AADSTS700027", KindCredentials, 401, "public part"},
		{"no premium licence", otherTenant, noLicence, secret, "", "Authentication_RequestFromNonPremiumTenantOrB2CTenant", KindLicence, 403, "P1 or P2"},
		{"missing AuditLog.Read.All", otherTenant, noAuditApp, secret, "", "Authentication_MSGraphPermissionMissing", KindPermission, 403, "AuditLog.Read.All"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			auth := settings.AuthClientSecret
			if tt.cert != "" {
				auth = settings.AuthClientCertificate
			}
			s := simSettings(sim, auth, tt.tenant, tt.client)
			s.Secrets = settings.Secrets{ClientSecret: tt.secret, ClientCertificate: tt.cert}
			_, err := clientFor(t, sim, s, nil).List(context.Background(), lastHour(sim))
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("error = %v (%T), want *Error", err, err)
			}
			if ge.Code != tt.code || ge.Kind != tt.kind || ge.Status != tt.status || !strings.Contains(ge.Hint, tt.hint) {
				t.Errorf("got code %q kind %q status %d hint %q; want %q %q %d with %q", ge.Code, ge.Kind, ge.Status, ge.Hint, tt.code, tt.kind, tt.status, tt.hint)
			}
			if ge.Doc == "" || ge.Detail == "" {
				t.Errorf("doc %q detail %q: both must be set", ge.Doc, ge.Detail)
			}
			if tt.secret != "" && strings.Contains(err.Error()+ge.Detail, tt.secret) {
				t.Error("the secret leaked into the error")
			}
		})
	}
}

// Requests that get no answer say which host and why: DNS, refused, TLS trust.
func TestNetworkErrorsNameHostAndCause(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	dead := deadURL(t)
	tests := []struct {
		name, authority, graph string
		trust                  bool
		want                   string
	}{
		{"authority refuses", dead, sim.URL(), true, "could not reach " + dead + ": nothing accepts connections"},
		{"authority untrusted", sim.URL(), sim.URL(), false, "could not reach " + sim.URL() + ": its TLS certificate is not trusted"},
		{"authority does not resolve", "https://login.sigdiag-test.invalid", sim.URL(), true, "could not reach https://login.sigdiag-test.invalid: the host name does not resolve"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := simSettings(sim, settings.AuthClientSecret, simulator.DemoTenantID, simulator.DemoClientID)
			s.AuthorityHost, s.GraphEndpoint, s.Secrets.ClientSecret = tt.authority, tt.graph, simulator.DemoClientSecret
			ep, _ := s.Endpoints()
			hc := &http.Client{}
			if tt.trust {
				hc = trusting(sim)
			}
			cred, err := NewCredential(s, ep, hc)
			if err != nil {
				t.Fatal(err)
			}
			c, _ := New(Config{Credential: cred, GraphEndpoint: ep.GraphEndpoint, APIVersion: "v1.0", HTTPClient: hc})
			_, err = c.List(context.Background(), lastHour(sim))
			assertNetworkError(t, err, tt.want)
		})
	}
}

// On the Graph side the error chain survives, so errors.As finds the cause.
func TestGraphEndpointUnreachable(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	dead := deadURL(t)
	c, err := New(Config{Credential: staticToken{}, GraphEndpoint: dead, APIVersion: "v1.0", HTTPClient: trusting(sim)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.List(context.Background(), lastHour(sim))
	assertNetworkError(t, err, "could not reach "+dead+": nothing accepts connections")
	c, _ = New(Config{Credential: staticToken{}, GraphEndpoint: sim.URL(), APIVersion: "v1.0", HTTPClient: &http.Client{}})
	_, err = c.List(context.Background(), lastHour(sim))
	assertNetworkError(t, err, "its TLS certificate is not trusted")
}

func assertNetworkError(t *testing.T, err error, want string) {
	t.Helper()
	var ge *Error
	if !errors.As(err, &ge) || ge.Kind != KindNetwork || !strings.Contains(ge.Message, want) || ge.Hint == "" {
		t.Fatalf("error = %v, want a network error containing %q", err, want)
	}
}

// deadURL is an https URL on a loopback port where nothing listens.
func deadURL(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return "https://" + addr
}

// staticToken is a credential that never calls Entra, to test the Graph side alone.
type staticToken struct{}

func (staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: "test", ExpiresOn: time.Now().Add(time.Hour)}, nil
}

func TestCancelledContextStaysRecognisable(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret).List(ctx, lastHour(sim))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}
