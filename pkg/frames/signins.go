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

// SignIns builds the table frame of annotated sign-ins, one row per sign-in, a field per
// entry of signInColumns, each filled as one typed slice (appending row by row boxes every
// value).
func SignIns(refID string, rows []signin.SignIn, decisions []engine.Decision, ctx Context) *data.Frame {
	p := ctx.portals()
	rs := make([]row, len(rows))
	for i := range rows {
		rs[i] = newRow(&rows[i], &decisions[i], &p, ctx.TenantID)
	}
	fields := make([]*data.Field, len(signInColumns))
	for i, col := range signInColumns {
		fields[i] = data.NewField(col.name, nil, col.values(rs))
		fields[i].Config = &data.FieldConfig{DisplayName: col.display}
		if col.links != nil {
			fields[i].Config.Links = col.links(p)
		}
	}
	frame := data.NewFrame("signins", fields...)
	frame.RefID = refID
	frame.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return frame
}

// row is one sign-in with what its columns read: the decision, the winning finding (nil
// when none) and the values that take a step to derive.
type row struct {
	s                            *signin.SignIn
	d                            *engine.Decision
	w                            *engine.Finding
	lookup, support              string
	failedPolicy, failedPolicyID string
	links                        [winnerLinks]engine.Link
}

func newRow(s *signin.SignIn, d *engine.Decision, p *settings.Portals, tenantID string) row {
	r := row{s: s, d: d, w: d.Winner()}
	r.failedPolicy, r.failedPolicyID = failedPolicies(s.AppliedConditionalAccessPolicies)
	if s.Status.ErrorCode != 0 {
		r.lookup = LookupURL(s.Status.ErrorCode)
	}
	if d.Status == engine.StatusFailure {
		r.support = SupportDetails(s, tenantID)
	}
	if r.w == nil {
		return r
	}
	k := 0
	for _, l := range r.w.Links {
		if k == winnerLinks {
			break
		}
		if l.URL == r.lookup || l.URL == p.Azure+supportPath || l.URL == "" {
			continue // in lookupUrl and supportDetails already
		}
		r.links[k] = l
		k++
	}
	return r
}

// column is one field of the sign-ins frame: its name (the contract dashboards and alert
// rules rely on), its display name, its data links and how a row gives its value. A new
// field is one entry of signInColumns.
type column struct {
	name, display string
	links         func(p settings.Portals) []data.DataLink
	values        func(rows []row) any
}

func typed[T any](name, display string, get func(r *row) T, links ...func(settings.Portals) []data.DataLink) column {
	c := column{name: name, display: display, values: func(rows []row) any {
		out := make([]T, len(rows))
		for i := range rows {
			out[i] = get(&rows[i])
		}
		return out
	}}
	if len(links) > 0 {
		c.links = func(p settings.Portals) []data.DataLink {
			var out []data.DataLink
			for _, l := range links {
				out = append(out, l(p)...)
			}
			return out
		}
	}
	return c
}

// text is a string column; fromWinner one read from the winning finding ("" when none).
func text(name, display string, get func(r *row) string, links ...func(settings.Portals) []data.DataLink) column {
	return typed(name, display, get, links...)
}

func fromWinner(name, display string, get func(f *engine.Finding) string) column {
	return text(name, display, func(r *row) string {
		if r.w == nil {
			return ""
		}
		return get(r.w)
	})
}

// fixed and portal are a column's links: the same for every data source, or into the
// admin center of the data source's cloud (portalLinks).
func fixed(links []data.DataLink) func(settings.Portals) []data.DataLink {
	return func(settings.Portals) []data.DataLink { return links }
}

func portal(target string) func(settings.Portals) []data.DataLink {
	return func(p settings.Portals) []data.DataLink { return portalLinks(p)[target] }
}

