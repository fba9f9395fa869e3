package settings

import (
	"errors"
	"strings"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestServerFromEnv(t *testing.T) {
	srv := ServerFromEnv(env(map[string]string{
		EnvAllowedHosts:             " Login.Example.org, graph.example.org:8443 https://proxy.example.org/\tredis:6379",
		EnvManagedIdentityEnabled:   "true",
		EnvManagedIdentityClientID:  client,
		EnvWorkloadIdentityEnabled:  "TRUE",
		EnvWorkloadIdentityTenantID: tenant,
		EnvWorkloadIdentityClientID: client,
		EnvWorkloadIdentityToken:    "/var/run/secrets/azure/tokens/azure-identity-token",
	}))
	want := []string{"login.example.org", "graph.example.org:8443", "proxy.example.org", "redis:6379"}
	if strings.Join(srv.AllowedHosts, " ") != strings.Join(want, " ") {
		t.Errorf("hosts = %q, want %q", srv.AllowedHosts, want)
	}
	if !srv.ManagedIdentity || srv.ManagedIdentityClientID != client || !srv.WorkloadIdentity ||
		srv.WorkloadIdentityTenantID != tenant || srv.WorkloadIdentityClientID != client || srv.WorkloadIdentityToken == "" {
		t.Errorf("server = %+v", srv)
	}
	if off := ServerFromEnv(env(nil)); off.ManagedIdentity || off.WorkloadIdentity || len(off.AllowedHosts) != 0 {
		t.Errorf("nothing set, yet %+v", off)
	}
	for v, want := range map[string]bool{"true": true, "1": true, "True": true, " true ": true, "false": false, "yes": false, "on": false, "": false} {
		if got := ServerFromEnv(env(map[string]string{EnvManagedIdentityEnabled: v})).ManagedIdentity; got != want {
			t.Errorf("%s=%q: enabled %v, want %v (as azsettings reads it)", EnvManagedIdentityEnabled, v, got, want)
		}
	}
}

func TestAuthorize(t *testing.T) {
	secret := map[string]string{"azureClientSecret": "s"}
	creds := func(auth, cloud string) string {
		return `"azureCredentials":{"authType":"` + auth + `","azureCloud":"` + cloud + `","tenantId":"` + tenant + `","clientId":"` + client + `"}`
	}
	custom := creds("clientsecret", "AzureCustomizedCloud")
	allowed := Server{AllowedHosts: []string{"login.example.org", "graph.example.org:8443", "127.0.0.1", "redis:6379"}}
	tests := []struct {
		name     string
		jsonData string
		srv      Server
		field    string // empty: allowed
	}{
		{"public cloud", `{` + creds("clientsecret", "AzureCloud") + `}`, Server{}, ""},
		{"US Government", `{` + creds("clientsecret", "AzureUSGovernment") + `}`, Server{}, ""},
		{"DoD Graph", `{` + creds("clientsecret", "AzureUSGovernment") + `,"graphEndpoint":"https://dod-graph.microsoft.us"}`, Server{}, ""},
		{"China partner authority", `{` + creds("clientsecret", "AzureChinaCloud") + `,"authorityHost":"https://login.partner.microsoftonline.cn"}`, Server{}, ""},
		{"Microsoft's host on another port", `{` + creds("clientsecret", "AzureCloud") + `,"authorityHost":"https://login.microsoftonline.com:8443"}`, Server{}, "jsonData.authorityHost"},
		{"a Graph host as authority", `{` + creds("clientsecret", "AzureCloud") + `,"authorityHost":"https://graph.microsoft.com"}`, Server{}, "jsonData.authorityHost"},
		{"an authority host as Graph", `{` + creds("clientsecret", "AzureCloud") + `,"graphEndpoint":"https://login.microsoftonline.com"}`, Server{}, "jsonData.graphEndpoint"},
		{"user info before Microsoft's host", `{` + creds("clientsecret", "AzureCloud") + `,"authorityHost":"https://login.microsoftonline.com@evil.example"}`, Server{}, "jsonData.authorityHost"},
		{"a look-alike host", `{` + creds("clientsecret", "AzureCloud") + `,"authorityHost":"https://login.microsoftonline.com.evil.example"}`, Server{}, "jsonData.authorityHost"},
		{"custom authority not allowed", `{` + custom + `,"authorityHost":"https://login.example.org","graphEndpoint":"https://graph.microsoft.com"}`, Server{}, "jsonData.authorityHost"},
		{"custom Graph not allowed", `{` + creds("clientsecret", "AzureCloud") + `,"graphEndpoint":"https://graph.example.org"}`, Server{}, "jsonData.graphEndpoint"},
		{"custom cloud allowed", `{` + custom + `,"authorityHost":"https://login.example.org","graphEndpoint":"https://graph.example.org:8443"}`, allowed, ""},
		{"allowed host on another port", `{` + custom + `,"authorityHost":"https://login.example.org","graphEndpoint":"https://graph.example.org:9443"}`, allowed, "jsonData.graphEndpoint"},
		{"a port-less entry allows every port", `{` + custom + `,"authorityHost":"https://127.0.0.1:1234","graphEndpoint":"https://127.0.0.1:5678"}`, allowed, ""},
		{"another loopback address", `{` + custom + `,"authorityHost":"https://127.0.0.2:1234","graphEndpoint":"https://127.0.0.1:5678"}`, allowed, "jsonData.authorityHost"},
		{"Redis not allowed", `{` + creds("clientsecret", "AzureCloud") + `,"cluster":{"redisAddress":"redis.evil.example:6379"}}`, allowed, "jsonData.cluster.redisAddress"},
		{"Redis on another port", `{` + creds("clientsecret", "AzureCloud") + `,"cluster":{"redisAddress":"redis:6380"}}`, allowed, "jsonData.cluster.redisAddress"},
		{"one sentinel of two not allowed", `{` + creds("clientsecret", "AzureCloud") + `,"cluster":{"redisMode":"sentinel","redisMasterName":"m","redisAddress":"redis:6379,sentinel.evil.example:26379"}}`, allowed, "jsonData.cluster.redisAddress"},
		{"rules bundle not allowed, even for the demo", `{"source":"demo","rulesBundle":{"url":"https://bundles.evil.example/b.tar.gz"}}`, allowed, "jsonData.rulesBundle.url"},
		{"rules bundle allowed", `{` + creds("clientsecret", "AzureCloud") + `,"rulesBundle":{"url":"https://login.example.org/b.tar.gz"}}`, allowed, ""},
		{"Redis allowed", `{` + creds("clientsecret", "AzureCloud") + `,"cluster":{"redisAddress":"redis:6379"}}`, allowed, ""},
		{"managed identity off", `{` + creds("msi", "AzureCloud") + `}`, Server{}, "jsonData.azureCredentials.authType"},
		{"managed identity on", `{` + creds("msi", "AzureCloud") + `}`, Server{ManagedIdentity: true}, ""},
		{"workload identity off", `{` + creds("workloadidentity", "AzureCloud") + `}`, Server{ManagedIdentity: true}, "jsonData.azureCredentials.authType"},
		{"workload identity on", `{` + creds("workloadidentity", "AzureCloud") + `}`, Server{WorkloadIdentity: true}, ""},
		{"the demo ignores the endpoints", `{"source":"demo","authorityHost":"https://evil.example","cluster":{"redisAddress":"evil.example:6379"}}`, Server{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secure := secret
			if strings.Contains(tt.jsonData, "redisAddress") {
				secure = map[string]string{"azureClientSecret": "s", "redisPassword": "p"}
			}
			s, err := Load(instance(tt.jsonData, secure))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			err = s.Authorize(tt.srv)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Authorize: %v", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !errors.Is(err, ErrNotAllowed) {
				t.Fatalf("error = %v, want %s not allowed", err, tt.field)
			}
			if !strings.Contains(err.Error(), tt.field) || (strings.Contains(tt.field, "Host") && !strings.Contains(err.Error(), EnvAllowedHosts)) {
				t.Errorf("the message does not say what to change: %v", err)
			}
		})
	}
}
