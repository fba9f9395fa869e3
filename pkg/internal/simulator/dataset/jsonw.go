package dataset

import (
	"strconv"
	"unicode/utf8"
)

// jsonw appends JSON objects to a byte slice. Sign-ins are written by hand rather than
// through encoding/json's reflection because a 1000-row Graph page must be rendered in a
// few milliseconds; the output is plain, valid JSON with members in a fixed order.
type jsonw struct {
	b     []byte
	first bool // no member written yet in the current object
}

func (w *jsonw) open() {
	w.b = append(w.b, '{')
	w.first = true
}

func (w *jsonw) close() {
	w.b = append(w.b, '}')
	w.first = false
}

// key writes the member name; names are constants of this package and need no escaping.
func (w *jsonw) key(k string) {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
}

func (w *jsonw) str(k, v string) {
	w.key(k)
	w.b = appendQuoted(w.b, v)
}

// strOrNull writes null for "".
func (w *jsonw) strOrNull(k, v string) {
	if v == "" {
		w.null(k)
		return
	}
	w.str(k, v)
}

func (w *jsonw) null(k string) {
	w.key(k)
	w.b = append(w.b, "null"...)
}

func (w *jsonw) boolean(k string, v bool) {
	w.key(k)
	w.b = strconv.AppendBool(w.b, v)
}

func (w *jsonw) int(k string, v int64) {
	w.key(k)
	w.b = strconv.AppendInt(w.b, v, 10)
}

func (w *jsonw) float(k string, v float64) {
	w.key(k)
	w.b = strconv.AppendFloat(w.b, v, 'g', -1, 64)
}

func (w *jsonw) strs(k string, v []string) {
	w.key(k)
	w.b = append(w.b, '[')
	for i, s := range v {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = appendQuoted(w.b, s)
	}
	w.b = append(w.b, ']')
}

// guid writes a GUID as a string.
func (w *jsonw) guid(k string, g GUID) {
	w.key(k)
	w.b = append(g.appendTo(append(w.b, '"')), '"')
}

// raw writes pre-encoded JSON.
func (w *jsonw) raw(k string, v []byte) {
	w.key(k)
	w.b = append(w.b, v...)
}

// object starts a nested object member; close it with close().
func (w *jsonw) object(k string) {
	w.key(k)
	w.open()
}

const hexDigits = "0123456789abcdef"

// appendQuoted appends s as a JSON string, escaping what JSON requires (quotes,
// backslashes, control characters) plus U+2028 and U+2029 as encoding/json does; invalid
// UTF-8 becomes U+FFFD.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
