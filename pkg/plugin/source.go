package plugin

import (
	"context"
	"crypto/tls"
	"net/http"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
	"github.com/sigdiag/signin-diagnostics/pkg/cluster"
	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/metrics"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// newSource builds the Graph client. The demo tenant runs the very same client against the
// in-process simulator, which plays Entra (tokens) and Graph (sign-ins) on 127.0.0.1. With a
// Redis backend (cb, nil when none) the pacer and the cache's second level are shared by the
// Grafana replicas; uid names the data source's keys there. The client tells obs about its
// requests, for the operator's metrics and traces.
func newSource(_ context.Context, s *settings.Settings, cb *cluster.Backend, uid string, obs *metrics.DataSource) (SignInSource, []func(), error) {
	var closers []func()
	var httpClient *http.Client
	demo := s.Source == settings.SourceDemo
	if demo {
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
	client, err := graph.New(graph.Config{Credential: cred, GraphEndpoint: ep.GraphEndpoint, APIVersion: s.GraphAPIVersion,
		HTTPClient: httpClient, Pacer: pacerFor(s, ep, demo, cb), Observer: obs})
	if err != nil {
		return nil, closers, err
	}
	// Every panel of a dashboard, and every refresh, reads the same hours of sign-ins again,
	// while Graph allows only 5 requests per 10 seconds per app and tenant: the cache answers
	// what was already read and sends Graph only the missing (and the still-changing) part.
	// The demo is cached too, so it behaves, and is tested, as a real tenant does.
	opt := cache.Options{}
	if cb != nil {
		opt.Shared = cb.Store(uid)
	}
	if demo || cb != nil {
		// The demo's simulator lives and dies with its instance; with Redis, the shared level
		// already keeps the buckets across instances.
		return cache.New(client, opt), closers, nil
	}
	tenant, clientID := graph.Identity(s)
	return keptCache([]string{uid, ep.AuthorityHost, ep.GraphEndpoint, s.GraphAPIVersion, tenant, clientID}, client, opt), closers, nil
}

// pacerFor is the process-wide pacer of the app and tenant, shared by every instance that
// uses them. The demo's simulator belongs to its instance and has no rate limit: pacing it
// would only slow the demo down. With Redis, the budget is shared by the replicas too, and
// the process's pacer takes over while Redis is unreachable.
func pacerFor(s *settings.Settings, ep settings.Endpoints, demo bool, cb *cluster.Backend) graph.Pacer {
	if demo {
		return graph.Unpaced
	}
	tenant, client := graph.Identity(s)
	local := graph.SharedPacer(ep.AuthorityHost, tenant, client)
	if cb != nil {
		return cb.Pacer(ep.AuthorityHost, tenant, client, cluster.GraphLimit, local)
	}
	return local
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
