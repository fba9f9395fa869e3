package plugin

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// staticSource returns the same sign-ins for every listing.
type staticSource struct{ rows []signin.SignIn }

func (s staticSource) List(context.Context, graph.Query) (*graph.Result, error) {
	return &graph.Result{SignIns: append([]signin.SignIn(nil), s.rows...), Pages: 1, Slices: 1}, nil
}

// oddSignIns are sign-ins as Graph really returns them at the edges: a null UPN (service
// principals, deleted users), a redacted IP and a device with its PII removed, an empty status
// object, nulls everywhere, a 7-digit code, a huge string and unicode.
func oddSignIns(t *testing.T, now time.Time) []signin.SignIn {
	t.Helper()
	at := func(minutes int) string {
		return now.Add(-time.Duration(minutes) * time.Minute).Format(time.RFC3339Nano)
	}
	huge := make([]byte, 1<<20)
	for i := range huge {
		huge[i] = 'a' + byte(i%26)
	}
	objects := []map[string]any{
		{"id": "00000000-0000-0000-0000-000000000001", "createdDateTime": at(1), "userPrincipalName": nil, "userDisplayName": nil,
			"status": map[string]any{"errorCode": 50126, "failureReason": "Invalid username or password."}},
		{"id": "00000000-0000-0000-0000-000000000002", "createdDateTime": at(2), "userPrincipalName": "x@contoso.com", "ipAddress": "203.0.113.XXX",
			"deviceDetail": map[string]any{"displayName": "PII Removed", "deviceId": "PII Removed", "operatingSystem": nil}, "status": map[string]any{"errorCode": 50053}},
		{"id": "00000000-0000-0000-0000-000000000003", "createdDateTime": at(3), "userPrincipalName": "y@contoso.com", "status": map[string]any{}},
		{"id": "00000000-0000-0000-0000-000000000004", "createdDateTime": at(4), "status": nil, "location": nil, "deviceDetail": nil, "appDisplayName": nil},
		{"id": "00000000-0000-0000-0000-000000000005", "createdDateTime": at(5), "userPrincipalName": "zoë@contoso.com", "appDisplayName": "应用 \u202e",
			"status": map[string]any{"errorCode": 9999999, "failureReason": string(huge)}},
	}
	out := make([]signin.SignIn, len(objects))
	for i, o := range objects {
		raw, _ := json.Marshal(o)
		s, err := signin.Decode(raw)
		if err != nil {
			t.Fatalf("decoding sign-in %d: %v", i+1, err)
		}
		out[i] = s
	}
	return out
}

// Odd sign-ins are shown, not dropped, by every query type that lists or counts them.
func TestOddSignInsAreShown(t *testing.T) {
	now := time.Now()
	rows := oddSignIns(t, now)
	ds, _ := testDatasource(t, nil, staticSource{rows})
	q := func(refID, queryType, model string) backend.DataQuery {
		return backend.DataQuery{RefID: refID, QueryType: queryType, JSON: json.RawMessage(model), Interval: time.Minute, MaxDataPoints: 100,
			TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}
	}
	resp, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		q("table", "signins", `{"status":"all"}`),
		q("failures", "signins", `{"status":"failure"}`),
		q("breakdown", "breakdown", `{"status":"all","groupBy":"status"}`),
		q("users", "variable", `{"variable":"users"}`),
	}})
	if err != nil {
		t.Fatal(err)
	}
	for refID, r := range resp.Responses {
		if r.Error != nil || len(r.Frames) == 0 {
			t.Fatalf("%s: %v", refID, r.Error)
		}
	}
	table := resp.Responses["table"].Frames[0]
	if table.Rows() != len(rows) {
		t.Fatalf("%d rows shown of %d sign-ins", table.Rows(), len(rows))
	}
	col := func(name string) *data.Field {
		f, _ := table.FieldByName(name)
		if f == nil {
			t.Fatalf("no field %s", name)
		}
		return f
	}
	want := map[string][]any{
		"requestId": {"00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000003",
			"00000000-0000-0000-0000-000000000004", "00000000-0000-0000-0000-000000000005"},
		"user":      {"", "x@contoso.com", "y@contoso.com", "", "zoë@contoso.com"},
		"ipAddress": {"", "203.0.113.XXX", "", "", ""},
		"status":    {"failure", "failure", "success", "success", "failure"},
		"errorCode": {int64(50126), int64(50053), int64(0), int64(0), int64(9999999)},
	}
	for name, values := range want {
		f := col(name)
		for i, v := range values {
			if got := f.At(i); got != v {
				t.Errorf("%s[%d] = %#v, want %#v", name, i, got, v)
			}
		}
	}
	if reason, _ := col("failureReason").At(4).(string); len(reason) != 1<<20 {
		t.Errorf("the huge failure reason came out %d bytes long", len(reason))
	}
	if n := resp.Responses["failures"].Frames[0].Rows(); n != 3 {
		t.Errorf("%d failures, want 3", n)
	}
	total := 0
	bd := resp.Responses["breakdown"].Frames[0]
	if f, _ := bd.FieldByName("total"); f != nil {
		for i := range f.Len() {
			if v, ok := f.At(i).(int64); ok {
				total += int(v)
			}
		}
	}
	if total != len(rows) {
		t.Errorf("the breakdown counts %d sign-ins of %d", total, len(rows))
	}
}
