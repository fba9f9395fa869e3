package resp

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/cluster/redistest"
)

const password = "Resp~test-Pa55word"

// client is a client of srv, closed when the test ends.
func client(t *testing.T, cfg Config) *Client {
	t.Helper()
	cfg.DialTimeout = max(cfg.DialTimeout, 2*time.Second)
	cfg.IOTimeout = max(cfg.IOTimeout, 5*time.Second)
	c := New(cfg)
	t.Cleanup(c.Close)
	return c
}

// within is a context of d for one call.
func within(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// infoField reads one field of INFO, e.g. infoField(t, c, "stats", "total_connections_received").
func infoField(t *testing.T, c *Client, section, field string) string {
	t.Helper()
	info, err := String(c.Do(within(t, 5*time.Second), "INFO", section))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return v
		}
	}
	t.Fatalf("INFO %s has no %s: %q", section, field, info)
	return ""
}

// connections is how many connections srv has accepted so far.
func connections(t *testing.T, admin *Client) int {
	t.Helper()
	n, err := strconv.Atoi(infoField(t, admin, "stats", "total_connections_received"))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAuth(t *testing.T) {
	srv := redistest.Start(t, password)
	ctx := within(t, 5*time.Second)
	if got, err := String(client(t, Config{Address: srv.Addr, Password: password}).Do(ctx, "PING")); got != "PONG" || err != nil {
		t.Fatalf("PING with the password = %q, %v", got, err)
	}

	_, err := client(t, Config{Address: srv.Addr, Password: "not-" + password}).Do(ctx, "PING")
	var e *Error
	if !errors.As(err, &e) || e.Code() != "WRONGPASS" || !strings.HasPrefix(err.Error(), "resp: AUTH: WRONGPASS") {
		t.Errorf("wrong password: %v; want Redis's WRONGPASS", err)
	}
	if strings.Contains(err.Error(), password) {
		t.Errorf("the error names the password: %v", err)
	}

	_, err = client(t, Config{Address: srv.Addr}).Do(ctx, "GET", "k")
	if !errors.As(err, &e) || e.Code() != "NOAUTH" {
		t.Errorf("no password: %v; want NOAUTH", err)
	}
}

func TestAuthACLUser(t *testing.T) {
	srv := redistest.Start(t, password)
	ctx := within(t, 5*time.Second)
	admin := client(t, Config{Address: srv.Addr, Password: password})
	if _, err := admin.Do(ctx, "ACL", "SETUSER", "app", "on", ">app-pw", "~app:*", "+get", "+set"); err != nil {
		t.Fatal(err)
	}
	app := client(t, Config{Address: srv.Addr, Username: "app", Password: "app-pw"})
	if _, err := app.Do(ctx, "SET", "app:k", "v"); err != nil {
		t.Fatalf("SET as the ACL user: %v", err)
	}
	var e *Error
	if _, err := app.Do(ctx, "SET", "other:k", "v"); !errors.As(err, &e) || e.Code() != "NOPERM" {
		t.Errorf("SET outside the user's keys: %v; want NOPERM", err)
	}
	// An error reply leaves the connection in use: no new one was needed for the next call.
	before := connections(t, admin)
	if v, err := String(app.Do(ctx, "GET", "app:k")); v != "v" || err != nil {
		t.Errorf("GET after an error reply = %q, %v", v, err)
	}
	if n := connections(t, admin) - before; n != 0 {
		t.Errorf("%d new connections after an error reply", n)
	}
	_, err := client(t, Config{Address: srv.Addr, Username: "app", Password: password}).Do(ctx, "PING")
	if !errors.As(err, &e) || e.Code() != "WRONGPASS" || strings.Contains(err.Error(), password) {
		t.Errorf("ACL user, wrong password: %v", err)
	}
}

func TestSelect(t *testing.T) {
	srv := redistest.Start(t, "")
	ctx := within(t, 5*time.Second)
	db3, db0 := client(t, Config{Address: srv.Addr, DB: 3}), client(t, Config{Address: srv.Addr})
	if _, err := db3.Do(ctx, "SET", "k", "in 3"); err != nil {
		t.Fatal(err)
	}
	if _, err := db0.Do(ctx, "GET", "k"); !errors.Is(err, ErrNil) {
		t.Errorf("database 0 sees database 3's key: %v", err)
	}
	if v, err := String(client(t, Config{Address: srv.Addr, DB: 3}).Do(ctx, "GET", "k")); v != "in 3" || err != nil {
		t.Errorf("another client of database 3: %q, %v", v, err)
	}
	if _, err := client(t, Config{Address: srv.Addr, DB: 99}).Do(ctx, "PING"); err == nil || !strings.Contains(err.Error(), "SELECT 99") {
		t.Errorf("a database out of range: %v", err)
	}
}

func TestCommands(t *testing.T) {
	srv := redistest.Start(t, password)
	ctx := within(t, 5*time.Second)
	c := client(t, Config{Address: srv.Addr, Password: password})
	blob := bytes.Repeat([]byte("sign-in\r\n\x00"), 100_000) // 1 MB with CRLF and NUL in it
	if ok, err := String(c.Do(ctx, "SET", "blob", blob, "PX", 60_000)); ok != "OK" || err != nil {
		t.Fatalf("SET PX = %q, %v", ok, err)
	}
	if got, err := Bytes(c.Do(ctx, "GET", "blob")); !bytes.Equal(got, blob) || err != nil {
		t.Errorf("GET: %d bytes, %v; want the %d stored", len(got), err, len(blob))
	}
	if ttl, err := Int(c.Do(ctx, "PTTL", "blob")); ttl <= 59_000 || ttl > 60_000 || err != nil {
		t.Errorf("PTTL = %d, %v", ttl, err)
	}
	if ttl, err := Int(c.Do(ctx, "PTTL", "missing")); ttl != -2 || err != nil {
		t.Errorf("PTTL of a missing key = %d, %v", ttl, err)
	}
	if _, err := c.Do(ctx, "GET", "missing"); !errors.Is(err, ErrNil) {
		t.Errorf("GET of a missing key: %v, want ErrNil", err)
	}
	if ok, err := String(c.Do(ctx, "SET", "claim", "a", "NX", "PX", 60_000)); ok != "OK" || err != nil {
		t.Errorf("first SET NX = %q, %v", ok, err)
	}
	if _, err := c.Do(ctx, "SET", "claim", "b", "NX", "PX", 60_000); !errors.Is(err, ErrNil) {
		t.Errorf("second SET NX: %v, want ErrNil", err)
	}
	if v, _ := String(c.Do(ctx, "GET", "claim")); v != "a" {
		t.Errorf("the second SET NX overwrote the first: %q", v)
	}
	var e *Error
	if _, err := c.Do(ctx, "INCR", "claim"); !errors.As(err, &e) || e.Code() != "ERR" {
		t.Errorf("INCR of a string: %v", err)
	}
	if _, err := c.Do(ctx, "GET", 1.5); err == nil {
		t.Error("a float argument was sent")
	}
}

func TestScriptFallsBackToEval(t *testing.T) {
	srv := redistest.Start(t, "")
	ctx := within(t, 5*time.Second)
	c := client(t, Config{Address: srv.Addr})
	s := NewScript(`return {KEYS[1], ARGV[1], tonumber(ARGV[2]) + 1}`)
	calls := func() (eval, evalsha string) {
		info := infoField(t, c, "commandstats", "cmdstat_eval")
		sha := infoField(t, c, "commandstats", "cmdstat_evalsha")
		return strings.Split(info, ",")[0], strings.Split(sha, ",")[0]
	}
	for i := range 2 {
		got, err := s.Run(ctx, c, []string{"k"}, "v", 41)
		want := []any{[]byte("k"), []byte("v"), int64(42)}
		if err != nil || len(got.([]any)) != 3 || !bytes.Equal(got.([]any)[1].([]byte), want[1].([]byte)) || got.([]any)[2] != want[2] {
			t.Fatalf("run %d = %#v, %v", i, got, err)
		}
	}
	// The first EVALSHA found no script (NOSCRIPT) and EVAL loaded it; the second EVALSHA ran it.
	if eval, sha := calls(); eval != "calls=1" || sha != "calls=2" {
		t.Errorf("EVAL %s, EVALSHA %s; want 1 and 2", eval, sha)
	}
	if _, err := c.Do(ctx, "SCRIPT", "FLUSH"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(ctx, c, []string{"k"}, "v", 1); err != nil {
		t.Errorf("after SCRIPT FLUSH: %v", err)
	}
	var e *Error
	if _, err := NewScript(`return redis.error_reply("BOOM script failed")`).Run(ctx, c, nil); !errors.As(err, &e) || e.Code() != "BOOM" {
		t.Errorf("a script's error: %v", err)
	}
}

// Many goroutines share a small pool: every command runs once, and no more connections
// than the pool's size are opened.
func TestPoolUnderConcurrency(t *testing.T) {
	srv := redistest.Start(t, "")
	admin := client(t, Config{Address: srv.Addr})
	before := connections(t, admin)
	c := client(t, Config{Address: srv.Addr, PoolSize: 4})
	const goroutines, each = 32, 50
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			key := "set:" + strconv.Itoa(g%4)
			for i := range each {
				if _, err := c.Do(within(t, 10*time.Second), "INCR", "n"); err != nil {
					t.Error(err)
					return
				}
				// A reply must be the reply to this call, not another goroutine's.
				member := strconv.Itoa(g*each + i)
				if _, err := c.Do(within(t, 10*time.Second), "SADD", key, member); err != nil {
					t.Error(err)
					return
				}
				if in, err := Int(c.Do(within(t, 10*time.Second), "SISMEMBER", key, member)); in != 1 || err != nil {
					t.Errorf("SISMEMBER %s %s = %d, %v", key, member, in, err)
					return
				}
			}
		})
	}
	wg.Wait()
	if n, err := Int(admin.Do(within(t, time.Second), "INCRBY", "n", 0)); n != goroutines*each {
		t.Errorf("n = %d (%v), want %d", n, err, goroutines*each)
	}
	if n := connections(t, admin) - before; n > 4 {
		t.Errorf("%d connections opened for a pool of 4", n)
	}
}

