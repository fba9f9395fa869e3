package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

// Every query type, the health check and every resource, run with known secret values, for
// data sources that work and data sources that fail: no secret (client secrets, the
// certificate's private key, the managed identity header, any access token the simulator
// issued) appears in a frame, notice, error, health message, resource body or log line; per
// query detail is logged at Debug only, and no log line holds a URL with a token.
func TestSecretsNeverLeak(t *testing.T) {
	const (
		secretApp  = "4d5e6f7a-8b9c-4dad-8ebf-c0d1e2f3a4b5"
		betaApp    = "6f7a8b9c-adbe-4fc0-9d1e-2f3a4b5c6d7e"
		expiredApp = "5e6f7a8b-9cad-4ebf-8c0d-1e2f3a4b5c6d"
	)
	suffix := fmt.Sprint(time.Now().UnixNano())
	goodSecret, wrongSecret, expiredSecret, invalidSecret := "Good8Q~"+suffix, "Wrong8Q~"+suffix, "Expired8Q~"+suffix, "Invalid8Q~"+suffix
	certPEM, certKey, err := simulator.NewClientCertificate("secrets-e2e")
	if err != nil {
		t.Fatal(err)
	}
	sim := startSim(t, []simulator.Client{
		{TenantID: simulator.DemoTenantID, ClientID: secretApp, Secret: goodSecret},
		{TenantID: simulator.DemoTenantID, ClientID: betaApp, Secret: goodSecret},
		{TenantID: simulator.DemoTenantID, ClientID: certApp, CertificatePEM: certPEM},
		{TenantID: simulator.DemoTenantID, ClientID: expiredApp, Secret: expiredSecret, SecretExpired: true},
	})
	env := startPlugin(t, []string{"IDENTITY_ENDPOINT=" + sim.ManagedIdentityEndpoint(), "IDENTITY_HEADER=" + simulator.ManagedIdentityHeader}, sim)
	base := &graphEnv{}
	sources := map[string]backend.DataSourceInstanceSettings{
		"client secret":    graphSource(sim, simulator.DemoTenantID, secretApp, goodSecret, map[string]any{"customRules": "package signin.rules.mine\n\nfindings contains {\"ruleId\": \"mine\"} if input.status.errorCode == 50126\n"}),
		"certificate":      base.dataSource(sim, map[string]string{"authType": "clientcertificate", "clientId": certApp}, map[string]string{"azureClientCertificate": string(certKey)}, nil),
		"managed identity": base.dataSource(sim, map[string]string{"authType": "msi", "tenantId": ""}, nil, nil),
		"wrong secret":     graphSource(sim, simulator.DemoTenantID, secretApp, wrongSecret, nil),
		"expired secret":   graphSource(sim, simulator.DemoTenantID, expiredApp, expiredSecret, nil),
		"invalid settings": graphSource(sim, simulator.DemoTenantID, "not-a-guid", invalidSecret, nil),
		"unreachable":      graphSource(sim, simulator.DemoTenantID, secretApp, goodSecret, map[string]any{"graphEndpoint": deadURL(t)}),
		"beta":             graphSource(sim, simulator.DemoTenantID, betaApp, goodSecret, map[string]any{"graphApiVersion": "beta"}),
	}
	// Each data source's app has its own Graph pacer (5 requests per 11 s): checking them at
	// the same time keeps the test to about a minute.
	var mu sync.Mutex
	var seen strings.Builder // everything the plugin returned
	record := func(what string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%s: %v", what, err)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		seen.WriteString(what + ": " + string(b) + "\n")
	}
	requestID := recentFailureID(t, sim.Dataset())
	var wg sync.WaitGroup
	for name, ds := range sources {
		wg.Go(func() { exercise(t, env, name, ds, requestID, record) })
	}
	wg.Wait()
	secrets := map[string]string{"client secret": goodSecret, "wrong secret": wrongSecret, "expired secret": expiredSecret,
		"secret of invalid settings": invalidSecret, "managed identity header": simulator.ManagedIdentityHeader}
	for i, line := range strings.Split(string(certKey), "\n") {
		if len(line) > 40 && !strings.HasPrefix(line, "-----") {
			secrets[fmt.Sprintf("private key line %d", i)] = line
		}
	}
	tokens := sim.IssuedTokens()
	if len(tokens) < 3 {
		t.Fatalf("only %d tokens issued: the data sources did not reach Graph", len(tokens))
	}
	for i, tok := range tokens {
		secrets[fmt.Sprintf("access token %d", i)] = tok
		// The signature alone is secret enough to look for.
		secrets[fmt.Sprintf("access token %d signature", i)] = tok[strings.LastIndex(tok, ".")+1:]
	}
	out, logs := seen.String(), env.logs.String()
	for what, v := range secrets {
		if strings.Contains(out, v) {
			t.Errorf("the %s appears in what the plugin returned", what)
		}
		if strings.Contains(logs, v) {
			t.Errorf("the %s appears in the plugin's log", what)
		}
	}
	for _, marker := range []string{"Bearer ", "client_secret=", "client_assertion=", "access_token"} {
		if strings.Contains(out, marker) || strings.Contains(logs, marker) {
			t.Errorf("%q appears in the output or the log", marker)
		}
	}
	checkLogLevels(t, logs)
	t.Logf("checked %d secrets in %d KB of answers and %d KB of log", len(secrets), len(out)>>10, len(logs)>>10)
}

