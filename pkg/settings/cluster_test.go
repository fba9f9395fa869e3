package settings

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestClusterSettings(t *testing.T) {
	secure := map[string]string{"azureClientSecret": "s", "redisPassword": "r3dis-Pa55"}
	creds := `"azureCredentials":{"authType":"clientsecret","tenantId":"` + tenant + `","clientId":"` + client + `"}`
	t.Run("off by default", func(t *testing.T) {
		s, err := Load(instance(`{`+creds+`}`, map[string]string{"azureClientSecret": "s"}))
		if err != nil {
			t.Fatal(err)
		}
		if s.Cluster.Enabled() || s.Cluster.KeyPrefix != DefaultKeyPrefix {
			t.Errorf("cluster = %+v, want off with the default prefix", s.Cluster)
		}
	})
	t.Run("all fields", func(t *testing.T) {
		s, err := Load(instance(`{`+creds+`,"cluster":{"redisAddress":" redis.internal:6380 ","redisTLS":true,"redisUsername":"grafana","redisDB":2,"keyPrefix":"grafana-prod:","replicas":3}}`, secure))
		if err != nil {
			t.Fatal(err)
		}
		want := Cluster{RedisMode: RedisStandalone, RedisAddress: "redis.internal:6380", RedisTLS: true, RedisUsername: "grafana", RedisDB: 2, KeyPrefix: "grafana-prod", Replicas: 3}
		if s.Cluster != want || s.Secrets.RedisPassword != "r3dis-Pa55" {
			t.Errorf("cluster = %+v, want %+v and the password in Secrets", s.Cluster, want)
		}
		b, _ := json.Marshal(s)
		if strings.Contains(string(b), "r3dis-Pa55") {
			t.Error("marshalled settings contain the Redis password")
		}
	})
	t.Run("sentinel", func(t *testing.T) {
		s, err := Load(instance(`{`+creds+`,"cluster":{"redisMode":"Sentinel","redisAddress":"s1:26379, s2:26379 ,","redisMasterName":" grafana "}}`,
			map[string]string{"azureClientSecret": "s", "redisSentinelPassword": "s3ntinel"}))
		if err != nil {
			t.Fatal(err)
		}
		c := s.Cluster
		if c.RedisMode != RedisSentinel || c.RedisMasterName != "grafana" || strings.Join(c.Addresses(), " ") != "s1:26379 s2:26379" || s.Secrets.RedisSentinelPassword != "s3ntinel" {
			t.Errorf("cluster = %+v, addresses %q, sentinel password %q", c, c.Addresses(), s.Secrets.RedisSentinelPassword)
		}
	})
	t.Run("Redis Cluster", func(t *testing.T) {
		s, err := Load(instance(`{`+creds+`,"cluster":{"redisMode":"cluster","redisAddress":"n1:6379,n2:6379,n3:6379"}}`, secure))
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Cluster.Addresses(); len(got) != 3 || s.Cluster.RedisMode != RedisCluster {
			t.Errorf("cluster = %+v, addresses %q", s.Cluster, got)
		}
	})
	t.Run("IPv6 address", func(t *testing.T) {
		if _, err := Load(instance(`{"source":"demo","cluster":{"redisAddress":"[::1]:6379"}}`, nil)); err != nil {
			t.Fatal(err)
		}
	})
}

