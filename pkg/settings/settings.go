// Package settings parses and validates a data source instance's settings once, when Grafana
// creates the instance, so every query works from typed, checked values.
package settings

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Source says where sign-ins come from.
type Source string

const (
	// SourceGraph reads a real tenant's sign-in log from Microsoft Graph (the default).
	SourceGraph Source = "graph"
	// SourceDemo reads the built-in demo tenant: an in-process Entra and Graph simulator
	// reached through the same Graph client code as a real tenant.
	SourceDemo Source = "demo"
)

// MaxCustomRulesBytes bounds inline rules so one data source cannot make the plugin compile
// megabytes of Rego on every settings change.
const MaxCustomRulesBytes = 256 * 1024

// Settings is the parsed jsonData and secureJsonData of one data source instance.
type Settings struct {
	Source           Source           `json:"source"`
	AzureCredentials AzureCredentials `json:"azureCredentials"`
	// AuthorityHost and GraphEndpoint override the cloud's defaults (customized clouds, proxies).
	AuthorityHost   string `json:"authorityHost"`
	GraphEndpoint   string `json:"graphEndpoint"`
	GraphAPIVersion string `json:"graphApiVersion"`
	// CustomRules is inline Rego added to the built-in rules.
	CustomRules string `json:"customRules"`
	// RulesPath is a folder of .rego files on the Grafana server, added to the built-in rules.
	RulesPath string `json:"rulesPath"`
	// RulesBundle is an OPA bundle of rules polled over HTTP(S), added to the built-in rules.
	RulesBundle RulesBundle `json:"rulesBundle"`
	// PatternThresholds overrides the pattern rules' thresholds key by key, e.g.
	// {"password-spray": {"minUsers": 10}}; the pattern detector checks names and types.
	PatternThresholds map[string]map[string]any `json:"patternThresholds"`
	// Cluster is the Redis backend that Grafana replicas share; empty runs alone.
	Cluster Cluster `json:"cluster"`

	Secrets Secrets `json:"-"`
	// Server is the Grafana server's configuration, set by Authorize; never from jsonData.
	Server Server `json:"-"`
}

// Secrets holds secureJsonData. It is never serialised, logged or returned.
type Secrets struct {
	ClientSecret      string
	ClientCertificate string
	RedisPassword     string
	// RulesBundleToken is the bearer token the bundle server asks for, if any.
	RulesBundleToken string
	// RedisSentinelPassword is the sentinels' own password, when they ask for one.
	RedisSentinelPassword string
}

// Load parses and validates the settings Grafana sends for a data source instance.
func Load(s backend.DataSourceInstanceSettings) (*Settings, error) {
	var out Settings
	if len(s.JSONData) > 0 {
		if err := json.Unmarshal(s.JSONData, &out); err != nil {
			return nil, &FieldError{Field: "jsonData", Msg: "is not valid JSON: " + err.Error()}
		}
	}
	out.Secrets = Secrets{
		ClientSecret:          s.DecryptedSecureJSONData["azureClientSecret"],
		ClientCertificate:     s.DecryptedSecureJSONData["azureClientCertificate"],
		RedisPassword:         s.DecryptedSecureJSONData["redisPassword"],
		RedisSentinelPassword: s.DecryptedSecureJSONData["redisSentinelPassword"],
		RulesBundleToken:      s.DecryptedSecureJSONData["rulesBundleToken"],
	}
	out.applyDefaults()
	if err := out.Validate(); err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *Settings) applyDefaults() {
	s.Source = Source(strings.ToLower(strings.TrimSpace(string(s.Source))))
	if s.Source == "" {
		s.Source = SourceGraph
	}
	if s.GraphAPIVersion == "" {
		s.GraphAPIVersion = "v1.0"
	}
	s.AzureCredentials.applyDefaults()
	s.Cluster.applyDefaults()
	s.RulesBundle.applyDefaults()
}

// Validate checks every field and names the first one that is wrong.
func (s *Settings) Validate() error {
	switch s.Source {
	case SourceGraph, SourceDemo:
	default:
		return &FieldError{Field: "jsonData.source", Msg: fmt.Sprintf("must be %q or %q, got %q", SourceGraph, SourceDemo, s.Source)}
	}
	if s.GraphAPIVersion != "v1.0" && s.GraphAPIVersion != "beta" {
		return &FieldError{Field: "jsonData.graphApiVersion", Msg: fmt.Sprintf("must be \"v1.0\" or \"beta\", got %q", s.GraphAPIVersion)}
	}
	if len(s.CustomRules) > MaxCustomRulesBytes {
		return &FieldError{Field: "jsonData.customRules", Msg: fmt.Sprintf("is %d bytes; the limit is %d: move large rule sets to a rules folder (jsonData.rulesPath)", len(s.CustomRules), MaxCustomRulesBytes)}
	}
	if err := s.Cluster.validate(s.Secrets); err != nil {
		return err
	}
	if err := s.RulesBundle.validate(s.Secrets); err != nil {
		return err
	}
	if s.Source == SourceDemo {
		return nil
	}
	if err := s.AzureCredentials.validate(s.Secrets); err != nil {
		return err
	}
	_, err := s.Endpoints()
	return err
}

// FieldError names the setting that is wrong and how, so the config page can point at it.
type FieldError struct {
	Field string
	Msg   string
	// Err classifies the error for errors.Is (ErrNotAllowed); nil for a malformed value.
	Err error
}

func (e *FieldError) Error() string { return e.Field + " " + e.Msg }

// Unwrap returns the error's class.
func (e *FieldError) Unwrap() error { return e.Err }