// exercise runs the health check, every query type and every resource on one data source.
func exercise(t *testing.T, env *pluginProcess, name string, ds backend.DataSourceInstanceSettings, requestID string, record func(string, any)) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	health, err := env.plugin.CheckHealth(ctx, ds)
	if err != nil {
		t.Errorf("%s: health: %v", name, err)
		return
	}
	record(name+" health", map[string]any{"status": health.Status, "message": health.Message, "details": string(health.JSONDetails)})
	res, err := env.plugin.QueryData(ctx, ds, nil, everyQueryType(requestID)...)
	if err != nil {
		t.Errorf("%s: QueryData: %v", name, err)
		return
	}
	for refID, r := range res.Responses {
		if r.Error != nil {
			record(name+" "+refID+" error", r.Error.Error())
		}
	}
	record(name+" queries", res)
	for _, rq := range everyResource() {
		out, err := env.plugin.CallResource(ctx, ds, rq.method, rq.path, rq.body)
		if err != nil {
			t.Errorf("%s: %s %s: %v", name, rq.method, rq.path, err)
			return
		}
		record(name+" "+rq.path, map[string]any{"status": out.Status, "body": string(out.Body)})
	}
	t.Logf("%s: health %q", name, health.Message)
}

// checkLogLevels: per-query lines are Debug, and lines above Debug hold no URL.
func checkLogLevels(t *testing.T, logs string) {
	t.Helper()
	queries := 0
	for _, line := range strings.Split(logs, "\n") {
		// The plugin's JSON lines pass through as they are; go-plugin's own are hclog text.
		debug := strings.Contains(line, `"@level":"debug"`) || strings.Contains(line, `"@level":"trace"`) ||
			strings.Contains(line, "[DEBUG]") || strings.Contains(line, "[TRACE]")
		if strings.Contains(line, "Query answered") {
			queries++
			if !debug {
				t.Errorf("a per-query line above Debug: %s", line)
			}
		}
		if !debug && (strings.Contains(line, "https://") || strings.Contains(line, "skiptoken")) {
			t.Errorf("a URL logged above Debug: %.300s", line)
		}
	}
	if queries == 0 {
		t.Error("no per-query Debug line was logged")
	}
}

// everyQueryType is one query of each type (and each variable kind).
func everyQueryType(requestID string) []backend.DataQuery {
	now := time.Now()
	q := func(refID, queryType, model string) backend.DataQuery {
		return backend.DataQuery{RefID: refID, QueryType: queryType, JSON: json.RawMessage(model), Interval: time.Minute, MaxDataPoints: 200,
			TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}
	}
	out := []backend.DataQuery{
		q("signins", "signins", `{"status":"all"}`),
		q("timeseries", "timeseries", `{"status":"failure","groupBy":"cause"}`),
		q("breakdown", "breakdown", `{"status":"all","groupBy":"errorCode"}`),
		q("rules", "rules", `{}`),
		q("explain", "explain", `{"requestId":"`+requestID+`"}`),
		q("patterns", "patterns", `{}`),
		q("annotations", "annotations", `{}`),
		q("bad", "signins", `{"status":"nope"}`),
	}
	for _, v := range []string{"apps", "users", "errorCodes", "causes", "categories", "countries", "clientApps"} {
		out = append(out, q("variable-"+v, "variable", `{"variable":"`+v+`"}`))
	}
	return out
}

type resourceCall struct {
	method, path string
	body         []byte
}

// everyResource is every resource the plugin serves, and one it does not.
func everyResource() []resourceCall {
	out := []resourceCall{
		{http.MethodGet, "rules", nil},
		{http.MethodPost, "rules/validate", []byte(`{"rules":"package signin.rules.x\n\nfindings contains {\"ruleId\": \"x\"} if http.send({})\n"}`)},
		{http.MethodPost, "rules/validate", []byte(`not json`)},
		{http.MethodGet, "nothing/here", nil},
	}
	to := time.Now()
	hour := fmt.Sprintf("&from=%d&to=%d", to.Add(-time.Hour).UnixMilli(), to.UnixMilli())
	for _, v := range []string{"apps", "users", "errorCodes", "causes", "categories", "countries", "clientApps"} {
		out = append(out, resourceCall{http.MethodGet, "values/" + v + "?q=a" + hour, nil})
	}
	return out
}
