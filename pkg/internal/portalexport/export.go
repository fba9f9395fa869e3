// Package portalexport reads sign-in logs saved outside Graph — the Entra portal's JSON and CSV
// downloads and saved Graph pages — into the project's sign-in type, so the same rules can run
// over them offline (pkg/cmd/diagnose).
package portalexport

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// Read detects the format from the content and parses it: a JSON array of sign-ins (the
// portal's JSON download), a Graph page ({"value": [...]}) or several pages one after another,
// or the portal's CSV download.
func Read(r io.Reader) ([]signin.SignIn, error) {
	br := bufio.NewReader(r)
	first, err := firstNonSpace(br)
	if err != nil {
		return nil, err
	}
	if first == '[' || first == '{' {
		return readJSON(br)
	}
	return readCSV(br)
}

func firstNonSpace(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return 0, errors.New("the file is empty")
			}
			return 0, err
		}
		// A UTF-8 byte order mark, as Excel and the portal write it.
		if bytes.HasPrefix(mustPeek(br, 3), []byte{0xEF, 0xBB, 0xBF}) {
			_, _ = br.Discard(3)
			continue
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.Discard(1)
		default:
			return b[0], nil
		}
	}
}

func mustPeek(br *bufio.Reader, n int) []byte {
	b, _ := br.Peek(n)
	return b
}

// readJSON reads arrays of sign-ins and Graph pages, as many as the stream holds.
func readJSON(r io.Reader) ([]signin.SignIn, error) {
	dec := json.NewDecoder(r)
	var out []signin.SignIn
	for n := 1; ; n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("JSON document %d: %w", n, err)
		}
		items, err := items(raw)
		if err != nil {
			return nil, fmt.Errorf("JSON document %d: %w", n, err)
		}
		for i, item := range items {
			s, err := signin.Decode(item)
			if err != nil {
				return nil, fmt.Errorf("JSON document %d, sign-in %d: %w", n, i+1, err)
			}
			out = append(out, s)
		}
	}
}

func items(raw json.RawMessage) ([]json.RawMessage, error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var list []json.RawMessage
		err := json.Unmarshal(trimmed, &list)
		return list, err
	}
	var page struct {
		Value *[]json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(trimmed, &page); err != nil {
		return nil, err
	}
	if page.Value == nil {
		// A single sign-in object.
		return []json.RawMessage{trimmed}, nil
	}
	return *page.Value, nil
}
