package settings

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

const (
	tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47"
	client = "de8bc8b5-d9f9-48b1-a8ad-b748da725064"
)

func instance(jsonData string, secure map[string]string) backend.DataSourceInstanceSettings {
	return backend.DataSourceInstanceSettings{JSONData: json.RawMessage(jsonData), DecryptedSecureJSONData: secure}
}

func TestLoadValid(t *testing.T) {
	tests := []struct {
		name      string
		jsonData  string
		secure    map[string]string
		authority string
		graph     string
	}{
		{"demo needs nothing", `{"source":"demo"}`, nil, "", ""},
		{"public cloud with secret",
			`{"azureCredentials":{"authType":"clientsecret","tenantId":"` + tenant + `","clientId":"` + client + `"}}`,
			map[string]string{"azureClientSecret": "s3cret"}, "https://login.microsoftonline.com", "https://graph.microsoft.com"},
		{"US Government L5 (DoD) Graph",
			`{"azureCredentials":{"authType":"clientsecret","azureCloud":"AzureUSGovernment","tenantId":"` + tenant + `","clientId":"` + client + `"},"graphEndpoint":"https://dod-graph.microsoft.us"}`,
			map[string]string{"azureClientSecret": "s"}, "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
		{"China with the partner authority",
			`{"azureCredentials":{"authType":"clientsecret","azureCloud":"AzureChinaCloud","tenantId":"` + tenant + `","clientId":"` + client + `"},"authorityHost":"https://login.partner.microsoftonline.cn/"}`,
			map[string]string{"azureClientSecret": "s"}, "https://login.partner.microsoftonline.cn", "https://microsoftgraph.chinacloudapi.cn"},
		{"customized cloud",
			`{"azureCredentials":{"authType":"clientsecret","azureCloud":"AzureCustomizedCloud","tenantId":"` + tenant + `","clientId":"` + client + `"},"authorityHost":"https://127.0.0.1:8443","graphEndpoint":"https://127.0.0.1:8443"}`,
			map[string]string{"azureClientSecret": "s"}, "https://127.0.0.1:8443", "https://127.0.0.1:8443"},
		{"managed identity needs no tenant", `{"azureCredentials":{"authType":"msi"}}`, nil, "https://login.microsoftonline.com", "https://graph.microsoft.com"},
		{"user-assigned managed identity", `{"azureCredentials":{"authType":"msi","clientId":"` + client + `"}}`, nil, "https://login.microsoftonline.com", "https://graph.microsoft.com"},
		{"workload identity from the webhook's variables", `{"azureCredentials":{"authType":"workloadidentity"}}`, nil, "https://login.microsoftonline.com", "https://graph.microsoft.com"},
		{"workload identity with a domain tenant", `{"azureCredentials":{"authType":"workloadidentity","tenantId":"contoso.onmicrosoft.com","clientId":"` + client + `"}}`, nil, "https://login.microsoftonline.com", "https://graph.microsoft.com"},
		{"China with the Graph documentation's authority",
			`{"azureCredentials":{"authType":"clientcertificate","azureCloud":"AzureChinaCloud","tenantId":"` + tenant + `","clientId":"` + client + `"}}`,
			map[string]string{"azureClientCertificate": "pem"}, "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"},
		{"US Government L4", `{"azureCredentials":{"authType":"msi","azureCloud":"AzureUSGovernment"}}`, nil, "https://login.microsoftonline.us", "https://graph.microsoft.us"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(instance(tt.jsonData, tt.secure))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if tt.authority == "" {
				return
			}
			ep, err := s.Endpoints()
			if err != nil {
				t.Fatal(err)
			}
			if ep.AuthorityHost != tt.authority || ep.GraphEndpoint != tt.graph {
				t.Errorf("endpoints = %+v, want %s and %s", ep, tt.authority, tt.graph)
			}
		})
	}
}

