package simulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
)

// pageState is what a $skiptoken carries: the whole query and the position after the
// last row served. Clients treat it as opaque; an HMAC makes edits detectable, and the
// position (time and ID of the last row) survives any amount of waiting, as Graph's
// maintainers say its skiptokens do.
type pageState struct {
	Tenant  string   `json:"t"`
	Version string   `json:"v"`
	Filter  string   `json:"f,omitempty"`
	Select  []string `json:"s,omitempty"`
	Top     int      `json:"n"`
	Asc     bool     `json:"a,omitempty"`
	Time    int64    `json:"c"` // unix nanoseconds of the last row served
	ID      string   `json:"i"` // its id
}

var errSkipToken = errors.New("invalid skip token")

func (s *Server) encodeSkipToken(p pageState) string {
	body, _ := json.Marshal(p)
	payload := b64.EncodeToString(body)
	return payload + "." + b64.EncodeToString(s.skipMAC(payload))
}

func (s *Server) decodeSkipToken(tok string) (pageState, error) {
	var p pageState
	payload, mac, ok := strings.Cut(tok, ".")
	if !ok {
		return p, errSkipToken
	}
	got, err := b64.DecodeString(mac)
	if err != nil || !hmac.Equal(got, s.skipMAC(payload)) {
		return p, errSkipToken
	}
	body, err := b64.DecodeString(payload)
	if err != nil || json.Unmarshal(body, &p) != nil || p.Top < 1 || p.Top > maxTop {
		return p, errSkipToken
	}
	return p, nil
}

func (s *Server) skipMAC(payload string) []byte {
	m := hmac.New(sha256.New, s.keys.skiptoken)
	m.Write([]byte(payload))
	return m.Sum(nil)[:16]
}

// cursor returns the dataset position the state continues from.
func (p pageState) cursor() (*dataset.Cursor, error) {
	raw, err := hex.DecodeString(strings.ReplaceAll(p.ID, "-", ""))
	if err != nil || len(raw) != 16 {
		return nil, errSkipToken
	}
	c := &dataset.Cursor{Time: time.Unix(0, p.Time).UTC()}
	copy(c.ID[:], raw)
	return c, nil
}
