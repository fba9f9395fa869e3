//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd || solaris || illumos

package resp

import (
	"errors"
	"net"
	"syscall"
)

// alive peeks at an idle connection's socket without blocking or consuming anything: an idle
// connection has nothing to read, so end of stream (the server closed it or restarted) or any
// byte (a desynchronised stream, a TLS close alert) means it cannot serve a call.
func alive(nc net.Conn) bool {
	if u, ok := nc.(interface{ NetConn() net.Conn }); ok { // TLS: the socket under it
		nc = u.NetConn()
	}
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return true
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	ok = false
	err = raw.Read(func(fd uintptr) bool {
		var b [1]byte
		_, _, err := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		// Would block: nothing to read, the connection is idle and open.
		ok = errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EWOULDBLOCK)
		return true // never wait for the socket to become readable
	})
	return err == nil && ok
}
