package graph

import (
	"errors"
	"net/http"
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// The variables the Azure Workload Identity webhook injects into a pod. Since Grafana 12.4 they
// reach the plugin only when the administrator forwards them ([plugins] forward_host_env_vars):
// Grafana's [azure] workload identity settings (settings.Server) come first.
const (
	envTenantID  = "AZURE_TENANT_ID"
	envClientID  = "AZURE_CLIENT_ID"
	envTokenFile = "AZURE_FEDERATED_TOKEN_FILE"
)

// NewCredential builds the azidentity credential for the data source's auth type. It is built
// once per data source instance: azidentity caches tokens and refreshes them before expiry.
// It never builds DefaultAzureCredential, whose chain probes the IMDS address.
func NewCredential(s *settings.Settings, ep settings.Endpoints, transport *http.Client) (azcore.TokenCredential, error) {
	opts := azcore.ClientOptions{
		Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: ep.AuthorityHost + "/"},
		// The pacer and its retries deal with Graph; token requests retry little so that a
		// wrong secret fails fast in the health check.
		Retry: policy.RetryOptions{MaxRetries: 1},
	}
	if transport != nil {
		opts.Transport = transport
	}
	// Instance discovery asks login.microsoftonline.com about the authority; for any other host
	// (sovereign proxies, a simulator) it must be off or the request leaves the configured cloud.
	noDiscovery := !ep.IsMicrosoftAuthority()
	c := s.AzureCredentials
	switch c.AuthType {
	case settings.AuthClientSecret:
		return azidentity.NewClientSecretCredential(c.TenantID, c.ClientID, s.Secrets.ClientSecret,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: noDiscovery})
	case settings.AuthClientCertificate:
		certs, key, err := azidentity.ParseCertificates([]byte(s.Secrets.ClientCertificate), nil)
		if err != nil {
			return nil, &settings.FieldError{Field: "secureJsonData.azureClientCertificate", Msg: "could not be read: it must be PEM with the certificate and an unencrypted private key"}
		}
		return azidentity.NewClientCertificateCredential(c.TenantID, c.ClientID, certs, key,
			&azidentity.ClientCertificateCredentialOptions{ClientOptions: opts, DisableInstanceDiscovery: noDiscovery, SendCertificateChain: true})
	case settings.AuthManagedIdentity:
		mi := &azidentity.ManagedIdentityCredentialOptions{ClientOptions: opts}
		if id := managedIdentityClient(s); id != "" {
			mi.ID = azidentity.ClientID(id) // user-assigned identity
		}
		return azidentity.NewManagedIdentityCredential(mi)
	case settings.AuthWorkloadIdentity:
		return newWorkloadIdentity(s, opts, noDiscovery)
	}
	return nil, errors.New("unsupported auth type " + string(c.AuthType))
}

// managedIdentityClient is the user-assigned identity: the data source's client ID, else
// Grafana's [azure] managed_identity_client_id; empty means the system-assigned identity.
func managedIdentityClient(s *settings.Settings) string {
	if s.AzureCredentials.ClientID != "" {
		return s.AzureCredentials.ClientID
	}
	return s.Server.ManagedIdentityClientID
}

// newWorkloadIdentity builds the workload identity credential. Tenant, client and token file
// default to Grafana's [azure] workload identity settings, then to the AZURE_* variables the
// workload identity webhook injects; settings override tenant and client. Missing values are
// reported as the setting (or variable) to fix.
func newWorkloadIdentity(s *settings.Settings, opts azcore.ClientOptions, noDiscovery bool) (azcore.TokenCredential, error) {
	tenant, client := Identity(s)
	const prefix = "jsonData.azureCredentials."
	switch {
	case tenant == "":
		return nil, &settings.FieldError{Field: prefix + "tenantId", Msg: "is required for workload identity unless grafana.ini's [azure] section sets workload_identity_tenant_id (or " + envTenantID + " is forwarded to the plugin)"}
	case client == "":
		return nil, &settings.FieldError{Field: prefix + "clientId", Msg: "is required for workload identity unless grafana.ini's [azure] section sets workload_identity_client_id (or " + envClientID + " is forwarded to the plugin)"}
	case tokenFile(s) == "":
		return nil, errors.New("workload identity needs the service account token file: set workload_identity_token_file in the [azure] section of grafana.ini, or forward " + envTokenFile +
			" to the plugin (the Azure Workload Identity webhook sets it for pods labelled azure.workload.identity/use: \"true\")")
	}
	return azidentity.NewWorkloadIdentityCredential(&azidentity.WorkloadIdentityCredentialOptions{
		ClientOptions: opts, TenantID: tenant, ClientID: client, TokenFilePath: tokenFile(s), DisableInstanceDiscovery: noDiscovery,
	})
}

// Identity is the tenant and client the credential authenticates as, as far as the plugin can
// know before asking Entra: the settings, or for workload and managed identity the server's
// defaults (and the webhook's variables). A system-assigned managed identity has neither.
func Identity(s *settings.Settings) (tenantID, clientID string) {
	tenantID, clientID = s.AzureCredentials.TenantID, s.AzureCredentials.ClientID
	if s.AzureCredentials.AuthType == settings.AuthWorkloadIdentity {
		tenantID = first(tenantID, s.Server.WorkloadIdentityTenantID, os.Getenv(envTenantID))
		clientID = first(clientID, s.Server.WorkloadIdentityClientID, os.Getenv(envClientID))
	}
	if s.AzureCredentials.AuthType == settings.AuthManagedIdentity {
		clientID = managedIdentityClient(s)
	}
	return tenantID, clientID
}

// tokenFile is the service account token workload identity presents.
func tokenFile(s *settings.Settings) string {
	return first(s.Server.WorkloadIdentityToken, os.Getenv(envTokenFile))
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
