package simulator

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

// maxTop is Graph's largest (and default) page for sign-ins.
const maxTop = 1000

// graphQuery is a validated listing request.
type graphQuery struct {
	state    pageState // the query as a skiptoken carries it
	expr     odata.Expr
	cursor   *dataset.Cursor
	from, to time.Time
	allTypes bool     // beta with signInEventTypes in the filter: no implicit interactive-only
	props    []string // top-level properties the filter reads
}

// Query options Graph refuses on signIns, with the name its error message uses.
var refusedOptions = map[string]string{"skip": "Skip", "expand": "Expand", "count": "Count", "search": "Search", "apply": "Apply", "compute": "Compute"}

// parseGraphQuery reads the query options. A $skiptoken carries the whole query, so the
// other options of a nextLink are not read again.
func (s *Server) parseGraphQuery(u *url.URL, version, tenantID string) (*graphQuery, *graphError) {
	raw, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, badRequest("The query string is not valid.")
	}
	opts := map[string]string{}
	for k, vs := range raw {
		name := strings.ToLower(strings.TrimPrefix(k, "$"))
		if _, dup := opts[name]; dup || len(vs) > 1 {
			return nil, badRequest("Query option '" + k + "' was specified more than once, but it must be specified at most once.")
		}
		if title, refused := refusedOptions[name]; refused {
			return nil, badRequest("Query option '" + title + "' is not allowed.")
		}
		switch name {
		case "filter", "top", "select", "orderby", "skiptoken":
			opts[name] = vs[0]
		default:
			if strings.HasPrefix(k, "$") {
				return nil, badRequest("Query option '" + k + "' is not supported.")
			}
		}
	}
	q := &graphQuery{state: pageState{Tenant: tenantID, Version: version, Top: maxTop}}
	if tok, ok := opts["skiptoken"]; ok {
		st, err := s.decodeSkipToken(tok)
		if err == nil && (!strings.EqualFold(st.Tenant, tenantID) || st.Version != version) {
			err = errSkipToken
		}
		if err == nil {
			q.cursor, err = st.cursor()
		}
		if err != nil {
			return nil, badRequest("Invalid $skiptoken: it was not issued for this query by this service.")
		}
		q.state = st
	} else if gerr := q.readOptions(opts, version); gerr != nil {
		return nil, gerr
	}
	if gerr := q.compileFilter(version); gerr != nil {
		return nil, gerr
	}
	return q, nil
}

func (q *graphQuery) readOptions(opts map[string]string, version string) *graphError {
	if v, ok := opts["top"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > maxTop {
			return badRequest("Invalid page size specified: '" + v + "'. Must be between 1 and 1000 inclusive.")
		}
		q.state.Top = n
	}
	if v, ok := opts["orderby"]; ok {
		f := strings.Fields(v)
		if len(f) == 0 || len(f) > 2 || !strings.EqualFold(f[0], "createdDateTime") ||
			(len(f) == 2 && !strings.EqualFold(f[1], "asc") && !strings.EqualFold(f[1], "desc")) {
			return badRequest("Invalid $orderby clause '" + v + "': signIns can only be ordered by createdDateTime (asc or desc).")
		}
		q.state.Asc = len(f) == 2 && strings.EqualFold(f[1], "asc")
	}
	if v, ok := opts["select"]; ok {
		sel, err := parseSelect(v, version)
		if err != nil {
			return badRequest(err.Error())
		}
		q.state.Select = sel
	}
	q.state.Filter = opts["filter"]
	return nil
}

// parseSelect canonicalises a $select list; id always comes first, as Graph returns it.
func parseSelect(v, version string) ([]string, error) {
	out := []string{"id"}
	for _, item := range strings.Split(v, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if strings.Contains(item, "/") {
			return nil, errors.New("Selecting nested properties ('" + item + "') is not supported on signIns.")
		}
		name, ok := canonical(propertiesOf(version), item)
		if !ok {
			return nil, errors.New("Could not find a property named '" + item + "' on type 'microsoft.graph.signIn'.")
		}
		if !containsFold(out, name) {
			out = append(out, name)
		}
	}
	return out, nil
}

// compileFilter parses and checks $filter and derives what the scan needs from it.
func (q *graphQuery) compileFilter(version string) *graphError {
	q.from, q.to = time.Time{}, time.Unix(1<<40, 0)
	if strings.TrimSpace(q.state.Filter) == "" {
		return nil
	}
	e, err := odata.Parse(q.state.Filter)
	if err != nil {
		return badRequest("Invalid filter clause: " + err.Error())
	}
	c := &filterCheck{version: version, props: map[string]bool{}}
	if err := c.check(e, nil); err != nil {
		return badRequest("Invalid filter clause: " + err.Error())
	}
	q.expr = e
	for p := range c.props {
		q.props = append(q.props, p)
	}
	q.allTypes = version == dataset.Beta && c.props["signInEventTypes"]
	q.from, q.to = timeBounds(e, q.from, q.to)
	return nil
}

// linkQuery is the query part of a nextLink: the original options, then the skiptoken,
// escaped as Microsoft's own links are (spaces as %20).
func (q *graphQuery) linkQuery(token string) string {
	var parts []string
	add := func(name, v string) {
		parts = append(parts, name+"="+strings.ReplaceAll(url.QueryEscape(v), "+", "%20"))
	}
	if q.state.Filter != "" {
		add("$filter", q.state.Filter)
	}
	if len(q.state.Select) > 0 {
		add("$select", strings.Join(q.state.Select, ","))
	}
	if q.state.Asc {
		add("$orderby", "createdDateTime asc")
	}
	add("$top", strconv.Itoa(q.state.Top))
	add("$skiptoken", token)
	return strings.Join(parts, "&")
}