func TestLoadNamesTheBadField(t *testing.T) {
	creds := `"azureCredentials":{"authType":"clientsecret","tenantId":"` + tenant + `","clientId":"` + client + `"}`
	secret := map[string]string{"azureClientSecret": "s"}
	tests := []struct {
		name, jsonData string
		secure         map[string]string
		field          string
	}{
		{"bad JSON", `{`, nil, "jsonData"},
		{"unknown source", `{"source":"csv"}`, nil, "jsonData.source"},
		{"unknown API version", `{"source":"demo","graphApiVersion":"v2"}`, nil, "jsonData.graphApiVersion"},
		{"unknown auth type", `{"azureCredentials":{"authType":"password"}}`, nil, "jsonData.azureCredentials.authType"},
		{"missing tenant", `{"azureCredentials":{"authType":"clientsecret","clientId":"` + client + `"}}`, secret, "jsonData.azureCredentials.tenantId"},
		{"tenant of hyphens", `{"azureCredentials":{"authType":"clientsecret","tenantId":"------------------------------------","clientId":"` + client + `"}}`, secret, "jsonData.azureCredentials.tenantId"},
		{"workload identity with a bad tenant", `{"azureCredentials":{"authType":"workloadidentity","tenantId":"not a tenant"}}`, nil, "jsonData.azureCredentials.tenantId"},
		{"managed identity with a bad client ID", `{"azureCredentials":{"authType":"msi","clientId":"my-identity"}}`, nil, "jsonData.azureCredentials.clientId"},
		{"beta spelled wrong", `{` + creds + `,"graphApiVersion":"Beta"}`, secret, "jsonData.graphApiVersion"},
		{"client ID not a GUID", `{"azureCredentials":{"authType":"clientsecret","tenantId":"` + tenant + `","clientId":"my-app"}}`, secret, "jsonData.azureCredentials.clientId"},
		{"missing secret", `{` + creds + `}`, nil, "secureJsonData.azureClientSecret"},
		{"missing certificate", `{"azureCredentials":{"authType":"clientcertificate","tenantId":"` + tenant + `","clientId":"` + client + `"}}`, nil, "secureJsonData.azureClientCertificate"},
		{"unknown cloud", `{"azureCredentials":{"authType":"clientsecret","azureCloud":"Mars","tenantId":"` + tenant + `","clientId":"` + client + `"}}`, secret, "jsonData.azureCredentials.azureCloud"},
		{"customized cloud without endpoints", `{"azureCredentials":{"authType":"clientsecret","azureCloud":"AzureCustomizedCloud","tenantId":"` + tenant + `","clientId":"` + client + `"}}`, secret, "jsonData.authorityHost"},
		{"http authority", `{` + creds + `,"authorityHost":"http://login.example.com"}`, secret, "jsonData.authorityHost"},
		{"graph endpoint with a path", `{` + creds + `,"graphEndpoint":"https://graph.microsoft.com/v1.0"}`, secret, "jsonData.graphEndpoint"},
		{"huge inline rules", `{"source":"demo","customRules":"` + strings.Repeat("x", MaxCustomRulesBytes+1) + `"}`, nil, "jsonData.customRules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(instance(tt.jsonData, tt.secure))
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Load error = %v, want a *FieldError", err)
			}
			if fe.Field != tt.field {
				t.Errorf("field = %q, want %q (%v)", fe.Field, tt.field, err)
			}
		})
	}
}

func TestSecretsNeverInErrors(t *testing.T) {
	const secret = "Sup3r~Secret.Value"
	_, err := Load(instance(`{"azureCredentials":{"authType":"clientsecret","tenantId":"`+tenant+`","clientId":"nope"}}`, map[string]string{"azureClientSecret": secret}))
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Fatalf("error %v must exist and must not contain the secret", err)
	}
	s, err := Load(instance(`{"source":"demo"}`, map[string]string{"azureClientSecret": secret}))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(s)
	if strings.Contains(string(b), secret) {
		t.Fatal("marshalled settings contain the secret")
	}
}

func TestPortals(t *testing.T) {
	for _, tc := range []struct {
		cloud        Cloud
		admin, azure string
	}{
		{CloudPublic, "https://entra.microsoft.com", "https://portal.azure.com"},
		{CloudUSGov, "https://portal.azure.us", "https://portal.azure.us"},
		{CloudChina, "https://portal.azure.cn", "https://portal.azure.cn"},
		{CloudCustomized, "https://entra.microsoft.com", "https://portal.azure.com"},
		{"", "https://entra.microsoft.com", "https://portal.azure.com"},
	} {
		s := &Settings{AzureCredentials: AzureCredentials{AzureCloud: tc.cloud}}
		if got := s.Portals(); got.AdminCenter != tc.admin || got.Azure != tc.azure {
			t.Errorf("%q: got %+v, want admin center %s and Azure portal %s", tc.cloud, got, tc.admin, tc.azure)
		}
	}
}
