package resp

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// replyCases are well-formed replies and what ReadReply makes of them.
var replyCases = []struct {
	name string
	in   string
	want any
	err  error // ErrNil, or an *Error compared by message
}{
	{"simple string", "+OK\r\n", "OK", nil},
	{"empty simple string", "+\r\n", "", nil},
	{"error", "-NOSCRIPT No matching script.\r\n", nil, &Error{Msg: "NOSCRIPT No matching script."}},
	{"integer", ":42\r\n", int64(42), nil},
	{"negative integer", ":-2\r\n", int64(-2), nil},
	{"bulk", "$5\r\nhello\r\n", []byte("hello"), nil},
	{"bulk holding CRLF and NUL", "$6\r\na\r\n\x00b\n\r\n", []byte("a\r\n\x00b\n"), nil},
	{"empty bulk", "$0\r\n\r\n", []byte{}, nil},
	{"nil bulk", "$-1\r\n", nil, ErrNil},
	{"nil array", "*-1\r\n", nil, ErrNil},
	{"empty array", "*0\r\n", []any{}, nil},
	{"array of every type", "*5\r\n+a\r\n:1\r\n$1\r\nb\r\n$-1\r\n-ERR x\r\n", []any{"a", int64(1), []byte("b"), nil, &Error{Msg: "ERR x"}}, nil},
	{"nested arrays", "*2\r\n*1\r\n:1\r\n*0\r\n", []any{[]any{int64(1)}, []any{}}, nil},
	{"only the first reply", "+a\r\n+b\r\n", "a", nil},
}

func TestReadReply(t *testing.T) {
	for _, tc := range replyCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadReply(bufio.NewReader(strings.NewReader(tc.in)))
			if !sameErr(err, tc.err) || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ReadReply(%q) = %#v, %v; want %#v, %v", tc.in, got, err, tc.want, tc.err)
			}
		})
	}
}

func sameErr(got, want error) bool {
	var g, w *Error
	if errors.As(want, &w) {
		return errors.As(got, &g) && *g == *w
	}
	return errors.Is(got, want)
}

// malformed are replies a broken server, or something else on the port, might send.
var malformed = []struct {
	name, in string
	err      error // io.EOF, io.ErrUnexpectedEOF, or a *ProtocolError (any message)
}{
	{"nothing", "", io.EOF},
	{"line cut short", "+OK", io.ErrUnexpectedEOF},
	{"LF without CR", "+OK\n", &ProtocolError{}},
	{"empty line", "\r\n", &ProtocolError{}},
	{"unknown type", "?what\r\n", &ProtocolError{}},
	{"RESP3 map", "%1\r\n+a\r\n+b\r\n", &ProtocolError{}},
	{"integer not a number", ":4x2\r\n", &ProtocolError{}},
	{"integer overflow", ":99999999999999999999\r\n", &ProtocolError{}},
	{"empty integer", ":\r\n", &ProtocolError{}},
	{"bulk length not a number", "$abc\r\n", &ProtocolError{}},
	{"bulk length below -1", "$-2\r\n", &ProtocolError{}},
	{"bulk over 512 MiB", "$" + strconv.Itoa(MaxBulk+1) + "\r\n", &ProtocolError{}},
	{"bulk cut short", "$5\r\nhel", io.ErrUnexpectedEOF},
	{"bulk without its CRLF", "$5\r\nhello", io.ErrUnexpectedEOF},
	{"bulk longer than declared", "$3\r\nhello\r\n", &ProtocolError{}},
	{"bulk ended by LF", "$5\r\nhello\n\n", &ProtocolError{}},
	{"array length below -1", "*-5\r\n", &ProtocolError{}},
	{"array too long", "*" + strconv.Itoa(maxArray+1) + "\r\n", &ProtocolError{}},
	{"array cut short", "*2\r\n:1\r\n", io.ErrUnexpectedEOF},
	{"array with a bad element", "*2\r\n:1\r\n:x\r\n", &ProtocolError{}},
	{"arrays nested too deep", strings.Repeat("*1\r\n", maxDepth+1) + ":1\r\n", &ProtocolError{}},
	{"line too long", "+" + strings.Repeat("a", maxLine+1) + "\r\n", &ProtocolError{}},
	{"error too long", "-" + strings.Repeat("e", 3*maxLine) + "\r\n", &ProtocolError{}},
}

func TestReadReplyMalformed(t *testing.T) {
	for _, tc := range malformed {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadReply(bufio.NewReader(strings.NewReader(tc.in)))
			var pe *ProtocolError
			ok := errors.Is(err, tc.err)
			if _, want := tc.err.(*ProtocolError); want {
				ok = errors.As(err, &pe)
			}
			if !ok || got != nil {
				t.Errorf("ReadReply(%.40q) = %#v, %v; want %T %v", tc.in, got, err, tc.err, tc.err)
			}
		})
	}
}

