package graph

import (
	"errors"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// NewCredential builds the azidentity credential for the data source's auth type. It is built
// once per data source instance: azidentity caches tokens and refreshes them before expiry.
func NewCredential(s *settings.Settings, ep settings.Endpoints, transport *http.Client) (azcore.TokenCredential, error) {
	opts := azcore.ClientOptions{
		Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: ep.AuthorityHost + "/"},
		// Our own pacer and kiota's retry handler deal with Graph; token requests retry little so
		// that a wrong secret fails fast in the health check.
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
		if c.ClientID != "" {
			mi.ID = azidentity.ClientID(c.ClientID) // user-assigned identity
		}
		return azidentity.NewManagedIdentityCredential(mi)
	case settings.AuthWorkloadIdentity:
		// Tenant, client and token file default to the AZURE_* variables the workload identity
		// webhook injects; settings override tenant and client when given.
		return azidentity.NewWorkloadIdentityCredential(&azidentity.WorkloadIdentityCredentialOptions{
			ClientOptions: opts, TenantID: c.TenantID, ClientID: c.ClientID, DisableInstanceDiscovery: noDiscovery,
		})
	}
	return nil, errors.New("unsupported auth type " + string(c.AuthType))
}
