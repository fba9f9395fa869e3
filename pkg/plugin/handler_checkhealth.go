package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// setupGuide is where the README explains the app registration.
const setupGuide = "https://github.com/sigdiag/signin-diagnostics#register-an-app-in-entra-id"

// healthTimeout bounds "Save & test"; it covers a token request, a Graph page and, when
// other queries use the app's budget, a wait for the pacer.
const healthTimeout = 60 * time.Second

// CheckHealth tries exactly what a query does — get a token and read one sign-in — and says
// what to fix when that fails. User rules that do not compile are reported too.
func (ds *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (res *backend.CheckHealthResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			ds.logPanic("health check", r)
			res, err = &backend.CheckHealthResult{Status: backend.HealthStatusError,
				Message: "The health check failed inside the plugin; the error is in Grafana's server log"}, nil
		}
	}()
	if ds.initErr != nil {
		return healthError("The data source settings are not valid: "+ds.initErr.Error(), ds.initErr), nil
	}
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	now := time.Now().UTC()
	list, err := ds.source.List(ctx, graph.Query{From: now.Add(-24 * time.Hour), To: now, MaxRows: 1})
	if err != nil {
		return healthError(healthHeadline(err)+err.Error(), err), nil
	}
	msg := fmt.Sprintf("Connected to %s: Microsoft Graph returned sign-ins (%d in the first page of the last 24 hours).", ds.sourceName(), len(list.SignIns))
	shared, err := ds.clusterHealth(ctx)
	if msg += shared; err != nil {
		return healthError(msg, err), nil
	}
	if rs := ds.rules.Load(); rs.Refused != nil {
		return healthError(msg+" But your rules are not loaded (the built-in rules serve meanwhile): "+rs.Refused.Error(), rs.Refused), nil
	}
	return &backend.CheckHealthResult{Status: backend.HealthStatusOk, Message: msg + fmt.Sprintf(" %d rules loaded.", len(ds.engine().Rules())) + ds.bundleHealth() + ds.budgetUse()}, nil
}

// bundleHealth is the health message's sentence on a rules bundle whose latest download
// failed while its previous rules serve.
func (ds *Datasource) bundleHealth() string {
	if ds.bundle == nil {
		return ""
	}
	if err := ds.bundle.LastError(); err != nil {
		return fmt.Sprintf(" The rules bundle's latest download failed (%v): its previous rules keep serving.", err)
	}
	return fmt.Sprintf(" Rules from the bundle at %s.", ds.settings.RulesBundle.URL)
}

// budgetUse is the health message's sentence on the app's Graph budget: how much of it this
// Grafana server used in the last minutes, so that an admin can tell a slow dashboard that
// waits for the budget from one that waits for Graph.
func (ds *Datasource) budgetUse() string {
	if ds.settings.Source == settings.SourceDemo {
		return ""
	}
	ep, err := ds.settings.Endpoints()
	if err != nil {
		return ""
	}
	tenant, client := graph.Identity(ds.settings)
	p := graph.SharedPacer(ep.AuthorityHost, tenant, client)
	limit, window := p.Limit()
	allowed := int(graph.UsageSpan / window * time.Duration(limit))
	return fmt.Sprintf(" Graph budget: this Grafana server sent %d of the app's sign-in log requests in the last %d minutes (Graph allows about %d: %d per %v).",
		p.Used(time.Now(), graph.UsageSpan), int(graph.UsageSpan.Minutes()), allowed, graph.GraphRequestsPerWindow, graph.GraphWindow)
}

// headlines start the health message with what kind of thing is wrong.
var headlines = map[graph.Kind]string{
	graph.KindCredentials: "Entra ID did not accept the credentials: ",
	graph.KindPermission:  "The app is missing a Microsoft Graph permission: ",
	graph.KindLicence:     "The tenant's licence does not allow reading sign-in logs: ",
	graph.KindThrottled:   "Microsoft Graph is throttling this app: ",
	graph.KindNetwork:     "Grafana cannot connect: ",
	graph.KindCloud:       "The cloud or endpoints do not match the tenant: ",
	graph.KindQuery:       "Microsoft Graph rejected the request: ",
	graph.KindService:     "Could not read sign-ins from Microsoft Graph: ",
}

func healthHeadline(err error) string {
	var ge *graph.Error
	if errors.As(err, &ge) && headlines[ge.Kind] != "" {
		return headlines[ge.Kind]
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("No answer from Microsoft Graph within %s: ", healthTimeout)
	}
	return "Could not read sign-ins from Microsoft Graph: "
}

func (ds *Datasource) sourceName() string {
	if ds.settings.Source == settings.SourceDemo {
		return "the built-in demo tenant"
	}
	ep, _ := ds.settings.Endpoints()
	return ep.GraphEndpoint + "/" + ds.settings.GraphAPIVersion
}

// healthError is a short message plus details: Grafana shows verboseMessage when the user
// expands the error. Neither ever holds a secret: errors carry codes and texts only.
func healthError(msg string, err error) *backend.CheckHealthResult {
	details := map[string]any{"verboseMessage": verbose(err), "setupGuide": setupGuide}
	var ge *graph.Error
	if errors.As(err, &ge) {
		details["code"], details["status"], details["kind"], details["hint"] = ge.Code, ge.Status, ge.Kind, ge.Hint
		if ge.Doc != "" {
			details["docs"] = ge.Doc
		}
	}
	var fe *settings.FieldError
	if errors.As(err, &fe) {
		details["field"] = fe.Field
	}
	body, _ := json.Marshal(details)
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: msg, JSONDetails: body}
}

// verbose spells the error out line by line for the expandable details.
func verbose(err error) string {
	var ge *graph.Error
	if !errors.As(err, &ge) {
		return err.Error() + "\nSetup guide: " + setupGuide
	}
	lines := []string{"What happened: " + ge.Message}
	add := func(label, v string) {
		if v != "" {
			lines = append(lines, label+v)
		}
	}
	add("What to do: ", ge.Hint)
	if ge.Detail != ge.Message {
		add("The service said: ", ge.Detail)
	}
	add("Error code: ", ge.Code)
	if ge.Status != 0 {
		add("HTTP status: ", fmt.Sprint(ge.Status))
	}
	add("Request ID: ", ge.RequestID)
	add("Documentation: ", ge.Doc)
	add("Setup guide: ", setupGuide)
	return strings.Join(lines, "\n")
}
