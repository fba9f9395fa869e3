// Package frames turns annotated sign-ins and rule listings into Grafana data frames. The
// field names are the contract dashboards and alert rules rely on (README: "Frame fields").
package frames

import (
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// Context is what the sign-ins frame needs to know of the data source: the portals of its
// cloud, for the links into them, and its tenant, for the support request details. The zero
// Context links to the public cloud's portals.
type Context struct {
	Portals  settings.Portals
	TenantID string
}

func (c Context) portals() settings.Portals {
	if c.Portals.AdminCenter == "" || c.Portals.Azure == "" {
		return settings.PortalsOf(settings.CloudPublic)
	}
	return c.Portals
}

// winnerLinks is how many of the winning finding's links get a column pair of their own
// (title with a data link, and URL); the lookup and support links have their own columns.
const winnerLinks = 3

// LookupURL is Microsoft's page for one error code.
func LookupURL(code int64) string {
	return "https://login.microsoftonline.com/error?code=" + strconv.FormatInt(code, 10)
}

// SignIns builds the table frame of annotated sign-ins, one row per sign-in, columns filled
// directly (appending row by row boxes every value).
func SignIns(refID string, rows []signin.SignIn, decisions []engine.Decision, ctx Context) *data.Frame {
	n := len(rows)
	c := newColumns(n)
	p := ctx.portals()
	for i := range rows {
		c.set(i, &rows[i], &decisions[i], &p, ctx.TenantID)
	}
	frame := data.NewFrame("signins", c.fields(p)...)
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
	failedPolicy, failedPolicyID, supportDetails           []string
	signInIdentifier, signInIdentifierType                 []string
	linkTitle, linkURL                                     [winnerLinks][]string
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
		failedPolicy: s(), failedPolicyID: s(), supportDetails: s(), signInIdentifier: s(), signInIdentifierType: s(),
		linkTitle: [winnerLinks][]string{s(), s(), s()}, linkURL: [winnerLinks][]string{s(), s(), s()},
	}
}

func (c *columns) set(i int, s *signin.SignIn, d *engine.Decision, p *settings.Portals, tenantID string) {
	c.time[i] = s.CreatedDateTime
	c.user[i], c.userID[i], c.userDisplayName[i] = s.UserPrincipalName, s.UserID, s.UserDisplayName
	c.app[i], c.appID[i], c.status[i] = s.AppDisplayName, s.AppID, d.Status
	c.errorCode[i], c.failureReason[i], c.additionalDetails[i] = s.Status.ErrorCode, s.Status.FailureReason, s.Status.AdditionalDetails
	c.correlationID[i], c.reqID[i], c.ip[i], c.clientApp[i] = s.CorrelationID, s.ID, s.IPAddress, s.ClientAppUsed
	c.country[i], c.city[i], c.caStatus[i] = s.Location.CountryOrRegion, s.Location.City, s.ConditionalAccessStatus
	c.os[i], c.browser[i] = s.DeviceDetail.OperatingSystem, s.DeviceDetail.Browser
	c.ruleError[i] = d.Error
	c.signInIdentifier[i], c.signInIdentifierType[i] = s.SignInIdentifier, s.SignInIdentifierType
	c.failedPolicy[i], c.failedPolicyID[i] = failedPolicies(s.AppliedConditionalAccessPolicies)
	if s.Status.ErrorCode != 0 {
		c.lookup[i] = LookupURL(s.Status.ErrorCode)
	}
	if d.Status == engine.StatusFailure {
		c.supportDetails[i] = SupportDetails(s, tenantID)
	}
	w := d.Winner()
	if w == nil {
		return
	}
	k := 0
	for _, l := range w.Links {
		if k == winnerLinks {
			break
		}
		if l.URL == c.lookup[i] || l.URL == p.Azure+supportPath || l.URL == "" {
			continue // in lookupUrl and supportDetails already
		}
		c.linkTitle[k][i], c.linkURL[k][i] = l.Title, l.URL
		k++
	}
	c.cause[i], c.nextSteps[i], c.severity[i], c.category[i] = w.Cause, strings.Join(w.NextSteps, "\n"), w.Severity, w.Category
	c.ruleID[i], c.title[i], c.actor[i] = w.RuleID, w.Title, w.Actor
	others := make([]string, 0, len(d.Findings)-1)
	for _, f := range d.Findings[1:] {
		others = append(others, f.RuleID)
	}
	c.otherRules[i] = strings.Join(others, ", ")
}

