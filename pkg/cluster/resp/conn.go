package resp

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"
)

// conn is one connection to Redis, used by one call at a time.
type conn struct {
	nc net.Conn
	br *bufio.Reader
	bw *bufio.Writer
	// broken is set after an I/O error, a timeout, a cancellation or a protocol error: the
	// stream may hold half a command or an unread reply, so the connection is closed, never
	// reused.
	broken bool
}

func newConn(nc net.Conn) *conn {
	return &conn{nc: nc, br: bufio.NewReaderSize(nc, 16<<10), bw: bufio.NewWriterSize(nc, 16<<10)}
}

func (cn *conn) close() { _ = cn.nc.Close() }

// checkArgs accepts the argument types writeCommand can send, before anything is written.
func checkArgs(args []any) error {
	if len(args) == 0 {
		return errors.New("resp: empty command")
	}
	for i, a := range args {
		switch a.(type) {
		case string, []byte, int, int64:
		default:
			return fmt.Errorf("resp: argument %d is a %T; want a string, []byte, int or int64", i, a)
		}
	}
	return nil
}

// writeCommand sends args as an array of bulk strings, the only form of command Redis takes
// from clients. The arguments were checked by checkArgs.
func writeCommand(w *bufio.Writer, args []any) error {
	var num [24]byte
	header := func(kind byte, n int) {
		_ = w.WriteByte(kind)
		_, _ = w.Write(strconv.AppendInt(num[:0], int64(n), 10))
		_, _ = w.WriteString("\r\n")
	}
	header('*', len(args))
	for _, a := range args {
		var s string
		switch a := a.(type) {
		case string:
			s = a
		case []byte:
			header('$', len(a))
			_, _ = w.Write(a)
			_, _ = w.WriteString("\r\n")
			continue
		case int:
			s = strconv.Itoa(a)
		case int64:
			s = strconv.FormatInt(a, 10)
		}
		header('$', len(s))
		_, _ = w.WriteString(s)
		_, _ = w.WriteString("\r\n")
	}
	return w.Flush() // a bufio.Writer keeps its first error: Flush reports it
}

// isReply reports whether err is Redis's answer (an error reply or nil) rather than a failure
// of the connection.
func isReply(err error) bool {
	var e *Error
	return errors.Is(err, ErrNil) || errors.As(err, &e)
}

// roundTrip sends one command and reads its reply.
func (cn *conn) roundTrip(args []any) (any, error) {
	if err := writeCommand(cn.bw, args); err != nil {
		cn.broken = true
		return nil, err
	}
	reply, err := ReadReply(cn.br)
	if err != nil && !isReply(err) {
		cn.broken = true
	}
	return reply, err
}

// longAgo is a deadline that has passed: setting it interrupts a blocked read or write.
var longAgo = time.Unix(1, 0)

// exchange is roundTrip under ctx: the connection's deadline is ctx's (else now + fallback,
// when fallback > 0), and cancelling ctx interrupts the call at once.
func (cn *conn) exchange(ctx context.Context, fallback time.Duration, args []any) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	deadline, ok := ctx.Deadline()
	if !ok && fallback > 0 {
		deadline = time.Now().Add(fallback)
	}
	if err := cn.nc.SetDeadline(deadline); err != nil {
		cn.broken = true
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { _ = cn.nc.SetDeadline(longAgo) })
	reply, err := cn.roundTrip(args)
	if !stop() {
		// The interruption ran, or is running: the deadline it sets may land on the next
		// call, so this connection is done. A reply that arrived first is still the answer.
		cn.broken = true
	}
	if err != nil && !isReply(err) {
		err = contextError(ctx, err)
	}
	return reply, err
}

// contextError says why a call failed when its context ended (cancelled, or out of time) as
// well as what the connection saw. The connection's deadline may fire a moment before the
// context's timer: past the context's deadline, the call ran out of its time either way.
func contextError(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
	}
	return err
}
