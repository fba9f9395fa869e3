// Package redistest starts a throwaway redis-server (Debian's package, which .ci/run installs)
// on 127.0.0.1 for tests: a free port, no persistence, stopped when the test ends. Tests skip
// when redis-server is missing, except in CI (CI or SIGDIAG_REQUIRE_REDIS set, as .ci/run
// does), where they fail.
package redistest

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Server is a running (or stopped) redis-server.
type Server struct {
	Addr     string
	Password string
	// TLS, for a server from StartTLS, is a client configuration that trusts its certificate.
	TLS   *tls.Config
	t     testing.TB
	port  int
	dir   string
	extra []string // redis-server arguments beyond the port and password
	// sentinel is the configuration file of a sentinel; cluster runs a Redis Cluster node.
	sentinel string
	cluster  bool
	cmd      *exec.Cmd
	exited   chan struct{}
}

// Start starts redis-server on a free port of 127.0.0.1, with password when not empty.
func Start(t testing.TB, password string) *Server {
	t.Helper()
	requireServer(t)
	s := &Server{Password: password, t: t, dir: t.TempDir()}
	if err := s.run(); err != nil {
		t.Fatal(err)
	}
	return s
}

func requireServer(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("CI") != "" || os.Getenv("SIGDIAG_REQUIRE_REDIS") != "" {
			t.Fatal("redis-server is not installed: CI must install it (.ci/run does: apt-get install -y redis-server)")
		}
		t.Skip("redis-server is not installed (apt-get install -y --no-install-recommends redis-server); CI runs this test")
	}
}

// run starts the server on a free port and stops it when the test ends.
func (s *Server) run() error {
	var err error
	for range 3 { // another process may take the free port before redis-server binds it
		if s.port, err = freePort(); err != nil {
			continue
		}
		if err = s.start(); err == nil {
			break
		}
	}
	if err != nil {
		return err
	}
	s.Addr = "127.0.0.1:" + strconv.Itoa(s.port)
	s.t.Cleanup(s.Stop)
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) start() error {
	args := []string{"--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", s.dir, "--daemonize", "no", "--loglevel", "warning"}

	if s.extra != nil { // TLS: the port serves TLS only
		args[1] = "0"
		args = append(args, "--tls-port", strconv.Itoa(s.port))
		args = append(args, s.extra...)
	}
	if s.Password != "" {
		args = append(args, "--requirepass", s.Password)
	}
	switch {
	case s.sentinel != "": // the configuration file comes first
		args = append([]string{s.sentinel, "--sentinel"}, args...)
	case s.cluster:
		args = append(args, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000")
		if s.Password != "" {
			args = append(args, "--masterauth", s.Password)
		}
	}
	cmd := exec.Command("redis-server", args...)
	cmd.SysProcAttr = sysProcAttr()
	log := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	addr := "127.0.0.1:" + strconv.Itoa(s.port)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			s.cmd, s.exited = cmd, exited
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("redis-server on %s exited: %s", addr, log.String())
		default:
		}
	}
	_ = cmd.Process.Kill()
	<-exited
	return fmt.Errorf("redis-server on %s did not start: %s", addr, log.String())
}

// Stop kills the server (as a crash or a network loss would look to the plugin).
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.exited
	s.cmd = nil
}

// Restart starts the server again on the same port, empty.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	var err error
	for range 50 { // the old socket may linger for a moment
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatal(err)
}

// syncBuffer collects redis-server's output, written by exec's copying goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Silent listens on a free port of 127.0.0.1, accepts connections and never answers: a Redis
// that hangs. It stops, closing what it accepted, when the test ends. It returns host:port.
func Silent(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		_ = l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	return l.Addr().String()
}
