package plugin

import (
	"context"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/sigdiag/signin-diagnostics/pkg/ruleset"
)

// How the rules folder is watched. File events are the fast path; the poll catches what they
// miss (network filesystems, Kubernetes ConfigMap symlink swaps, a folder created later); the
// debounce makes an editor's burst of writes compile once.
var (
	rulesPollInterval = 5 * time.Second
	rulesDebounce     = 300 * time.Millisecond
)

// watchRules reloads the rules folder whenever it changes, until stop is called.
func (ds *Datasource) watchRules() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	watcher, err := fsnotify.NewWatcher()
	if err == nil {
		if err = watcher.Add(ds.settings.RulesPath); err != nil {
			ds.logger.Warn("Rules folder cannot be watched for events; polling it instead", "error", err)
		}
	}
	go func() {
		defer close(done)
		var events chan fsnotify.Event
		if watcher != nil {
			events = watcher.Events
			defer watcher.Close()
		}
		ds.watchLoop(ctx, events)
	}()
	return func() {
		cancel()
		<-done
	}
}

func (ds *Datasource) watchLoop(ctx context.Context, events <-chan fsnotify.Event) {
	poll := time.NewTicker(rulesPollInterval)
	defer poll.Stop()
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-events:
			if !ok {
				events = nil // the watcher closed: the poll carries on alone
				continue
			}
			debounce.Reset(rulesDebounce)
		case <-poll.C:
			ds.reloadRules(ctx)
		case <-debounce.C:
			ds.reloadRules(ctx)
		}
	}
}

// reloadRules swaps in the folder's or bundle's rules if they changed, compile and pass their tests;
// otherwise the serving rules stay and the error is kept for the health check and frames.
func (ds *Datasource) reloadRules(ctx context.Context) {
	ds.reloading.Lock()
	defer ds.reloading.Unlock()
	current := ds.rules.Load()
	if current == nil {
		return // the instance's first build is yet to come, and reads the same sources
	}
	opts := ds.ruleOptions()
	if ruleset.Fingerprint(ctx, opts) == current.Fingerprint {
		return
	}
	next, err := ruleset.Build(ctx, opts, current)
	if err != nil {
		ds.logger.Error("Reloading the rules failed", "error", err)
		return
	}
	ds.rules.Store(next)
	ds.ruleSetBuilt(next, true)
	if next.Refused != nil {
		ds.logger.Warn("Changed rules were refused; the previous rules keep serving", "error", next.Refused)
		return
	}
	ds.logger.Info("Rules reloaded", "files", next.UserFiles)
}
