package settings

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// PluginID is the plugin's id in plugin.json: its grafana.ini section is [plugin.<PluginID>].
const PluginID = "sigdiag-signindiagnostics-datasource"

// The environment Grafana hands the plugin process. Grafana passes every key of the plugin's
// [plugin.<id>] section of grafana.ini as GF_PLUGIN_<KEY> (upper case), and its own [azure]
// section as the GFAZPL_* variables that grafana-azure-sdk-go's azsettings package names.
const (
	EnvAllowedHosts             = "GF_PLUGIN_ALLOWED_HOSTS"
	EnvManagedIdentityEnabled   = "GFAZPL_MANAGED_IDENTITY_ENABLED"
	EnvManagedIdentityClientID  = "GFAZPL_MANAGED_IDENTITY_CLIENT_ID"
	EnvWorkloadIdentityEnabled  = "GFAZPL_WORKLOAD_IDENTITY_ENABLED"
	EnvWorkloadIdentityTenantID = "GFAZPL_WORKLOAD_IDENTITY_TENANT_ID"
	EnvWorkloadIdentityClientID = "GFAZPL_WORKLOAD_IDENTITY_CLIENT_ID"
	EnvWorkloadIdentityToken    = "GFAZPL_WORKLOAD_IDENTITY_TOKEN_FILE"
)

// ErrNotAllowed marks settings the Grafana server's administrator has not allowed: a host
// outside the allow-list, or the server's own Azure identity when the server does not lend it.
var ErrNotAllowed = errors.New("not allowed by the Grafana server's configuration")

// Server is what the Grafana server's administrator decided, as opposed to what a data source's
// editor may set: which hosts may receive credentials, tokens and passwords, and whether data
// sources may use the server's own Azure identity. Data source settings cannot change it.
type Server struct {
	// AllowedHosts are the hosts (host or host:port, lower case) besides Microsoft's own that
	// may be an authority host, a Graph endpoint or a Redis address. A host without a port
	// allows every port of it.
	AllowedHosts []string
	// ManagedIdentity is Grafana's [azure] managed_identity_enabled; its client ID is the
	// user-assigned identity used when a data source names none.
	ManagedIdentity         bool
	ManagedIdentityClientID string
	// WorkloadIdentity is Grafana's [azure] workload_identity_enabled with its defaults.
	WorkloadIdentity         bool
	WorkloadIdentityTenantID string
	WorkloadIdentityClientID string
	WorkloadIdentityToken    string
}

// ServerFromEnv reads the server's decisions from the plugin's environment (getenv is os.Getenv).
func ServerFromEnv(getenv func(string) string) Server {
	var hosts []string
	for _, h := range strings.FieldsFunc(getenv(EnvAllowedHosts), func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		hosts = append(hosts, normalizeHost(h))
	}
	return Server{
		AllowedHosts:             hosts,
		ManagedIdentity:          isTrue(getenv(EnvManagedIdentityEnabled)),
		ManagedIdentityClientID:  strings.TrimSpace(getenv(EnvManagedIdentityClientID)),
		WorkloadIdentity:         isTrue(getenv(EnvWorkloadIdentityEnabled)),
		WorkloadIdentityTenantID: strings.TrimSpace(getenv(EnvWorkloadIdentityTenantID)),
		WorkloadIdentityClientID: strings.TrimSpace(getenv(EnvWorkloadIdentityClientID)),
		WorkloadIdentityToken:    strings.TrimSpace(getenv(EnvWorkloadIdentityToken)),
	}
}

// isTrue reads a flag as grafana-azure-sdk-go's azsettings does (strconv.ParseBool): a value
// it would reject is off here too, so the plugin never lends the identity Grafana's own Azure
// data sources would refuse.
func isTrue(v string) bool {
	on, err := strconv.ParseBool(strings.TrimSpace(v))
	return err == nil && on
}

// normalizeHost turns an allow-list entry (host, host:port or a URL) into lower-case host[:port].
func normalizeHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if u, err := url.Parse(h); err == nil && u.Host != "" {
		h = u.Host
	}
	return strings.TrimSuffix(h, "/")
}

// Microsoft's own hosts, always allowed: the authority and Graph hosts of the public, US
// Government (L4 and DoD L5) and China clouds, on the https port.
var (
	microsoftAuthorities = []string{"login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn"}
	microsoftGraphs      = []string{"graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"}
)

