package ruleset

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/download"
	"github.com/open-policy-agent/opa/v1/keys"
	"github.com/open-policy-agent/opa/v1/logging"
	"github.com/open-policy-agent/opa/v1/plugins"
	"github.com/open-policy-agent/opa/v1/plugins/rest"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// Bundle is an OPA bundle of rules polled over HTTP(S) with OPA's own downloader: ETag
// caching, backoff after failures, a size limit and, with a public key, OPA's signature
// verification. Files ending _test.rego are the bundle's tests and must pass before its
// rules serve, as for a folder. A bundle whose download or verification fails later keeps
// its last good rules serving; until one arrived, Read reports why none did.
type Bundle struct {
	url        string
	downloader *download.Downloader
	// changed is called after each download that brought a new bundle or a new failure.
	changed func()
	first   chan struct{} // closed when the first download attempt has ended
	once    sync.Once

	mu    sync.Mutex
	files Files
	have  bool  // a bundle arrived
	err   error // the last attempt's failure, nil after a success
}

// Bundle limits.
const (
	// MaxBundleBytes bounds a bundle like a rules folder.
	MaxBundleBytes = MaxFolderBytes
	// bundleTimeout bounds each download's wait for the server's answer.
	bundleTimeout = 30
)

// NewBundle prepares the downloader of cfg (checked by settings.Load) with the bearer token,
// if any; Start begins polling. changed is called after every attempt that changed what Read
// returns.
func NewBundle(cfg settings.RulesBundle, token string, changed func()) (*Bundle, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("jsonData.rulesBundle.url: %w", err)
	}
	base := (&url.URL{Scheme: u.Scheme, Host: u.Host}).String()
	path := strings.TrimPrefix(u.RequestURI(), "/")
	restCfg := map[string]any{"url": base, "response_header_timeout_seconds": bundleTimeout}
	if token != "" {
		restCfg["credentials"] = map[string]any{"bearer": map[string]any{"token": token}}
	}
	raw, _ := json.Marshal(restCfg)
	// OPA's logger would write to the plugin's stderr; failures reach the admin through Read.
	client, err := rest.New(raw, nil, rest.Logger(logging.NewNoOpLogger()))
	if err != nil {
		return nil, fmt.Errorf("jsonData.rulesBundle.url: %w", err)
	}
	poll := int64(cfg.PollSeconds)
	trigger := plugins.TriggerPeriodic
	dcfg := download.Config{Trigger: &trigger, Polling: download.PollingConfig{MinDelaySeconds: &poll, MaxDelaySeconds: &poll}}
	if err := dcfg.ValidateAndInjectDefaults(); err != nil {
		return nil, fmt.Errorf("jsonData.rulesBundle.pollSeconds: %w", err)
	}
	b := &Bundle{url: cfg.URL, changed: changed, first: make(chan struct{})}
	b.downloader = download.New(dcfg, client, path).
		WithCallback(b.update).
		WithSizeLimitBytes(MaxBundleBytes).
		WithBundleParserOpts(regokit.ParserOptions())
	if cfg.PublicKey != "" {
		// The key is a value, never a file name: keys.NewKeyConfig would read a file of that name.
		key := &keys.Config{Key: cfg.PublicKey, Algorithm: cfg.Algorithm}
		b.downloader = b.downloader.WithBundleVerificationConfig(
			bundle.NewVerificationConfig(map[string]*keys.Config{cfg.KeyID: key}, cfg.KeyID, "", nil))
	}
	return b, nil
}

// Start begins polling: the first download at once, then one per poll interval (sooner after
// a failure, with backoff).
func (b *Bundle) Start(ctx context.Context) { b.downloader.Start(ctx) }

// Stop ends polling.
func (b *Bundle) Stop(ctx context.Context) { b.downloader.Stop(ctx) }

// WaitFirst waits for the first download attempt to end, or for ctx.
func (b *Bundle) WaitFirst(ctx context.Context) {
	select {
	case <-b.first:
	case <-ctx.Done():
	}
}

// update takes a download's outcome. A 304 Not Modified brings no bundle and no error.
func (b *Bundle) update(_ context.Context, u download.Update) error {
	defer b.once.Do(func() { close(b.first) })
	var files Files
	err := u.Error
	if err == nil && u.Bundle != nil {
		files, err = filesOf(u.Bundle)
	}
	if err == nil && u.Bundle == nil {
		return nil // unchanged
	}
	b.mu.Lock()
	if err != nil {
		changed := b.err == nil || b.err.Error() != err.Error()
		b.err = err
		b.mu.Unlock()
		if changed && b.changed != nil {
			b.changed()
		}
		return nil
	}
	b.files, b.have, b.err = files, true, nil
	b.mu.Unlock()
	if b.changed != nil {
		b.changed()
	}
	return nil
}

// filesOf takes a bundle's Rego files; data documents are refused, because the rules are
// evaluated without a data store.
func filesOf(bd *bundle.Bundle) (Files, error) {
	if len(bd.Data) > 0 {
		return Files{}, errors.New("the bundle holds data documents (data.json or data.yaml); sign-in rules read only the sign-in: put the values in Rego")
	}
	var f Files
	for _, m := range bd.Modules {
		mod := regokit.Module{Name: "bundle:" + m.Path, Source: string(m.Raw), User: true}
		if strings.HasSuffix(m.Path, "_test.rego") {
			f.Tests = append(f.Tests, mod)
		} else {
			f.Modules = append(f.Modules, mod)
		}
	}
	if len(f.Modules) == 0 {
		return Files{}, errors.New("the bundle holds no .rego rules")
	}
	sort.Slice(f.Modules, func(i, j int) bool { return f.Modules[i].Name < f.Modules[j].Name })
	sort.Slice(f.Tests, func(i, j int) bool { return f.Tests[i].Name < f.Tests[j].Name })
	return f, nil
}

// Read implements Source: the last good bundle's rules; before one arrived, the reason.
func (b *Bundle) Read(context.Context) (Files, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.have:
		return b.files, nil
	case b.err != nil:
		return Files{}, fmt.Errorf("jsonData.rulesBundle.url: no bundle could be taken from %s yet: %w", b.url, b.err)
	}
	return Files{}, nil // the first download is still under way
}

// LastError is why the latest download failed, while an earlier bundle keeps serving (nil
// when the latest succeeded or was unchanged).
func (b *Bundle) LastError() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.have {
		return nil // Read reports it
	}
	return b.err
}
