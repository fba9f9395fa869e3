// Package bench is the performance suite: it measures, in one run, the plugin's
// own pipeline (a Graph page's bytes to an annotated frame in Arrow) beside the naive pipeline
// built from the same libraries the obvious way, and the steps on their own.
//
//	go test -run '^$' -bench . -benchtime 5x -cpu 1 ./pkg/internal/bench
//
// prints Go benchmark lines (benchstat reads them) and then a summary with the ratios.
// sign-ins/s is per core with -cpu 1. CI runs it with -benchtime 1x to check that it runs.
package bench
