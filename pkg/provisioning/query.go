package provisioning

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"strings"

	"github.com/grafana/grafana-foundation-sdk/go/cog/variants"
	"github.com/grafana/grafana-foundation-sdk/go/common"

	"github.com/sigdiag/signin-diagnostics/pkg/query"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// Query is a query of this plugin as a panel target or an alert rule's model stores it: the fields of
// query.Model (typed with its query types and statuses), each left out when empty as the query editor does,
// and the fields Grafana adds around every data source query. The foundation SDK has typed queries for
// Grafana's own data sources only; a plugin's query joins its builders through variants.Dataquery.
type Query struct {
	RefID      string                `json:"refId,omitempty"`
	Hide       bool                  `json:"hide,omitempty"`
	Datasource *common.DataSourceRef `json:"datasource,omitempty"`

	QueryType               query.Type   `json:"queryType"`
	Status                  query.Status `json:"status,omitempty"`
	User                    string       `json:"user,omitempty"`
	App                     string       `json:"app,omitempty"`
	ErrorCodes              []int64      `json:"errorCodes,omitempty"`
	IPAddress               string       `json:"ipAddress,omitempty"`
	CorrelationID           string       `json:"correlationId,omitempty"`
	RequestID               string       `json:"requestId,omitempty"`
	ClientApp               string       `json:"clientApp,omitempty"`
	SignInEventTypes        []string     `json:"signInEventTypes,omitempty"`
	ConditionalAccessStatus string       `json:"conditionalAccessStatus,omitempty"`
	Filter                  string       `json:"filter,omitempty"`
	RuleIDs                 []string     `json:"ruleIds,omitempty"`
	MaxRows                 int          `json:"maxRows,omitempty"`
	GroupBy                 string       `json:"groupBy,omitempty"`
	TopN                    int          `json:"topN,omitempty"`
	Metric                  string       `json:"metric,omitempty"`
	PatternIDs              []string     `json:"patternIds,omitempty"`
	Variable                string       `json:"variable,omitempty"`

	// Alert rule models carry the interval and point count Grafana's alert evaluation sends.
	IntervalMs    int64 `json:"intervalMs,omitempty"`
	MaxDataPoints int64 `json:"maxDataPoints,omitempty"`
}

var _ variants.Dataquery = Query{}

func (Query) ImplementsDataqueryVariant() {}

func (Query) DataqueryType() string { return settings.PluginID }

func (q Query) Equals(other variants.Dataquery) bool { return reflect.DeepEqual(q, other) }

// Validate runs the plugin's own query parser, so a field or value the plugin would reject fails the
// generator instead of a panel. A value holding a template variable is known only when Grafana sends the
// query: it is left out of the check.
func (q Query) Validate() error {
	if q.QueryType == "" {
		return fmt.Errorf("query %s: no queryType", q.RefID)
	}
	raw, err := json.Marshal(q)
	if err != nil {
		return err
	}
	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil {
		return err
	}
	maps.DeleteFunc(fields, func(_ string, v any) bool {
		s, ok := v.(string)
		return ok && strings.Contains(s, "$")
	})
	raw, _ = json.Marshal(fields)
	if _, err := query.Parse(raw, string(q.QueryType)); err != nil {
		return fmt.Errorf("query %s: %w", q.RefID, err)
	}
	return nil
}

// Build lets a Query stand where the SDK's builders take a cog.Builder[variants.Dataquery].
func (q Query) Build() (variants.Dataquery, error) { return q, q.Validate() }

// dataSource is the dashboards' data source: the "datasource" variable, so each dashboard reads whichever
// Sign-in Diagnostics data source its viewer picks.
var dataSource = common.DataSourceRef{Type: ptr(settings.PluginID), Uid: ptr("${datasource}")}

// target is a panel's query, reading the dashboard's data source.
func target(q Query) Query {
	if q.RefID == "" {
		q.RefID = "A"
	}
	q.Datasource = &dataSource
	return q
}

func ptr[T any](v T) *T { return &v }
