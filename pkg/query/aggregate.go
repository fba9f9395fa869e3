package query

import (
	"fmt"
	"slices"
	"strings"
)

// The query types that aggregate sign-ins.
const (
	TypeTimeSeries Type = "timeseries"
	TypeBreakdown  Type = "breakdown"
	TypeVariable   Type = "variable"
	// TypeAnnotations lists events to mark on time series: rule set changes (and, with the
	// pattern rules, incidents).
	TypeAnnotations Type = "annotations"
	// TypePatterns lists the patterns across sign-ins (sprays, MFA fatigue, ...) in the range.
	TypePatterns Type = "patterns"
)

// GroupByPattern makes a timeseries count pattern findings per interval, for alert rules.
const GroupByPattern = "pattern"

// GroupBys are the dimensions timeseries and breakdown queries group by.
var GroupBys = []string{"cause", "errorCode", "category", "severity", "status", "app", "user", "country", "clientApp", "rule", "os", GroupByPattern}

// The metrics a timeseries counts.
const (
	MetricSignIns = "signins"
	MetricUsers   = "users"
)

// DefaultTopN is how many groups a timeseries or breakdown keeps before summing the rest into
// "other" (timeseries) or dropping them (breakdown).
const DefaultTopN = 10

// The kinds of values a variable query lists.
const (
	VariableApps       = "apps"
	VariableUsers      = "users"
	VariableErrorCodes = "errorCodes"
	VariableCauses     = "causes"
	VariableCategories = "categories"
	VariableCountries  = "countries"
	VariableClientApps = "clientApps"
)

// Variables are the variable kinds, in the order the editor offers them.
var Variables = []string{VariableApps, VariableUsers, VariableErrorCodes, VariableCauses, VariableCategories, VariableCountries, VariableClientApps}

// Aggregation holds the fields of the aggregating query types.
type Aggregation struct {
	// PatternIDs keeps only these patterns (password-spray, mfa-fatigue, ...) in a patterns
	// query or a timeseries grouped by pattern; empty keeps all.
	PatternIDs []string `json:"patternIds"`
	GroupBy    string   `json:"groupBy"`
	TopN       int      `json:"topN"`
	Metric     string   `json:"metric"`
	Variable   string   `json:"variable"`
}

func (a *Aggregation) applyDefaults(t Type) {
	if a.TopN == 0 && (t == TypeTimeSeries || t == TypeBreakdown) {
		a.TopN = DefaultTopN
	}
	if a.Metric == "" {
		a.Metric = MetricSignIns
	}
}

func (a Aggregation) validate(t Type) error {
	if a.GroupBy != "" && !slices.Contains(GroupBys, a.GroupBy) {
		return fmt.Errorf("groupBy must be one of %s, got %q", strings.Join(GroupBys, ", "), a.GroupBy)
	}
	if a.GroupBy == GroupByPattern && t != TypeTimeSeries {
		return fmt.Errorf("groupBy pattern is for timeseries queries; use the patterns query type for a table")
	}
	if a.TopN < 0 || a.TopN > 1000 {
		return fmt.Errorf("topN must be between 1 and 1000, got %d", a.TopN)
	}
	if a.Metric != MetricSignIns && a.Metric != MetricUsers {
		return fmt.Errorf("metric must be %s or %s, got %q", MetricSignIns, MetricUsers, a.Metric)
	}
	if t == TypeVariable && !slices.Contains(Variables, a.Variable) {
		return fmt.Errorf("variable must be one of %s, got %q", strings.Join(Variables, ", "), a.Variable)
	}
	return nil
}
