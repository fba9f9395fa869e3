package simulator

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The faults that break pages, links and tokens rather than answering with an error status.
func TestWireFaults(t *testing.T) {
	s := startServer(t, Options{})
	tok := demoToken(t, s)
	page := signIns("v1.0", "$top", "2")

	t.Run("cut mid-JSON", func(t *testing.T) {
		s.SetFaults(Faults{CutNext: 1})
		req, _ := http.NewRequest(http.MethodGet, s.URL()+page, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := client(t, s).Do(req)
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("reading a cut page: %v, want an unexpected EOF", err)
		}
		if r := get(t, s, tok, page); r.status != http.StatusOK || r.obj == nil {
			t.Fatalf("the next page: %d %s", r.status, r.body)
		}
	})
	t.Run("malformed", func(t *testing.T) {
		s.SetFaults(Faults{MalformedNext: 1})
		r := get(t, s, tok, page)
		if r.status != http.StatusOK || json.Valid(r.body) || !strings.HasPrefix(string(r.body), `{"@odata.context"`) {
			t.Fatalf("%d %q", r.status, r.body)
		}
	})
	t.Run("stall", func(t *testing.T) {
		// The page must still be trickling when the reader gives up: the test gives up itself
		// (cancels) rather than racing a client timeout against the server's reaction to it.
		s.SetFaults(Faults{StallNext: 1, StallInterval: 20 * time.Millisecond})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+page, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := client(t, s).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var n atomic.Int64
		done := make(chan error, 1)
		go func() {
			_, err := io.Copy(countingWriter{&n}, resp.Body)
			done <- err
		}()
		select {
		case err := <-done:
			t.Fatalf("a stalled page ended by itself after %d bytes: %v", n.Load(), err)
		case <-time.After(300 * time.Millisecond):
		}
		if got := n.Load(); got < 64+5 {
			t.Errorf("only %d bytes trickled in 300ms", got)
		}
		// Giving up must end the read. Whether it ends with an error depends on a race: the
		// server may see the cancellation first and end the chunked body cleanly.
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("reading a cancelled stalled page did not end")
		}
	})
	t.Run("next link elsewhere", func(t *testing.T) {
		s.SetFaults(Faults{NextLinkBase: "https://evil.example"})
		r := get(t, s, tok, page)
		if link, _ := r.obj["@odata.nextLink"].(string); !strings.HasPrefix(link, "https://evil.example/v1.0/auditLogs/signins?") {
			t.Fatalf("nextLink %q", link)
		}
	})
	t.Run("looping next link", func(t *testing.T) {
		s.SetFaults(Faults{LoopNextLink: true})
		r := get(t, s, tok, page)
		if link, _ := r.obj["@odata.nextLink"].(string); link != s.URL()+"/v1.0/auditLogs/signIns?%24top=2" {
			t.Fatalf("nextLink %q", link)
		}
	})
	t.Run("expired skiptoken", func(t *testing.T) {
		s.SetFaults(Faults{})
		link, _ := get(t, s, tok, page).obj["@odata.nextLink"].(string)
		s.SetFaults(Faults{ExpiredSkipToken: true})
		if r := get(t, s, tok, page); r.status != http.StatusOK {
			t.Fatalf("a first page: %d", r.status)
		}
		r := get(t, s, tok, link)
		if code, _ := graphErr(r); r.status != http.StatusBadRequest || code != "Directory_ExpiredPageToken" {
			t.Fatalf("%d %s", r.status, r.body)
		}
	})
	t.Run("token expires between issue and use", func(t *testing.T) {
		s.SetFaults(Faults{ExpireTokenNext: 1})
		r := get(t, s, tok, page)
		if _, msg := graphErr(r); r.status != http.StatusUnauthorized || !strings.Contains(msg, "expired") {
			t.Fatalf("%d %s", r.status, r.body)
		}
		if r := get(t, s, tok, page); r.status != http.StatusOK {
			t.Fatalf("then: %d", r.status)
		}
	})
	t.Run("429 without Retry-After", func(t *testing.T) {
		s.SetFaults(Faults{FailNext: []int{429, 503}, NoRetryAfter: true})
		for range 2 {
			if r := get(t, s, tok, page); r.header.Get("Retry-After") != "" || r.status == http.StatusOK {
				t.Fatalf("%d Retry-After %q", r.status, r.header.Get("Retry-After"))
			}
		}
	})
	t.Run("token endpoint down", func(t *testing.T) {
		s.SetFaults(Faults{TokenFailNext: []int{500}})
		r := postToken(t, s, DemoTenantID, secretForm(s, DemoClientID, DemoClientSecret))
		if oauth, code := entraErr(r); r.status != 500 || oauth != "temporarily_unavailable" || code != 90033 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		s.SetFaults(Faults{TokenDown: true})
		for range 2 {
			if r := postToken(t, s, DemoTenantID, secretForm(s, DemoClientID, DemoClientSecret)); r.status != http.StatusServiceUnavailable {
				t.Fatalf("%d", r.status)
			}
		}
		s.SetFaults(Faults{})
		demoToken(t, s)
	})
}

// countingWriter counts what it is given and keeps nothing.
type countingWriter struct{ n *atomic.Int64 }

func (w countingWriter) Write(p []byte) (int, error) {
	w.n.Add(int64(len(p)))
	return len(p), nil
}
