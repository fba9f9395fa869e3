package settings

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"go.yaml.in/yaml/v3"
)

// The cluster examples people copy, the README's and the provisioning template's, are valid settings.
func TestClusterExamplesLoad(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Running in a Grafana cluster")
	_, block, _ := strings.Cut(section, "```yaml\n")
	block, _, _ = strings.Cut(block, "```")

	prov, err := os.ReadFile("../../provisioning/datasources/signin-diagnostics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, tmpl, found := strings.Cut(string(prov), "  # - name: Sign-in Diagnostics (cluster)\n")
	if !found || block == "" {
		t.Fatal("the README section or the provisioning template is missing")
	}
	var lines []string
	for _, l := range strings.Split("  # - name: Sign-in Diagnostics (cluster)\n"+tmpl, "\n") {
		if !strings.HasPrefix(l, "  #") {
			break
		}
		lines = append(lines, "  "+strings.TrimPrefix(strings.TrimPrefix(l, "  #"), " "))
	}
	// The README's grafana.ini allows the examples' Redis.
	_, ini, _ := strings.Cut(string(readme), "\nallowed_hosts = ")
	ini, _, _ = strings.Cut(ini, "\n")
	srv := ServerFromEnv(func(k string) string { return map[string]string{EnvAllowedHosts: ini}[k] })
	examples := map[string]string{"README": block, "provisioning template": "datasources:\n" + strings.Join(lines, "\n")}
	for name, text := range examples {
		t.Run(name, func(t *testing.T) {
			var f struct {
				Datasources []struct {
					JSONData       map[string]any    `yaml:"jsonData"`
					SecureJSONData map[string]string `yaml:"secureJsonData"`
				} `yaml:"datasources"`
			}
			if err := yaml.Unmarshal([]byte(os.Expand(text, func(string) string { return "from-the-environment" })), &f); err != nil || len(f.Datasources) != 1 {
				t.Fatalf("%v, %d data sources in\n%s", err, len(f.Datasources), text)
			}
			ds := f.Datasources[0]
			raw, _ := json.Marshal(ds.JSONData)
			s, err := Load(backend.DataSourceInstanceSettings{JSONData: raw, DecryptedSecureJSONData: ds.SecureJSONData})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Authorize(srv); err != nil {
				t.Errorf("the README's allowed_hosts (%q) does not allow it: %v", ini, err)
			}
			if !s.Cluster.Enabled() || !s.Cluster.RedisTLS || s.Secrets.RedisPassword == "" {
				t.Errorf("cluster = %+v, password set %v", s.Cluster, s.Secrets.RedisPassword != "")
			}
		})
	}
}
