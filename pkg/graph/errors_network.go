package graph

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"regexp"
	"strings"
	"syscall"
)

// netProblem is one way a request can fail before any answer.
type netProblem struct {
	what string // completes "could not reach <host>: "
	fix  string
	// is recognises it in a Go error chain; phrases in text, for errors that lost their
	// chain (azidentity flattens transport errors into its message).
	is      func(error) bool
	phrases []string
}

var netProblems = []netProblem{
	{"the host name does not resolve (DNS)", "Check the URL for typos and that Grafana's DNS resolves it",
		func(err error) bool { var e *net.DNSError; return errors.As(err, &e) }, []string{"no such host", "server misbehaving"}},
	{"nothing accepts connections there (connection refused)", "Check the URL and port, and any proxy or firewall between Grafana and the host",
		func(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }, []string{"connection refused"}},
	{"its TLS certificate is not trusted", "If a TLS-inspecting proxy sits between Grafana and Microsoft, add its CA certificate to the Grafana server's trust store (on Linux, SSL_CERT_FILE or the system bundle)",
		func(err error) bool {
			var u x509.UnknownAuthorityError
			var v *tls.CertificateVerificationError
			return errors.As(err, &u) || errors.As(err, &v)
		}, []string{"certificate signed by unknown authority", "failed to verify certificate"}},
	{"its TLS certificate is for another host", "Check the host name in the URL",
		func(err error) bool { var h x509.HostnameError; return errors.As(err, &h) }, []string{"certificate is valid for", "certificate is not valid for"}},
	{"it does not speak TLS", "The URL must be the https endpoint",
		func(err error) bool { var r tls.RecordHeaderError; return errors.As(err, &r) }, []string{"server gave HTTP response to HTTPS client", "first record does not look like a TLS handshake"}},
	{"it did not answer in time", "Check that Grafana's outbound traffic to the host is allowed (firewall, proxy)",
		func(err error) bool { var n net.Error; return errors.As(err, &n) && n.Timeout() }, []string{"i/o timeout", "TLS handshake timeout"}},
}

// hostPattern finds the URL in a flattened error text, e.g. Get "https://host:443/...".
var hostPattern = regexp.MustCompile(`(https?://[^/"\s?]+)`)

// networkError recognises DNS, TCP and TLS failures, or returns nil. side names the
// endpoint when the error does not carry its URL.
func networkError(err error, side string) *Error {
	text := err.Error()
	for _, p := range netProblems {
		if !p.is(err) && !containsAny(text, p.phrases) {
			continue
		}
		host := side
		var u *url.Error
		if errors.As(err, &u) {
			host = hostOf(u.URL, side)
		} else if m := hostPattern.FindString(text); m != "" {
			host = m
		}
		return &Error{Kind: KindNetwork, Message: "could not reach " + host + ": " + p.what, Hint: p.fix, Detail: firstLine(text), err: err}
	}
	return nil
}

func hostOf(raw, fallback string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fallback
	}
	return u.Scheme + "://" + u.Host
}

func containsAny(s string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
