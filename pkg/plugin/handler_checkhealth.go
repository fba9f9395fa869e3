package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// setupGuide is where the README explains the app registration.
const setupGuide = "https://github.com/sigdiag/signin-diagnostics#register-an-app-in-entra-id"

// CheckHealth tries exactly what a query does — get a token and read one sign-in — and says
// what to fix when that fails. User rules that do not compile are reported too.
func (ds *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if ds.initErr != nil {
		return healthError("The data source settings are not valid: "+ds.initErr.Error(), ds.initErr), nil
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	now := time.Now().UTC()
	res, err := ds.source.List(ctx, graph.Query{From: now.Add(-24 * time.Hour), To: now, MaxRows: 1})
	if err != nil {
		return healthError("Could not read sign-ins from Microsoft Graph: "+err.Error(), err), nil
	}
	msg := fmt.Sprintf("Connected to %s: Microsoft Graph returned sign-ins (%d in the first page of the last 24 hours).", ds.sourceName(), len(res.SignIns))
	if rs := ds.rules.Load(); rs.userErr != nil {
		return healthError(msg+" But your rules are not loaded (the built-in rules serve meanwhile): "+rs.userErr.Error(), rs.userErr), nil
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: msg + fmt.Sprintf(" %d rules loaded.", len(ds.engine().Rules()))}, nil
}

func (ds *Datasource) sourceName() string {
	if ds.settings.Source == settings.SourceDemo {
		return "the built-in demo tenant"
	}
	ep, _ := ds.settings.Endpoints()
	return ep.GraphEndpoint + "/" + ds.settings.GraphAPIVersion
}

func healthError(msg string, err error) *backend.CheckHealthResult {
	details := map[string]any{"verboseMessage": err.Error(), "setupGuide": setupGuide}
	var ge *graph.Error
	if errors.As(err, &ge) {
		details["code"], details["status"], details["hint"] = ge.Code, ge.Status, ge.Hint
	}
	body, _ := json.Marshal(details)
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: msg, JSONDetails: body}
}
