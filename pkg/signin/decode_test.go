package signin_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// reference decodes with encoding/json, the behaviour Decode must keep with its faster decoder.
func reference(t *testing.T, raw []byte) signin.SignIn {
	t.Helper()
	var s signin.SignIn
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	s.Raw = raw
	return s
}

func TestDecodeMatchesEncodingJSON(t *testing.T) {
	example, err := os.ReadFile("testdata/graph-example-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"Microsoft's documented example": example,
		"null fields":                    []byte(`{"id":"a","userPrincipalName":null,"status":null,"deviceDetail":null,"isInteractive":null,"createdDateTime":"2026-11-26T10:00:00Z"}`),
		"empty status, redacted IP":      []byte(`{"id":"b","ipAddress":"10.0.0.XXX","status":{},"deviceDetail":{"displayName":"PII Removed"},"createdDateTime":"2026-11-26T10:00:00.123Z"}`),
		"7-digit code, unicode":          []byte(`{"id":"c","userDisplayName":"Zoë \u00e9 \ud83d\ude00","status":{"errorCode":1000031,"failureReason":"x\"y"}}`),
		"unknown fields":                 []byte(`{"id":"d","somethingNew":{"nested":[1,2,{"a":null}]},"status":{"errorCode":50126}}`),
	}
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	d := dataset.New(dataset.Options{Now: now, Days: 2})
	for i, r := range d.Between(now.Add(-6*time.Hour), now) {
		if i%97 != 0 {
			continue
		}
		for _, v := range []string{"v1.0", "beta"} {
			raw, err := r.MarshalVersion(v, true)
			if err != nil {
				t.Fatal(err)
			}
			cases[fmt.Sprintf("%s simulator sign-in %d", v, i)] = raw
		}
	}
	for name, raw := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := signin.Decode(raw)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if want := reference(t, raw); !reflect.DeepEqual(got, want) {
				t.Errorf("Decode differs from encoding/json:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestDecodeRejectsWhatEncodingJSONRejects(t *testing.T) {
	for _, raw := range []string{`{"id":`, `[1,2]`, `{"status":{"errorCode":"x"}}`, `{"createdDateTime":"yesterday"}`, strings.Repeat("{", 10)} {
		var s signin.SignIn
		stdErr := json.Unmarshal([]byte(raw), &s)
		_, err := signin.Decode([]byte(raw))
		if (stdErr == nil) != (err == nil) {
			t.Errorf("%s: encoding/json error %v, Decode error %v", raw, stdErr, err)
		}
	}
}
