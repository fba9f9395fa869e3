package e2e

import (
	"bytes"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/demorun"
)

// The same 24-hour query twice on a fresh demo instance: the second is answered from the
// instance's cache except the partial hours at both edges, with fewer Graph requests and the
// same rows.
func TestCacheRepeatQuery(t *testing.T) {
	ds := demorun.Settings()
	ds.ID, ds.UID, ds.Name = 901, "signin-demo-cache", "Sign-in Diagnostics (demo, cache test)"
	q := signInsQuery("A", `{"queryType":"signins","status":"all","maxRows":100000}`, 24*time.Hour)
	first := queryFrame(t, ds, q)
	second := queryFrame(t, ds, q)

	requests := func(f *data.Frame) (int, float64) {
		custom := f.Meta.Custom.(map[string]any)
		reqs, _ := custom["requests"].([]any)
		return len(reqs), custom["pages"].(float64)
	}
	r1, p1 := requests(first)
	r2, p2 := requests(second)
	t.Logf("24 h of sign-ins: first %d requests (%v pages), repeated %d requests (%v pages); %d rows", r1, p1, r2, p2, second.Rows())
	if r1 < 2 || r2 >= r1 || p2 >= p1 {
		t.Errorf("the repeated query made %d requests (%v pages), the first %d (%v): want fewer", r2, p2, r1, p1)
	}
	if first.Rows() == 0 {
		t.Fatal("no sign-ins in the last 24 hours")
	}
	// The panel inspector's stats say how much the cache served.
	hits := func(f *data.Frame) float64 {
		for _, s := range f.Meta.Stats {
			if s.DisplayName == "Hours from cache" {
				return s.Value
			}
		}
		t.Fatalf("no cache stat in %+v", f.Meta.Stats)
		return 0
	}
	if h1, h2 := hits(first), hits(second); h1 != 0 || h2 < 20 {
		t.Errorf("hours from cache: first %v, repeated %v; want 0 then most of the 24", h1, h2)
	}
	j1, err1 := data.FrameToJSON(first, data.IncludeDataOnly)
	j2, err2 := data.FrameToJSON(second, data.IncludeDataOnly)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !bytes.Equal(j1, j2) {
		t.Errorf("the repeated query's rows differ: %d rows, first %d", second.Rows(), first.Rows())
	}
}
