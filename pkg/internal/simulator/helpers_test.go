package simulator

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// testNow is a Monday, 09:30 in the demo tenant's working day.
var testNow = time.Date(2025, 3, 10, 15, 30, 0, 0, time.UTC)

// shared is one demo server for the tests that only read; tests that change faults or
// clients start their own.
var shared *Server

func TestMain(m *testing.M) {
	var err error
	shared, err = Start(Options{Now: testNow})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	shared.Close()
	// Every server and client connection must be gone: the simulator runs inside the
	// plugin process, so a leaked goroutine there would outlive a data source.
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goroutine leak:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// startServer starts a server that stops when the test ends.
func startServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// client returns an HTTP client that trusts s, closing its connections at the end.
func client(t *testing.T, s *Server) *http.Client {
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: s.CertPool()}}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// response is a decoded answer.
type response struct {
	status int
	header http.Header
	body   []byte
	obj    map[string]any
}

func do(t *testing.T, c *http.Client, req *http.Request) response {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := response{status: resp.StatusCode, header: resp.Header, body: b}
	_ = json.Unmarshal(b, &r.obj)
	return r
}

// postToken calls the token endpoint of tenant with form.
func postToken(t *testing.T, s *Server, tenant string, form url.Values) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL()+"/"+tenant+"/oauth2/v2.0/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(t, client(t, s), req)
}

func secretForm(s *Server, clientID, secret string) url.Values {
	return url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {secret},
		"scope": {s.URL() + "/.default openid offline_access profile"}}
}

// token gets an access token with a client secret, failing the test otherwise.
func token(t *testing.T, s *Server, tenant, clientID, secret string) string {
	t.Helper()
	r := postToken(t, s, tenant, secretForm(s, clientID, secret))
	tok, _ := r.obj["access_token"].(string)
	if r.status != http.StatusOK || tok == "" {
		t.Fatalf("token: %d %s", r.status, r.body)
	}
	return tok
}

func demoToken(t *testing.T, s *Server) string {
	return token(t, s, DemoTenantID, DemoClientID, DemoClientSecret)
}

// get sends a Graph GET with the bearer token (none when empty). path may be absolute.
func get(t *testing.T, s *Server, tok, path string) response {
	t.Helper()
	u := path
	if !strings.HasPrefix(path, "https://") {
		u = s.URL() + path
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return do(t, client(t, s), req)
}

// signIns builds a signIns URL path with the given query options.
func signIns(version string, opts ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(opts); i += 2 {
		v.Set(opts[i], opts[i+1])
	}
	p := "/" + version + "/auditLogs/signIns"
	if len(v) > 0 {
		p += "?" + strings.ReplaceAll(v.Encode(), "+", "%20")
	}
	return p
}

// graphErr returns the error code and message of a Graph error answer.
func graphErr(r response) (code, msg string) {
	e, _ := r.obj["error"].(map[string]any)
	code, _ = e["code"].(string)
	msg, _ = e["message"].(string)
	return code, msg
}

// entraErr returns the OAuth error and the first AADSTS code of an Entra error answer.
func entraErr(r response) (string, int) {
	oauth, _ := r.obj["error"].(string)
	codes, _ := r.obj["error_codes"].([]any)
	if len(codes) == 0 {
		return oauth, 0
	}
	n, _ := codes[0].(float64)
	return oauth, int(n)
}

// pageValues returns the value array of a collection page.
func pageValues(r response) []map[string]any {
	list, _ := r.obj["value"].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, v := range list {
		m, _ := v.(map[string]any)
		out = append(out, m)
	}
	return out
}

// collect follows nextLinks from path and returns every row's id, and the number of pages.
func collect(t *testing.T, s *Server, tok, path string) ([]string, int) {
	t.Helper()
	var ids []string
	pages := 0
	for path != "" {
		r := get(t, s, tok, path)
		if r.status != http.StatusOK {
			t.Fatalf("page %d: %d %s", pages+1, r.status, r.body)
		}
		pages++
		for _, v := range pageValues(r) {
			ids = append(ids, v["id"].(string))
		}
		path, _ = r.obj["@odata.nextLink"].(string)
		if path != "" && !strings.HasPrefix(path, s.URL()+"/") {
			t.Fatalf("nextLink %q is not an absolute link to the server", path)
		}
	}
	return ids, pages
}
