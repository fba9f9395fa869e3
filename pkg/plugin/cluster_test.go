package plugin

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

func TestNewClusterOnlyForGraphWithAnAddress(t *testing.T) {
	for name, s := range map[string]settings.Settings{
		"no address": {Source: settings.SourceGraph},
		"demo":       {Source: settings.SourceDemo, Cluster: settings.Cluster{RedisAddress: "127.0.0.1:6379"}},
	} {
		if cb := newCluster(&s, backend.Logger); cb != nil {
			cb.Close()
			t.Errorf("%s: a Redis backend was built", name)
		}
	}
}

// With Redis unreachable, panels get a notice and the health check says so, naming the
// address and never the password.
func TestClusterNoticeAndHealthWhenRedisIsGone(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now: connections are refused
	const password = "Redis~Pa55-never-shown"
	s := &settings.Settings{Source: settings.SourceGraph, Cluster: settings.Cluster{RedisAddress: addr, KeyPrefix: settings.DefaultKeyPrefix},
		Secrets: settings.Secrets{RedisPassword: password}}
	ds := &Datasource{settings: s, cluster: newCluster(s, backend.Logger)}
	defer ds.cluster.Close()
	if n := ds.clusterNotices(); len(n) != 0 {
		t.Fatalf("notices before any failure: %+v", n)
	}
	text, err := ds.clusterHealth(context.Background())
	if err == nil || !strings.Contains(text, "But Redis at "+addr+" does not answer") {
		t.Errorf("health: %q, %v", text, err)
	}
	notices := ds.clusterNotices()
	if len(notices) != 1 || !strings.Contains(notices[0].Text, "no longer shared across Grafana replicas: Redis at "+addr) {
		t.Fatalf("notices = %+v", notices)
	}
	if strings.Contains(text+err.Error()+notices[0].Text, password) {
		t.Error("the password is shown")
	}
}
