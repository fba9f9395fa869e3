package resp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Bounds on what a reply may declare. A reply beyond them comes from a broken server or
// something else on the port: the reader stops with a ProtocolError instead of allocating
// what it is told.
const (
	// MaxBulk is Redis's own largest string (proto-max-bulk-len).
	MaxBulk = 512 << 20
	// maxArray bounds an array's declared length; the memory an array takes is bounded by
	// the bytes actually received, as elements are appended when they arrive.
	maxArray = 1 << 24
	// maxDepth bounds nesting, so a hostile reply cannot exhaust the stack; Redis's replies
	// nest two or three deep.
	maxDepth = 32
	// maxLine bounds a simple string, an error or a number.
	maxLine = 64 << 10
	// bulkChunk is what a bulk string's buffer starts at: a declared length is only a claim
	// until its bytes arrive.
	bulkChunk = 64 << 10
)

// ErrNil is RESP2's nil reply (a missing key's GET, a SET NX that did not set, a nil array).
var ErrNil = errors.New("resp: nil reply")

// Error is an error reply from Redis, such as "NOSCRIPT No matching script." The connection
// stays usable after one.
type Error struct {
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// Code is the message's first word: "ERR", "WRONGPASS", "NOSCRIPT", "NOPERM", ...
func (e *Error) Code() string {
	code, _, _ := strings.Cut(e.Msg, " ")
	return code
}

// ProtocolError is a reply that is not RESP2. The connection is closed after one: where the
// next reply starts is unknown.
type ProtocolError struct {
	Msg string
}

func (e *ProtocolError) Error() string { return "resp: protocol error: " + e.Msg }

func protocolErrorf(format string, args ...any) error {
	return &ProtocolError{Msg: fmt.Sprintf(format, args...)}
}

// ReadReply reads one reply: a string (simple string), an int64 (integer), a []byte (bulk
// string) or a []any (array, whose elements are these types, nil for a nil element, or an
// *Error). A top-level error reply is returned as an *Error, a top-level nil as ErrNil.
func ReadReply(r *bufio.Reader) (any, error) {
	v, err := readValue(r, 0)
	if err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case nil:
		return nil, ErrNil
	case *Error:
		return nil, v
	}
	return v, nil
}

func readValue(r *bufio.Reader, depth int) (any, error) {
	line, err := readLine(r)
	if err != nil {
		return nil, err
	}
	if len(line) == 0 {
		return nil, protocolErrorf("empty line")
	}
	// line is only valid until the next read: every case converts it first.
	switch line[0] {
	case '+':
		return string(line[1:]), nil
	case '-':
		return &Error{Msg: string(line[1:])}, nil
	case ':':
		return parseInt(line[1:])
	case '$':
		n, err := parseLength(line[1:], MaxBulk)
		if err != nil || n < 0 {
			return nil, err
		}
		return readBulk(r, n)
	case '*':
		n, err := parseLength(line[1:], maxArray)
		if err != nil || n < 0 {
			return nil, err
		}
		return readArray(r, n, depth)
	}
	return nil, protocolErrorf("unknown reply type %q", line[0])
}

// readLine reads up to CRLF, which it drops.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		long := append([]byte(nil), line...)
		for errors.Is(err, bufio.ErrBufferFull) && len(long) <= maxLine {
			line, err = r.ReadSlice('\n')
			long = append(long, line...)
		}
		line = long
	}
	switch {
	case len(line) > maxLine:
		return nil, protocolErrorf("line longer than %d bytes", maxLine)
	case errors.Is(err, io.EOF) && len(line) > 0:
		return nil, io.ErrUnexpectedEOF
	case err != nil:
		return nil, err
	case len(line) < 2 || line[len(line)-2] != '\r':
		return nil, protocolErrorf("line not ended by CRLF")
	}
	return line[:len(line)-2], nil
}

func parseInt(b []byte) (int64, error) {
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return 0, protocolErrorf("bad integer %q", b)
	}
	return n, nil
}

// parseLength parses a bulk or array length: -1 (nil) to limit.
func parseLength(b []byte, limit int) (int, error) {
	n, err := parseInt(b)
	switch {
	case err != nil:
		return 0, err
	case n < -1 || n > int64(limit):
		return 0, protocolErrorf("length %d out of range", n)
	}
	return int(n), nil
}

// readBulk reads n bytes and the CRLF after them. The buffer grows as bytes arrive, so a
// length that was a lie costs at most what was sent.
func readBulk(r *bufio.Reader, n int) ([]byte, error) {
	b := make([]byte, 0, min(n, bulkChunk))
	for len(b) < n {
		if len(b) == cap(b) {
			b = slices.Grow(b, min(n-len(b), len(b))) // doubles, up to n
		}
		k, err := io.ReadFull(r, b[len(b):min(n, cap(b))])
		b = b[:len(b)+k]
		if err != nil {
			return nil, unexpectedEOF(err)
		}
	}
	var crlf [2]byte
	if _, err := io.ReadFull(r, crlf[:]); err != nil {
		return nil, unexpectedEOF(err)
	}
	if crlf != [2]byte{'\r', '\n'} {
		return nil, protocolErrorf("bulk string of %d bytes not ended by CRLF", n)
	}
	return b, nil
}

func readArray(r *bufio.Reader, n, depth int) ([]any, error) {
	if depth >= maxDepth {
		return nil, protocolErrorf("arrays nested more than %d deep", maxDepth)
	}
	a := make([]any, 0, min(n, 64))
	for range n {
		v, err := readValue(r, depth+1)
		if err != nil {
			return nil, unexpectedEOF(err)
		}
		a = append(a, v)
	}
	return a, nil
}

// unexpectedEOF: within a reply, the end of the stream is a truncated reply.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// Int is the integer reply of a call, as in n, err := resp.Int(c.Do(ctx, "PTTL", key)).
func Int(v any, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	n, ok := v.(int64)
	if !ok {
		return 0, fmt.Errorf("resp: %T reply, want an integer", v)
	}
	return n, nil
}

// Bytes is the bulk or simple string reply of a call.
func Bytes(v any, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case []byte:
		return v, nil
	case string:
		return []byte(v), nil
	}
	return nil, fmt.Errorf("resp: %T reply, want a string", v)
}

// String is the simple or bulk string reply of a call.
func String(v any, err error) (string, error) {
	b, err := Bytes(v, err)
	return string(b), err
}
