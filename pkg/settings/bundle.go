package settings

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// RulesBundle is an OPA bundle of rules served over HTTP(S), the way OPA users distribute
// policy to a fleet: every Grafana instance polls the same URL and serves the same rules.
// An empty URL turns it off.
type RulesBundle struct {
	// URL is the bundle's address, e.g. https://bundles.example.com/signin/bundle.tar.gz.
	URL string `json:"url"`
	// PublicKey (PEM), when set, makes the plugin accept only bundles signed with the matching
	// private key (OPA's .signatures.json), so that whoever can write to the bundle server
	// cannot change the rules by that alone.
	PublicKey string `json:"publicKey"`
	// KeyID names the key in the signature; "default" when empty.
	KeyID string `json:"keyId"`
	// Algorithm of the signature: RS256 (default), RS384, RS512, PS256, PS384, PS512, ES256,
	// ES384 or ES512.
	Algorithm string `json:"algorithm"`
	// PollSeconds is how often the bundle is fetched again (an unchanged bundle costs one
	// request answered 304 Not Modified); 60 when zero.
	PollSeconds int `json:"pollSeconds"`
}

// Bounds and defaults of RulesBundle.
const (
	DefaultBundlePollSeconds = 60
	minBundlePollSeconds     = 10
	maxBundlePollSeconds     = 24 * 3600
	defaultBundleKeyID       = "default"
	defaultBundleAlgorithm   = "RS256"
)

var bundleAlgorithms = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}

// Enabled reports whether rules come from a bundle.
func (b RulesBundle) Enabled() bool { return b.URL != "" }

func (b *RulesBundle) applyDefaults() {
	b.URL = strings.TrimSpace(b.URL)
	b.PublicKey = strings.TrimSpace(b.PublicKey)
	b.KeyID = strings.TrimSpace(b.KeyID)
	if b.KeyID == "" {
		b.KeyID = defaultBundleKeyID
	}
	b.Algorithm = strings.ToUpper(strings.TrimSpace(b.Algorithm))
	if b.Algorithm == "" {
		b.Algorithm = defaultBundleAlgorithm
	}
	if b.PollSeconds == 0 {
		b.PollSeconds = DefaultBundlePollSeconds
	}
}

func (b RulesBundle) validate(secrets Secrets) error {
	if !b.Enabled() {
		if b.PublicKey != "" || secrets.RulesBundleToken != "" {
			return &FieldError{Field: "jsonData.rulesBundle.url", Msg: "is required when a bundle public key or token is set; leave them all empty to take no rules bundle"}
		}
		return nil
	}
	u, err := url.Parse(b.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return &FieldError{Field: "jsonData.rulesBundle.url", Msg: fmt.Sprintf("must be an http(s) URL of the bundle without credentials, e.g. https://bundles.example.com/signin/bundle.tar.gz, got %q", b.URL)}
	}
	if u.Scheme == "http" && secrets.RulesBundleToken != "" {
		return &FieldError{Field: "jsonData.rulesBundle.url", Msg: "must be https when a bearer token is set: the token would cross the network in clear"}
	}
	if b.PollSeconds < minBundlePollSeconds || b.PollSeconds > maxBundlePollSeconds {
		return &FieldError{Field: "jsonData.rulesBundle.pollSeconds", Msg: fmt.Sprintf("must be from %d to %d seconds, got %d", minBundlePollSeconds, maxBundlePollSeconds, b.PollSeconds)}
	}
	if !slices.Contains(bundleAlgorithms, b.Algorithm) {
		return &FieldError{Field: "jsonData.rulesBundle.algorithm", Msg: fmt.Sprintf("must be one of %s, got %q", strings.Join(bundleAlgorithms, ", "), b.Algorithm)}
	}
	if b.PublicKey == "" {
		return nil
	}
	block, _ := pem.Decode([]byte(b.PublicKey))
	if block == nil {
		return &FieldError{Field: "jsonData.rulesBundle.publicKey", Msg: "must be a PEM public key (-----BEGIN PUBLIC KEY-----)"}
	}
	if _, err := x509.ParsePKIXPublicKey(block.Bytes); err != nil {
		return &FieldError{Field: "jsonData.rulesBundle.publicKey", Msg: "is not a public key: " + err.Error()}
	}
	return nil
}
