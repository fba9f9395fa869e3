package signin

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDecode feeds any bytes to the sign-in decoder: it never panics, keeps the raw bytes of
// what it accepts, and accepts every object the standard library decodes into a SignIn, with
// the same values (so switching decoders cannot silently drop or change rows).
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`{"id":"a","userPrincipalName":null,"status":{},"ipAddress":"203.0.113.XXX","deviceDetail":{"displayName":"PII Removed"}}`,
		`{"id":"b","status":{"errorCode":9999999,"failureReason":null,"additionalDetails":"\u00fc\ud83d\ude00"},"createdDateTime":"2025-03-10T15:30:00.1234567Z"}`,
		`{"status":null,"location":null,"deviceDetail":null,"isInteractive":null}`,
		`{"status":{"errorCode":5.0e1}}`,
		`{"createdDateTime":"not a date"}`,
		`{"id":"x","id":"y"}`,
		`[]`, `null`, `{"status":{"errorCode":"50126"}}`, `{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := Decode(raw)
		if err == nil && !bytes.Equal(got.Raw, raw) {
			t.Fatalf("Raw = %q, want the input %q", got.Raw, raw)
		}
		var want SignIn
		stdErr := json.Unmarshal(raw, &want)
		trimmed := bytes.TrimSpace(raw)
		if stdErr != nil || !utf8.Valid(raw) || len(trimmed) == 0 || trimmed[0] != '{' {
			return
		}
		if err != nil {
			t.Fatalf("Decode refused %q, which encoding/json decodes: %v", raw, err)
		}
		if got.ID != want.ID || got.UserPrincipalName != want.UserPrincipalName || got.Status != want.Status ||
			!got.CreatedDateTime.Equal(want.CreatedDateTime) || got.IPAddress != want.IPAddress || got.DeviceDetail != want.DeviceDetail {
			t.Fatalf("Decode(%q) = %+v, encoding/json gives %+v", raw, got, want)
		}
	})
}

// FuzzDecodeFields builds sign-ins the way Graph writes them, with any text, any code (7-digit
// ones included) and null or missing members: every one decodes with its values.
func FuzzDecodeFields(f *testing.F) {
	f.Add("adele@contoso.com", "203.0.113.XXX", "PII Removed", "Invalid username or password", int64(50126), uint8(0))
	f.Add("", "", "", "", int64(9999999), uint8(0xff))
	f.Add("o'brien@contoso.com", "2001:db8::XXX", "\u202e\x00", strings.Repeat("ü", 3000), int64(1000000), uint8(0x55))
	f.Fuzz(func(t *testing.T, upn, ip, device, reason string, code int64, nulls uint8) {
		when := time.Date(2025, 3, 10, 15, 30, 0, 123456700, time.UTC)
		obj := map[string]any{"id": "3f0c2b7e-9a41-4d6b-8e25-71c4d0a9b6f2", "createdDateTime": when.Format(time.RFC3339Nano),
			"userPrincipalName": upn, "ipAddress": ip, "deviceDetail": map[string]any{"displayName": device},
			"status": map[string]any{"errorCode": code, "failureReason": reason}}
		// Each bit of nulls makes one member null (bit set, even) or drops it (bit set, odd).
		members := []string{"userPrincipalName", "ipAddress", "deviceDetail", "status", "location", "isInteractive", "appDisplayName", "userId"}
		for i, m := range members {
			if nulls&(1<<i) != 0 {
				if i%2 == 0 {
					obj[m] = nil
				} else {
					delete(obj, m)
				}
			}
		}
		raw, err := json.Marshal(obj)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Decode(raw)
		if err != nil {
			t.Fatalf("Decode(%s): %v", raw, err)
		}
		var want SignIn
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		if s.ID != want.ID || !s.CreatedDateTime.Equal(when) || s.UserPrincipalName != want.UserPrincipalName || s.IPAddress != want.IPAddress ||
			s.DeviceDetail != want.DeviceDetail || s.Status != want.Status {
			t.Fatalf("Decode(%s) = %+v, want %+v", raw, s, want)
		}
	})
}
