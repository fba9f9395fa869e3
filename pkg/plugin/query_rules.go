package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/frames"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
)

// queryRules lists the loaded rules and catalogue entries, so a dashboard can show and search them.
func (ds *Datasource) queryRules(_ context.Context, q backend.DataQuery, _ query.Model) backend.DataResponse {
	frame := frames.Rules(q.RefID, ds.engine().Rules())
	if err := ds.rules.Load().Refused; err != nil {
		frame.Meta.Notices = append(frame.Meta.Notices, data.Notice{Severity: data.NoticeSeverityError, Text: "Your rules are not loaded: " + err.Error()})
	}
	return backend.DataResponse{Frames: data.Frames{frame}}
}