// A nested array at the depth limit still parses: the limit is on nesting, not on Redis's replies.
func TestReadReplyDepthLimit(t *testing.T) {
	in := strings.Repeat("*1\r\n", maxDepth) + ":1\r\n"
	if _, err := ReadReply(bufio.NewReader(strings.NewReader(in))); err != nil {
		t.Errorf("%d nested arrays: %v", maxDepth, err)
	}
}

// A bulk string that declares 512 MiB and sends three bytes costs kilobytes, not 512 MiB.
func TestReadReplyDeclaredLengthIsNotAllocated(t *testing.T) {
	in := "$" + strconv.Itoa(MaxBulk) + "\r\nabc"
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadReply(bufio.NewReader(strings.NewReader(in)))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("err = %v, want a truncated reply", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("allocated %d bytes for a 3-byte bulk string", n)
	}
}

// A bulk string bigger than the first buffer arrives whole.
func TestReadReplyLargeBulk(t *testing.T) {
	blob := bytes.Repeat([]byte("0123456789abcdef"), 3*bulkChunk/16+5)
	in := "$" + strconv.Itoa(len(blob)) + "\r\n" + string(blob) + "\r\n"
	got, err := ReadReply(bufio.NewReader(strings.NewReader(in)))
	if b, _ := got.([]byte); err != nil || !bytes.Equal(b, blob) {
		t.Errorf("a %d-byte bulk: %d bytes, %v", len(blob), len(b), err)
	}
}

func TestTypedReplies(t *testing.T) {
	if n, err := Int(int64(7), nil); n != 7 || err != nil {
		t.Errorf("Int = %d, %v", n, err)
	}
	if _, err := Int([]byte("7"), nil); err == nil {
		t.Error("Int took a bulk string")
	}
	if s, err := String([]byte("v"), nil); s != "v" || err != nil {
		t.Errorf("String of a bulk = %q, %v", s, err)
	}
	if s, err := String("OK", nil); s != "OK" || err != nil {
		t.Errorf("String of a simple string = %q, %v", s, err)
	}
	if _, err := Bytes(int64(1), nil); err == nil {
		t.Error("Bytes took an integer")
	}
	if _, err := Bytes(nil, ErrNil); !errors.Is(err, ErrNil) {
		t.Errorf("Bytes lost the call's error: %v", err)
	}
	if code := (&Error{Msg: "WRONGPASS invalid username-password pair"}).Code(); code != "WRONGPASS" {
		t.Errorf("Code = %q", code)
	}
}

func TestWriteCommand(t *testing.T) {
	var buf bytes.Buffer
	args := []any{"SET", "k", []byte("v\r\n"), "PX", 1500, int64(-1), ""}
	if err := checkArgs(args); err != nil {
		t.Fatal(err)
	}
	if err := writeCommand(bufio.NewWriter(&buf), args); err != nil {
		t.Fatal(err)
	}
	want := "*7\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nv\r\n\r\n$2\r\nPX\r\n$4\r\n1500\r\n$2\r\n-1\r\n$0\r\n\r\n"
	if buf.String() != want {
		t.Errorf("wrote %q, want %q", buf.String(), want)
	}
	for _, bad := range [][]any{nil, {"SET", "k", 1.5}, {"GET", nil}} {
		if err := checkArgs(bad); err == nil {
			t.Errorf("checkArgs(%v) accepted it", bad)
		}
	}
}

// FuzzReadReply: no input makes the reader panic, hang or allocate what it is merely told;
// what it accepts, written back as RESP, reads back the same.
func FuzzReadReply(f *testing.F) {
	for _, tc := range replyCases {
		f.Add([]byte(tc.in))
	}
	for _, tc := range malformed {
		if len(tc.in) < 1024 {
			f.Add([]byte(tc.in))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		v, err := ReadReply(bufio.NewReader(bytes.NewReader(in)))
		var e *Error
		switch {
		case errors.Is(err, ErrNil):
			v = nil
		case errors.As(err, &e):
			v = e
		case err != nil:
			return
		}
		again, err := readValue(bufio.NewReader(bytes.NewReader(encode(v))), 0)
		if err != nil || !reflect.DeepEqual(again, v) {
			t.Errorf("%#v written back read as %#v, %v", v, again, err)
		}
	})
}

// encode writes a reply in RESP2, as Redis would.
func encode(v any) []byte {
	switch v := v.(type) {
	case nil:
		return []byte("$-1\r\n")
	case string:
		return []byte("+" + v + "\r\n")
	case *Error:
		return []byte("-" + v.Msg + "\r\n")
	case int64:
		return []byte(":" + strconv.FormatInt(v, 10) + "\r\n")
	case []byte:
		return append(append([]byte("$"+strconv.Itoa(len(v))+"\r\n"), v...), "\r\n"...)
	case []any:
		out := []byte("*" + strconv.Itoa(len(v)) + "\r\n")
		for _, e := range v {
			out = append(out, encode(e)...)
		}
		return out
	}
	panic("encode: " + reflect.TypeOf(v).String())
}
