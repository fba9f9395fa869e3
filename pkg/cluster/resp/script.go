package resp

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
)

// Script is a Lua script that Redis runs by its SHA1, so the source travels once per server
// (and again after a restart or SCRIPT FLUSH), not with every call.
type Script struct {
	src, sha string
}

// NewScript computes src's SHA1 once.
func NewScript(src string) *Script {
	sum := sha1.Sum([]byte(src))
	return &Script{src: src, sha: hex.EncodeToString(sum[:])}
}

// Run runs the script with EVALSHA, and with EVAL when Redis does not know it (NOSCRIPT),
// which also loads it for the next EVALSHA.
func (s *Script) Run(ctx context.Context, c *Client, keys []string, args ...any) (any, error) {
	reply, err := c.Do(ctx, s.command("EVALSHA", s.sha, keys, args)...)
	var e *Error
	if errors.As(err, &e) && e.Code() == "NOSCRIPT" {
		reply, err = c.Do(ctx, s.command("EVAL", s.src, keys, args)...)
	}
	return reply, err
}

func (s *Script) command(name, script string, keys []string, args []any) []any {
	cmd := make([]any, 0, 3+len(keys)+len(args))
	cmd = append(cmd, name, script, len(keys))
	for _, k := range keys {
		cmd = append(cmd, k)
	}
	return append(cmd, args...)
}
