// Package query is the query model a panel sends (mirrored in src/types.ts): it parses and
// validates it, and translates its filters into the OData filter pushed to Graph.
package query

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

// Type is the query type a panel picks.
type Type string

// The query types.
const (
	TypeSignIns Type = "signins"
	TypeRules   Type = "rules"
	TypeExplain Type = "explain"
)

// Status selects sign-ins by their classification.
type Status string

// The status filters.
const (
	StatusFailure     Status = "failure"
	StatusInterrupted Status = "interrupted"
	StatusSuccess     Status = "success"
	StatusAll         Status = "all"
)

// DefaultMaxRows bounds a sign-ins query unless the panel asks for more; MaxRowsLimit is the
// most a panel may ask for.
const (
	DefaultMaxRows = 5000
	MaxRowsLimit   = 100000
)

// Model is one query of a panel.
type Model struct {
	QueryType     Type    `json:"queryType"`
	Status        Status  `json:"status"`
	User          string  `json:"user"`
	App           string  `json:"app"`
	ErrorCodes    []int64 `json:"errorCodes"`
	IPAddress     string  `json:"ipAddress"`
	CorrelationID string  `json:"correlationId"`
	ClientApp     string  `json:"clientApp"`
	MaxRows       int     `json:"maxRows"`
	// RequestID is a sign-in's id (the portal's "Request ID").
	RequestID string `json:"requestId"`
	// SignInEventTypes selects interactiveUser, nonInteractiveUser, servicePrincipal or
	// managedIdentity sign-ins; only Graph beta can filter on it (v1.0 returns interactive ones).
	SignInEventTypes []string `json:"signInEventTypes"`
	// ConditionalAccessStatus is success, failure or notApplied.
	ConditionalAccessStatus string `json:"conditionalAccessStatus"`
	// Filter is an advanced OData filter the user writes; it is normalised and ANDed in.
	Filter string `json:"filter"`
	// RuleIDs keeps the sign-ins whose winning rule is one of these (e.g. "unmapped"), applied
	// by the plugin after the rules ran.
	RuleIDs []string `json:"ruleIds"`

	Aggregation
}

// Parse reads a query's JSON, applies defaults and validates it.
func Parse(raw json.RawMessage, queryType string) (Model, error) {
	var m Model
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &m); err != nil {
			return Model{}, fmt.Errorf("the query is not valid: %w", err)
		}
	}
	if queryType != "" {
		m.QueryType = Type(queryType)
	}
	if m.QueryType == "" {
		m.QueryType = TypeSignIns
	}
	if m.Status == "" {
		m.Status = StatusFailure
		if m.QueryType == TypeVariable {
			m.Status = StatusAll // a picker lists every app or user, not only the failing ones
		}
	}
	m.Aggregation.applyDefaults(m.QueryType)
	if m.MaxRows == 0 {
		m.MaxRows = DefaultMaxRows
	}
	if m.ConditionalAccessStatus == "any" {
		m.ConditionalAccessStatus = "" // the editor's "Any": no filter
	}
	for _, s := range []*string{&m.User, &m.App, &m.IPAddress, &m.CorrelationID, &m.ClientApp, &m.RequestID, &m.ConditionalAccessStatus, &m.Filter} {
		*s = strings.TrimSpace(*s)
	}
	return m, m.validate()
}

