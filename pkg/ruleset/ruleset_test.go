package ruleset

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/patterns"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// ourProxy explains 90025 our own way; its package is the admin's.
const ourProxy = `package signin.rules.contoso

findings contains {
	"ruleId": "contoso-proxy", "title": "Our proxy", "cause": "Our network proxy retries too often.",
	"nextSteps": ["Call the network team."], "severity": "medium", "category": "service", "actor": "admin",
	"kind": "rule", "links": [],
} if input.status.errorCode == 90025
`

const ourProxyTest = `package signin.rules.contoso_test

import data.signin.rules.contoso

test_proxy if {
	some f in contoso.findings with input as {"status": {"errorCode": 90025}}
	f.ruleId == "contoso-proxy"
}
`

const failingTest = `package signin.rules.contoso_test

test_wrong if {
	1 == 2
}
`

// ourPattern is a pattern rule of the admin's, with its thresholds' defaults.
const ourPattern = `package signin.patterns.contoso_vpn

import data.signin.patterns.config

t := config.effective["contoso-app-failures"]

grouping := {"id": "contoso-app-failures", "by": [["app"]], "window": t.window, "statuses": ["failure"]}

findings contains {"patternId": "contoso-app-failures", "group": g.id, "title": "Failures", "severity": "low",
	"cause": "Several people could not sign in.", "nextSteps": ["The app team looks."], "details": {}} if {
	some g in input.groups["contoso-app-failures"]
	g.users.count >= t.minUsers
}
`

const ourPatternConfig = `package signin.patterns.config

thresholds["contoso-app-failures"] := {"window": "1h", "minUsers": 3}
`

func folder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// explains90025 reports whether the set's engine explains a 90025 failure with ruleID.
func explains90025(t *testing.T, s *Set, ruleID string) bool {
	t.Helper()
	in, err := signin.Decode([]byte(`{"id": "1", "createdDateTime": "2026-12-01T10:00:00Z", "status": {"errorCode": 90025}}`))
	if err != nil {
		t.Fatal(err)
	}
	d := s.Engine.Evaluate(context.Background(), &in)
	return slices.ContainsFunc(d.Findings, func(f engine.Finding) bool { return f.RuleID == ruleID })
}

