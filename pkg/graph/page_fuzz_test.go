package graph

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// FuzzDecodePage feeds any bytes to the page decoder, which reads whatever the network
// delivered (a page cut short, a proxy's error page, a hostile server): it never panics, and
// every page encoding/json reads as a collection of objects is decoded with the same sign-ins
// and nextLink.
func FuzzDecodePage(f *testing.F) {
	for _, seed := range []string{
		`{"@odata.context":"x","value":[]}`,
		`{"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=a","value":[{"id":"1","status":{}}]}`,
		`{"value":[{"id":"1","userPrincipalName":null,"status":{"errorCode":9999999}},{"id":"2","ipAddress":"203.0.113.XXX"}]}`,
		`{"value":null}`, `{"value":[null]}`, `{"value":[1]}`, `{"value":{}}`, `[]`, `<html>502 Bad Gateway</html>`,
		`{"value":[{"id":"1"}`, `{"value":[{"id":"\ud800"}]}`, `{"value":[{"createdDateTime":"2025-13-45T99:00:00Z"}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		rows, link, err := DecodePage(raw)
		var want struct {
			Value    []map[string]any `json:"value"`
			NextLink string           `json:"@odata.nextLink"`
		}
		trimmed := bytes.TrimSpace(raw)
		if json.Unmarshal(raw, &want) != nil || !utf8.Valid(raw) || len(trimmed) == 0 || trimmed[0] != '{' {
			return
		}
		for _, v := range want.Value {
			b, _ := json.Marshal(v)
			var probe struct {
				Status *struct{} `json:"status"`
			}
			if v == nil || json.Unmarshal(b, &probe) != nil {
				return // a row that is null or not a sign-in: an error is right
			}
		}
		if err != nil {
			// A sign-in with a member of the wrong type is refused by both decoders alike.
			if _, stdErr := decodeStd(raw); stdErr != nil {
				return
			}
			t.Fatalf("DecodePage refused %q, which encoding/json reads: %v", raw, err)
		}
		if link != want.NextLink || len(rows) != len(want.Value) {
			t.Fatalf("DecodePage(%q) = %d rows, link %q; encoding/json: %d rows, link %q", raw, len(rows), link, len(want.Value), want.NextLink)
		}
	})
}

// decodeStd decodes the page's sign-ins with encoding/json, as the reference.
func decodeStd(raw []byte) (int, error) {
	var p struct {
		Value []json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return 0, err
	}
	for _, v := range p.Value {
		var s signin.SignIn
		if err := json.Unmarshal(v, &s); err != nil {
			return 0, err
		}
	}
	return len(p.Value), nil
}
