// Package frames turns annotated sign-ins and rule listings into Grafana data frames. The
// field names are the contract dashboards and alert rules rely on (README: "Frame fields").
package frames

import (
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// LookupURL is Microsoft's page for one error code.
func LookupURL(code int64) string {
	return "https://login.microsoftonline.com/error?code=" + strconv.FormatInt(code, 10)
}

// SignIns builds the table frame of annotated sign-ins, one row per sign-in, columns filled
// directly (appending row by row boxes every value).
func SignIns(refID string, rows []signin.SignIn, decisions []engine.Decision) *data.Frame {
	n := len(rows)
	c := newColumns(n)
	for i := range rows {
		c.set(i, &rows[i], &decisions[i])
	}
	frame := data.NewFrame("signins", c.fields()...)
	frame.RefID = refID
	frame.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return frame
}

type columns struct {
	time                                                   []time.Time
	user, userID, userDisplayName, app, appID, status      []string
	errorCode                                              []int64
	failureReason, additionalDetails, correlationID, reqID []string
	ip, clientApp, country, city, os, browser, caStatus    []string
	cause, nextSteps, severity, category, ruleID, title    []string
	actor, otherRules, lookup, ruleError                   []string
}

func newColumns(n int) *columns {
	s := func() []string { return make([]string, n) }
	return &columns{
		time: make([]time.Time, n), errorCode: make([]int64, n),
		user: s(), userID: s(), userDisplayName: s(), app: s(), appID: s(), status: s(),
		failureReason: s(), additionalDetails: s(), correlationID: s(), reqID: s(),
		ip: s(), clientApp: s(), country: s(), city: s(), os: s(), browser: s(), caStatus: s(),
		cause: s(), nextSteps: s(), severity: s(), category: s(), ruleID: s(), title: s(),
		actor: s(), otherRules: s(), lookup: s(), ruleError: s(),
	}
}

func (c *columns) set(i int, s *signin.SignIn, d *engine.Decision) {
	c.time[i] = s.CreatedDateTime
	c.user[i], c.userID[i], c.userDisplayName[i] = s.UserPrincipalName, s.UserID, s.UserDisplayName
	c.app[i], c.appID[i], c.status[i] = s.AppDisplayName, s.AppID, d.Status
	c.errorCode[i], c.failureReason[i], c.additionalDetails[i] = s.Status.ErrorCode, s.Status.FailureReason, s.Status.AdditionalDetails
	c.correlationID[i], c.reqID[i], c.ip[i], c.clientApp[i] = s.CorrelationID, s.ID, s.IPAddress, s.ClientAppUsed
	c.country[i], c.city[i], c.caStatus[i] = s.Location.CountryOrRegion, s.Location.City, s.ConditionalAccessStatus
	c.os[i], c.browser[i] = s.DeviceDetail.OperatingSystem, s.DeviceDetail.Browser
	c.ruleError[i] = d.Error
	if s.Status.ErrorCode != 0 {
		c.lookup[i] = LookupURL(s.Status.ErrorCode)
	}
	w := d.Winner()
	if w == nil {
		return
	}
	c.cause[i], c.nextSteps[i], c.severity[i], c.category[i] = w.Cause, strings.Join(w.NextSteps, "\n"), w.Severity, w.Category
	c.ruleID[i], c.title[i], c.actor[i] = w.RuleID, w.Title, w.Actor
	others := make([]string, 0, len(d.Findings)-1)
	for _, f := range d.Findings[1:] {
		others = append(others, f.RuleID)
	}
	c.otherRules[i] = strings.Join(others, ", ")
}

// Drill-down links on the sign-ins table, to the provisioned "Troubleshoot a user" dashboard
// and Microsoft's pages; Grafana fills in the ${...} variables from the clicked row.
var (
	userLinks = []data.DataLink{{Title: "Troubleshoot ${__value.raw}",
		URL: "/d/sigdiag-user/troubleshoot-a-user?var-user=${__value.raw}&${__url_time_range}"}}
	correlationLinks = []data.DataLink{{Title: "Explain this sign-in",
		URL: "/d/sigdiag-user/troubleshoot-a-user?var-user=${__data.fields.user}&var-correlationId=${__value.raw}&${__url_time_range}"}}
	codeLinks   = []data.DataLink{{Title: "Microsoft's page for error ${__value.raw}", URL: "https://login.microsoftonline.com/error?code=${__value.raw}", TargetBlank: true}}
	lookupLinks = []data.DataLink{{Title: "Open", URL: "${__value.raw}", TargetBlank: true}}
)

func (c *columns) fields() []*data.Field {
	f := func(name, display string, values any, links ...data.DataLink) *data.Field {
		field := data.NewField(name, nil, values)
		field.Config = &data.FieldConfig{DisplayName: display, Links: links}
		return field
	}
	return []*data.Field{
		f("time", "Time", c.time),
		f("user", "User", c.user, userLinks...),
		f("userId", "User ID", c.userID),
		f("userDisplayName", "User name", c.userDisplayName),
		f("app", "Application", c.app),
		f("appId", "Application ID", c.appID),
		f("status", "Status", c.status),
		f("errorCode", "Error code", c.errorCode, codeLinks...),
		f("failureReason", "Failure reason", c.failureReason),
		f("additionalDetails", "Additional details", c.additionalDetails),
		f("cause", "Cause", c.cause),
		f("nextSteps", "Next steps", c.nextSteps),
		f("severity", "Severity", c.severity),
		f("category", "Category", c.category),
		f("ruleId", "Rule", c.ruleID),
		f("title", "Title", c.title),
		f("actor", "Who acts", c.actor),
		f("otherRules", "Other matching rules", c.otherRules),
		f("correlationId", "Correlation ID", c.correlationID, correlationLinks...),
		f("requestId", "Request ID", c.reqID),
		f("ipAddress", "IP address", c.ip),
		f("clientApp", "Client app", c.clientApp),
		f("country", "Country", c.country),
		f("city", "City", c.city),
		f("operatingSystem", "Operating system", c.os),
		f("browser", "Browser", c.browser),
		f("conditionalAccessStatus", "Conditional Access", c.caStatus),
		f("lookupUrl", "Microsoft lookup", c.lookup, lookupLinks...),
		f("ruleError", "Rule error", c.ruleError),
	}
}
