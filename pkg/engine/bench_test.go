package engine

import (
	"context"
	"testing"
)

// Benchmarks of rule evaluation on a page of the demo tenant's sign-ins (Graph v1.0 JSON):
//
//	go test -run XXX -bench . -benchtime 3x -cpu 1 ./pkg/engine
//
// sign-ins/s is per core with -cpu 1.

// BenchmarkEvaluateFresh is the prepared query alone: input parsed to OPA's value type and
// evaluated, no memo.
func BenchmarkEvaluateFresh(b *testing.B) {
	e := builtinEngine(b)
	signIns := demoSignIns(b, 1000)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		for i := range signIns {
			_ = e.evaluateReference(ctx, &signIns[i])
		}
	}
	b.ReportMetric(float64(b.N*len(signIns))/b.Elapsed().Seconds(), "sign-ins/s")
}

// BenchmarkEvaluateMemoCold evaluates a page with an empty memo each time (a new rule set, or
// a page of new rule inputs).
func BenchmarkEvaluateMemoCold(b *testing.B) {
	e := builtinEngine(b)
	signIns := demoSignIns(b, 1000)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		e.memo = newMemo(e.inputs, e.memo.readSets != nil)
		for i := range signIns {
			_ = e.Evaluate(ctx, &signIns[i])
		}
	}
	b.ReportMetric(float64(b.N*len(signIns))/b.Elapsed().Seconds(), "sign-ins/s")
}

// BenchmarkEvaluateMemoWarm re-evaluates a page already seen (a dashboard refresh, an alert).
func BenchmarkEvaluateMemoWarm(b *testing.B) {
	e := builtinEngine(b)
	signIns := demoSignIns(b, 1000)
	ctx := context.Background()
	for i := range signIns {
		_ = e.Evaluate(ctx, &signIns[i])
	}
	b.ResetTimer()
	for range b.N {
		for i := range signIns {
			_ = e.Evaluate(ctx, &signIns[i])
		}
	}
	b.ReportMetric(float64(b.N*len(signIns))/b.Elapsed().Seconds(), "sign-ins/s")
}
