package series

import (
	"flag"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"
)

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func TestFramesTopNOtherAndZeros(t *testing.T) {
	points := []Point{
		{t0.Add(1 * time.Minute), "Wrong password", "a"},
		{t0.Add(2 * time.Minute), "Wrong password", "b"},
		{t0.Add(3 * time.Minute), "Wrong password", "a"},
		{t0.Add(31 * time.Minute), "MFA denied", "c"},
		{t0.Add(32 * time.Minute), "MFA denied", "c"},
		{t0.Add(45 * time.Minute), "Locked", "d"},
		{t0.Add(50 * time.Minute), "Disabled", "e"},
		{t0.Add(5 * time.Hour), "Wrong password", "z"}, // out of range: dropped
	}
	frames := Frames(points, Options{From: t0, To: t0.Add(59 * time.Minute), Interval: 15 * time.Minute, TopN: 2, Label: "cause", Metric: "sign-ins"})
	got := map[string][]float64{}
	for _, f := range frames {
		if f.Fields[0].Len() != 4 {
			t.Fatalf("%s has %d points, want 4 (every 15 minutes of the hour, zeros included)", f.Name, f.Fields[0].Len())
		}
		v := make([]float64, 4)
		for i := range v {
			v[i] = f.Fields[1].At(i).(float64)
		}
		got[f.Fields[1].Labels["cause"]] = v
	}
	want := map[string][]float64{"Wrong password": {3, 0, 0, 0}, "MFA denied": {0, 0, 2, 0}, "other": {0, 0, 0, 2}}
	if len(got) != len(want) {
		t.Fatalf("series = %v, want %v", got, want)
	}
	for k, w := range want {
		for i := range w {
			if got[k][i] != w[i] {
				t.Fatalf("%s = %v, want %v", k, got[k], w)
			}
		}
	}
}

func TestDistinctUsers(t *testing.T) {
	points := []Point{{t0, "all", "a"}, {t0.Add(time.Minute), "all", "a"}, {t0.Add(2 * time.Minute), "all", "b"}}
	f := Frames(points, Options{From: t0, To: t0.Add(10 * time.Minute), Interval: 15 * time.Minute, Label: "status", Metric: "users", DistinctUsers: true})
	if len(f) != 1 || f[0].Fields[1].At(0).(float64) != 2 {
		t.Fatalf("distinct users = %v", f)
	}
}

func TestInterval(t *testing.T) {
	tests := []struct {
		span  time.Duration
		panel time.Duration
		max   int64
		want  time.Duration
	}{
		{24 * time.Hour, 30 * time.Second, 1000, 2 * time.Minute},
		{24 * time.Hour, 20 * time.Minute, 1000, 30 * time.Minute},
		{30 * 24 * time.Hour, time.Minute, 100, 12 * time.Hour},
		{time.Hour, 0, 0, time.Minute},
	}
	for _, tt := range tests {
		if got := Interval(t0, t0.Add(tt.span), tt.panel, tt.max); got != tt.want {
			t.Errorf("Interval(%s, %s, %d) = %s, want %s", tt.span, tt.panel, tt.max, got, tt.want)
		}
	}
}

func TestBreakdown(t *testing.T) {
	items := []Item{
		{t0, "50126", "a", "failure", "Wrong password", "Reset it"},
		{t0.Add(time.Hour), "50126", "b", "failure", "Wrong password", "Reset it"},
		{t0.Add(2 * time.Hour), "50126", "a", "failure", "Wrong password", "Reset it"},
		{t0.Add(30 * time.Minute), "50058", "c", "interrupted", "Silent SSO", "Nothing"},
		{t0.Add(10 * time.Minute), "0", "c", "success", "", ""},
	}
	f := Breakdown(items, "errorCode", 2)
	if f.Rows() != 2 {
		t.Fatalf("rows = %d, want the top 2", f.Rows())
	}
	row := func(name string, i int) any {
		field, _ := f.FieldByName(name)
		return field.At(i)
	}
	if row("errorCode", 0) != "50126" || row("total", 0) != int64(3) || row("failures", 0) != int64(3) || row("users", 0) != int64(2) ||
		!row("firstSeen", 0).(time.Time).Equal(t0) || !row("lastSeen", 0).(time.Time).Equal(t0.Add(2*time.Hour)) || row("cause", 0) != "Wrong password" {
		t.Errorf("first row wrong")
	}
	if row("errorCode", 1) != "0" && row("errorCode", 1) != "50058" {
		t.Errorf("second row = %v", row("errorCode", 1))
	}
}

// update rewrites the golden files: go test ./pkg/series -update
var update = flag.Bool("update", false, "rewrite the golden frames")

func TestGoldenFrames(t *testing.T) {
	points := []Point{{t0.Add(time.Minute), "Wrong password", "a"}, {t0.Add(20 * time.Minute), "MFA denied", "b"}, {t0.Add(21 * time.Minute), "Wrong password", "c"}}
	resp := &backend.DataResponse{Frames: Frames(points, Options{From: t0, To: t0.Add(44 * time.Minute), Interval: 15 * time.Minute, TopN: 1, Label: "cause", Metric: "signins"})}
	experimental.CheckGoldenJSONResponse(t, "testdata", "timeseries", resp, *update)
	items := []Item{{t0, "50126", "a", "failure", "Wrong password", "Reset it"}, {t0.Add(time.Hour), "50058", "b", "interrupted", "Silent SSO", "Nothing to do"}}
	experimental.CheckGoldenJSONFrame(t, "testdata", "breakdown", Breakdown(items, "errorCode", 10), *update)
}
