package dataset

import (
	"runtime"
	"testing"
	"time"
)

// TestMemoryIsBounded scans the whole month at Scale 10 and checks that the cache keeps
// the heap near its cap instead of holding every generated hour.
func TestMemoryIsBounded(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("slow")
	}
	d := newTestDataset(t, Options{Scale: 10, Days: 7, CacheRecords: 100000})
	n := 0
	d.Scan(testNow.Add(-7*24*time.Hour), testNow, false, nil, func(*Record) bool { n++; return true })
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if n < 300000 || ms.HeapAlloc > 150<<20 {
		t.Fatalf("%d records scanned, heap %d MiB", n, ms.HeapAlloc>>20)
	}
	t.Logf("%d records scanned, heap %d MiB, cache %d records", n, ms.HeapAlloc>>20, d.cache.records)
}