// failedPolicies names the Conditional Access policies that failed the sign-in, and gives the
// first one's ID, for the link to it.
func failedPolicies(policies []signin.AppliedPolicy) (names, firstID string) {
	var all []string
	for _, p := range policies {
		if p.Result != "failure" {
			continue
		}
		name := p.DisplayName
		if name == "" {
			name = p.ID
		}
		all = append(all, name)
		if firstID == "" {
			firstID = p.ID
		}
	}
	return strings.Join(all, ", "), firstID
}

// SupportDetails are the details of a failed sign-in that Microsoft's troubleshooting guide
// and a support request ask for, one per line, ready to paste into the request.
func SupportDetails(s *signin.SignIn, tenantID string) string {
	lines := []string{
		"Request ID: " + s.ID,
		"Correlation ID: " + s.CorrelationID,
		"Time (UTC): " + s.CreatedDateTime.UTC().Format(time.RFC3339),
		"Error code: " + strconv.FormatInt(s.Status.ErrorCode, 10),
		"Tenant ID: " + tenantID,
		"App ID: " + s.AppID,
	}
	if s.SignInIdentifier != "" {
		lines = append(lines, "Sign-in identifier: "+s.SignInIdentifier)
	}
	return strings.Join(lines, "\n")
}

// The admin center pages the field links open. They are the address forms of the rules'
// link helpers (rules/lib_links.rego, which names the source of each); Grafana fills in the
// row's IDs, which are GUIDs and need no escaping.
const (
	userPath      = "/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/"
	appPath       = "/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/"
	appCredsPath  = "/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/"
	policyPath    = "/#view/Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/"
	signInLogPath = "/#view/Microsoft_AAD_IAM/SignInLogsList.ReactView"
	supportPath   = "/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest"
)

// portalLinks are the field links into the admin center of the data source's cloud.
func portalLinks(p settings.Portals) map[string][]data.DataLink {
	open := func(title, url string) data.DataLink { return data.DataLink{Title: title, URL: url, TargetBlank: true} }
	return map[string][]data.DataLink{
		"user": {open("Open the user in the Entra admin center", p.AdminCenter+userPath+"${__data.fields.userId}")},
		"app": {
			open("Open the app registration in the Entra admin center", p.AdminCenter+appPath+"${__data.fields.appId}"),
			open("Open the app's certificates & secrets", p.AdminCenter+appCredsPath+"${__data.fields.appId}"),
		},
		"policy":  {open("Open the failed Conditional Access policy", p.AdminCenter+policyPath+"${__data.fields.failedPolicyId}")},
		"request": {open("Open the sign-in logs (filter by this request ID)", p.AdminCenter+signInLogPath)},
		"support": {open("Open a support request in the Azure portal", p.Azure+supportPath)},
	}
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

func (c *columns) fields(p settings.Portals) []*data.Field {
	f := func(name, display string, values any, links ...data.DataLink) *data.Field {
		field := data.NewField(name, nil, values)
		field.Config = &data.FieldConfig{DisplayName: display, Links: links}
		return field
	}
	portal := portalLinks(p)
	fields := []*data.Field{
		f("time", "Time", c.time),
		f("user", "User", c.user, append(append([]data.DataLink{}, userLinks...), portal["user"]...)...),
		f("userId", "User ID", c.userID),
		f("userDisplayName", "User name", c.userDisplayName),
		f("app", "Application", c.app, portal["app"]...),
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
		f("requestId", "Request ID", c.reqID, portal["request"]...),
		f("ipAddress", "IP address", c.ip),
		f("clientApp", "Client app", c.clientApp),
		f("country", "Country", c.country),
		f("city", "City", c.city),
		f("operatingSystem", "Operating system", c.os),
		f("browser", "Browser", c.browser),
		f("conditionalAccessStatus", "Conditional Access", c.caStatus),
		f("failedPolicy", "Failed policy", c.failedPolicy, portal["policy"]...),
		f("failedPolicyId", "Failed policy ID", c.failedPolicyID),
		f("lookupUrl", "Microsoft lookup", c.lookup, lookupLinks...),
		f("ruleError", "Rule error", c.ruleError),
		f("supportDetails", "Support request details", c.supportDetails, portal["support"]...),
		f("signInIdentifier", "Sign-in identifier", c.signInIdentifier),
		f("signInIdentifierType", "Sign-in identifier type", c.signInIdentifierType),
	}
	for k := range winnerLinks {
		n := strconv.Itoa(k + 1)
		fields = append(fields,
			f("link"+n, "Link "+n, c.linkTitle[k], data.DataLink{Title: "${__value.raw}", URL: "${__data.fields.link" + n + "Url}", TargetBlank: true}),
			f("link"+n+"Url", "Link "+n+" URL", c.linkURL[k]))
	}
	return fields
}