func TestBuild(t *testing.T) {
	ctx := context.Background()
	builtin, err := Build(ctx, Options{}, nil)
	if err != nil || builtin.Refused != nil || builtin.UserFiles != 0 || builtin.Engine == nil || builtin.Detector == nil {
		t.Fatalf("built-in rules alone: %+v, %v", builtin, err)
	}
	tests := []struct {
		name    string
		opts    func(t *testing.T) Options
		refused string // empty: the admin's rules serve
		files   int
		tests   int
		check   func(t *testing.T, s *Set)
	}{
		{name: "inline rule", opts: func(*testing.T) Options { return Options{Sources: []Source{Inline(ourProxy)}} }, files: 1,
			check: func(t *testing.T, s *Set) {
				if !explains90025(t, s, "contoso-proxy") {
					t.Error("the inline rule does not explain 90025")
				}
			}},
		{name: "blank inline rules are no rules", opts: func(*testing.T) Options { return Options{Sources: []Source{Inline(" \n")}} }},
		{name: "folder with a passing test", files: 1, tests: 1, opts: func(t *testing.T) Options {
			return Options{Sources: []Source{Folder(folder(t, map[string]string{"contoso.rego": ourProxy, "contoso_test.rego": ourProxyTest}))}}
		}},
		{name: "folder with a failing test", refused: "1 rule test(s) failed", opts: func(t *testing.T) Options {
			return Options{Sources: []Source{Folder(folder(t, map[string]string{"contoso.rego": ourProxy, "contoso_test.rego": failingTest}))}}
		}},
		{name: "rule that does not compile", refused: "customRules:4", opts: func(*testing.T) Options {
			return Options{Sources: []Source{Inline("package signin.rules.bad\n\nfindings contains x if {\n\tx := no_such_function(1)\n}\n")}}
		}},
		{name: "folder that is not there", refused: "jsonData.rulesPath", opts: func(t *testing.T) Options {
			return Options{Sources: []Source{Inline(ourProxy), Folder(filepath.Join(t.TempDir(), "missing"))}}
		}},
		{name: "user pattern with its thresholds", files: 2, opts: func(t *testing.T) Options {
			return Options{Sources: []Source{Folder(folder(t, map[string]string{"vpn.rego": ourPattern, "vpn_config.rego": ourPatternConfig}))},
				Thresholds: patterns.Thresholds{"contoso-app-failures": {"minUsers": 5}}}
		}, check: func(t *testing.T, s *Set) {
			if !slices.Contains(s.Detector.IDs(), "contoso-app-failures") || s.Detector.Defaults()["contoso-app-failures"]["minUsers"] != int64(5) {
				t.Errorf("patterns %v, thresholds %v", s.Detector.IDs(), s.Detector.Defaults()["contoso-app-failures"])
			}
		}},
		{name: "threshold that no pattern has", refused: "jsonData.patternThresholds.password-spray.minUser", opts: func(*testing.T) Options {
			return Options{Thresholds: patterns.Thresholds{"password-spray": {"minUser": 5}}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts(t)
			got, err := Build(ctx, opts, builtin)
			if err != nil {
				t.Fatal(err)
			}
			if got.Fingerprint != Fingerprint(ctx, opts) {
				t.Error("the set's fingerprint is not that of its sources")
			}
			if tt.refused != "" {
				if got.Refused == nil || !strings.Contains(got.Refused.Error(), tt.refused) {
					t.Fatalf("refused = %v, want it to mention %q", got.Refused, tt.refused)
				}
				if got.Engine != builtin.Engine || got.Detector != builtin.Detector || !got.LoadedAt.Equal(builtin.LoadedAt) {
					t.Error("refused rules did not keep the previous set serving")
				}
				return
			}
			if got.Refused != nil || got.UserFiles != tt.files || got.TestsRun != tt.tests || got.Engine == builtin.Engine {
				t.Fatalf("set: refused %v, %d files, %d tests run; want %d files and %d tests", got.Refused, got.UserFiles, got.TestsRun, tt.files, tt.tests)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

// Refused rules with no previous set leave the built-in rules serving, and a threshold
// refusal names the settings path.
func TestBuildWithoutPreviousServesTheBuiltinRules(t *testing.T) {
	got, err := Build(context.Background(), Options{Thresholds: patterns.Thresholds{"nope": {"x": 1}}}, nil)
	if err != nil || got.Engine == nil || got.Detector == nil {
		t.Fatalf("%+v, %v", got, err)
	}
	var fe *settings.FieldError
	if !errors.As(got.Refused, &fe) || !strings.HasPrefix(fe.Field, "jsonData.patternThresholds.") {
		t.Errorf("refused = %v, want a field error at jsonData.patternThresholds", got.Refused)
	}
}

// The fingerprint moves with the folder's content and nothing else.
func TestFingerprint(t *testing.T) {
	ctx := context.Background()
	dir := folder(t, map[string]string{"contoso.rego": ourProxy})
	opts := Options{Sources: []Source{Folder(dir)}}
	first := Fingerprint(ctx, opts)
	if Fingerprint(ctx, opts) != first {
		t.Fatal("an unchanged folder changed its fingerprint")
	}
	if err := os.WriteFile(filepath.Join(dir, "contoso_test.rego"), []byte(ourProxyTest), 0o600); err != nil {
		t.Fatal(err)
	}
	if Fingerprint(ctx, opts) == first {
		t.Error("a new test file did not change the fingerprint")
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, src string
		row       int
		contains  string
	}{
		{"clean rule with its test", ourProxy + "\ntest_proxy if {\n\tsome f in findings with input as {\"status\": {\"errorCode\": 90025}}\n\tf.ruleId == \"contoso-proxy\"\n}\n", 0, ""},
		{"network access", "package signin.rules.bad\n\nfindings contains x if {\n\tx := http.send({\"method\": \"GET\", \"url\": \"https://example.com\"})\n}\n", 4, "http.send"},
		{"failing test", "package signin.rules.bad\n\ntest_wrong if {\n\t1 == 2\n}\n", 3, "test_wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := Check(context.Background(), InlineName, tt.src)
			if tt.row == 0 {
				if len(problems) != 0 {
					t.Fatalf("problems: %+v", problems)
				}
				return
			}
			if len(problems) != 1 || problems[0].File != InlineName || problems[0].Row != tt.row || !strings.Contains(problems[0].Message, tt.contains) {
				t.Errorf("problems = %+v, want one at %s:%d mentioning %q", problems, InlineName, tt.row, tt.contains)
			}
		})
	}
}

// The rules link into the portals of the data source's cloud: the settings' cloud reaches
// the engine through FromSettings.
func TestRulesLinkToTheCloudsPortals(t *testing.T) {
	in, err := signin.Decode([]byte(`{"id": "1", "createdDateTime": "2026-12-01T10:00:00Z", "userId": "u1", "appId": "a1", "status": {"errorCode": 50126}}`))
	if err != nil {
		t.Fatal(err)
	}
	for cloud, host := range map[settings.Cloud]string{settings.CloudPublic: "entra.microsoft.com", settings.CloudUSGov: "portal.azure.us", settings.CloudChina: "portal.azure.cn"} {
		s := &settings.Settings{AzureCredentials: settings.AzureCredentials{AzureCloud: cloud}}
		set, err := Build(context.Background(), FromSettings(s), nil)
		if err != nil || set.Refused != nil {
			t.Fatalf("%s: %v, %v", cloud, err, set.Refused)
		}
		d := set.Engine.Evaluate(context.Background(), &in)
		steps := fmt.Sprint(d.Winner().Links)
		if !strings.Contains(steps, "https://"+host+"/") {
			t.Errorf("%s: the links lead nowhere in %s: %s", cloud, host, steps)
		}
		// A national cloud's links open the Entra pages in its Azure portal, and say so.
		name := map[bool]string{true: "Entra admin center: ", false: "Azure portal: "}[cloud == settings.CloudPublic]
		for _, l := range d.Winner().Links {
			if strings.HasPrefix(l.URL, "https://"+host+"/") && !strings.HasPrefix(l.Title, name) {
				t.Errorf("%s: link %q is titled %q, want it to start %q", cloud, l.URL, l.Title, name)
			}
		}
	}
}
