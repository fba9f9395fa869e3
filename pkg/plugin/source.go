package plugin

import (
	"context"
	"crypto/tls"
	"net/http"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
	"github.com/sigdiag/signin-diagnostics/pkg/simulator"
)

// newSource builds the Graph client. The demo tenant runs the very same client against the
// in-process simulator, which plays Entra (tokens) and Graph (sign-ins) on 127.0.0.1.
func newSource(_ context.Context, s *settings.Settings) (SignInSource, []func(), error) {
	var closers []func()
	var httpClient *http.Client
	if s.Source == settings.SourceDemo {
		sim, err := simulator.Start(simulator.Options{})
		if err != nil {
			return nil, nil, err
		}
		closers = append(closers, sim.Close)
		s = demoSettings(s, sim.URL())
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.TLSClientConfig = &tls.Config{RootCAs: sim.CertPool(), MinVersion: tls.VersionTLS12}
		httpClient = &http.Client{Transport: transport}
	}
	ep, err := s.Endpoints()
	if err != nil {
		return nil, closers, err
	}
	cred, err := graph.NewCredential(s, ep, httpClient)
	if err != nil {
		return nil, closers, err
	}
	client, err := graph.New(graph.Config{Credential: cred, GraphEndpoint: ep.GraphEndpoint, APIVersion: s.GraphAPIVersion, HTTPClient: httpClient})
	return client, closers, err
}

// demoSettings points a copy of the settings at the simulator with the demo app registration.
func demoSettings(s *settings.Settings, url string) *settings.Settings {
	demo := *s
	demo.AzureCredentials = settings.AzureCredentials{
		AuthType: settings.AuthClientSecret, AzureCloud: settings.CloudCustomized,
		TenantID: simulator.DemoTenantID, ClientID: simulator.DemoClientID,
	}
	demo.AuthorityHost, demo.GraphEndpoint = url, url
	demo.Secrets = settings.Secrets{ClientSecret: simulator.DemoClientSecret}
	return &demo
}