func TestClusterSettingsNameTheBadField(t *testing.T) {
	tests := []struct {
		name, cluster string
		secure        map[string]string
		field         string
	}{
		{"no port", `{"redisAddress":"redis.internal"}`, nil, "jsonData.cluster.redisAddress"},
		{"URL instead of host:port", `{"redisAddress":"redis://redis.internal:6379"}`, nil, "jsonData.cluster.redisAddress"},
		{"port out of range", `{"redisAddress":"redis.internal:70000"}`, nil, "jsonData.cluster.redisAddress"},
		{"no host", `{"redisAddress":":6379"}`, nil, "jsonData.cluster.redisAddress"},
		{"password without address", `{}`, map[string]string{"redisPassword": "Red1s~Secret"}, "jsonData.cluster.redisAddress"},
		{"TLS without address", `{"redisTLS":true}`, nil, "jsonData.cluster.redisAddress"},
		{"negative database", `{"redisAddress":"127.0.0.1:6379","redisDB":-1}`, nil, "jsonData.cluster.redisDB"},
		{"negative replica count", `{"redisAddress":"127.0.0.1:6379","replicas":-2}`, nil, "jsonData.cluster.replicas"},
		{"replica count beyond any cluster", `{"redisAddress":"127.0.0.1:6379","replicas":5000}`, nil, "jsonData.cluster.replicas"},
		{"prefix with a space", `{"redisAddress":"127.0.0.1:6379","keyPrefix":"my prefix"}`, nil, "jsonData.cluster.keyPrefix"},
		{"several servers without a mode", `{"redisAddress":"n1:6379,n2:6379"}`, nil, "jsonData.cluster.redisAddress"},
		{"unknown mode", `{"redisMode":"replicated","redisAddress":"n1:6379"}`, nil, "jsonData.cluster.redisMode"},
		{"sentinel without a master name", `{"redisMode":"sentinel","redisAddress":"s1:26379"}`, nil, "jsonData.cluster.redisMasterName"},
		{"master name without sentinel", `{"redisAddress":"n1:6379","redisMasterName":"grafana"}`, nil, "jsonData.cluster.redisMode"},
		{"sentinel password without sentinel", `{"redisAddress":"n1:6379"}`, map[string]string{"redisSentinelPassword": "Red1s~Secret"}, "jsonData.cluster.redisMode"},
		{"cluster with a database", `{"redisMode":"cluster","redisAddress":"n1:6379","redisDB":2}`, nil, "jsonData.cluster.redisDB"},
		{"one bad address of several", `{"redisMode":"cluster","redisAddress":"n1:6379,n2"}`, nil, "jsonData.cluster.redisAddress"},
		{"prefix with a glob", `{"redisAddress":"127.0.0.1:6379","keyPrefix":"sigdiag*"}`, nil, "jsonData.cluster.keyPrefix"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(instance(`{"source":"demo","cluster":`+tt.cluster+`}`, tt.secure))
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Load error = %v, want a *FieldError", err)
			}
			if fe.Field != tt.field {
				t.Errorf("field = %q, want %q (%v)", fe.Field, tt.field, err)
			}
			if tt.secure != nil && strings.Contains(err.Error(), "Red1s~Secret") {
				t.Errorf("the error %q holds the password", err)
			}
		})
	}
}

func TestRulesBundleSettings(t *testing.T) {
	key := "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEVs/o5+uQbTjL3chynL4wXgUg2R9\nq9UU8I5mEovUf86QZ7kOBIjJwqnzD1omageEHWwHdBO6B+dFabmdT9POxg==\n-----END PUBLIC KEY-----\n"
	s, err := Load(instance(`{"source":"demo","rulesBundle":{"url":" https://bundles.example.com/signin.tar.gz ","publicKey":`+strconv.Quote(key)+`,"algorithm":"es256"}}`, map[string]string{"rulesBundleToken": "t0ken"}))
	if err != nil {
		t.Fatal(err)
	}
	want := RulesBundle{URL: "https://bundles.example.com/signin.tar.gz", PublicKey: strings.TrimSpace(key), KeyID: "default", Algorithm: "ES256", PollSeconds: DefaultBundlePollSeconds}
	if s.RulesBundle != want || s.Secrets.RulesBundleToken != "t0ken" {
		t.Errorf("bundle = %+v, token %q; want %+v", s.RulesBundle, s.Secrets.RulesBundleToken, want)
	}
	tests := []struct {
		name, bundle string
		secure       map[string]string
		field        string
	}{
		{"a path, not a URL", `{"url":"/etc/bundle.tar.gz"}`, nil, "jsonData.rulesBundle.url"},
		{"credentials in the URL", `{"url":"https://user:pw@bundles.example.com/b.tar.gz"}`, nil, "jsonData.rulesBundle.url"},
		{"a token over http", `{"url":"http://bundles.example.com/b.tar.gz"}`, map[string]string{"rulesBundleToken": "t0ken"}, "jsonData.rulesBundle.url"},
		{"a token without a URL", `{}`, map[string]string{"rulesBundleToken": "t0ken"}, "jsonData.rulesBundle.url"},
		{"polled too often", `{"url":"https://b.example.com/b.tar.gz","pollSeconds":1}`, nil, "jsonData.rulesBundle.pollSeconds"},
		{"HMAC, which needs a secret", `{"url":"https://b.example.com/b.tar.gz","algorithm":"HS256"}`, nil, "jsonData.rulesBundle.algorithm"},
		{"not PEM", `{"url":"https://b.example.com/b.tar.gz","publicKey":"ssh-rsa AAAA"}`, nil, "jsonData.rulesBundle.publicKey"},
		{"a certificate request, not a key", `{"url":"https://b.example.com/b.tar.gz","publicKey":"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"}`, nil, "jsonData.rulesBundle.publicKey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(instance(`{"source":"demo","rulesBundle":`+tt.bundle+`}`, tt.secure))
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("Load error = %v, want a field error at %s", err, tt.field)
			}
			if strings.Contains(err.Error(), "t0ken") {
				t.Errorf("the error %q holds the token", err)
			}
		})
	}
}
