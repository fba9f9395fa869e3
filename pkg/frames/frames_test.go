package frames

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/patterns"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// update rewrites the golden files: go test ./pkg/frames -update
var update = flag.Bool("update", false, "rewrite the golden frames")

func TestSignInsGolden(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	rows := []signin.SignIn{
		{ID: "66ea54eb-6301-4ee5-be62-ff5a759b0100", CreatedDateTime: at, UserPrincipalName: "adele@contoso.com", UserID: "26be570a-ae82-4189-b4e2-a37c6808512d",
			UserDisplayName: "Adele Vance", AppDisplayName: "Microsoft Teams", AppID: "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
			IPAddress: "131.107.159.37", ClientAppUsed: "Browser", CorrelationID: "d79f5bee-5860-4832-928f-3133e22ae912",
			Status:       signin.Status{ErrorCode: 50126, FailureReason: "Error validating credentials due to invalid username or password."},
			Location:     signin.Location{City: "Redmond", CountryOrRegion: "US"},
			DeviceDetail: signin.DeviceDetail{OperatingSystem: "Windows 10", Browser: "Edge 120"},
			AppliedConditionalAccessPolicies: []signin.AppliedPolicy{
				{ID: "de7e60eb-ed89-4d73-8205-2227def6b7c9", DisplayName: "Require MFA", Result: "success"},
				{ID: "6701123a-b4c6-48af-8565-565c8bf7cabc", DisplayName: "Block legacy authentication", Result: "failure"},
			},
			SignInIdentifier: "adele@contoso.com", SignInIdentifierType: "userPrincipalName"},
		{ID: "0b6d9f3c-2a41-4c55-9f0e-5a3b8d1e7c21", CreatedDateTime: at.Add(-time.Minute), UserPrincipalName: "", Status: signin.Status{}},
	}
	// The winner's links as the rules build them in each cloud: the lookup and support links
	// have columns of their own, the others take the link columns in order, three at most.
	for _, tt := range []struct {
		golden string
		cloud  settings.Cloud
	}{
		{"signins", settings.CloudPublic},
		{"signins-usgov", settings.CloudUSGov},
		{"signins-china", settings.CloudChina},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			p := settings.PortalsOf(tt.cloud)
			links := []engine.Link{
				{Title: "Microsoft error lookup", URL: LookupURL(50126)},
				{Title: "Entra admin center: user's profile", URL: p.AdminCenter + "/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/26be570a-ae82-4189-b4e2-a37c6808512d"},
				{Title: "Entra admin center: Conditional Access policy Block legacy authentication", URL: p.AdminCenter + "/#view/Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/6701123a-b4c6-48af-8565-565c8bf7cabc"},
				{Title: "Entra admin center: sign-in logs", URL: p.AdminCenter + "/#view/Microsoft_AAD_IAM/SignInLogsList.ReactView"},
				{Title: "Entra admin center: risky sign-ins", URL: p.AdminCenter + "/#view/Microsoft_AAD_IAM/IdentityProtectionMenuBlade/~/RiskySignIns"},
				{Title: "Azure portal: new support request", URL: p.Azure + "/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest"},
			}
			decisions := []engine.Decision{
				{Status: engine.StatusFailure, Findings: []engine.Finding{
					{RuleID: "bad-password", Title: "Wrong password", Cause: "The password did not match.", NextSteps: []string{"The user resets the password.", "An admin checks for a spray."},
						Severity: "medium", Category: "credentials", Actor: "user", Kind: "contextual", Links: links},
					{RuleID: "aadsts-50126", Kind: "catalogue"},
				}},
				{Status: engine.StatusSuccess},
			}
			ctx := Context{Portals: p, TenantID: "72f988bf-86f1-41af-91ab-2d7cd011db47"}
			experimental.CheckGoldenJSONFrame(t, "testdata", tt.golden, SignIns("A", rows, decisions, ctx), *update)
		})
	}
}

