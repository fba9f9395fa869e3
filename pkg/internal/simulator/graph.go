package simulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

// caPermissions let a caller read appliedConditionalAccessPolicies.
var caPermissions = []string{PermissionPolicyReadAll, "Policy.ReadWrite.ConditionalAccess", "Policy.Read.ConditionalAccess"}

// handleGraph serves /{version}/auditLogs/signIns. Checks run in the order Graph's
// front end applies them: injected outages, authentication, licence and permission,
// throttling, then the query itself.
func (s *Server) handleGraph(w http.ResponseWriter, r *http.Request, segs []string, entry *RequestLog) {
	reqID, clientReqID := graphHeaders(w, r)
	entry.RequestID = reqID
	fail := func(e *graphError) { e.write(w, reqID, clientReqID) }
	version := segs[0]
	if len(segs) != 3 || !strings.EqualFold(segs[1], "auditLogs") || !strings.EqualFold(segs[2], "signIns") {
		fail(badRequest("Resource not found for the segment '" + segs[len(segs)-1] + "'."))
		return
	}
	if r.Method != http.MethodGet {
		fail(newGraphError(http.StatusMethodNotAllowed, "Request_BadRequest", "Specified HTTP method is not allowed for the request uri."))
		return
	}
	if status, wait := s.faults.nextFailure(); status != 0 {
		fail(injectedError(status, wait))
		return
	}
	if s.faults.expireToken() {
		fail(newGraphError(http.StatusUnauthorized, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."))
		return
	}
	tok, t, err := s.verifyAccessToken(r)
	if err != nil {
		fail(newGraphError(http.StatusUnauthorized, "InvalidAuthenticationToken", err.Error()))
		return
	}
	entry.TenantID, entry.ClientID = t.id, tok.str("appid")
	rc, err := t.callerClient(tok)
	if err != nil {
		fail(newGraphError(http.StatusUnauthorized, "InvalidAuthenticationToken", "Access token validation failure. The application is not registered in the tenant."))
		return
	}
	if gerr := checkAccess(tok, rc); gerr != nil {
		fail(gerr)
		return
	}
	if throttled, wait := s.faults.throttle(t.id, rc.ClientID); throttled {
		fail(injectedError(http.StatusTooManyRequests, wait))
		return
	}
	if s.faults.skipTokenExpired(r.URL) {
		fail(newGraphError(http.StatusBadRequest, "Directory_ExpiredPageToken", "The specified page token value has expired and can no longer be included in your request."))
		return
	}
	q, gerr := s.parseGraphQuery(r.URL, version, t.id)
	if gerr != nil {
		fail(gerr)
		return
	}
	if !sleepCtx(r.Context(), s.faults.latency()) {
		return
	}
	withCA := false
	for _, p := range caPermissions {
		withCA = withCA || tok.hasRole(p)
	}
	self := s.url + r.URL.RequestURI()
	body, rows, gerr := s.page(s.dataset(t), q, withCA, func(link string) string { return s.faults.nextLink(link, self) })
	if gerr != nil {
		fail(gerr)
		return
	}
	entry.Rows = rows
	fault, interval := s.faults.nextPageFault()
	writePage(w, r, body, fault, interval)
}

// checkAccess applies the licence and permission checks, with Graph's 403 bodies.
func checkAccess(tok *jwt, rc *registeredClient) *graphError {
	if rc.NoPremiumLicence {
		return newGraphError(http.StatusForbidden, "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
			"Neither tenant is B2C or tenant doesn't have premium license")
	}
	if !tok.hasRole(PermissionAuditLogReadAll) {
		return newGraphError(http.StatusForbidden, "Authentication_MSGraphPermissionMissing",
			"Calling principal does not have required MSGraph permissions AuditLog.Read.All")
	}
	return nil
}

func injectedError(status int, wait time.Duration) *graphError {
	text, ok := injectedErrors[status]
	if !ok {
		text = [2]string{"UnknownError", http.StatusText(status)}
	}
	e := newGraphError(status, text[0], text[1])
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		e.retryAfter = wait
	}
	return e
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// page runs the query and renders one page of the collection.
func (s *Server) page(ds *dataset.Dataset, q *graphQuery, withCA bool, linkFault func(string) string) ([]byte, int, *graphError) {
	version, top := q.state.Version, q.state.Top
	var rows []*dataset.Record
	var matchErr error
	more := false
	obj := make(map[string]any, len(q.props))
	ds.Scan(q.from, q.to, q.state.Asc, q.cursor, func(r *dataset.Record) bool {
		if !q.allTypes && !r.Interactive() {
			return true
		}
		if q.expr != nil {
			for _, p := range q.props {
				obj[p], _ = r.Property(version, p)
			}
			ok, err := odata.Match(q.expr, obj)
			if err != nil {
				matchErr = err
				return false
			}
			if !ok {
				return true
			}
		}
		if len(rows) == top {
			more = true
			return false
		}
		rec := *r
		rows = append(rows, &rec)
		return true
	})
	if matchErr != nil {
		var ee *odata.EvalError
		if errors.As(matchErr, &ee) {
			return nil, 0, badRequest("Invalid filter clause: " + ee.Error())
		}
		return nil, 0, badRequest("Invalid filter clause.")
	}
	perRow := 3 << 10
	if version == dataset.Beta {
		perRow = 7 << 10
	}
	buf := bytes.NewBuffer(make([]byte, 0, len(rows)*perRow+1024))
	ctx := s.url + "/" + version + "/$metadata#auditLogs/signIns"
	if len(q.state.Select) > 0 {
		ctx += "(" + strings.Join(q.state.Select, ",") + ")"
	}
	writeMember(buf, "{", "@odata.context", ctx)
	link := ""
	if more {
		last := rows[len(rows)-1]
		st := q.state
		st.Time, st.ID = last.Time.UnixNano(), last.ID.String()
		link = s.url + "/" + version + "/auditLogs/signins?" + q.linkQuery(s.encodeSkipToken(st))
	}
	if link = linkFault(link); link != "" {
		writeMember(buf, ",", "@odata.nextLink", link)
	}
	buf.WriteString(`,"value":[`)
	var scratch []byte
	for i, r := range rows {
		if i > 0 {
			buf.WriteByte(',')
		}
		if len(q.state.Select) == 0 {
			buf.Write(r.AppendJSON(buf.AvailableBuffer(), version, withCA))
			continue
		}
		scratch = r.AppendJSON(scratch[:0], version, withCA)
		buf.Write(project(scratch, q.state.Select))
	}
	buf.WriteString("]}")
	return buf.Bytes(), len(rows), nil
}

// writeMember writes "name":"value" after sep, without HTML escaping (links keep their &).
func writeMember(buf *bytes.Buffer, sep, name, value string) {
	buf.WriteString(sep + `"` + name + `":`)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(value)
	buf.Truncate(buf.Len() - 1) // Encode ends with a newline
}

// project keeps the selected members of a sign-in, in $select order. A selected property
// the sign-in does not have (e.g. policies without permission to see them) is left out.
func project(full []byte, sel []string) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(full, &m) != nil {
		return full
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	n := 0
	for _, name := range sel {
		v, ok := m[name]
		if !ok {
			continue
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(`"` + name + `":`) // names are canonical property names: no escaping needed
		buf.Write(v)
		n++
	}
	buf.WriteByte('}')
	return buf.Bytes()
}