// signInColumns are the sign-ins frame's fields, in order (README: "Frame fields").
var signInColumns = append([]column{
	typed("time", "Time", func(r *row) time.Time { return r.s.CreatedDateTime }),
	text("user", "User", func(r *row) string { return r.s.UserPrincipalName }, fixed(userLinks), portal("user")),
	text("userId", "User ID", func(r *row) string { return r.s.UserID }),
	text("userDisplayName", "User name", func(r *row) string { return r.s.UserDisplayName }),
	text("app", "Application", func(r *row) string { return r.s.AppDisplayName }, portal("app")),
	text("appId", "Application ID", func(r *row) string { return r.s.AppID }),
	text("status", "Status", func(r *row) string { return r.d.Status }),
	typed("errorCode", "Error code", func(r *row) int64 { return r.s.Status.ErrorCode }, fixed(codeLinks)),
	text("failureReason", "Failure reason", func(r *row) string { return r.s.Status.FailureReason }),
	text("additionalDetails", "Additional details", func(r *row) string { return r.s.Status.AdditionalDetails }),
	fromWinner("cause", "Cause", func(f *engine.Finding) string { return f.Cause }),
	fromWinner("nextSteps", "Next steps", func(f *engine.Finding) string { return strings.Join(f.NextSteps, "\n") }),
	fromWinner("severity", "Severity", func(f *engine.Finding) string { return f.Severity }),
	fromWinner("category", "Category", func(f *engine.Finding) string { return f.Category }),
	fromWinner("ruleId", "Rule", func(f *engine.Finding) string { return f.RuleID }),
	fromWinner("title", "Title", func(f *engine.Finding) string { return f.Title }),
	fromWinner("actor", "Who acts", func(f *engine.Finding) string { return f.Actor }),
	text("otherRules", "Other matching rules", otherRules),
	text("correlationId", "Correlation ID", func(r *row) string { return r.s.CorrelationID }, fixed(correlationLinks)),
	text("requestId", "Request ID", func(r *row) string { return r.s.ID }, portal("request")),
	text("ipAddress", "IP address", func(r *row) string { return r.s.IPAddress }),
	text("clientApp", "Client app", func(r *row) string { return r.s.ClientAppUsed }),
	text("country", "Country", func(r *row) string { return r.s.Location.CountryOrRegion }),
	text("city", "City", func(r *row) string { return r.s.Location.City }),
	text("operatingSystem", "Operating system", func(r *row) string { return r.s.DeviceDetail.OperatingSystem }),
	text("browser", "Browser", func(r *row) string { return r.s.DeviceDetail.Browser }),
	text("conditionalAccessStatus", "Conditional Access", func(r *row) string { return r.s.ConditionalAccessStatus }),
	text("failedPolicy", "Failed policy", func(r *row) string { return r.failedPolicy }, portal("policy")),
	text("failedPolicyId", "Failed policy ID", func(r *row) string { return r.failedPolicyID }),
	text("lookupUrl", "Microsoft lookup", func(r *row) string { return r.lookup }, fixed(lookupLinks)),
	text("ruleError", "Rule error", func(r *row) string { return r.d.Error }),
	text("supportDetails", "Support request details", func(r *row) string { return r.support }, portal("support")),
	text("signInIdentifier", "Sign-in identifier", func(r *row) string { return r.s.SignInIdentifier }),
	text("signInIdentifierType", "Sign-in identifier type", func(r *row) string { return r.s.SignInIdentifierType }),
}, linkColumns()...)

// otherRules lists the matching rules after the winner, in precedence order.
func otherRules(r *row) string {
	if r.w == nil {
		return ""
	}
	others := make([]string, 0, len(r.d.Findings)-1)
	for _, f := range r.d.Findings[1:] {
		others = append(others, f.RuleID)
	}
	return strings.Join(others, ", ")
}

// opensLinkURL is the data link of the title column link<n>: it opens the URL in link<n>Url
// of the same row. The explain frame's link columns use it too.
func opensLinkURL(n string) []data.DataLink {
	return []data.DataLink{{Title: "${__value.raw}", URL: "${__data.fields.link" + n + "Url}", TargetBlank: true}}
}

// linkColumns are a title (with a data link to the URL) and a URL column for each of the
// winning finding's first links.
func linkColumns() []column {
	var out []column
	for k := range winnerLinks {
		n := strconv.Itoa(k + 1)
		title := text("link"+n, "Link "+n, func(r *row) string { return r.links[k].Title }, fixed(opensLinkURL(n)))
		url := text("link"+n+"Url", "Link "+n+" URL", func(r *row) string { return r.links[k].URL })
		out = append(out, title, url)
	}
	return out
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
