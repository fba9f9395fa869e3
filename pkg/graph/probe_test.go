package graph

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/settings"
	"github.com/sigdiag/signin-diagnostics/pkg/simulator"
)

func TestProbeErrors(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "https://" + ln.Addr().String()
	ln.Close()
	for _, c := range []struct{ name, auth, graph string; trust bool }{
		{"refused-auth", dead, sim.URL(), true},
		{"untrusted", sim.URL(), sim.URL(), false},
		{"dns", "https://login.nonexistent.invalid", sim.URL(), true},
		{"refused-graph", sim.URL(), dead, true},
	} {
		s := &settings.Settings{GraphAPIVersion: "v1.0", AuthorityHost: c.auth, GraphEndpoint: c.graph,
			AzureCredentials: settings.AzureCredentials{AuthType: settings.AuthClientSecret, AzureCloud: settings.CloudCustomized, TenantID: simulator.DemoTenantID, ClientID: simulator.DemoClientID},
			Secrets: settings.Secrets{ClientSecret: simulator.DemoClientSecret}}
		ep, _ := s.Endpoints()
		tr := &http.Transport{}
		if c.trust {
			tr.TLSClientConfig = &tls.Config{RootCAs: sim.CertPool()}
		}
		hc := &http.Client{Transport: tr}
		cred, _ := NewCredential(s, ep, hc)
		cl, _ := New(Config{Credential: cred, GraphEndpoint: ep.GraphEndpoint, APIVersion: "v1.0", HTTPClient: hc})
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		start := time.Now()
		_, err := cl.List(ctx, Query{From: time.Now().Add(-time.Hour), To: time.Now(), MaxRows: 1})
		cancel()
		fmt.Printf("%s (%v): %T\n  %v\n", c.name, time.Since(start), err, err); if u, ok := err.(interface{ Unwrap() error }); ok { fmt.Printf("INNER: %q\n", u.Unwrap().Error()) }
		for e := err; e != nil; {
			fmt.Printf("   chain %T\n", e)
			u, ok := e.(interface{ Unwrap() error })
			if !ok { break }
			e = u.Unwrap()
		}
	}
}
