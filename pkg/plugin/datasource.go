// Package plugin is the adapter between Grafana's plugin SDK and the project's packages: one
// Datasource per data source instance, holding what is expensive to build (the Graph client
// and its token cache, the compiled rules, the demo tenant) until Grafana disposes of it.
package plugin

import (
	"context"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
	"github.com/sigdiag/signin-diagnostics/pkg/cluster"
	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/metrics"
	"github.com/sigdiag/signin-diagnostics/pkg/ruleset"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// The handlers this data source implements.
var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// SignInSource lists sign-ins; the Graph client is the one implementation.
type SignInSource interface {
	List(ctx context.Context, q graph.Query) (*graph.Result, error)
}

// Datasource is one configured data source instance.
type Datasource struct {
	settings *settings.Settings
	// initErr is why the instance cannot query (bad settings, no credential); health and
	// queries report it instead of failing obscurely.
	initErr error
	source  SignInSource
	rules   atomic.Pointer[ruleset.Set]
	closers []func()
	logger  log.Logger
	// uid names the data source in process-wide registries (rule history).
	uid string
	// cluster is the Redis backend shared with other Grafana replicas (nil: none).
	cluster *cluster.Backend
	// bundle is the OPA bundle the rules come from, polled in the background (nil: none).
	bundle *ruleset.Bundle
	// reloading makes rule-set builds one at a time: a build that read older sources must
	// not replace one that read newer.
	reloading sync.Mutex
	// metrics is the instance's Prometheus metrics and trace spans.
	metrics *metrics.DataSource
}

// bundleWait bounds how long a new data source waits for its rules bundle before serving:
// the first queries should see the fleet's rules, but a bundle server that does not answer
// must not hold Grafana's request.
const bundleWait = 10 * time.Second

// NewDatasource is the instance factory Grafana calls when a data source is created or its
// settings change.
func NewDatasource(ctx context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	ds := &Datasource{logger: backend.Logger.With("datasource", s.UID), uid: s.UID}
	ds.settings, ds.initErr = settings.Load(s)
	ds.metrics = metrics.For(s.UID, sourceKind(ds.settings))
	if ds.initErr == nil {
		// Hosts and identities are checked before any client exists: a data source pointing
		// where the server's administrator did not allow sends nothing, not even a DNS lookup.
		ds.initErr = ds.settings.Authorize(settings.ServerFromEnv(os.Getenv))
	}
	if ds.initErr == nil && ds.settings.RulesBundle.Enabled() {
		ds.initErr = ds.startBundle(ctx)
	}
	ds.reloading.Lock()
	rs, err := ruleset.Build(ctx, ds.ruleOptions(), nil)
	if err != nil {
		ds.reloading.Unlock()
		ds.Dispose()
		// The built-in rules are part of the binary: failing to compile them is a build bug.
		return nil, err
	}
	ds.rules.Store(rs)
	ds.reloading.Unlock()
	ds.ruleSetBuilt(rs, false)
	if ds.initErr != nil {
		return ds, nil
	}
	if ds.settings.RulesPath != "" {
		ds.closers = append(ds.closers, ds.watchRules())
	}
	if ds.cluster = newCluster(ds.settings, ds.logger); ds.cluster != nil {
		ds.closers = append(ds.closers, ds.cluster.Close)
	}
	var closers []func()
	ds.source, closers, ds.initErr = newSource(ctx, ds.settings, ds.cluster, ds.uid, ds.metrics)
	ds.closers = append(ds.closers, closers...)
	ds.closers = append(ds.closers, ds.watchState())
	return ds, nil
}

// ruleOptions are the sources of the data source's rules: the settings' and the bundle.
func (ds *Datasource) ruleOptions() ruleset.Options {
	opts := ruleset.FromSettings(ds.settings)
	if ds.bundle != nil {
		opts.Sources = append(opts.Sources, ds.bundle)
	}
	return opts
}

// startBundle starts polling the rules bundle and waits a while for the first download.
func (ds *Datasource) startBundle(ctx context.Context) error {
	b, err := ruleset.NewBundle(ds.settings.RulesBundle, ds.settings.Secrets.RulesBundleToken, ds.bundleChanged)
	if err != nil {
		return err
	}
	ds.bundle = b
	b.Start(context.Background())
	ds.closers = append(ds.closers, func() { b.Stop(context.Background()) })
	wctx, cancel := context.WithTimeout(ctx, bundleWait)
	defer cancel()
	b.WaitFirst(wctx)
	return nil
}

// bundleChanged is told when a bundle download brought new rules or a new failure.
func (ds *Datasource) bundleChanged() {
	if err := ds.bundle.LastError(); err != nil {
		ds.logger.Warn("The rules bundle could not be taken; its last good rules keep serving", "url", ds.settings.RulesBundle.URL, "error", err)
	}
	ds.reloadRules(context.Background())
}

// sourceKind is the source label of the instance's metrics.
func sourceKind(s *settings.Settings) string {
	if s != nil && s.Source == settings.SourceDemo {
		return metrics.SourceDemo
	}
	return metrics.SourceGraph
}

// watchState lets the metrics sample the instance's cache and Redis level when they are
// gathered; the returned func stops that.
func (ds *Datasource) watchState() func() {
	var cacheStats func() cache.Stats
	if c, ok := ds.source.(*cache.Cache); ok {
		cacheStats = c.Stats
	}
	var shared func() bool
	if cb := ds.cluster; cb != nil {
		shared = func() bool { return cb.Status().Shared }
	}
	return ds.metrics.Watch(cacheStats, shared)
}

// ruleSetBuilt records a rule set just built, for the annotations and the metrics.
func (ds *Datasource) ruleSetBuilt(rs *ruleset.Set, reload bool) {
	recordRuleEvent(ds.uid, eventFor(rs, reload))
	ds.metrics.RuleSet(rs.Refused != nil, len(rs.Engine.Rules()), rs.UserFiles, rs.LoadedAt)
}

// Dispose releases the instance's clients and, for the demo, stops the simulator.
func (ds *Datasource) Dispose() {
	for _, c := range ds.closers {
		c()
	}
}

// engine is the rule set currently serving queries.
func (ds *Datasource) engine() *engine.Engine { return ds.rules.Load().Engine }
