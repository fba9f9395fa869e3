package cluster

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/redistest"
)

const password = "Red1s~test-Pa55word"

// replica is one plugin process's backend against srv.
func replica(t *testing.T, srv *redistest.Server, prefix string) *Backend {
	t.Helper()
	b := New(Config{Addresses: []string{srv.Addr}, Password: srv.Password, KeyPrefix: prefix, ProbeInterval: 100 * time.Millisecond})
	t.Cleanup(b.Close)
	return b
}

// countingPacer is the local fallback: it counts the waits it served.
type countingPacer struct{ n atomic.Int64 }

func (c *countingPacer) Wait(ctx context.Context) error { c.n.Add(1); return ctx.Err() }

// maxInWindow is the most timestamps within any window (half-open, as Graph counts).
func maxInWindow(ts []time.Time, window time.Duration) int {
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	most := 0
	for i := range ts {
		n := 0
		for j := i; j < len(ts) && ts[j].Sub(ts[i]) < window; j++ {
			n++
		}
		most = max(most, n)
	}
	return most
}

func TestGraphLimitAdmitsFivePerTenSeconds(t *testing.T) {
	l := GraphLimit.gcra()
	interval := l.Period / time.Duration(l.Rate)
	// GCRA admits burst + floor(W/T) requests in any window W.
	admitted := l.Burst + int(graph.GraphWindow/interval)
	if l.Burst != 1 || interval != 2200*time.Millisecond || admitted != graph.GraphRequestsPerWindow {
		t.Errorf("limit %v: burst %d, one request per %v, %d admitted per %v; want burst 1, 2.2s and %d", l, l.Burst, interval, admitted,
			graph.GraphWindow, graph.GraphRequestsPerWindow)
	}
	// The usual GCRA burst (redis_rate's constructors set it) is burst = rate: twice the budget in a window.
	if wrong := GraphLimit.Requests + int(graph.GraphWindow/interval); wrong <= graph.GraphRequestsPerWindow {
		t.Errorf("burst %d would admit %d", GraphLimit.Requests, wrong)
	}
}

