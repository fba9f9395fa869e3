package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/demorun"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
)

// From a failed sign-in's row, the user, the app, the failed policy and the sign-in logs are
// one click away in the admin center, the winner's links have columns of their own, and
// every failure carries the details a support request asks for. Graph beta adds the sign-in
// identifier.
func TestDemoLinksIntoTheAdminCenter(t *testing.T) {
	ds := demorun.Settings()
	ds.UID, ds.ID = "demo-links", 98
	ds.JSONData = json.RawMessage(`{"source":"demo","graphApiVersion":"beta"}`)
	f := queryFrame(t, ds, signInsQuery("L", `{"queryType":"signins","status":"failure","maxRows":3000}`, 24*time.Hour))
	if f.Rows() == 0 {
		t.Fatal("no failures in the demo tenant")
	}
	const admin = "https://entra.microsoft.com/#view/"
	for field, want := range map[string]string{
		"user":           admin + "Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${__data.fields.userId}",
		"app":            admin + "Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${__data.fields.appId}",
		"failedPolicy":   admin + "Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/${__data.fields.failedPolicyId}",
		"requestId":      admin + "Microsoft_AAD_IAM/SignInLogsList.ReactView",
		"supportDetails": "https://portal.azure.com/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest",
	} {
		fd, _ := f.FieldByName(field)
		if fd == nil || fd.Config == nil {
			t.Errorf("no field %s", field)
			continue
		}
		found := false
		for _, l := range fd.Config.Links {
			found = found || l.URL == want
		}
		if !found {
			t.Errorf("field %s has no link to %s: %+v", field, want, fd.Config.Links)
		}
	}
	ids, details, steps := stringColumn(t, f, "requestId"), stringColumn(t, f, "supportDetails"), stringColumn(t, f, "nextSteps")
	identifiers, link1 := stringColumn(t, f, "signInIdentifier"), stringColumn(t, f, "link1Url")
	linked, identified := 0, 0
	for i := range ids {
		if !strings.Contains(details[i], "Request ID: "+ids[i]) || !strings.Contains(details[i], "Tenant ID: "+simulator.DemoTenantID) {
			t.Fatalf("row %d: support details %q", i, details[i])
		}
		if !strings.Contains(steps[i], "support request") {
			t.Fatalf("row %d: next steps do not end with the support request: %q", i, steps[i])
		}
		if strings.HasPrefix(link1[i], admin) {
			linked++
		}
		if identifiers[i] != "" {
			identified++
		}
	}
	if linked == 0 {
		t.Error("no row's winning finding links into the admin center")
	}
	if identified == 0 {
		t.Error("no row has the beta sign-in identifier")
	}
}
