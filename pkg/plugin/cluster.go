package plugin

import (
	"context"
	"crypto/tls"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
	"github.com/sigdiag/signin-diagnostics/pkg/cluster"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// The Redis store is the cache's shared level.
var _ cache.Shared = (*cluster.Store)(nil)

// newCluster builds the instance's Redis backend when jsonData.cluster names a server (nil
// otherwise). The demo tenant is a simulator inside each replica: nothing to share.
func newCluster(s *settings.Settings, logger log.Logger) *cluster.Backend {
	c := s.Cluster
	if !c.Enabled() || s.Source == settings.SourceDemo {
		return nil
	}
	var tlsConfig *tls.Config
	if c.RedisTLS {
		// No ServerName: each connection verifies the name of the host it dials, which for
		// Sentinel and Redis Cluster is a server the configured addresses only lead to.
		tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	return cluster.New(cluster.Config{
		Topology: cluster.Topology(c.RedisMode), Addresses: c.Addresses(), MasterName: c.RedisMasterName,
		SentinelPassword: s.Secrets.RedisSentinelPassword,
		Username:         c.RedisUsername, Password: s.Secrets.RedisPassword, DB: c.RedisDB,
		TLS: tlsConfig, KeyPrefix: c.KeyPrefix, Replicas: c.Replicas,
		OnChange: func(st cluster.Status) {
			if st.Shared {
				logger.Info("Redis answers again: the Graph budget and sign-in cache are shared with the other replicas", "redis", st.Address)
				return
			}
			logger.Warn("Redis is unreachable: this replica keeps to its share of the Graph budget and caches alone until it answers", "redis", st.Address, "error", st.Err)
		},
	})
}

// clusterNotices tells a panel that its replica no longer shares the Graph budget.
func (ds *Datasource) clusterNotices() []data.Notice {
	if ds.cluster == nil {
		return nil
	}
	if text := ds.cluster.Status().Notice(); text != "" {
		return []data.Notice{{Severity: data.NoticeSeverityWarning, Text: text}}
	}
	return nil
}

// clusterHealth is the health check's sentence on Redis, and an error when it does not answer.
func (ds *Datasource) clusterHealth(ctx context.Context) (string, error) {
	if ds.cluster == nil {
		return "", nil
	}
	if err := ds.cluster.Ping(ctx); err != nil {
		return fmt.Sprintf(" But Redis at %s does not answer (%v): queries work, but this replica keeps to its share of the Graph budget and caches alone until Redis answers again.",
			ds.cluster.Address(), err), fmt.Errorf("redis at %s: %w", ds.cluster.Address(), err)
	}
	return fmt.Sprintf(" The Graph budget and sign-in cache are shared with the other Grafana replicas through Redis at %s (key prefix %q).",
		ds.cluster.Address(), ds.settings.Cluster.KeyPrefix), nil
}
