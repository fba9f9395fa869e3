package patterns

import (
	"context"
	"testing"
)

// Benchmarks of Detect over the demo tenant's 30 days of interactive v1.0 sign-ins (what the
// plugin reads by default), classification given:
//
//	go test -run XXX -bench Detect -benchtime 5x ./pkg/patterns
//
// sign-ins/s counts the sign-ins Detect takes in, all of them; building the input is not timed.

func BenchmarkDetect30Days(b *testing.B) { benchDetect(b, 1) }

// BenchmarkDetect30DaysScale10 is a tenant ten times the demo's size (about 1.5 million
// interactive sign-ins in 30 days).
func BenchmarkDetect30DaysScale10(b *testing.B) { benchDetect(b, 10) }

func benchDetect(b *testing.B, scale float64) {
	key := defaultDemo
	key.scale = scale
	d := loadDemo(b, key)
	det, err := NewDetector(context.Background(), nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	var findings []Finding
	for range b.N {
		if findings, err = det.Detect(ctx, d.signIns, d.statuses); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(d.signIns))/b.Elapsed().Seconds(), "sign-ins/s")
	b.ReportMetric(float64(len(findings)), "findings")
	perPattern := map[string]int{}
	for _, f := range findings {
		perPattern[f.PatternID]++
	}
	b.Logf("%d sign-ins, findings per pattern %v", len(d.signIns), perPattern)
}