// allows reports whether hostport (host[:port], as in a URL) is in the administrator's list.
func (srv Server) allows(hostport, defaultPort string) bool {
	host, port := splitHostPort(hostport, defaultPort)
	for _, entry := range srv.AllowedHosts {
		eh, ep := splitHostPort(entry, "")
		if eh == host && (ep == "" || ep == port) {
			return true
		}
	}
	return false
}

// splitHostPort splits host[:port] and lower-cases the host; brackets of IPv6 are removed.
func splitHostPort(hostport, defaultPort string) (string, string) {
	hostport = strings.ToLower(hostport)
	if host, port, err := net.SplitHostPort(hostport); err == nil {
		return host, port
	}
	return strings.Trim(hostport, "[]"), defaultPort
}

func isMicrosoft(hostport string, hosts []string) bool {
	host, port := splitHostPort(hostport, "443")
	return port == "443" && slices.Contains(hosts, host)
}

// Authorize checks the settings against the server's decisions and keeps them for the
// credential (workload and managed identity defaults). It is checked before anything is built,
// so a data source that is not allowed sends no request, not even a DNS lookup.
func (s *Settings) Authorize(srv Server) error {
	s.Server = srv
	if b := s.RulesBundle; b.Enabled() {
		// Even for the demo: the bundle server decides the rules and may receive a token.
		u, _ := url.Parse(b.URL) // validate checked it
		port := map[string]string{"https": "443", "http": "80"}[u.Scheme]
		if !srv.allows(u.Host, port) {
			return hostError("jsonData.rulesBundle.url", u.Host, "a bundle server decides the rules and receives the bundle token")
		}
	}
	if s.Source == SourceDemo {
		// The demo talks to its own in-process simulator; its endpoints are not settings.
		return nil
	}
	if err := s.authorizeIdentity(srv); err != nil {
		return err
	}
	ep, err := s.Endpoints()
	if err != nil {
		return err
	}
	for _, f := range []struct {
		field, value string
		microsoft    []string
	}{
		{"jsonData.authorityHost", ep.AuthorityHost, microsoftAuthorities},
		{"jsonData.graphEndpoint", ep.GraphEndpoint, microsoftGraphs},
	} {
		u, _ := url.Parse(f.value) // Endpoints checked it is an https URL
		if !isMicrosoft(u.Host, f.microsoft) && !srv.allows(u.Host, "443") {
			return hostError(f.field, u.Host, "only Microsoft's own hosts ("+strings.Join(f.microsoft, ", ")+") may receive the credentials or tokens")
		}
	}
	for _, a := range s.Cluster.Addresses() {
		if !srv.allows(a, "") {
			return hostError("jsonData.cluster.redisAddress", a, "a Redis server receives the password and the cached sign-ins")
		}
	}
	return nil
}

func hostError(field, host, why string) error {
	return &FieldError{Field: field, Err: ErrNotAllowed, Msg: fmt.Sprintf(
		"names %s, which the Grafana server's administrator has not allowed: %s. Change %s, or ask the administrator to add the host to allowed_hosts in the [plugin.%s] section of grafana.ini (environment variable %s)",
		host, why, field, PluginID, EnvAllowedHosts)}
}

// authorizeIdentity refuses the server's own Azure identity unless Grafana's [azure] settings lend it.
func (s *Settings) authorizeIdentity(srv Server) error {
	const field = "jsonData.azureCredentials.authType"
	switch {
	case s.AzureCredentials.AuthType == AuthManagedIdentity && !srv.ManagedIdentity:
		return &FieldError{Field: field, Err: ErrNotAllowed, Msg: "is managed identity, which uses the Grafana server's own Azure identity and is off on this server: choose client secret or certificate, or ask the administrator to set managed_identity_enabled = true in the [azure] section of grafana.ini"}
	case s.AzureCredentials.AuthType == AuthWorkloadIdentity && !srv.WorkloadIdentity:
		return &FieldError{Field: field, Err: ErrNotAllowed, Msg: "is workload identity, which uses the Grafana server's own Azure identity and is off on this server: choose client secret or certificate, or ask the administrator to set workload_identity_enabled = true in the [azure] section of grafana.ini"}
	}
	return nil
}
