package redistest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// StartSentinel starts a Redis Sentinel on a free port of 127.0.0.1 that watches primary
// under masterName (quorum 1), and returns it once it names the primary. Its Addr is the
// sentinel's; it asks no password of its clients.
func StartSentinel(t testing.TB, primary *Server, masterName string) *Server {
	t.Helper()
	requireServer(t)
	s := &Server{t: t, dir: t.TempDir()}
	conf := filepath.Join(s.dir, "sentinel.conf")
	host, port, _ := strings.Cut(primary.Addr, ":")
	lines := []string{
		fmt.Sprintf("sentinel monitor %s %s %s 1", masterName, host, port),
		fmt.Sprintf("sentinel down-after-milliseconds %s 5000", masterName),
	}
	if primary.Password != "" {
		lines = append(lines, fmt.Sprintf("sentinel auth-pass %s %s", masterName, primary.Password))
	}
	// Sentinel rewrites its configuration file: it must be its own and writable.
	if err := os.WriteFile(conf, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.sentinel = conf
	if err := s.run(); err != nil {
		t.Fatal(err)
	}
	c := redis.NewSentinelClient(&redis.Options{Addr: s.Addr})
	defer c.Close()
	waitFor(t, func(ctx context.Context) error {
		_, err := c.GetMasterAddrByName(ctx, masterName).Result()
		return err
	})
	return s
}

// StartCluster starts a Redis Cluster of n primaries (no replicas) on free ports of
// 127.0.0.1, with the hash slots split evenly, and returns its nodes once the cluster is ok.
// Every node asks for password when it is not empty.
func StartCluster(t testing.TB, n int, password string) []*Server {
	t.Helper()
	requireServer(t)
	nodes := make([]*Server, n)
	clients := make([]*redis.Client, n)
	for i := range nodes {
		s := &Server{Password: password, t: t, dir: t.TempDir(), cluster: true}
		if err := s.run(); err != nil {
			t.Fatal(err)
		}
		nodes[i] = s
		clients[i] = redis.NewClient(&redis.Options{Addr: s.Addr, Password: password})
		defer clients[i].Close()
	}
	ctx := context.Background()
	const slots = 16384
	for i, c := range clients {
		first, last := i*slots/n, (i+1)*slots/n-1
		if err := c.ClusterAddSlotsRange(ctx, first, last).Err(); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			host, port, _ := strings.Cut(nodes[0].Addr, ":")
			p, _ := strconv.Atoi(port)
			if err := c.ClusterMeet(ctx, host, strconv.Itoa(p)).Err(); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range clients {
		waitFor(t, func(ctx context.Context) error {
			info, err := c.ClusterInfo(ctx).Result()
			if err == nil && (!strings.Contains(info, "cluster_state:ok") || !strings.Contains(info, "cluster_known_nodes:"+strconv.Itoa(n))) {
				err = fmt.Errorf("not ready: %s", strings.Fields(info)[0])
			}
			return err
		})
	}
	return nodes
}

// waitFor calls ready until it returns nil, for at most 20 s.
func waitFor(t testing.TB, ready func(ctx context.Context) error) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err = ready(ctx)
		cancel()
		if err == nil {
			return
		}
	}
	t.Fatalf("redis did not become ready: %v", err)
}
