package plugin

import (
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/query"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

func TestGraphQuery(t *testing.T) {
	now := time.Now()
	q := backend.DataQuery{TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now}}
	m := query.Model{Status: query.StatusFailure, SignInEventTypes: []string{"servicePrincipal"}, ClientApp: "IMAP4"}
	tests := []struct {
		name       string
		s          settings.Settings
		selectN    int
		eventTypes bool
		notices    []string
	}{
		{"v1.0 selects and ignores event types", settings.Settings{GraphAPIVersion: "v1.0"}, len(graph.SelectV1), false,
			[]string{"v1.0 returns interactive user sign-ins only", `status "failure" is applied by the plugin`}},
		{"beta filters event types", settings.Settings{GraphAPIVersion: "beta"}, len(graph.SelectBeta), true,
			[]string{`status "failure" is applied by the plugin`}},
		{"user rules read everything", settings.Settings{GraphAPIVersion: "v1.0", CustomRules: "package signin.rules.mine"}, 0, false, nil},
		{"a rules folder too", settings.Settings{GraphAPIVersion: "beta", RulesPath: "/etc/rules"}, 0, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := &Datasource{settings: &tt.s}
			gq, notices := ds.graphQuery(q, m)
			if len(gq.Select) != tt.selectN {
				t.Errorf("select %d properties, want %d", len(gq.Select), tt.selectN)
			}
			if has := strings.Contains(gq.Filter, "signInEventTypes/any("); has != tt.eventTypes || !strings.Contains(gq.Filter, "clientAppUsed eq 'IMAP4'") {
				t.Errorf("filter %q", gq.Filter)
			}
			if gq.MaxRows != FetchLimit || !gq.From.Equal(q.TimeRange.From) {
				t.Errorf("query %+v", gq)
			}
			for _, want := range tt.notices {
				if !anyNotice(notices, want) {
					t.Errorf("notices %+v lack %q", notices, want)
				}
			}
		})
	}
}

func TestNoStatusNoticeForAll(t *testing.T) {
	if n := pushdownNotices(query.Model{Status: query.StatusAll}, "beta"); len(n) != 0 {
		t.Errorf("notices = %+v", n)
	}
}

func anyNotice(notices []data.Notice, text string) bool {
	for _, n := range notices {
		if strings.Contains(n.Text, text) {
			return true
		}
	}
	return false
}
