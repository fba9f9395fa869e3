package plugin

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// queryAnnotations returns the events to mark on time series panels: the data source's rule
// set changes in the range (time, title, text, tags, as Grafana reads annotation frames).
func (ds *Datasource) queryAnnotations(_ context.Context, q backend.DataQuery, _ query.Model) backend.DataResponse {
	events := ruleEventsBetween(ds.uid, q.TimeRange.From, q.TimeRange.To)
	times, titles, texts, tags := make([]time.Time, len(events)), make([]string, len(events)), make([]string, len(events)), make([]json.RawMessage, len(events))
	for i, e := range events {
		times[i], titles[i], texts[i] = e.Time, e.Title, e.Text
		tags[i] = json.RawMessage(`["rules"]`)
		if e.Refused {
			tags[i] = json.RawMessage(`["rules","refused"]`)
		}
	}
	tagField := data.NewField("tags", nil, tags)
	frame := data.NewFrame("annotations", data.NewField("time", nil, times), data.NewField("title", nil, titles),
		data.NewField("text", nil, texts), tagField)
	frame.RefID = q.RefID
	return backend.DataResponse{Frames: data.Frames{frame}}
}

func itoa(n int) string { return strconv.Itoa(n) }
