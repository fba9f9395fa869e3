package settings

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// AuthType is how the plugin gets tokens for Graph, named as in Grafana's Azure data sources.
type AuthType string

// The supported ways to authenticate.
const (
	AuthClientSecret      AuthType = "clientsecret"
	AuthClientCertificate AuthType = "clientcertificate"
	AuthManagedIdentity   AuthType = "msi"
	AuthWorkloadIdentity  AuthType = "workloadidentity"
)

// Cloud names an Azure cloud, as in Grafana's Azure data sources.
type Cloud string

// The supported clouds.
const (
	CloudPublic     Cloud = "AzureCloud"
	CloudUSGov      Cloud = "AzureUSGovernment"
	CloudChina      Cloud = "AzureChinaCloud"
	CloudCustomized Cloud = "AzureCustomizedCloud"
)

// AzureCredentials is jsonData.azureCredentials: the non-secret half of the credentials.
type AzureCredentials struct {
	AuthType   AuthType `json:"authType"`
	AzureCloud Cloud    `json:"azureCloud"`
	TenantID   string   `json:"tenantId"`
	ClientID   string   `json:"clientId"`
}

// cloudEndpoints are the defaults per cloud. China has two documented authority hosts
// (Graph's page names login.chinacloudapi.cn, Entra's login.partner.microsoftonline.cn);
// the default follows azcore and the other can be set in jsonData.authorityHost.
var cloudEndpoints = map[Cloud]Endpoints{
	CloudPublic: {AuthorityHost: "https://login.microsoftonline.com", GraphEndpoint: "https://graph.microsoft.com"},
	CloudUSGov:  {AuthorityHost: "https://login.microsoftonline.us", GraphEndpoint: "https://graph.microsoft.us"},
	CloudChina:  {AuthorityHost: "https://login.chinacloudapi.cn", GraphEndpoint: "https://microsoftgraph.chinacloudapi.cn"},
}

var guidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// tenantPattern accepts a GUID or a verified domain name such as contoso.onmicrosoft.com.
var tenantPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}$`)

func validTenant(id string) bool { return guidPattern.MatchString(id) || tenantPattern.MatchString(id) }

func (c *AzureCredentials) applyDefaults() {
	if c.AuthType == "" {
		c.AuthType = AuthClientSecret
	}
	if c.AzureCloud == "" {
		c.AzureCloud = CloudPublic
	}
	c.TenantID = strings.TrimSpace(c.TenantID)
	c.ClientID = strings.TrimSpace(c.ClientID)
}

func (c *AzureCredentials) validate(secrets Secrets) error {
	const prefix = "jsonData.azureCredentials."
	switch c.AuthType {
	case AuthClientSecret, AuthClientCertificate, AuthManagedIdentity, AuthWorkloadIdentity:
	default:
		return &FieldError{Field: prefix + "authType", Msg: fmt.Sprintf("must be one of clientsecret, clientcertificate, msi, workloadidentity; got %q", c.AuthType)}
	}
	// Workload identity may take tenant and client from AZURE_TENANT_ID and AZURE_CLIENT_ID,
	// which the Azure Workload Identity webhook injects; managed identity needs no tenant.
	needsTenant := c.AuthType == AuthClientSecret || c.AuthType == AuthClientCertificate
	if (needsTenant || (c.AuthType == AuthWorkloadIdentity && c.TenantID != "")) && !validTenant(c.TenantID) {
		return &FieldError{Field: prefix + "tenantId", Msg: "must be the directory (tenant) ID: a GUID from the app registration's Overview page, or a verified domain such as contoso.onmicrosoft.com"}
	}
	if (needsTenant || c.ClientID != "") && !guidPattern.MatchString(c.ClientID) {
		return &FieldError{Field: prefix + "clientId", Msg: "must be the application (client) ID, a GUID from the app registration's Overview page"}
	}
	switch {
	case c.AuthType == AuthClientSecret && secrets.ClientSecret == "":
		return &FieldError{Field: "secureJsonData.azureClientSecret", Msg: "is required for client secret authentication"}
	case c.AuthType == AuthClientCertificate && secrets.ClientCertificate == "":
		return &FieldError{Field: "secureJsonData.azureClientCertificate", Msg: "is required for certificate authentication (PEM with the certificate and its private key)"}
	}
	return nil
}

// Endpoints are the resolved Entra authority host and Graph endpoint.
type Endpoints struct {
	AuthorityHost string
	GraphEndpoint string
}

// Endpoints resolves the cloud's defaults and the overrides, and checks they are https URLs.
func (s *Settings) Endpoints() (Endpoints, error) {
	ep, known := cloudEndpoints[s.AzureCredentials.AzureCloud]
	if !known && s.AzureCredentials.AzureCloud != CloudCustomized {
		return Endpoints{}, &FieldError{Field: "jsonData.azureCredentials.azureCloud", Msg: fmt.Sprintf("must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud, AzureCustomizedCloud; got %q", s.AzureCredentials.AzureCloud)}
	}
	if s.AuthorityHost != "" {
		ep.AuthorityHost = s.AuthorityHost
	}
	if s.GraphEndpoint != "" {
		ep.GraphEndpoint = s.GraphEndpoint
	}
	for _, f := range []struct{ field, value string }{
		{"jsonData.authorityHost", ep.AuthorityHost},
		{"jsonData.graphEndpoint", ep.GraphEndpoint},
	} {
		if f.value == "" {
			return Endpoints{}, &FieldError{Field: f.field, Msg: "is required for a customized cloud"}
		}
		u, err := url.Parse(f.value)
		if err != nil || u.Scheme != "https" || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return Endpoints{}, &FieldError{Field: f.field, Msg: fmt.Sprintf("must be an https URL with no path, like https://login.microsoftonline.com; got %q", f.value)}
		}
	}
	ep.AuthorityHost = strings.TrimSuffix(ep.AuthorityHost, "/")
	ep.GraphEndpoint = strings.TrimSuffix(ep.GraphEndpoint, "/")
	return ep, nil
}

// IsMicrosoftAuthority reports whether the authority is one of Microsoft's public hosts, for
// which MSAL's instance discovery is useful; for any other host it must be disabled or MSAL
// calls login.microsoftonline.com to validate it.
func (e Endpoints) IsMicrosoftAuthority() bool {
	for _, ep := range cloudEndpoints {
		if strings.EqualFold(ep.AuthorityHost, e.AuthorityHost) {
			return true
		}
	}
	return strings.EqualFold(e.AuthorityHost, "https://login.partner.microsoftonline.cn")
}