// A call that waits for a slot of a full pool gives up when its context ends.
func TestPoolFullWaitsForTheContext(t *testing.T) {
	srv := redistest.Start(t, "")
	c := client(t, Config{Address: srv.Addr, PoolSize: 1})
	blocked := make(chan error, 1)
	go func() {
		_, err := c.Do(within(t, 5*time.Second), "BLPOP", "never", "2")
		blocked <- err
	}()
	time.Sleep(100 * time.Millisecond) // the BLPOP holds the only connection
	start := time.Now()
	_, err := c.Do(within(t, 200*time.Millisecond), "PING")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Errorf("PING with the pool full: %v after %v; want the context's deadline", err, time.Since(start))
	}
	if err := <-blocked; !errors.Is(err, ErrNil) {
		t.Errorf("BLPOP that timed out on the server: %v, want ErrNil", err)
	}
	if _, err := c.Do(within(t, time.Second), "PING"); err != nil {
		t.Errorf("PING once the slot is free: %v", err)
	}
}

// A call that times out closes its connection: its reply would otherwise be read by the next
// call. Here the server still delivers the BLPOP's value to the closed client, not to the
// next call, which gets its own answer on a new connection.
func TestTimeoutClosesTheConnection(t *testing.T) {
	srv := redistest.Start(t, "")
	admin := client(t, Config{Address: srv.Addr})
	c := client(t, Config{Address: srv.Addr, PoolSize: 1})
	if _, err := c.Do(within(t, time.Second), "PING"); err != nil {
		t.Fatal(err)
	}
	before := connections(t, admin)
	start := time.Now()
	_, err := c.Do(within(t, 150*time.Millisecond), "BLPOP", "q", "0")
	var ne net.Error
	if !errors.Is(err, context.DeadlineExceeded) && !(errors.As(err, &ne) && ne.Timeout()) {
		t.Errorf("BLPOP past the deadline: %v, want a timeout", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("the timeout of 150ms took %v", took)
	}
	// The server sees the close (and stops blocking) before it sees the next connection.
	for deadline := time.Now().Add(2 * time.Second); infoField(t, admin, "clients", "blocked_clients") != "0"; {
		if time.Now().After(deadline) {
			t.Fatal("the timed-out BLPOP still blocks on the server: its connection is open")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if v, err := String(c.Do(within(t, time.Second), "ECHO", "mine")); v != "mine" || err != nil {
		t.Errorf("the call after a timeout = %q, %v", v, err)
	}
	if n := connections(t, admin) - before; n != 1 {
		t.Errorf("%d new connections after the timeout, want 1", n)
	}
}

func TestCancelInterruptsTheCall(t *testing.T) {
	srv := redistest.Start(t, "")
	c := client(t, Config{Address: srv.Addr})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Do(ctx, "BLPOP", "q", "0")
	if !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Errorf("cancelled BLPOP: %v after %v; want context.Canceled at once", err, time.Since(start))
	}
	if _, err := c.Do(ctx, "PING"); !errors.Is(err, context.Canceled) {
		t.Errorf("a call with a cancelled context: %v", err)
	}
	if _, err := c.Do(within(t, time.Second), "PING"); err != nil {
		t.Errorf("PING after a cancelled call: %v", err)
	}
}

// A server that dies under a waiting call fails it at once, calls meanwhile fail fast, and
// after a restart the pool's dead idle connections are not used.
func TestServerStoppedMidUse(t *testing.T) {
	srv := redistest.Start(t, password)
	c := client(t, Config{Address: srv.Addr, Password: password, DialTimeout: 500 * time.Millisecond})
	var wg sync.WaitGroup
	for range 3 { // three idle connections in the pool
		wg.Go(func() {
			if _, err := c.Do(within(t, 2*time.Second), "BLPOP", "warm", "0.2"); !errors.Is(err, ErrNil) {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	blocked := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := c.Do(within(t, 10*time.Second), "BLPOP", "q", "0")
		blocked <- err
	}()
	time.Sleep(100 * time.Millisecond)
	srv.Stop()
	select {
	case err := <-blocked:
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("BLPOP on a stopped server: %v", err)
		}
		t.Logf("BLPOP on a stopped server failed after %v: %v", time.Since(start), err)
	case <-time.After(3 * time.Second):
		t.Fatal("BLPOP still waits 3 s after the server stopped")
	}
	start = time.Now()
	if _, err := c.Do(within(t, 2*time.Second), "PING"); err == nil || time.Since(start) > time.Second {
		t.Errorf("PING without a server: %v after %v", err, time.Since(start))
	}
	srv.Restart()
	if _, err := c.Do(within(t, 2*time.Second), "PING"); err != nil {
		t.Errorf("first PING after the restart: %v", err)
	}
}

// A server that accepts and never answers costs a call its deadline, not more.
func TestSilentServer(t *testing.T) {
	c := New(Config{Address: redistest.Silent(t), Password: password, DialTimeout: time.Second})
	defer c.Close()
	start := time.Now()
	_, err := c.Do(within(t, 200*time.Millisecond), "PING")
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() || time.Since(start) > time.Second {
		t.Errorf("PING to a silent server: %v after %v; want a timeout at 200ms", err, time.Since(start))
	}
	if strings.Contains(err.Error(), password) {
		t.Errorf("the error names the password: %v", err)
	}
}

// Something that is not Redis on the port: the reply is a protocol error, the connection is
// closed, and the next call dials again.
func TestProtocolErrorClosesTheConnection(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan struct{}, 10)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted <- struct{}{}
			go func() {
				defer c.Close()
				buf := make([]byte, 512)
				for {
					if _, err := c.Read(buf); err != nil {
						return
					}
					_, _ = c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
				}
			}()
		}
	}()
	c := New(Config{Address: l.Addr().String(), DialTimeout: time.Second})
	defer c.Close()
	for i := range 2 {
		_, err := c.Do(within(t, time.Second), "PING")
		var pe *ProtocolError
		if !errors.As(err, &pe) {
			t.Errorf("call %d: %v, want a protocol error", i, err)
		}
	}
	if n := len(accepted); n != 2 {
		t.Errorf("%d connections for 2 calls, want a new one after the protocol error", n)
	}
}

func TestTLS(t *testing.T) {
	srv := redistest.StartTLS(t, password)
	ctx := within(t, 5*time.Second)
	c := client(t, Config{Address: srv.Addr, Password: password, TLS: srv.TLS, DB: 2})
	if _, err := c.Do(ctx, "SET", "k", []byte("over TLS"), "PX", 60_000); err != nil {
		t.Fatal(err)
	}
	before := connections(t, c)
	if v, err := String(c.Do(ctx, "GET", "k")); v != "over TLS" || err != nil {
		t.Errorf("GET over TLS = %q, %v", v, err)
	}
	if v, _ := String(c.Do(ctx, "CLIENT", "INFO")); !strings.Contains(v, "db=2") {
		t.Errorf("CLIENT INFO over TLS: %q", v)
	}
	// The idle TLS connection passes the liveness check: calls reuse it.
	if n := connections(t, c) - before; n != 0 {
		t.Errorf("%d new connections for one caller over TLS, want the first reused", n)
	}

	untrusted := client(t, Config{Address: srv.Addr, Password: password, TLS: &tls.Config{MinVersion: tls.VersionTLS12}})
	var unknown x509.UnknownAuthorityError
	if _, err := untrusted.Do(ctx, "PING"); !errors.As(err, &unknown) {
		t.Errorf("a certificate nobody trusts: %v", err)
	}
	start := time.Now()
	plain := client(t, Config{Address: srv.Addr, Password: password})
	if _, err := plain.Do(within(t, 300*time.Millisecond), "PING"); err == nil || time.Since(start) > time.Second {
		t.Errorf("plain RESP to the TLS port: %v after %v", err, time.Since(start))
	}
}
