package bench

import (
	"bytes"
	"sync"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
)

// pageSize is Graph's largest page of sign-ins ($top=1000).
const pageSize = 1000

var (
	pagesOnce sync.Once
	pages     [][]byte
)

// demoPages are consecutive 1000-sign-in pages of the demo fixture's interactive sign-ins,
// as Graph v1.0 sends them (with appliedConditionalAccessPolicies), newest first.
func demoPages(tb testing.TB, n int) [][]byte {
	tb.Helper()
	pagesOnce.Do(func() {
		raws, err := dataset.NewestInteractive(8 * pageSize)
		if err != nil {
			panic(err)
		}
		for start := 0; start+pageSize <= len(raws); start += pageSize {
			var buf bytes.Buffer
			buf.WriteString(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns","value":[`)
			buf.Write(bytes.Join(raws[start:start+pageSize], []byte(",")))
			buf.WriteString(`],"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/signIns?$top=1000&$skiptoken=next"}`)
			pages = append(pages, buf.Bytes())
		}
	})
	if len(pages) < n {
		tb.Fatalf("only %d demo pages", len(pages))
	}
	return pages[:n]
}