// The zero Context links to the public cloud.
func TestSignInsDefaultsToThePublicCloud(t *testing.T) {
	f := SignIns("A", []signin.SignIn{{ID: "r"}}, []engine.Decision{{Status: engine.StatusFailure}}, Context{})
	user, _ := f.FieldByName("user")
	var urls []string
	for _, l := range user.Config.Links {
		urls = append(urls, l.URL)
	}
	if want := "https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${__data.fields.userId}"; !slices.Contains(urls, want) {
		t.Errorf("user links %v lack %s", urls, want)
	}
}

func TestRulesGolden(t *testing.T) {
	rules := []engine.RuleInfo{
		{ID: "signin.rules.mfa.findings", Title: "MFA denied", Kind: "rule", Package: "mfa", Codes: []int{500121}, File: "rules/mfa.rego", Row: 12},
		{ID: "aadsts-50126", Title: "Wrong password", Kind: "catalogue", Package: "catalogue", Codes: []int{50126}, Severity: "medium", Category: "credentials", Actor: "user", User: true},
	}
	experimental.CheckGoldenJSONFrame(t, "testdata", "rules", Rules("R", rules), *update)
}

func TestExplainGolden(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	s := signin.SignIn{ID: "66ea54eb-6301-4ee5-be62-ff5a759b0100", CreatedDateTime: at, CorrelationID: "d79f5bee-5860-4832-928f-3133e22ae912",
		Status: signin.Status{ErrorCode: 500121, AdditionalDetails: "MFA denied; user declined the authentication"}}
	x := engine.Explanation{
		Decision: engine.Decision{Status: engine.StatusFailure, Findings: []engine.Finding{
			{RuleID: "mfa-denied-by-user", Title: "User declined the MFA prompt", Cause: "The user pressed Deny.", NextSteps: []string{"Ask the user."}, Severity: "medium", Kind: "contextual", Package: "mfa",
				Links: []engine.Link{{Title: "Entra admin center: user's authentication methods", URL: "https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/0b1c2d3e-0000-4000-8000-000000000001"}}},
			{RuleID: "aadsts-500121", Title: "MFA not completed", Kind: "catalogue", Package: "catalogue", User: true},
		}},
		Classification: []engine.InputValue{{Path: "status.errorCode", Value: "500121"}},
		Inputs:         map[string][]engine.InputValue{"mfa": {{Path: "status.additionalDetails", Value: `"MFA denied; user declined the authentication"`}, {Path: "status.errorCode", Value: "500121"}}},
	}
	experimental.CheckGoldenJSONFrame(t, "testdata", "explain", Explain("X", []signin.SignIn{s}, []engine.Explanation{x}), *update)
}

func TestPatternsGolden(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	f := patterns.Finding{PatternID: "password-spray", Title: "Password spray from 192.0.2.77", Severity: "high", Cause: "One address failed passwords for 150 accounts.",
		NextSteps: []string{"Block the address.", "Reset exposed passwords."}, Key: map[string]string{"ip": "192.0.2.77"},
		IPs: []string{"192.0.2.77"}, Users: []string{"a@contoso.com", "b@contoso.com"}, Apps: []string{"Office 365 Exchange Online"},
		IPCount: 1, UserCount: 150, AppCount: 1, Count: 180, FirstSeen: at, LastSeen: at.Add(35 * time.Minute), Window: "20m",
		Evidence: []string{"11111111-2222-3333-4444-555555555555"}}
	experimental.CheckGoldenJSONFrame(t, "testdata", "patterns", Patterns("P", []patterns.Finding{f}), *update)
}

// The field links use the address forms the rules' link helpers are tested against, so the
// two cannot drift apart.
func TestFieldLinksUseTheRulesForms(t *testing.T) {
	src, err := os.ReadFile("../../rules/lib_links_test.rego")
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{userPath + "<id>", appPath + "<id>", appCredsPath + "<id>", policyPath + "<id>", signInLogPath + `"`, supportPath + `"`} {
		if !strings.Contains(string(src), form) {
			t.Errorf("rules/lib_links_test.rego does not test the form %s", form)
		}
	}
}
