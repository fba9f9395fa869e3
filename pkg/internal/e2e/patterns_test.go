package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

func patternIDs(t *testing.T, ds backend.DataSourceInstanceSettings) map[string][]string {
	t.Helper()
	f := queryFrame(t, ds, aggregateQuery("P", `{"queryType":"patterns"}`, 24*time.Hour, time.Minute))
	out := map[string][]string{}
	ids, keys := stringColumn(t, f, "patternId"), stringColumn(t, f, "key")
	evidence := stringColumn(t, f, "evidence")
	for i := range ids {
		out[ids[i]] = append(out[ids[i]], keys[i])
		if evidence[i] == "" {
			t.Errorf("finding %s %s has no evidence", ids[i], keys[i])
		}
	}
	return out
}

// The demo tenant's last day holds a password spray and an MFA-fatigue burst: the patterns
// query finds them with their evidence, and a threshold override from the settings hides the
// spray in the next query.
func TestPatternsOnTheDemoTenant(t *testing.T) {
	found := patternIDs(t, withSettings(t, "patterns", map[string]any{}))
	for _, want := range []string{"password-spray", "mfa-fatigue"} {
		if len(found[want]) == 0 {
			t.Errorf("no %s finding in the last 24 hours: %v", want, found)
		}
	}
	if keys := strings.Join(found["password-spray"], " "); !strings.Contains(keys, "ip=") {
		t.Errorf("the spray is not keyed by IP: %s", keys)
	}
	tuned := patternIDs(t, withSettings(t, "patterns", map[string]any{"patternThresholds": map[string]any{"password-spray": map[string]any{"minUsers": 100000}}}))
	if len(tuned["password-spray"]) != 0 {
		t.Errorf("raising minUsers did not hide the spray: %v", tuned)
	}
}

func TestPatternSeriesForAlerts(t *testing.T) {
	res, err := plugin.QueryData(context.Background(), withSettings(t, "patterns-series", map[string]any{}), map[string]string{"FromAlert": "true"},
		aggregateQuery("S", `{"queryType":"timeseries","groupBy":"pattern"}`, 24*time.Hour, 5*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["S"]
	var spray float64
	for _, f := range r.Frames {
		if f.Fields[1].Labels["pattern"] == "password-spray" {
			for i := range f.Fields[1].Len() {
				spray = max(spray, f.Fields[1].At(i).(float64))
			}
		}
	}
	if r.Error != nil || len(r.Frames) < 8 || spray < 1 {
		t.Fatalf("error %v, %d series, spray peak %v", r.Error, len(r.Frames), spray)
	}
}

func TestBadThresholdIsNamedInHealth(t *testing.T) {
	ds := withSettings(t, "bad-threshold", map[string]any{"patternThresholds": map[string]any{"password-spray": map[string]any{"minUsers": "many"}}})
	h, err := plugin.CheckHealth(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != backend.HealthStatusError || !strings.Contains(h.Message, "jsonData.patternThresholds.password-spray.minUsers") {
		t.Fatalf("health = %v %q", h.Status, h.Message)
	}
}
