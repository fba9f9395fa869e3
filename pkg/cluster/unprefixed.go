package cluster

import (
	"context"
	"strings"

	"github.com/redis/go-redis/v9"
)

// rateKeyPrefix is what redis_rate puts before every key it is given.
const rateKeyPrefix = "rate:"

// unprefixed is the client redis_rate talks to: it takes redis_rate's "rate:" off the keys,
// so the pacer's keys stay under the configured prefix like every other key (one ACL
// pattern, one SCAN, one place to look).
//
// It holds the client in a named field and forwards only redis_rate's methods: embedding
// *redis.Client would make its hundreds of commands part of a type stored in an interface,
// which the linker keeps (about 0.6 MB of binary).
type unprefixed struct{ Client *redis.Client }

func strip(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = strings.TrimPrefix(k, rateKeyPrefix)
	}
	return out
}

func (u unprefixed) Eval(ctx context.Context, script string, keys []string, args ...any) *redis.Cmd {
	return u.Client.Eval(ctx, script, strip(keys), args...)
}

func (u unprefixed) EvalSha(ctx context.Context, sha1 string, keys []string, args ...any) *redis.Cmd {
	return u.Client.EvalSha(ctx, sha1, strip(keys), args...)
}

func (u unprefixed) EvalRO(ctx context.Context, script string, keys []string, args ...any) *redis.Cmd {
	return u.Client.EvalRO(ctx, script, strip(keys), args...)
}

func (u unprefixed) EvalShaRO(ctx context.Context, sha1 string, keys []string, args ...any) *redis.Cmd {
	return u.Client.EvalShaRO(ctx, sha1, strip(keys), args...)
}

func (u unprefixed) Del(ctx context.Context, keys ...string) *redis.IntCmd {
	return u.Client.Del(ctx, strip(keys)...)
}

func (u unprefixed) ScriptExists(ctx context.Context, hashes ...string) *redis.BoolSliceCmd {
	return u.Client.ScriptExists(ctx, hashes...)
}

func (u unprefixed) ScriptLoad(ctx context.Context, script string) *redis.StringCmd {
	return u.Client.ScriptLoad(ctx, script)
}
