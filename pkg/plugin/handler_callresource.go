package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/ruleset"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// ValidateRequest is the body of POST rules/validate.
type ValidateRequest struct {
	Rules string `json:"rules"`
}

// ValidateResponse says whether the rules compile together with the built-in ones.
type ValidateResponse struct {
	Valid  bool              `json:"valid"`
	Errors []regokit.Problem `json:"errors"`
}

// CallResource serves the config and query editors: rule validation and the rule catalogue.
func (ds *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) (err error) {
	defer func() {
		if r := recover(); r != nil {
			ds.logPanic("resource "+req.Path, r)
			err = sendJSON(sender, http.StatusInternalServerError, map[string]string{"error": "the plugin failed on this request; the error is in Grafana's server log"})
		}
	}()
	switch {
	case req.Path == "rules/validate" && req.Method == http.MethodPost:
		var body ValidateRequest
		if err := json.Unmarshal(req.Body, &body); err != nil {
			return sendJSON(sender, http.StatusBadRequest, map[string]string{"error": `the body must be {"rules": "<rego>"}`})
		}
		if len(body.Rules) > settings.MaxCustomRulesBytes {
			return sendJSON(sender, http.StatusRequestEntityTooLarge, map[string]string{"error": "the rules are larger than the limit"})
		}
		problems := ruleset.Check(ctx, ruleset.InlineName, body.Rules)
		return sendJSON(sender, http.StatusOK, ValidateResponse{Valid: len(problems) == 0, Errors: nonNil(problems)})
	case strings.HasPrefix(req.Path, "values/") && req.Method == http.MethodGet:
		return ds.serveValues(ctx, req, sender)
	case req.Path == "rules" && req.Method == http.MethodGet:
		return sendJSON(sender, http.StatusOK, ds.engine().Rules())
	}
	return sendJSON(sender, http.StatusNotFound, map[string]string{"error": "no resource " + req.Method + " " + req.Path})
}

func nonNil(p []regokit.Problem) []regokit.Problem {
	if p == nil {
		return []regokit.Problem{}
	}
	return p
}

func sendJSON(sender backend.CallResourceResponseSender, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return sender.Send(&backend.CallResourceResponse{Status: status, Headers: map[string][]string{"Content-Type": {"application/json"}}, Body: body})
}
