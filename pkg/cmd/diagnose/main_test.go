package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiagnosePortalCSV(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"../../internal/portalexport/testdata/portal-download.csv"}, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "2 sign-ins read, 1 with status failure") || !strings.Contains(text, "50126") || !strings.Contains(text, "TOP CAUSES") {
		t.Fatalf("output:\n%s", text)
	}
}

func TestDiagnoseWithUserRulesAndTests(t *testing.T) {
	dir := t.TempDir()
	rule := `package signin.rules.contoso

findings contains {
	"ruleId": "contoso-imap-password", "title": "Password tried over IMAP", "cause": "A mail client still uses basic authentication.",
	"nextSteps": ["Move the client to modern authentication."], "severity": "high", "category": "credentials", "actor": "admin",
	"kind": "contextual", "links": [],
} if {
	input.status.errorCode == 50126
	input.clientAppUsed == "IMAP4"
}
`
	test := `package signin.rules.contoso_test

test_imap if {
	some f in data.signin.main.decision.findings with input as {"status": {"errorCode": 50126}, "clientAppUsed": "IMAP4"}
	f.ruleId == "contoso-imap-password"
}
`
	write(t, filepath.Join(dir, "contoso.rego"), rule)
	write(t, filepath.Join(dir, "contoso_test.rego"), test)
	var out bytes.Buffer
	if err := run([]string{"-rules", dir, "-json", "../../internal/portalexport/testdata/portal-download.csv"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"ruleId":"contoso-imap-password"`) {
		t.Fatalf("the user's rule did not win: %s", out.String())
	}

	// A failing rule test stops the run and says which.
	write(t, filepath.Join(dir, "contoso_test.rego"), strings.Replace(test, "IMAP4", "POP3", 1))
	err := run([]string{"-rules", dir, "../../internal/portalexport/testdata/portal-download.csv"}, &out)
	if err == nil || !strings.Contains(err.Error(), "test_imap") {
		t.Fatalf("err = %v, want the failing test named", err)
	}
}

func TestDiagnoseRejectsBadArguments(t *testing.T) {
	for _, args := range [][]string{{}, {"-status", "broken", "x.csv"}, {"no-such-file.json"}} {
		if err := run(args, &bytes.Buffer{}); err == nil {
			t.Errorf("run(%v) succeeded", args)
		}
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
