package graph

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzRetryDelay: whatever Retry-After a server (or a proxy in between) sends, the wait is
// never negative, and a value above the cap stays above it, so a huge or odd hint is shown
// as an error instead of becoming an immediate retry.
func FuzzRetryDelay(f *testing.F) {
	for _, seed := range []string{"2.128", "0", "0.0001", "120", "121", "1e300", "-1", "NaN", "+Inf", "9223372036.854775807",
		"Wed, 21 Oct 2015 07:28:00 GMT", "Thu, 01 Jan 2099 00:00:00 GMT", "", " 3 ", "0x10", "1_0"} {
		f.Add(seed, uint8(0))
	}
	now := time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, header string, attempt uint8) {
		a := int(attempt % (maxRetries + 1))
		d := retryDelay(header, a, now)
		if d < 0 {
			t.Fatalf("retryDelay(%q) = %v, a negative wait", header, d)
		}
		secs, err := strconv.ParseFloat(strings.TrimSpace(header), 64)
		if err == nil && secs >= 0 && !math.IsNaN(secs) && secs > maxRetryWait.Seconds() && d <= maxRetryWait {
			t.Fatalf("retryDelay(%q) = %v: a hint over the %v cap came out under it", header, d, maxRetryWait)
		}
	})
}
