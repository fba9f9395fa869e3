package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/demorun"
)

func aggregateQuery(refID, model string, span, interval time.Duration) backend.DataQuery {
	now := time.Now()
	return backend.DataQuery{RefID: refID, JSON: json.RawMessage(model), Interval: interval, MaxDataPoints: 1000,
		TimeRange: backend.TimeRange{From: now.Add(-span), To: now}}
}

// Time series come back as one numeric frame per group with the group as a label, every
// interval present: the multi-frame shape Grafana's alerting reads.
func TestTimeSeriesForAlerting(t *testing.T) {
	q := aggregateQuery("T", `{"queryType":"timeseries","status":"failure","groupBy":"cause","topN":5}`, 24*time.Hour, time.Minute)
	res, err := plugin.QueryData(t.Context(), demorun.Settings(), map[string]string{"FromAlert": "true"}, q)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Responses["T"]
	if r.Error != nil || len(r.Frames) != 6 {
		t.Fatalf("error %v, %d frames; want the top 5 causes and other", r.Error, len(r.Frames))
	}
	var total float64
	for _, f := range r.Frames {
		if f.Meta == nil || f.Meta.Type != data.FrameTypeTimeSeriesMulti || len(f.Fields) != 2 {
			t.Fatalf("frame %s is not a multi-frame time series: %+v", f.Name, f.Meta)
		}
		if f.Fields[0].Type() != data.FieldTypeTime || f.Fields[1].Type() != data.FieldTypeFloat64 || f.Fields[1].Labels["cause"] == "" {
			t.Fatalf("frame %s fields: %s %s %v", f.Name, f.Fields[0].Type(), f.Fields[1].Type(), f.Fields[1].Labels)
		}
		if n := f.Fields[0].Len(); n < 700 || n > 722 {
			t.Fatalf("%d points for 24 hours at 2 minutes", n)
		}
		for i := range f.Fields[1].Len() {
			total += f.Fields[1].At(i).(float64)
		}
	}
	table := queryFrame(t, demorun.Settings(), signInsQuery("S", `{"status":"failure","maxRows":100000}`, 24*time.Hour))
	if int(total) < table.Rows()-5 || int(total) > table.Rows()+5 {
		t.Errorf("the series add up to %v failures, the table has %d", total, table.Rows())
	}
}

func TestTimeSeriesNoDataForAlerts(t *testing.T) {
	q := aggregateQuery("N", `{"queryType":"timeseries","errorCodes":[12345678],"groupBy":"cause"}`, time.Hour, time.Minute)
	res, err := plugin.QueryData(t.Context(), demorun.Settings(), map[string]string{"FromAlert": "true"}, q)
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Responses["N"]; r.Error != nil || len(r.Frames) != 0 {
		t.Fatalf("no matching sign-ins must give no frames (alerting's NoData), got %d frames, error %v", len(r.Frames), r.Error)
	}
}

func TestBreakdownByErrorCode(t *testing.T) {
	f := queryFrame(t, demorun.Settings(), aggregateQuery("B", `{"queryType":"breakdown","status":"all","groupBy":"errorCode","topN":20}`, 24*time.Hour, time.Minute))
	codes, causes := stringColumn(t, f, "errorCode"), stringColumn(t, f, "cause")
	if f.Rows() != 20 || codes[0] != "0" {
		t.Fatalf("rows %d, first group %q; want 20 groups with successes (0) the largest", f.Rows(), codes[0])
	}
	for i, c := range codes {
		if c != "0" && causes[i] == "" {
			t.Errorf("error code %s has no cause", c)
		}
	}
}

func TestVariableQueries(t *testing.T) {
	for _, kind := range []string{"apps", "users", "errorCodes", "causes", "categories", "countries", "clientApps"} {
		t.Run(kind, func(t *testing.T) {
			f := queryFrame(t, demorun.Settings(), aggregateQuery("V", `{"queryType":"variable","variable":"`+kind+`"}`, 24*time.Hour, time.Minute))
			if f.Rows() == 0 {
				t.Fatal("no values")
			}
			stringColumn(t, f, "text")
			stringColumn(t, f, "value")
		})
	}
}

func TestValuesResourceForPickers(t *testing.T) {
	res, err := plugin.CallResource(t.Context(), demorun.Settings(), "GET", "values/errorCodes?q=password", nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []struct{ Text, Value string }
	if err := json.Unmarshal(res.Body, &out); err != nil || res.Status != 200 {
		t.Fatalf("status %d body %s", res.Status, res.Body)
	}
	found := false
	for _, o := range out {
		found = found || o.Value == "50126"
		if !strings.Contains(strings.ToLower(o.Text), "password") {
			t.Errorf("%q does not contain the search text", o.Text)
		}
	}
	if !found {
		t.Errorf("50126 is not offered for 'password': %v", out)
	}
	res, err = plugin.CallResource(t.Context(), demorun.Settings(), "GET", "values/apps", nil)
	if err != nil || res.Status != 200 || !strings.Contains(string(res.Body), "Microsoft Teams") {
		t.Fatalf("apps: %v %d %s", err, res.Status, res.Body)
	}
}
