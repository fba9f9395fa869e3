package simulator

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestFaults(t *testing.T) {
	cases := []struct {
		name     string
		faults   Faults
		statuses []int
		retry    string // Retry-After of the first non-200 answer, "" for any
	}{
		{"throttle after two", Faults{ThrottleAfter: 2}, []int{200, 200, 429, 200, 200, 429}, "2.128"},
		{"throttle twice", Faults{ThrottleAfter: 1, ThrottleCount: 2, RetryAfter: 250 * time.Millisecond}, []int{200, 429, 429, 200}, "0.25"},
		{"rate limit", Faults{RateLimit: 3, RateWindow: time.Minute}, []int{200, 200, 200, 429, 429}, ""},
		{"fail next", Faults{FailNext: []int{503, 504, 500}}, []int{503, 504, 500, 200}, "2.128"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := startServer(t, Options{})
			tok := demoToken(t, s)
			s.SetFaults(tc.faults)
			for i, want := range tc.statuses {
				r := get(t, s, tok, signIns("v1.0", "$top", "1"))
				if r.status != want {
					t.Fatalf("request %d: %d, want %d (%s)", i+1, r.status, want, r.body)
				}
				if want == 200 {
					continue
				}
				checkInnerError(t, r)
				ra := r.header.Get("Retry-After")
				if want == 429 || want == 503 {
					secs, err := strconv.ParseFloat(ra, 64)
					if err != nil || secs <= 0 || (tc.retry != "" && ra != tc.retry) {
						t.Fatalf("Retry-After %q, want %q", ra, tc.retry)
					}
				}
				if want == 429 {
					code, msg := graphErr(r)
					inner := r.obj["error"].(map[string]any)["innerError"].(map[string]any)
					if code != "TooManyRequests" || msg != "Please retry again later." || inner["code"] != "429" || inner["status"] != "429" || inner["message"] != "Please retry after" {
						t.Fatalf("429 body %s", r.body)
					}
				}
			}
		})
	}
}

func TestPageLatency(t *testing.T) {
	s := startServer(t, Options{})
	tok := demoToken(t, s)
	s.SetFaults(Faults{PageLatency: 150 * time.Millisecond})
	start := time.Now()
	if r := get(t, s, tok, signIns("v1.0", "$top", "1")); r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	if el := time.Since(start); el < 150*time.Millisecond {
		t.Fatalf("answered in %s despite 150ms latency", el)
	}
	s.SetFaults(Faults{})
	if r := get(t, s, tok, signIns("v1.0", "$top", "1")); r.status != http.StatusOK {
		t.Fatalf("after reset: %d", r.status)
	}
}

func TestRequestLog(t *testing.T) {
	s := startServer(t, Options{})
	tok := demoToken(t, s)
	get(t, s, tok, signIns("v1.0", "$top", "2"))
	get(t, s, "", signIns("beta"))
	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests logged", len(reqs))
	}
	want := []struct {
		endpoint string
		status   int
	}{{"token", 200}, {"graph", 200}, {"graph", 401}}
	for i, w := range want {
		if reqs[i].Endpoint != w.endpoint || reqs[i].Status != w.status || reqs[i].Time.IsZero() {
			t.Errorf("request %d: %+v", i, reqs[i])
		}
	}
	if reqs[1].TenantID != DemoTenantID || reqs[1].ClientID != DemoClientID || reqs[1].Path != "/v1.0/auditLogs/signIns?%24top=2" {
		t.Errorf("graph request logged as %+v", reqs[1])
	}
}
