package ruleset

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/bundletest"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// startBundle polls srv every second, like a data source with pollSeconds 1, and counts the
// changes it reports.
func startBundle(t *testing.T, cfg settings.RulesBundle, token string) (*Bundle, *atomic.Int64) {
	t.Helper()
	if cfg.KeyID == "" {
		cfg.KeyID, cfg.Algorithm = "default", "RS256"
	}
	cfg.PollSeconds = 1
	var changes atomic.Int64
	b, err := NewBundle(cfg, token, func() { changes.Add(1) })
	if err != nil {
		t.Fatal(err)
	}
	b.Start(context.Background())
	t.Cleanup(func() { b.Stop(context.Background()) })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b.WaitFirst(ctx)
	return b, &changes
}

func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); !ok(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestBundleServesItsRulesAndTests(t *testing.T) {
	srv := bundletest.Serve(t, map[string]string{"contoso/proxy.rego": ourProxy, "contoso/proxy_test.rego": ourProxyTest})
	b, changes := startBundle(t, settings.RulesBundle{URL: srv.URL}, "")
	set, err := Build(context.Background(), Options{Sources: []Source{b}}, nil)
	if err != nil || set.Refused != nil {
		t.Fatalf("%v, refused %v", err, set.Refused)
	}
	if set.UserFiles != 1 || set.TestsRun != 1 || !explains90025(t, set, "contoso-proxy") {
		t.Errorf("%d files, %d tests; want the bundle's rule and its test", set.UserFiles, set.TestsRun)
	}
	// Unchanged: the server answers 304 and nothing is rebuilt.
	requests := srv.Requests.Load()
	eventually(t, "two more polls", func() bool { return srv.Requests.Load() >= requests+2 })
	if changes.Load() != 1 {
		t.Errorf("%d changes for one bundle polled three times", changes.Load())
	}
	// A new bundle arrives at the next poll.
	srv.Set(map[string]string{"contoso/proxy.rego": strings.Replace(ourProxy, "Our proxy", "Our proxy, v2", 1)}, nil)
	eventually(t, "the new bundle", func() bool { return changes.Load() == 2 })
	next, err := Build(context.Background(), Options{Sources: []Source{b}}, set)
	if err != nil || next.Refused != nil || next.Fingerprint == set.Fingerprint || next.TestsRun != 0 {
		t.Fatalf("after the update: %v, refused %v, tests %d", err, next.Refused, next.TestsRun)
	}
	// A server that fails later: the last good bundle keeps serving, and says why.
	srv.Fail(http.StatusInternalServerError)
	eventually(t, "the failure to be seen", func() bool { return b.LastError() != nil })
	if f, err := b.Read(context.Background()); err != nil || len(f.Modules) != 1 {
		t.Errorf("after a failed poll: %v, %d modules; want the last good bundle", err, len(f.Modules))
	}
}

func TestBundleRefusals(t *testing.T) {
	key, other := bundletest.Key(t), bundletest.Key(t)
	files := map[string]string{"contoso/proxy.rego": ourProxy}
	// tampered is a bundle signed with key whose rule was edited after signing.
	tampered := func(t *testing.T) []byte {
		b := bundle.Bundle{Data: map[string]any{}, Modules: []bundle.ModuleFile{{URL: "/contoso/proxy.rego", Path: "/contoso/proxy.rego", Raw: []byte(ourProxy)}}}
		if err := b.GenerateSignature(bundle.NewSigningConfig(bundletest.PrivatePEM(t, key), "RS256", ""), "default", false); err != nil {
			t.Fatal(err)
		}
		b.Modules[0].Raw = []byte(strings.Replace(ourProxy, "medium", "low", 1))
		var buf bytes.Buffer
		if err := bundle.NewWriter(&buf).DisableFormat(true).Write(b); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	tests := []struct {
		name   string
		body   func(t *testing.T) []byte
		cfg    settings.RulesBundle
		token  string
		status int
		err    string // empty: accepted
	}{
		{name: "signed with the configured key", body: func(t *testing.T) []byte { return bundletest.Build(t, files, key) },
			cfg: settings.RulesBundle{PublicKey: bundletest.PublicPEM(t, key)}},
		{name: "unsigned while a key is configured", body: func(t *testing.T) []byte { return bundletest.Build(t, files, nil) },
			cfg: settings.RulesBundle{PublicKey: bundletest.PublicPEM(t, key)}, err: "signature"},
		{name: "edited after signing", body: tampered, cfg: settings.RulesBundle{PublicKey: bundletest.PublicPEM(t, key)}, err: "digest mismatch"},
		{name: "signed with another key", body: func(t *testing.T) []byte { return bundletest.Build(t, files, other) },
			cfg: settings.RulesBundle{PublicKey: bundletest.PublicPEM(t, key)}, err: "verification"},
		{name: "data documents", body: func(t *testing.T) []byte {
			return bundletest.Build(t, map[string]string{"contoso/proxy.rego": ourProxy, "data.json": `{"x": 1}`}, nil)
		}, err: "data documents"},
		{name: "no rules", body: func(t *testing.T) []byte { return bundletest.Build(t, map[string]string{}, nil) }, err: "no .rego rules"},
		{name: "not found", status: http.StatusNotFound, err: "Not Found"},
		{name: "token required and given", token: "t0ken", body: func(t *testing.T) []byte { return bundletest.Build(t, files, nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := bundletest.Serve(t, files)
			if tt.body != nil {
				srv.SetBytes(tt.body(t))
			}
			srv.Fail(tt.status)
			if tt.token != "" {
				srv.RequireToken(tt.token)
			}
			cfg := tt.cfg
			cfg.URL = srv.URL
			b, _ := startBundle(t, cfg, tt.token)
			f, err := b.Read(context.Background())
			if tt.err == "" {
				if err != nil || len(f.Modules) != 1 {
					t.Fatalf("Read: %v, %d modules; want the bundle's rule", err, len(f.Modules))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "jsonData.rulesBundle.url") {
				t.Errorf("Read: %v; want an error naming the setting and %q", err, tt.err)
			}
		})
	}
}