var guid = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Types are the query types, in the order the query editor offers them (src/types.ts
// QueryType; a test keeps the two lists equal). The plugin's handler table has an entry for
// each.
var Types = []Type{TypeSignIns, TypeTimeSeries, TypeBreakdown, TypePatterns, TypeExplain, TypeRules, TypeAnnotations, TypeVariable}

func (m Model) validate() error {
	if !slices.Contains(Types, m.QueryType) {
		names := make([]string, len(Types))
		for i, t := range Types {
			names[i] = string(t)
		}
		return fmt.Errorf("unknown query type %q: use %s", m.QueryType, strings.Join(names, ", "))
	}
	if err := m.Aggregation.validate(m.QueryType); err != nil {
		return err
	}
	switch m.Status {
	case StatusFailure, StatusInterrupted, StatusSuccess, StatusAll:
	default:
		return fmt.Errorf("status must be failure, interrupted, success or all, got %q", m.Status)
	}
	if m.MaxRows < 0 || m.MaxRows > MaxRowsLimit {
		return fmt.Errorf("maxRows must be between 1 and %d, got %d", MaxRowsLimit, m.MaxRows)
	}
	for _, c := range m.ErrorCodes {
		if c < 0 || c > 99999999 {
			return fmt.Errorf("error code %d is not an Entra error code", c)
		}
	}
	if m.CorrelationID != "" && !guid.MatchString(m.CorrelationID) {
		return fmt.Errorf("correlationId must be a GUID, got %q", m.CorrelationID)
	}
	return m.validateGraphFields()
}

// EventTypes are the values of signInEventTypes a query may select.
var EventTypes = []string{"interactiveUser", "nonInteractiveUser", "servicePrincipal", "managedIdentity"}

// ConditionalAccessStatuses are the values of conditionalAccessStatus a query may select.
var ConditionalAccessStatuses = []string{"success", "failure", "notApplied"}

func (m Model) validateGraphFields() error {
	if m.RequestID != "" && !guid.MatchString(m.RequestID) {
		return fmt.Errorf("requestId must be a GUID (the sign-in's Request ID), got %q", m.RequestID)
	}
	for _, t := range m.SignInEventTypes {
		if !slices.Contains(EventTypes, t) {
			return fmt.Errorf("signInEventTypes: %q is not one of %s", t, strings.Join(EventTypes, ", "))
		}
	}
	if m.ConditionalAccessStatus != "" && !slices.Contains(ConditionalAccessStatuses, m.ConditionalAccessStatus) {
		return fmt.Errorf("conditionalAccessStatus must be one of %s, got %q", strings.Join(ConditionalAccessStatuses, ", "), m.ConditionalAccessStatus)
	}
	if m.Filter != "" {
		if _, err := odata.Normalize(m.Filter); err != nil {
			return fmt.Errorf("filter is not a valid OData filter: %w", err)
		}
	}
	return nil
}

// GraphFilterFor is GraphFilter plus, on Graph beta, the signInEventTypes filter. v1.0 has no
// signInEventTypes and returns interactive sign-ins only, so there the field is ignored (the
// caller says so in a notice).
func (m Model) GraphFilterFor(apiVersion string) string {
	if apiVersion != "beta" {
		return m.GraphFilter()
	}
	return odata.And(m.GraphFilter(), m.EventTypesFilter())
}

// EventTypesFilter is the beta filter selecting the sign-in event types, such as
// signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'servicePrincipal'), or "".
func (m Model) EventTypesFilter() string {
	if len(m.SignInEventTypes) == 0 {
		return ""
	}
	eqs := make([]string, len(m.SignInEventTypes))
	for i, t := range m.SignInEventTypes {
		eqs[i] = odata.Eq("t", t)
	}
	// One lambda with or inside, as Microsoft's examples write it; Or's parentheses are
	// harmless there.
	return odata.Any("signInEventTypes", "t", strings.Join(eqs, " or "))
}

// GraphFilter is the OData filter for the query's fields (the time range is added by the Graph
// source; signInEventTypes by GraphFilterFor). User text only ever appears inside escaped string literals. A trailing * on user,
// app or IP asks for a prefix match.
func (m Model) GraphFilter() string {
	var clauses []string
	if m.User != "" {
		// Graph stores UPNs in lower case.
		clauses = append(clauses, textFilter("userPrincipalName", strings.ToLower(m.User)))
	}
	if m.App != "" {
		if guid.MatchString(m.App) {
			clauses = append(clauses, odata.Eq("appId", strings.ToLower(m.App)))
		} else {
			clauses = append(clauses, textFilter("appDisplayName", m.App))
		}
	}
	if len(m.ErrorCodes) > 0 {
		codes := make([]string, len(m.ErrorCodes))
		for i, c := range m.ErrorCodes {
			codes[i] = odata.EqInt("status/errorCode", c)
		}
		clauses = append(clauses, odata.Or(codes...))
	}
	if m.IPAddress != "" {
		clauses = append(clauses, textFilter("ipAddress", m.IPAddress))
	}
	if m.CorrelationID != "" {
		clauses = append(clauses, odata.Eq("correlationId", strings.ToLower(m.CorrelationID)))
	}
	if m.ClientApp != "" {
		clauses = append(clauses, odata.Eq("clientAppUsed", m.ClientApp))
	}
	if m.RequestID != "" {
		clauses = append(clauses, odata.Eq("id", strings.ToLower(m.RequestID)))
	}
	if m.ConditionalAccessStatus != "" {
		clauses = append(clauses, odata.Eq("conditionalAccessStatus", m.ConditionalAccessStatus))
	}
	if m.Filter != "" {
		// validate normalised it already; Normalize balances parentheses so the user's text
		// cannot break out of the clause And wraps it in.
		advanced, _ := odata.Normalize(m.Filter)
		clauses = append(clauses, advanced)
	}
	return odata.And(clauses...)
}

func textFilter(property, value string) string {
	if prefix, ok := strings.CutSuffix(value, "*"); ok && prefix != "" {
		return odata.StartsWith(property, prefix)
	}
	return odata.Eq(property, value)
}

// Wants reports whether a sign-in with this classification belongs in the result.
func (m Model) Wants(status string) bool {
	return m.Status == StatusAll || string(m.Status) == status
}

// WantsRule reports whether a sign-in explained by ruleID (its winning finding; "" for none)
// belongs in the result: every sign-in when the query names no rule.
func (m Model) WantsRule(ruleID string) bool {
	return len(m.RuleIDs) == 0 || slices.Contains(m.RuleIDs, ruleID)
}
