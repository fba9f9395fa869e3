// Package plugin is the adapter between Grafana's plugin SDK and the project's packages: one
// Datasource per data source instance, holding what is expensive to build (the Graph client
// and its token cache, the compiled rules, the demo tenant) until Grafana disposes of it.
package plugin

import (
	"context"
	"os"
	"sync/atomic"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/sigdiag/signin-diagnostics/pkg/cluster"
	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/graph"
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
}

// NewDatasource is the instance factory Grafana calls when a data source is created or its
// settings change.
func NewDatasource(ctx context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	ds := &Datasource{logger: backend.Logger.With("datasource", s.UID), uid: s.UID}
	ds.settings, ds.initErr = settings.Load(s)
	if ds.initErr == nil {
		// Hosts and identities are checked before any client exists: a data source pointing
		// where the server's administrator did not allow sends nothing, not even a DNS lookup.
		ds.initErr = ds.settings.Authorize(settings.ServerFromEnv(os.Getenv))
	}
	rs, err := ruleset.Build(ctx, ruleset.FromSettings(ds.settings), nil)
	if err != nil {
		// The built-in rules are part of the binary: failing to compile them is a build bug.
		return nil, err
	}
	ds.rules.Store(rs)
	recordRuleEvent(ds.uid, eventFor(rs, false))
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
	ds.source, closers, ds.initErr = newSource(ctx, ds.settings, ds.cluster, ds.uid)
	ds.closers = append(ds.closers, closers...)
	return ds, nil
}

// Dispose releases the instance's clients and, for the demo, stops the simulator.
func (ds *Datasource) Dispose() {
	for _, c := range ds.closers {
		c()
	}
}

// engine is the rule set currently serving queries.
func (ds *Datasource) engine() *engine.Engine { return ds.rules.Load().Engine }
