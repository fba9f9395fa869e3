package frames

import (
	"flag"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/experimental"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/patterns"
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
			DeviceDetail: signin.DeviceDetail{OperatingSystem: "Windows 10", Browser: "Edge 120"}},
		{ID: "0b6d9f3c-2a41-4c55-9f0e-5a3b8d1e7c21", CreatedDateTime: at.Add(-time.Minute), UserPrincipalName: "", Status: signin.Status{}},
	}
	decisions := []engine.Decision{
		{Status: engine.StatusFailure, Findings: []engine.Finding{
			{RuleID: "bad-password", Title: "Wrong password", Cause: "The password did not match.", NextSteps: []string{"The user resets the password.", "An admin checks for a spray."},
				Severity: "medium", Category: "credentials", Actor: "user", Kind: "contextual"},
			{RuleID: "aadsts-50126", Kind: "catalogue"},
		}},
		{Status: engine.StatusSuccess},
	}
	experimental.CheckGoldenJSONFrame(t, "testdata", "signins", SignIns("A", rows, decisions), *update)
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
			{RuleID: "mfa-denied-by-user", Title: "User declined the MFA prompt", Cause: "The user pressed Deny.", NextSteps: []string{"Ask the user."}, Severity: "medium", Kind: "contextual", Package: "mfa"},
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
