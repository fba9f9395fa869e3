package e2e

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/harness"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

// The Graph source end to end: the built plugin, started as Grafana starts it, reads a
// simulator running in this test process as a customized cloud. The plugin trusts the
// simulator's CA through SSL_CERT_FILE (Go reads it on Linux), and finds the managed and
// workload identity endpoints through the variables Azure sets; the product has no test switch.

// App registrations of the simulated tenants.
const (
	loadApp     = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
	acceptApp   = "8f7e6d5c-4b3a-4f2e-9d1c-0b9a8f7e6d5c"
	certApp     = "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
	federated   = "7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a"
	expiredApp  = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
	otherTenant = "0b5e8c2d-7a1f-4c3e-9d6b-5a4f3e2d1c0b"
	noLicence   = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
	noAuditApp  = "3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f"
	appSecret   = "Sim8Q~e2e-graph.secret-value"
)

// graphEnv is one plugin process and the simulators it talks to.
type graphEnv struct {
	sim       *simulator.Server // trusted by the plugin, with Graph's rate limit on
	untrusted *simulator.Server // its CA is not in SSL_CERT_FILE
	*pluginProcess
	certKey string // PEM certificate and key of certApp
}

func TestGraphSource(t *testing.T) {
	env := startGraphEnv(t)
	t.Run("health", env.testHealth)
	t.Run("credential types", env.testCredentialTypes)
	t.Run("filters and escaping", env.testFilters)
	t.Run("failures of the last 24 hours", env.testFailuresLast24Hours)
	t.Run("20 concurrent dashboard queries", env.testLoad)
	t.Run("a dashboard refresh reads Graph once, a rule change not at all", env.testDashboardRefresh)
	t.Run("explain reads what a table listed, and one request otherwise", env.testExplainBudget)
}

func startGraphEnv(t *testing.T) *graphEnv {
	t.Helper()
	certPEM, certKey, err := simulator.NewClientCertificate("grafana-e2e")
	if err != nil {
		t.Fatal(err)
	}
	env := &graphEnv{certKey: string(certKey)}
	env.sim = startSim(t, []simulator.Client{
		simulator.DemoClient(),
		{TenantID: simulator.DemoTenantID, ClientID: loadApp, Secret: appSecret},
		{TenantID: simulator.DemoTenantID, ClientID: dashApp, Secret: appSecret},
		{TenantID: simulator.DemoTenantID, ClientID: explainApp, Secret: appSecret},
		// Like the demo app, it may read Conditional Access details, which the rules use.
		{TenantID: simulator.DemoTenantID, ClientID: acceptApp, Secret: appSecret, Permissions: []string{
			simulator.PermissionAuditLogReadAll, simulator.PermissionDirectoryReadAll, simulator.PermissionPolicyReadAll}},
		{TenantID: simulator.DemoTenantID, ClientID: certApp, CertificatePEM: certPEM},
		{TenantID: simulator.DemoTenantID, ClientID: federated},
		{TenantID: simulator.DemoTenantID, ClientID: expiredApp, Secret: appSecret, SecretExpired: true},
		{TenantID: otherTenant, ClientID: noLicence, Secret: appSecret, NoPremiumLicence: true},
		{TenantID: otherTenant, ClientID: noAuditApp, Secret: appSecret, Permissions: []string{simulator.PermissionDirectoryReadAll}},
	})
	env.sim.SetFaults(simulator.Faults{RateLimit: graph.GraphRequestsPerWindow, RateWindow: graph.GraphWindow})
	env.untrusted = startSim(t, nil)
	tokenFile := filepath.Join(t.TempDir(), "azure-identity-token")
	writeFile(t, tokenFile, []byte(env.sim.FederatedToken(federated)))
	env.pluginProcess = startPlugin(t, []string{
		"AZURE_FEDERATED_TOKEN_FILE=" + tokenFile,
		"IDENTITY_ENDPOINT=" + env.sim.ManagedIdentityEndpoint(),
		"IDENTITY_HEADER=" + simulator.ManagedIdentityHeader,
	}, env.sim)
	return env
}

var dsID atomic.Int64

// dataSource is a graph data source of the simulator as a customized cloud. Each call is a
// new instance (its own UID).
func (env *graphEnv) dataSource(sim *simulator.Server, creds map[string]string, secure map[string]string, extra map[string]any) backend.DataSourceInstanceSettings {
	c := map[string]string{"authType": "clientsecret", "azureCloud": "AzureCustomizedCloud", "tenantId": simulator.DemoTenantID}
	for k, v := range creds {
		c[k] = v
	}
	jsonData := map[string]any{"source": "graph", "azureCredentials": c, "authorityHost": sim.URL(), "graphEndpoint": sim.URL()}
	for k, v := range extra {
		jsonData[k] = v
	}
	raw, _ := json.Marshal(jsonData)
	id := dsID.Add(1)
	return backend.DataSourceInstanceSettings{
		ID: 100 + id, UID: fmt.Sprintf("graph-e2e-%d", id), Name: "graph e2e",
		Type: harness.PluginID, JSONData: raw, DecryptedSecureJSONData: secure, Updated: time.Now(),
	}
}

// secretDS is a client secret data source for an app of the trusted simulator.
func (env *graphEnv) secretDS(tenant, client, secret string) backend.DataSourceInstanceSettings {
	return env.dataSource(env.sim, map[string]string{"tenantId": tenant, "clientId": client}, map[string]string{"azureClientSecret": secret}, nil)
}
