package dataset

import (
	"testing"
	"time"
)

func benchRecords(b *testing.B) []Record {
	now := time.Date(2025, 3, 10, 15, 30, 0, 0, time.UTC)
	d := New(Options{Now: now})
	return d.Between(now.Add(-3*time.Hour), now)[:1000]
}

func BenchmarkMarshalV1Page(b *testing.B) {
	recs := benchRecords(b)
	buf := make([]byte, 0, 4<<20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = buf[:0]
		for j := range recs {
			buf = recs[j].AppendJSON(buf, V1, true)
		}
	}
}

func BenchmarkMarshalBetaPage(b *testing.B) {
	recs := benchRecords(b)
	buf := make([]byte, 0, 8<<20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = buf[:0]
		for j := range recs {
			buf = recs[j].AppendJSON(buf, Beta, true)
		}
	}
}

func BenchmarkGenerateHour(b *testing.B) {
	now := time.Date(2025, 3, 10, 15, 30, 0, 0, time.UTC)
	d := New(Options{Now: now})
	h := time.Date(2025, 3, 10, 15, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = d.generateHour(h)
	}
}
