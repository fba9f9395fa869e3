package graph

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

const (
	otherTenant = "0b5e8c2d-7a1f-4c3e-9d6b-5a4f3e2d1c0b"
	certApp     = "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
	federated   = "7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a"
)

// Each credential type gets a token from the simulator and reads a page, as the plugin does.
func TestEachCredentialTypeReadsSignIns(t *testing.T) {
	certPEM, certAndKey, err := simulator.NewClientCertificate("grafana-signin-diagnostics")
	if err != nil {
		t.Fatal(err)
	}
	sim := startSimulator(t, simulator.Options{Clients: []simulator.Client{
		simulator.DemoClient(),
		{TenantID: simulator.DemoTenantID, ClientID: certApp, CertificatePEM: certPEM},
		{TenantID: simulator.DemoTenantID, ClientID: federated},
	}})
	tokenFile := filepath.Join(t.TempDir(), "azure-identity-token")
	if err := os.WriteFile(tokenFile, []byte(sim.FederatedToken(federated)), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		auth settings.AuthType
		// caller is the client ID Graph must see; tokenEndpoint the simulator endpoint that issued the token.
		caller, tokenEndpoint string
		// setup sets the secret or the environment the credential reads.
		setup func(t *testing.T, s *settings.Settings)
	}{
		{"client secret", settings.AuthClientSecret, simulator.DemoClientID, "token", func(t *testing.T, s *settings.Settings) {
			s.Secrets.ClientSecret = simulator.DemoClientSecret
		}},
		{"client certificate", settings.AuthClientCertificate, certApp, "token", func(t *testing.T, s *settings.Settings) {
			s.AzureCredentials.ClientID = certApp
			s.Secrets.ClientCertificate = string(certAndKey)
		}},
		{"workload identity, tenant and client in settings", settings.AuthWorkloadIdentity, federated, "token", func(t *testing.T, s *settings.Settings) {
			s.AzureCredentials.ClientID = federated
			t.Setenv("AZURE_FEDERATED_TOKEN_FILE", tokenFile)
		}},
		{"workload identity from the webhook's variables", settings.AuthWorkloadIdentity, federated, "token", func(t *testing.T, s *settings.Settings) {
			s.AzureCredentials.TenantID, s.AzureCredentials.ClientID = "", ""
			t.Setenv("AZURE_TENANT_ID", simulator.DemoTenantID)
			t.Setenv("AZURE_CLIENT_ID", federated)
			t.Setenv("AZURE_FEDERATED_TOKEN_FILE", tokenFile)
		}},
		{"workload identity from Grafana's [azure] settings", settings.AuthWorkloadIdentity, federated, "token", func(t *testing.T, s *settings.Settings) {
			s.AzureCredentials.TenantID, s.AzureCredentials.ClientID = "", ""
			t.Setenv("AZURE_TENANT_ID", "")
			t.Setenv("AZURE_CLIENT_ID", "")
			t.Setenv("AZURE_FEDERATED_TOKEN_FILE", "")
			s.Server = settings.Server{WorkloadIdentity: true, WorkloadIdentityTenantID: simulator.DemoTenantID,
				WorkloadIdentityClientID: federated, WorkloadIdentityToken: tokenFile}
		}},
		{"user-assigned managed identity from Grafana's [azure] settings", settings.AuthManagedIdentity, simulator.DemoClientID, "msi", func(t *testing.T, s *settings.Settings) {
			s.AzureCredentials.TenantID, s.AzureCredentials.ClientID = "", ""
			s.Server = settings.Server{ManagedIdentity: true, ManagedIdentityClientID: simulator.DemoClientID}
			setManagedIdentityEnv(t, sim)
		}},
		{"system-assigned managed identity", settings.AuthManagedIdentity, simulator.DemoManagedIdentityClientID, "msi", func(t *testing.T, s *settings.Settings) {
			s.AzureCredentials.TenantID, s.AzureCredentials.ClientID = "", ""
			setManagedIdentityEnv(t, sim)
		}},
		{"user-assigned managed identity", settings.AuthManagedIdentity, simulator.DemoClientID, "msi", func(t *testing.T, s *settings.Settings) {
			s.AzureCredentials.TenantID = ""
			setManagedIdentityEnv(t, sim)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := simSettings(sim, tt.auth, simulator.DemoTenantID, simulator.DemoClientID)
			tt.setup(t, s)
			res, err := clientFor(t, sim, s, nil).List(context.Background(), lastHour(sim))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.SignIns) == 0 {
				t.Fatal("no sign-ins")
			}
			reqs := sim.Requests()
			last := reqs[len(reqs)-1]
			if last.Endpoint != "graph" || last.ClientID != tt.caller {
				t.Errorf("Graph saw client %q, want %q", last.ClientID, tt.caller)
			}
			if !issuedBy(reqs, tt.tokenEndpoint, tt.caller) {
				t.Errorf("no token for %s from the %s endpoint", tt.caller, tt.tokenEndpoint)
			}
		})
	}
}

func issuedBy(reqs []simulator.RequestLog, endpoint, client string) bool {
	for _, r := range reqs {
		if r.Endpoint == endpoint && r.Status == 200 && r.ClientID == client {
			return true
		}
	}
	return false
}

// setManagedIdentityEnv points azidentity's App Service managed identity source at the
// simulator. With these set it never probes the IMDS address 169.254.169.254.
func setManagedIdentityEnv(t *testing.T, sim *simulator.Server) {
	t.Setenv("IDENTITY_ENDPOINT", sim.ManagedIdentityEndpoint())
	t.Setenv("IDENTITY_HEADER", simulator.ManagedIdentityHeader)
}

func TestWorkloadIdentityNamesWhatIsMissing(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	t.Setenv("AZURE_TENANT_ID", "")
	t.Setenv("AZURE_CLIENT_ID", "")
	t.Setenv("AZURE_FEDERATED_TOKEN_FILE", "")
	s := simSettings(sim, settings.AuthWorkloadIdentity, "", federated)
	ep, _ := s.Endpoints()
	_, err := NewCredential(s, ep, nil)
	var fe *settings.FieldError
	if !errors.As(err, &fe) || fe.Field != "jsonData.azureCredentials.tenantId" {
		t.Fatalf("error = %v, want the tenantId field", err)
	}
	s.AzureCredentials.TenantID = simulator.DemoTenantID
	if _, err := NewCredential(s, ep, nil); err == nil || !contains(err.Error(), "AZURE_FEDERATED_TOKEN_FILE") {
		t.Fatalf("error = %v, want the token file variable named", err)
	}
}

func TestIdentityResolvesTheWebhookVariables(t *testing.T) {
	t.Setenv("AZURE_TENANT_ID", otherTenant)
	t.Setenv("AZURE_CLIENT_ID", federated)
	s := &settings.Settings{AzureCredentials: settings.AzureCredentials{AuthType: settings.AuthWorkloadIdentity}}
	if tenant, client := Identity(s); tenant != otherTenant || client != federated {
		t.Errorf("Identity = %s %s", tenant, client)
	}
	s.AzureCredentials.AuthType = settings.AuthClientSecret
	if tenant, client := Identity(s); tenant != "" || client != "" {
		t.Errorf("a client secret credential must not read the variables: %s %s", tenant, client)
	}
}
