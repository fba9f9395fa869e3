package settings

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// FuzzLoad feeds any jsonData and secrets to the settings loader: it never panics, every
// refusal names a field, and neither an error nor the marshalled settings ever hold a secret
// (unless the admin pasted it into a plain jsonData field themselves).
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`{"source":"demo"}`,
		`{"azureCredentials":{"authType":"clientsecret","tenantId":"` + tenant + `","clientId":"` + tenant + `"}}`,
		`{"azureCredentials":{"authType":"clientcertificate","azureCloud":"AzureCustomizedCloud","tenantId":"contoso.onmicrosoft.com","clientId":"` + tenant + `"},"authorityHost":"https://127.0.0.1:1","graphEndpoint":"https://127.0.0.1:1/x"}`,
		`{"azureCredentials":{"authType":"msi"},"graphApiVersion":"beta","patternThresholds":{"password-spray":{"minUsers":10}}}`,
		`{"azureCredentials":{"authType":"workloadidentity","azureCloud":"AzureUSGovernment"},"graphEndpoint":"https://dod-graph.microsoft.us"}`,
		`{"source":" DEMO ","customRules":"package x"}`,
		`{"azureCredentials":null,"source":7}`,
		`[]`,
	} {
		f.Add([]byte(seed), "Sup3r~Secret.Value-0123456789", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
	}
	f.Fuzz(func(t *testing.T, jsonData []byte, secret, cert string) {
		s, err := Load(backend.DataSourceInstanceSettings{JSONData: jsonData,
			DecryptedSecureJSONData: map[string]string{"azureClientSecret": secret, "azureClientCertificate": cert}})
		leaks := func(text string) bool {
			for _, v := range []string{secret, cert} {
				if len(v) >= 6 && strings.Contains(text, v) && !strings.Contains(string(jsonData), v) {
					return true
				}
			}
			return false
		}
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || !strings.HasPrefix(fe.Field, "jsonData") && !strings.HasPrefix(fe.Field, "secureJsonData") {
				t.Fatalf("error %q (%T) names no settings field", err, err)
			}
			if leaks(err.Error()) {
				t.Fatalf("error %q holds a secret", err)
			}
			return
		}
		body, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("settings do not marshal: %v", err)
		}
		if leaks(string(body)) {
			t.Fatalf("marshalled settings %s hold a secret", body)
		}
		if s.Source == SourceGraph {
			if _, err := s.Endpoints(); err != nil {
				t.Fatalf("valid settings have no endpoints: %v", err)
			}
		}
	})
}
