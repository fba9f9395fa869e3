package portalexport

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// The export parsers read files an admin downloaded and may have edited: any bytes must give
// sign-ins or an error, never a panic, and every sign-in they return carries valid JSON for
// the rules.

func addFile(f *testing.F, name string) {
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
}

func checkRead(t *testing.T, in []byte) {
	out, err := Read(bytes.NewReader(in))
	if err != nil {
		return
	}
	for i, s := range out {
		if !json.Valid(s.Raw) {
			t.Fatalf("sign-in %d has invalid raw JSON %q", i+1, s.Raw)
		}
	}
}

// FuzzReadJSON: portal JSON downloads, Graph pages and concatenated pages.
func FuzzReadJSON(f *testing.F) {
	addFile(f, "portal-download.json")
	addFile(f, "graph-pages.json")
	for _, seed := range []string{
		`[]`, `{}`, `{"value":null}`, `{"value":[{}]}{"value":[]}`, `[{"userPrincipalName":null,"status":{}}]`,
		`[{"ipAddress":"203.0.113.XXX","deviceDetail":{"displayName":"PII Removed"},"status":{"errorCode":9999999}}]`,
		"\xef\xbb\xbf [1]", `[{"status":{"errorCode":"x"}}]`, `{"value":[` + "\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(checkRead)
}

// FuzzReadCSV: the portal's CSV download.
func FuzzReadCSV(f *testing.F) {
	addFile(f, "portal-download.csv")
	for _, seed := range []string{
		"Date (UTC),Request ID,Username,Sign-in error code,Location\n2026-11-20T09:30:12Z,a,,None,\"Redmond, Washington, US\"\n",
		"Date,Username,IP address,Device ID,Sign-in error code\n11/20/2026, 9:30:12 AM,,203.0.113.XXX,PII Removed,9999999\n",
		"\xef\xbb\xbfusername,user,application\n\"a\"\"b\",\xff,\n",
		"Location,Location,location,Sign-in error code\n,,,\n",
		"Date (UTC),Request ID,Username\n\"unterminated",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(checkRead)
}
