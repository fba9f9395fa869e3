package graph

import (
	"context"
	"crypto/tls"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

func startSimulator(t *testing.T, opts simulator.Options) *simulator.Server {
	t.Helper()
	sim, err := simulator.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	return sim
}

// simSettings are settings for a customized cloud whose authority and Graph are the simulator.
func simSettings(sim *simulator.Server, auth settings.AuthType, tenant, client string) *settings.Settings {
	return &settings.Settings{
		Source: settings.SourceGraph, GraphAPIVersion: "v1.0", AuthorityHost: sim.URL(), GraphEndpoint: sim.URL(),
		AzureCredentials: settings.AzureCredentials{AuthType: auth, AzureCloud: settings.CloudCustomized, TenantID: tenant, ClientID: client},
	}
}

// trusting is an HTTP client that trusts the simulator's CA, as SSL_CERT_FILE makes Grafana do.
func trusting(sim *simulator.Server) *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: sim.CertPool(), MinVersion: tls.VersionTLS12}}}
}

// clientFor builds the credential and Graph client exactly as the plugin does.
func clientFor(t *testing.T, sim *simulator.Server, s *settings.Settings, pacer Pacer) *Client {
	t.Helper()
	ep, err := s.Endpoints()
	if err != nil {
		t.Fatal(err)
	}
	hc := trusting(sim)
	cred, err := NewCredential(s, ep, hc)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Credential: cred, GraphEndpoint: ep.GraphEndpoint, APIVersion: s.GraphAPIVersion, HTTPClient: hc, Pacer: pacer})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newClient(t *testing.T, sim *simulator.Server, tenant, client, secret string) *Client {
	t.Helper()
	s := simSettings(sim, settings.AuthClientSecret, tenant, client)
	s.Secrets.ClientSecret = secret
	return clientFor(t, sim, s, nil)
}

// lastHour is a query over the last hour of the simulator's data.
func lastHour(sim *simulator.Server) Query {
	_, to := sim.Dataset().Window()
	return Query{From: to.Add(-time.Hour), To: to, MaxRows: 5}
}

// graphRequests are the simulator's Graph requests (not token requests), oldest first.
func graphRequests(sim *simulator.Server) []simulator.RequestLog {
	var out []simulator.RequestLog
	for _, r := range sim.Requests() {
		if r.Endpoint == "graph" {
			out = append(out, r)
		}
	}
	return out
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// listed lists the span before the newest sign-in of a simulator started with opts, pages of
// pageSize (0: Graph's default), and returns the range's start, the result and the IDs of the
// interactive sign-ins the simulator holds in the range, newest first.
func listed(t *testing.T, opts simulator.Options, span time.Duration, pageSize int) (time.Time, *Result, []string) {
	t.Helper()
	sim := startSimulator(t, opts)
	c := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
	_, to := sim.Dataset().Window()
	from := to.Add(-span)
	res, err := c.List(context.Background(), Query{From: from, To: to, PageSize: pageSize})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range sim.Dataset().Between(from, to) {
		if r.Interactive() {
			want = append(want, r.ID.String())
		}
	}
	return from, res, want
}
