package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// serveValues answers GET values/<kind>?from=&to=&q= for the editors' pickers: the same
// text/value pairs as a variable query (apps, users, errorCodes, causes, categories, countries,
// clientApps), over the given range (unix milliseconds; default the last 24 hours), filtered
// to those containing q (case-insensitive), at most maxValues.
func (ds *Datasource) serveValues(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	kind := strings.TrimPrefix(req.Path, "values/")
	params := url.Values{}
	if u, err := url.Parse(req.URL); err == nil {
		params = u.Query()
	}
	to := millis(params.Get("to"), time.Now())
	from := millis(params.Get("from"), to.Add(-24*time.Hour))
	model, _ := json.Marshal(map[string]any{"queryType": "variable", "variable": kind})
	resp, _ := ds.query(ctx, backend.DataQuery{RefID: "values", QueryType: "variable", JSON: model, TimeRange: backend.TimeRange{From: from, To: to}})
	if resp.Error != nil {
		return sendJSON(sender, http.StatusBadRequest, map[string]string{"error": resp.Error.Error()})
	}
	out := []option{}
	needle := strings.ToLower(params.Get("q"))
	if len(resp.Frames) == 1 {
		f := resp.Frames[0]
		for i := 0; i < f.Rows() && len(out) < maxValues; i++ {
			text, _ := f.Fields[0].At(i).(string)
			value, _ := f.Fields[1].At(i).(string)
			if needle == "" || strings.Contains(strings.ToLower(text), needle) {
				out = append(out, option{Text: text, Value: value})
			}
		}
	}
	return sendJSON(sender, http.StatusOK, out)
}

func millis(v string, fallback time.Time) time.Time {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return fallback
	}
	return time.UnixMilli(n)
}

// maxValues bounds a values answer: enough for the whole error-code catalogue (354 codes).
const maxValues = 500
