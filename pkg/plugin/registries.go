package plugin

import (
	"runtime"
	"sync"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
)

// The plugin's process-wide state, all in this file. Grafana runs one plugin process for every
// data source instance and builds a new instance whenever a data source's settings are saved;
// what must outlive an instance is kept here, keyed so that data sources never share it. Two
// more registries live with what they hold: graph.SharedPacer (one Graph budget per app and
// tenant) and the Prometheus collectors of pkg/metrics (one registry per process).

// Grafana builds a new instance of the data source whenever its settings are saved, and a
// rule edited in the settings (customRules) is such a change. The sign-ins already read are
// still the tenant's sign-ins, so the cache outlives the instance: instances of the same data
// source reading the same tenant with the same app and Graph endpoint find it here, and the
// new rules re-annotate what it holds without reading Graph. The key never mixes data
// sources, tenants or apps (isolation).
var caches = struct {
	sync.Mutex
	m map[string]*cache.Cache
}{m: map[string]*cache.Cache{}}

// ruleHistory keeps rule events per data source UID for the life of the plugin process:
// Grafana makes a new instance on every settings save, and the history must survive that.
var ruleHistory = struct {
	sync.Mutex
	byUID map[string][]ruleEvent
}{byUID: map[string][]ruleEvent{}}

// runningByUID holds each data source's running slots (Datasource.running), by UID, which
// survives settings changes.
var (
	runningByUID sync.Map // data source UID -> chan struct{} of maxRunning slots
	maxRunning   = max(4, 2*runtime.GOMAXPROCS(0))
)