// Three replicas, four waiters each, pace a scaled-down budget (5 per 1.1 s, counted per
// second as Graph counts 10 seconds) through one Redis.
func TestPacerSharedByReplicas(t *testing.T) {
	srv := redistest.Start(t, password)
	limit := Limit{Requests: 5, Window: 1100 * time.Millisecond}
	var mu sync.Mutex
	var sent []time.Time
	local := &countingPacer{}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range 3 {
		p := replica(t, srv, "sigdiag").Pacer("https://login.example/", "tenant", "app", limit, local)
		for range 4 {
			wg.Go(func() {
				for p.Wait(ctx) == nil {
					mu.Lock()
					sent = append(sent, time.Now())
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	most := maxInWindow(sent, time.Second)
	t.Logf("%d requests in 4 s from 12 waiters on 3 replicas, at most %d in any second", len(sent), most)
	if most > 5 {
		t.Errorf("%d requests within one second", most)
	}
	// The budget allows 18; a busy machine (CI runs packages in parallel) wakes waiters late.
	if len(sent) < 10 {
		t.Errorf("only %d requests in 4 s: the budget allows 18", len(sent))
	}
	if n := local.n.Load(); int(n) != len(sent) {
		t.Errorf("the local pacer booked %d of the %d requests", n, len(sent))
	}
}

func TestPacerHoldIsShared(t *testing.T) {
	srv := redistest.Start(t, password)
	a := replica(t, srv, "sigdiag").Pacer("https://login.example", "tenant", "app", GraphLimit, &countingPacer{})
	b := replica(t, srv, "sigdiag").Pacer("https://login.example", "tenant", "app", GraphLimit, &countingPacer{})
	a.Hold(time.Now().Add(600 * time.Millisecond))
	a.Hold(time.Now().Add(100 * time.Millisecond)) // never shortens
	start := time.Now()
	if err := b.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 500*time.Millisecond {
		t.Errorf("the other replica's request left after %v, during the 600ms hold", took)
	}
}

func TestClaimIsExclusive(t *testing.T) {
	srv := redistest.Start(t, password)
	stores := []*Store{replica(t, srv, "sigdiag").Store("ds1"), replica(t, srv, "sigdiag").Store("ds1")}
	ctx := context.Background()
	var won atomic.Int64
	var release func()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			rel, ok, err := stores[i%2].Claim(ctx, "claim:listing", 5*time.Second)
			if err != nil {
				t.Error(err)
			}
			if ok {
				won.Add(1)
				mu.Lock()
				release = rel
				mu.Unlock()
			} else if rel != nil {
				t.Error("a lost claim returned a release func")
			}
		})
	}
	wg.Wait()
	if won.Load() != 1 {
		t.Fatalf("%d replicas won the claim, want 1", won.Load())
	}
	release()
	rel2, ok, err := stores[1].Claim(ctx, "claim:listing", 100*time.Millisecond)
	if err != nil || !ok {
		t.Fatalf("claim after release: ok %v, err %v", ok, err)
	}
	// A release after the claim expired and another replica took it must not free it.
	time.Sleep(150 * time.Millisecond)
	_, ok, _ = stores[0].Claim(ctx, "claim:listing", 5*time.Second)
	if !ok {
		t.Fatal("the expired claim was not free")
	}
	rel2()
	if _, ok, _ := stores[1].Claim(ctx, "claim:listing", time.Second); ok {
		t.Error("a stale release freed another replica's claim")
	}
}

func TestStoreGetPutTTL(t *testing.T) {
	srv := redistest.Start(t, password)
	b := replica(t, srv, "sigdiag")
	b.cfg.MaxBlobBytes = 1024
	a, other := b.Store("ds1"), replica(t, srv, "sigdiag").Store("ds1")
	ctx := context.Background()
	blob := []byte("compact bucket \x00\x01\x02")
	if err := a.Put(ctx, "bucket:1", blob, 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	got, ok, err := other.Get(ctx, "bucket:1")
	if err != nil || !ok || !bytes.Equal(got, blob) {
		t.Fatalf("Get on the other replica = %q, %v, %v", got, ok, err)
	}
	if _, ok, _ := replica(t, srv, "sigdiag").Store("ds2").Get(ctx, "bucket:1"); ok {
		t.Error("another data source read ds1's bucket")
	}
	time.Sleep(400 * time.Millisecond)
	if _, ok, err := other.Get(ctx, "bucket:1"); ok || err != nil {
		t.Errorf("after its TTL: ok %v, err %v; want a miss", ok, err)
	}
	_ = a.Put(ctx, "big", make([]byte, 2048), time.Minute)
	_ = a.Put(ctx, "forever", blob, 0)
	for _, k := range []string{"big", "forever"} {
		if _, ok, _ := other.Get(ctx, k); ok {
			t.Errorf("%q was stored: over the size bound or without a TTL", k)
		}
	}
}

// Every key is under the prefix and expires; no value holds the password.
func TestNothingSecretOrPermanentInRedis(t *testing.T) {
	srv := redistest.Start(t, password)
	b := replica(t, srv, "grafana-prod")
	ctx := context.Background()
	s := b.Store("ds1")
	_ = s.Put(ctx, "bucket:1", []byte("sign-ins"), time.Minute)
	_, _, _ = s.Claim(ctx, "claim:1", time.Minute)
	p := b.Pacer("https://login.example", "tenant", "app", GraphLimit, &countingPacer{})
	_ = p.Wait(ctx)
	p.Hold(time.Now().Add(time.Second))
	p.announce(ctx)
	raw := rawClient(t, srv, "", password)
	keys, err := raw.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 5 {
		t.Errorf("keys = %v, want a bucket, a claim, the pacer, its hold and its replicas", keys)
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, "grafana-prod:") && !strings.HasPrefix(k, "rate:grafana-prod:") {
			t.Errorf("key %q is not under the prefix", k)
		}
		if ttl, err := raw.PTTL(ctx, k).Result(); ttl <= 0 {
			t.Errorf("key %q has no expiry (%v, %v)", k, ttl, err)
		}
		if v, _ := raw.Get(ctx, k).Result(); strings.Contains(v, password) {
			t.Errorf("key %q holds the password", k)
		}
		if members, _ := raw.ZRange(ctx, k, 0, -1).Result(); strings.Contains(strings.Join(members, " "), password) {
			t.Errorf("key %q names the password", k)
		}
	}
}

func TestFallbackAndRecovery(t *testing.T) {
	srv := redistest.Start(t, password)
	var changes []Status
	var mu sync.Mutex
	b := New(Config{Addresses: []string{srv.Addr}, Password: password, KeyPrefix: "sigdiag", ProbeInterval: 100 * time.Millisecond,
		OnChange: func(s Status) { mu.Lock(); changes = append(changes, s); mu.Unlock() }})
	t.Cleanup(b.Close)
	local := &countingPacer{}
	// One request a second: the limiter's key lives that long after a request, long enough for
	// the checks below to find it on a busy machine (at 100 a second it lived 10 ms).
	p := b.Pacer("https://login.example", "tenant", "app", Limit{Requests: 10, Window: 10 * time.Second}, local)
	s := b.Store("ds1")
	ctx := context.Background()
	if err := p.Wait(ctx); err != nil {
		t.Fatalf("with Redis: %v", err)
	}
	raw := rawClient(t, srv, "", password)
	exists := func(key string) int64 {
		n, _ := raw.Exists(ctx, key).Result()
		return n
	}
	if n := exists("rate:" + p.key); n != 1 {
		t.Fatalf("the pacer's key %s is not in Redis", p.key)
	}

	srv.Stop()
	for i := range 3 {
		start := time.Now()
		if err := p.Wait(ctx); err != nil {
			t.Fatalf("wait %d without Redis: %v", i, err)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("wait %d without Redis took %v", i, took)
		}
	}
	if n := local.n.Load(); n != 4 {
		t.Errorf("%d local waits, want 1 booked with Redis and 3 without", n)
	}
	st := b.Status()
	if st.Shared || !strings.Contains(st.Notice(), "Redis at "+srv.Addr+" is unreachable") || strings.Contains(st.Notice(), password) {
		t.Errorf("status %+v, notice %q", st, st.Notice())
	}
	start := time.Now()
	if _, _, err := s.Get(ctx, "bucket:1"); !errors.Is(err, ErrUnavailable) || time.Since(start) > 10*time.Millisecond {
		t.Errorf("degraded Get: %v after %v; want ErrUnavailable at once", err, time.Since(start))
	}
	if _, ok, err := s.Claim(ctx, "claim:1", time.Second); ok || err == nil {
		t.Errorf("degraded Claim: ok %v, err %v", ok, err)
	}

	srv.Restart()
	deadline := time.Now().Add(3 * time.Second)
	for !b.Status().Shared && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !b.Status().Shared {
		t.Fatalf("still degraded 3 s after Redis came back: %+v", b.Status())
	}
	if err := p.Wait(ctx); err != nil || exists("rate:"+p.key) != 1 {
		t.Errorf("after recovery: err %v, pacer key in Redis: %d", err, exists("rate:"+p.key))
	}
	if err := s.Put(ctx, "bucket:1", []byte("x"), time.Minute); err != nil {
		t.Errorf("Put after recovery: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(changes) != 2 || changes[0].Shared || !changes[1].Shared {
		t.Errorf("changes = %+v, want degraded then shared", changes)
	}
}

func TestWrongPasswordDegradesWithoutNamingIt(t *testing.T) {
	srv := redistest.Start(t, password)
	b := New(Config{Addresses: []string{srv.Addr}, Password: "not-" + password, KeyPrefix: "sigdiag"})
	defer b.Close()
	err := b.Ping(context.Background())
	st := b.Status()
	if err == nil || st.Shared {
		t.Fatalf("ping with a wrong password: %v, %+v", err, st)
	}
	if msg := fmt.Sprint(err) + st.Notice(); strings.Contains(msg, password) {
		t.Errorf("the error names the password: %s", msg)
	}
}

// A Redis that accepts connections and never answers: one slow call is not an outage, three
// in a row are.
func TestRepeatedTimeoutsDegrade(t *testing.T) {
	b := New(Config{Addresses: []string{redistest.Silent(t)}, KeyPrefix: "sigdiag", Timeout: 100 * time.Millisecond, BlobTimeout: 100 * time.Millisecond})
	defer b.Close()
	s := b.Store("ds1")
	for i := range maxTimeouts {
		if !b.Status().Shared {
			t.Fatalf("degraded after %d timeouts", i)
		}
		if _, _, err := s.Get(context.Background(), "k"); err == nil {
			t.Fatal("a silent server answered")
		}
	}
	if st := b.Status(); st.Shared || !strings.Contains(st.Notice(), "unreachable") {
		t.Errorf("after %d timeouts: %+v", maxTimeouts, st)
	}
}

// The README's ACL for the plugin's Redis user is enough for the store and the pacer, and keeps
// the user to its prefix.
func TestReadmeACL(t *testing.T) {
	srv := redistest.Start(t, password)
	ctx := context.Background()
	admin := rawClient(t, srv, "", password)
	acl := []any{"ACL", "SETUSER", "sigdiag", "on", ">user-pw", "~sigdiag:*", "~rate:sigdiag:*", "+@read", "+@write", "+@scripting", "+ping", "+time", "-@dangerous"}
	if err := admin.Do(ctx, acl...).Err(); err != nil {
		t.Fatal(err)
	}
	b := New(Config{Addresses: []string{srv.Addr}, Username: "sigdiag", Password: "user-pw", KeyPrefix: "sigdiag"})
	defer b.Close()
	s := b.Store("ds1")
	p := b.Pacer("https://login.example", "tenant", "app", GraphLimit, &countingPacer{})
	if err := s.Put(ctx, "b:1", []byte("x"), time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Get(ctx, "b:1"); !ok || err != nil {
		t.Fatalf("Get: %v %v", ok, err)
	}
	release, ok, err := s.Claim(ctx, "claim:1", time.Minute)
	if !ok || err != nil {
		t.Fatalf("Claim: %v %v", ok, err)
	}
	release()
	p.Hold(time.Now().Add(50 * time.Millisecond))
	if err := p.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	p.announce(ctx)
	if got := p.share(); got.Replicas != 1 {
		t.Errorf("the ACL user's announcement was not kept: %+v", got)
	}
	if !b.Status().Shared {
		t.Fatalf("the ACL user was refused something: %+v", b.Status())
	}
	if n, err := admin.Exists(ctx, "sigdiag:ds:ds1:claim:1").Result(); n != 0 || err != nil {
		t.Errorf("the claim was not released: %d, %v", n, err)
	}
	user := rawClient(t, srv, "sigdiag", "user-pw")
	if err := user.Set(ctx, "other:key", "x", time.Minute).Err(); err == nil {
		t.Error("the ACL user may write outside its prefix")
	}
}

// rawClient is a client of srv beside the backends, to look at what they wrote.
func rawClient(t *testing.T, srv *redistest.Server, username, password string) *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: srv.Addr, Username: username, Password: password, TLSConfig: srv.TLS, ReadTimeout: 5 * time.Second})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestShareOf(t *testing.T) {
	for _, c := range []struct{ limit, n, rank, want int }{
		{5, 1, 0, 5}, {5, 0, -1, 5},
		{5, 2, 0, 3}, {5, 2, 1, 2},
		{5, 3, 0, 2}, {5, 3, 1, 2}, {5, 3, 2, 1},
		{5, 3, -1, 1}, // rank unknown: the floor, so that any ranks still add up to at most 5
		{5, 5, 4, 1}, {5, 7, 6, 1}, {5, 7, -1, 1},
	} {
		if got := shareOf(c.limit, c.n, c.rank); got != c.want {
			t.Errorf("shareOf(%d, %d, %d) = %d, want %d", c.limit, c.n, c.rank, got, c.want)
		}
	}
	// For up to limit replicas that know their rank, the shares add up to the budget exactly.
	for n := 1; n <= 5; n++ {
		sum := 0
		for r := range n {
			sum += shareOf(5, n, r)
		}
		if sum != 5 {
			t.Errorf("%d replicas: shares add up to %d, want 5", n, sum)
		}
	}
}

// Three replicas (three processes, each with its own process pacer) keep a scaled-down budget
// of 5 requests per second together while Redis is down: nothing for a window after they find
// it gone, then their shares (2, 2, 1), never more than 5 in any second. The registry names
// the replicas; a replica that never reached Redis uses the configured count.
func TestDegradedReplicasKeepToTheirShares(t *testing.T) {
	srv := redistest.Start(t, password)
	// The processes' pacers count a wider window than Graph's (1 s here) as the real ones do
	// (graph.NewGraphPacer), which also absorbs goroutines that wake late on a busy machine.
	const window, localWindow = time.Second, 1200 * time.Millisecond
	limit := Limit{Requests: 5, Window: 1100 * time.Millisecond}
	var pacers []*Pacer
	for i := range 3 {
		b := New(Config{Addresses: []string{srv.Addr}, Password: password, KeyPrefix: "sigdiag", ProbeInterval: 100 * time.Millisecond,
			ReplicaID: fmt.Sprintf("replica-%d", i)})
		t.Cleanup(b.Close)
		pacers = append(pacers, b.Pacer("https://login.example", "tenant", "app", limit, graph.NewWindowPacer(5, localWindow)))
	}
	ctx := context.Background()
	for _, p := range pacers {
		p.announce(ctx)
	}
	for _, p := range pacers {
		p.announce(ctx) // the first ones announced before the others existed
		if got := p.share(); got.Replicas != 3 {
			t.Fatalf("a replica sees %d replicas in Redis, want 3", got.Replicas)
		}
	}
	wantShares := []int{2, 2, 1}
	for i, p := range pacers {
		if got := p.share().Requests; got != wantShares[i] {
			t.Errorf("replica %d's share is %d, want %d", i, got, wantShares[i])
		}
	}

	srv.Stop()
	stopped := time.Now()
	var mu sync.Mutex
	sent := map[int][]time.Time{}
	var all []time.Time
	wctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for i, p := range pacers {
		for range 4 {
			wg.Go(func() {
				for p.Wait(wctx) == nil {
					mu.Lock()
					sent[i] = append(sent[i], time.Now())
					all = append(all, time.Now())
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	most := maxInWindow(all, window)
	t.Logf("Redis down: %d requests in 4 s from 12 waiters on 3 replicas, at most %d in any %v; per replica %d, %d, %d",
		len(all), most, window, len(sent[0]), len(sent[1]), len(sent[2]))
	if most > 5 {
		t.Errorf("%d requests in one %v window without Redis: the replicas took more than the budget", most, window)
	}
	for i := range pacers {
		if len(sent[i]) == 0 {
			t.Errorf("replica %d sent nothing", i)
			continue
		}
		slices.SortFunc(sent[i], func(a, b time.Time) int { return a.Compare(b) })
		if first := sent[i][0].Sub(stopped); first < limit.Window-100*time.Millisecond {
			t.Errorf("replica %d sent %v after Redis stopped, within the window the shared limiter may have filled", i, first)
		}
		if most := maxInWindow(sent[i], window); most > wantShares[i] {
			t.Errorf("replica %d sent %d in one window, its share is %d", i, most, wantShares[i])
		}
	}
	if st := pacers[2].b.Status(); !strings.Contains(st.Notice(), "1 of 5 requests per window, as one of 3 replicas") {
		t.Errorf("notice %q does not give the share", st.Notice())
	}

	// A replica that never reached Redis splits the budget over the configured count.
	b := New(Config{Addresses: []string{srv.Addr}, Password: password, KeyPrefix: "sigdiag", Replicas: 3, ReplicaID: "late"})
	t.Cleanup(b.Close)
	late := b.Pacer("https://login.example", "tenant", "app", limit, graph.NewWindowPacer(5, localWindow))
	if got := late.share(); got.Requests != 1 || got.Replicas != 3 {
		t.Errorf("a replica that never saw Redis, with 3 configured: share %+v, want 1 of 3 replicas", got)
	}
}

// The store, the claims, the pacer and the registry work the same on each topology go-redis
// reaches: a server over TLS in database 2, a Sentinel-managed primary, a Redis Cluster.
func TestTopologies(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup func(t *testing.T) (Config, func(key string) bool)
	}{{
		name: "TLS and a database",
		setup: func(t *testing.T) (Config, func(string) bool) {
			srv := redistest.StartTLS(t, password)
			raw := rawClient(t, srv, "", password)
			db2 := redis.NewClient(&redis.Options{Addr: srv.Addr, Password: password, TLSConfig: srv.TLS, DB: 2})
			t.Cleanup(func() { _ = db2.Close() })
			return Config{Addresses: []string{srv.Addr}, Password: password, TLS: srv.TLS, DB: 2},
				func(key string) bool { return db2.Exists(ctx, key).Val() == 1 && raw.Exists(ctx, key).Val() == 0 }
		},
	}, {
		name: "Sentinel",
		setup: func(t *testing.T) (Config, func(string) bool) {
			primary := redistest.Start(t, password)
			sentinels := []*redistest.Server{redistest.StartSentinel(t, primary, "grafana"), redistest.StartSentinel(t, primary, "grafana")}
			raw := rawClient(t, primary, "", password)
			return Config{Topology: Sentinel, Addresses: []string{sentinels[0].Addr, sentinels[1].Addr}, MasterName: "grafana", Password: password},
				func(key string) bool { return raw.Exists(ctx, key).Val() == 1 }
		},
	}, {
		name: "Redis Cluster",
		setup: func(t *testing.T) (Config, func(string) bool) {
			nodes := redistest.StartCluster(t, 3, password)
			raws := make([]*redis.Client, len(nodes))
			for i, n := range nodes {
				raws[i] = rawClient(t, n, "", password)
			}
			used := map[int]bool{}
			t.Cleanup(func() {
				if len(used) < 2 {
					t.Errorf("every key went to node(s) %v: the client did not route by slot", used)
				}
			})
			// One seed node is enough: it names the others.
			return Config{Topology: Cluster, Addresses: []string{nodes[1].Addr}, Password: password},
				func(key string) bool {
					found := 0
					for i, r := range raws {
						// A node answers MOVED for a key of another node's slots.
						if n, err := r.Exists(ctx, key).Result(); err == nil && n == 1 {
							found++
							used[i] = true
						}
					}
					return found == 1
				}
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, stored := tc.setup(t)
			cfg.KeyPrefix = "sigdiag"
			b := New(cfg)
			t.Cleanup(b.Close)
			if err := b.Ping(ctx); err != nil {
				t.Fatalf("ping %s: %v", b.Address(), err)
			}
			s := b.Store("ds1")
			for i := range 8 { // keys in several slots
				key := fmt.Sprintf("bucket:%d", i)
				if err := s.Put(ctx, key, []byte("sign-ins"), time.Minute); err != nil {
					t.Fatal(err)
				}
				if got, ok, err := s.Get(ctx, key); !ok || err != nil || string(got) != "sign-ins" {
					t.Fatalf("Get %s = %q, %v, %v", key, got, ok, err)
				}
				if !stored("sigdiag:ds:ds1:" + key) {
					t.Errorf("%s is not where the topology keeps it", key)
				}
			}
			release, ok, err := s.Claim(ctx, "claim:1", time.Minute)
			if !ok || err != nil {
				t.Fatalf("Claim: %v, %v", ok, err)
			}
			if _, ok, _ := s.Claim(ctx, "claim:1", time.Minute); ok {
				t.Error("a held claim was taken twice")
			}
			release()
			p := b.Pacer("https://login.example", "tenant", "app", GraphLimit, &countingPacer{})
			p.Hold(time.Now().Add(20 * time.Millisecond))
			if err := p.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			if wait, err := b.allow(ctx, p.key, p.limit); wait <= 0 || err != nil {
				t.Errorf("a second request at once: wait %v, %v; want the limiter to hold it", wait, err)
			}
			p.announce(ctx)
			if got := p.share(); got.Replicas != 1 {
				t.Errorf("the announcement was not kept: %+v", got)
			}
			if st := b.Status(); !st.Shared {
				t.Fatalf("degraded: %+v", st)
			}
		})
	}
}

// A server whose certificate nobody trusts is an outage that says so.
func TestUntrustedCertificateDegrades(t *testing.T) {
	srv := redistest.StartTLS(t, password)
	b := New(Config{Addresses: []string{srv.Addr}, Password: password, TLS: &tls.Config{MinVersion: tls.VersionTLS12}, KeyPrefix: "sigdiag"})
	defer b.Close()
	var unknown x509.UnknownAuthorityError
	if err := b.Ping(context.Background()); !errors.As(err, &unknown) || b.Status().Shared {
		t.Errorf("ping: %v, status %+v; want an unknown authority and a degraded backend", err, b.Status())
	}
}
