package cluster

import (
	"context"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/cluster/resp"
)

// gcra is a limit of the generic cell rate algorithm: one request per emission interval
// T = Period/Rate, and up to Burst at once after a quiet spell. It admits Burst + floor(W/T)
// requests in any window W (Burst at once, then one per T).
type gcra struct {
	Rate   int
	Period time.Duration
	Burst  int
}

// interval is T, rounded up to the microsecond the script counts in (never looser).
func (l gcra) interval() time.Duration {
	t := l.Period / time.Duration(max(l.Rate, 1))
	return (t + time.Microsecond - 1).Truncate(time.Microsecond)
}

// gcraScript books one request on the limiter state in KEYS[1] when it may leave now, and
// returns 0; else it returns how many milliseconds until it may, booking nothing.
//
// The state is the theoretical arrival time (TAT): when the next request is due if requests
// came at exactly one per T. A request is admitted when it is at most (Burst-1)*T (ARGV[2], in
// microseconds) early, and moves the TAT T (ARGV[1]) past max(TAT, now). The key expires when
// the TAT has passed: a limiter that has been quiet that long holds no state.
//
// Time is Redis's (TIME), so the replicas' clocks do not matter. The TAT is stored as
// redis_rate did, seconds since 2017-01-01 UTC (which keeps a double's precision within a
// microsecond), so replicas of the versions before and after this script share one budget
// during a rolling upgrade.
var gcraScript = resp.NewScript(`
if redis.replicate_commands then redis.replicate_commands() end -- Redis < 5: TIME, then a write
local epoch = 1483228800
local t = redis.call("TIME")
local now = (tonumber(t[1]) - epoch) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1]) / 1000000
local tolerance = tonumber(ARGV[2]) / 1000000
local tat = tonumber(redis.call("GET", KEYS[1])) or now
if tat < now then
  tat = now
end
local early = tat - tolerance - now
if early > 0 then
  return math.ceil(early * 1000)
end
tat = tat + interval
redis.call("SET", KEYS[1], string.format("%.6f", tat), "PX", math.ceil((tat - now) * 1000))
return 0
`)

// allow books a request on key: 0 when it may leave now, else how long until it may.
func (l gcra) allow(ctx context.Context, c *resp.Client, key string) (time.Duration, error) {
	t := l.interval()
	tolerance := time.Duration(max(l.Burst-1, 0)) * t
	ms, err := resp.Int(gcraScript.Run(ctx, c, []string{key}, t.Microseconds(), tolerance.Microseconds()))
	return time.Duration(ms) * time.Millisecond, err
}
