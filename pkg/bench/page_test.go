package bench

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/simulator/dataset"
)

// pageSize is Graph's largest page of sign-ins ($top=1000).
const pageSize = 1000

var (
	pagesOnce sync.Once
	pages     [][]byte
)

// demoPages are consecutive 1000-sign-in pages of the demo tenant's interactive sign-ins,
// as Graph v1.0 sends them (with appliedConditionalAccessPolicies), newest first.
func demoPages(tb testing.TB, n int) [][]byte {
	tb.Helper()
	pagesOnce.Do(func() {
		now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
		d := dataset.New(dataset.Options{Now: now, Days: 30})
		recs := d.Between(now.Add(-30*24*time.Hour), now)
		var buf bytes.Buffer
		count := 0
		flush := func() {
			buf.WriteString(`],"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/signIns?$top=1000&$skiptoken=next"}`)
			pages = append(pages, bytes.Clone(buf.Bytes()))
			buf.Reset()
			count = 0
		}
		for i := 0; i < len(recs) && len(pages) < 8; i++ {
			r := recs[i] // newest first, as Graph pages
			if !r.Interactive() {
				continue
			}
			if count == 0 {
				buf.WriteString(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":[`)
			} else {
				buf.WriteByte(',')
			}
			raw, err := r.MarshalVersion("v1.0", true)
			if err != nil {
				panic(err)
			}
			buf.Write(raw)
			if count++; count == pageSize {
				flush()
			}
		}
	})
	if len(pages) < n {
		tb.Fatalf("only %d demo pages", len(pages))
	}
	return pages[:n]
}
