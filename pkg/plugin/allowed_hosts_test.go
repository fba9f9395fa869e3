package plugin

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// The instance reads the server's decisions from its environment when Grafana creates it: a
// host outside them leaves it without a Graph client or Redis backend, and health and every
// query (even the rules listing, which needs no network) name the setting; allowing the host
// in the environment, as grafana.ini's plugin section does, builds the clients.
func TestInstanceRefusesWhatTheServerDidNotAllow(t *testing.T) {
	jsonData, _ := json.Marshal(map[string]any{
		"authorityHost": "https://login.example.org", "graphEndpoint": "https://graph.microsoft.com",
		"azureCredentials": map[string]string{"authType": "clientsecret", "azureCloud": "AzureCustomizedCloud",
			"tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "clientId": "de8bc8b5-d9f9-48b1-a8ad-b748da725064"},
	})
	instance := backend.DataSourceInstanceSettings{UID: "allowed-hosts", JSONData: jsonData,
		DecryptedSecureJSONData: map[string]string{"azureClientSecret": "s"}}
	newDS := func() *Datasource {
		inst, err := NewDatasource(context.Background(), instance)
		if err != nil {
			t.Fatal(err)
		}
		ds := inst.(*Datasource)
		t.Cleanup(ds.Dispose)
		return ds
	}

	t.Setenv(settings.EnvAllowedHosts, "graph.example.org")
	ds := newDS()
	if ds.source != nil || ds.cluster != nil {
		t.Fatal("clients were built for a host the server did not allow")
	}
	h, err := ds.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	if err != nil || h.Status != backend.HealthStatusError || !strings.Contains(h.Message, "jsonData.authorityHost names login.example.org") {
		t.Fatalf("health: %+v %v", h, err)
	}
	resp, _ := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		dataQuery("rules", "rules", `{}`), dataQuery("signins", "signins", `{}`), dataQuery("bad", "signins", `{"status":"nope"}`)}})
	for refID, r := range resp.Responses {
		if r.Error == nil || !strings.Contains(r.Error.Error(), settings.EnvAllowedHosts) {
			t.Errorf("query %s: %v", refID, r.Error)
		}
	}

	t.Setenv(settings.EnvAllowedHosts, "graph.example.org, login.example.org")
	if ds := newDS(); ds.initErr != nil || ds.source == nil {
		t.Fatalf("allowed, yet: %v", ds.initErr)
	}
}
