package plugin

import (
	"strings"
	"sync"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
)

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

// maxKeptCaches bounds the caches kept for data sources; past it the registry starts over
// (the caches of live instances stay with them).
const maxKeptCaches = 64

// keptCache returns the data source's cache reading from src, created on first use.
func keptCache(key []string, src cache.Source, opt cache.Options) *cache.Cache {
	k := strings.Join(key, "\x00")
	caches.Lock()
	defer caches.Unlock()
	if c, ok := caches.m[k]; ok {
		c.Use(src)
		return c
	}
	if len(caches.m) >= maxKeptCaches {
		caches.m = map[string]*cache.Cache{}
	}
	c := cache.New(src, opt)
	caches.m[k] = c
	return c
}
