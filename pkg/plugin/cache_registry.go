package plugin

import (
	"strings"

	"github.com/sigdiag/signin-diagnostics/pkg/cache"
)

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
