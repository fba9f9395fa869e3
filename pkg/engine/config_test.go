package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// The data source's configuration reaches the rules as data.signin.config, on every path
// through the engine (memoized or not), and an engine without it reads nothing there.
func TestConfigReachesTheRules(t *testing.T) {
	probe := regokit.Module{Name: "customRules", User: true, Source: `package signin.rules.probe

findings contains {"ruleId": "probe", "title": "Probe", "cause": "", "nextSteps": [], "severity": "low",
	"category": "other", "actor": "admin", "kind": "contextual",
	"links": [{"title": "portal", "url": portal}]}

default portal := "none"

portal := data.signin.config.portals.adminCenter
`}
	mods, err := regokit.BuiltinModules()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		cfg  []Config
		want string
	}{
		{"no config", nil, "none"},
		{"US Government", []Config{{Portals: map[string]string{"adminCenter": "https://portal.azure.us", "azure": "https://portal.azure.us"}}}, "https://portal.azure.us"},
		{"China", []Config{{Portals: map[string]string{"adminCenter": "https://portal.azure.cn", "azure": "https://portal.azure.cn"}}}, "https://portal.azure.cn"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, err := New(context.Background(), append(mods, probe), tt.cfg...)
			if err != nil {
				t.Fatal(err)
			}
			s := example(t, `{"errorCode":50126}`)
			for _, d := range append(e.EvaluateAll(context.Background(), []signin.SignIn{s, s}), e.Evaluate(context.Background(), &s)) {
				if d.Error != "" {
					t.Fatal(d.Error)
				}
				if got := probeURL(d); got != tt.want {
					t.Errorf("the rules saw the admin center %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func probeURL(d Decision) string {
	for _, f := range d.Findings {
		if f.RuleID == "probe" && len(f.Links) > 0 {
			return f.Links[0].URL
		}
	}
	return ""
}

// The built-in rules link the pages their next steps name in the data source's cloud, and
// end a failure with the support request in that cloud's Azure portal.
func TestBuiltinLinksFollowTheCloud(t *testing.T) {
	mods, err := regokit.BuiltinModules()
	if err != nil {
		t.Fatal(err)
	}
	s := example(t, `{"errorCode":500121,"failureReason":"Authentication failed during strong authentication request."}`)
	for _, host := range []string{"https://entra.microsoft.com", "https://portal.azure.us", "https://portal.azure.cn"} {
		azure := strings.Replace(host, "entra.microsoft.com", "portal.azure.com", 1)
		e, err := New(context.Background(), mods, Config{Portals: map[string]string{"adminCenter": host, "azure": azure}})
		if err != nil {
			t.Fatal(err)
		}
		d := e.Evaluate(context.Background(), &s)
		urls := map[string]bool{}
		for _, f := range d.Findings {
			for _, l := range f.Links {
				urls[l.URL] = true
			}
		}
		for _, want := range []string{
			host + "/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/" + s.UserID,
			azure + "/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest",
		} {
			if !urls[want] {
				t.Errorf("%s: no finding links %s; links: %v", host, want, urls)
			}
		}
	}
}
