package e2e

import (
	"context"
	"encoding/json"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

// healthCase is one "Save & test" and what its message must say.
type healthCase struct {
	name string
	ds   backend.DataSourceInstanceSettings
	// want are phrases of the message; code is JSONDetails.code.
	want []string
	code string
}

// testHealth: every failure names its cause and its fix, in the message and in the details,
// and never shows the secret.
func (env *graphEnv) testHealth(t *testing.T) {
	_, strayKey, err := simulator.NewClientCertificate("not-registered")
	if err != nil {
		t.Fatal(err)
	}
	dead := deadURL(t)
	customized := map[string]string{"tenantId": simulator.DemoTenantID, "clientId": simulator.DemoClientID}
	demoSecret := map[string]string{"azureClientSecret": simulator.DemoClientSecret}
	cases := []healthCase{
		{"wrong secret", env.secretDS(simulator.DemoTenantID, simulator.DemoClientID, appSecret),
			[]string{"Entra ID did not accept the credentials", "AADSTS7000215", "the client secret is wrong", "Value (not its Secret ID)"}, "AADSTS7000215"},
		{"expired secret", env.secretDS(simulator.DemoTenantID, expiredApp, appSecret),
			[]string{"AADSTS7000222", "expired", "new client secret"}, "AADSTS7000222"},
		{"unknown app", env.secretDS(simulator.DemoTenantID, "00000000-1111-4222-8333-444444444444", appSecret),
			[]string{"AADSTS700016", "no app with this client ID"}, "AADSTS700016"},
		{"unknown tenant", env.secretDS("99999999-8888-4777-8666-555555555555", simulator.DemoClientID, appSecret),
			[]string{"The cloud or endpoints do not match the tenant", "AADSTS90002", "tenant was not found"}, "AADSTS90002"},
		{"certificate not registered", env.dataSource(env.sim, map[string]string{"authType": "clientcertificate", "clientId": certApp},
			map[string]string{"azureClientCertificate": string(strayKey)}, nil),
			[]string{"AADSTS700027", "certificate was not accepted"}, "AADSTS700027"},
		{"no P1/P2 licence", env.secretDS(otherTenant, noLicence, appSecret),
			[]string{"licence does not allow reading sign-in logs", "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "P1 or P2", "Directory.Read.All"},
			"Authentication_RequestFromNonPremiumTenantOrB2CTenant"},
		{"missing AuditLog.Read.All", env.secretDS(otherTenant, noAuditApp, appSecret),
			[]string{"missing a Microsoft Graph permission", "Authentication_MSGraphPermissionMissing", "AuditLog.Read.All", "Grant admin consent"},
			"Authentication_MSGraphPermissionMissing"},
		{"nothing listening", env.dataSource(env.sim, customized, demoSecret, map[string]any{"authorityHost": dead}),
			[]string{"Grafana cannot connect", "could not reach " + dead, "connection refused"}, ""},
		{"TLS certificate not trusted", env.dataSource(env.untrusted, customized, demoSecret, nil),
			[]string{"Grafana cannot connect", "could not reach " + env.untrusted.URL(), "TLS certificate is not trusted", "CA certificate"}, ""},
		{"Graph endpoint of another cloud", env.dataSource(env.sim, customized, demoSecret, map[string]any{"graphEndpoint": "https://graph.microsoft.us"}),
			[]string{"The cloud or endpoints do not match the tenant", "AADSTS500011", "graph.microsoft.us"}, "AADSTS500011"},
		{"client ID not a GUID", env.dataSource(env.sim, map[string]string{"clientId": "my-app"}, demoSecret, nil),
			[]string{"settings are not valid", "jsonData.azureCredentials.clientId", "GUID"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { env.assertHealthError(t, c) })
	}
	t.Run("working", func(t *testing.T) {
		res := checkHealth(t, env, env.secretDS(simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret))
		if res.Status != backend.HealthStatusOk || !strings.Contains(res.Message, "Connected to "+env.sim.URL()+"/v1.0") {
			t.Fatalf("health = %v %q", res.Status, res.Message)
		}
	})
}

func (env *graphEnv) assertHealthError(t *testing.T, c healthCase) {
	t.Helper()
	res := checkHealth(t, env, c.ds)
	if res.Status != backend.HealthStatusError {
		t.Fatalf("status %v, message %q", res.Status, res.Message)
	}
	for _, w := range c.want {
		if !strings.Contains(res.Message, w) {
			t.Errorf("message %q lacks %q", res.Message, w)
		}
	}
	var details map[string]any
	if err := json.Unmarshal(res.JSONDetails, &details); err != nil {
		t.Fatal(err)
	}
	if v, _ := details["verboseMessage"].(string); !strings.Contains(v, "Setup guide: ") {
		t.Errorf("verboseMessage %q", v)
	}
	if c.code != "" && (details["code"] != c.code || details["docs"] == nil) {
		t.Errorf("details code %v docs %v, want %s and a documentation link", details["code"], details["docs"], c.code)
	}
	for _, secret := range []string{appSecret, simulator.DemoClientSecret} {
		if strings.Contains(res.Message+string(res.JSONDetails), secret) {
			t.Fatal("the secret appears in the health result")
		}
	}
	t.Logf("%s", res.Message)
}

func checkHealth(t *testing.T, env *graphEnv, ds backend.DataSourceInstanceSettings) *backend.CheckHealthResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := env.plugin.CheckHealth(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// deadURL is an https URL on a loopback port where nothing listens.
func deadURL(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return "https://" + addr
}
