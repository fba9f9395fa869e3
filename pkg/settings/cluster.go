package settings

import (
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"
)

// DefaultKeyPrefix starts every Redis key the plugin writes when jsonData.cluster.keyPrefix is empty.
const DefaultKeyPrefix = "sigdiag"

// The Redis topologies of jsonData.cluster.redisMode.
const (
	RedisStandalone = "standalone"
	RedisSentinel   = "sentinel"
	RedisCluster    = "cluster"
)

// Cluster is the optional backend that several Grafana replicas share: Redis holding the
// sign-in cache's second level and the Graph request budget of each app and tenant. Without
// RedisAddress every replica works alone.
type Cluster struct {
	// RedisMode is the topology: standalone (one server, the default), sentinel (a primary
	// that Redis Sentinel watches) or cluster (Redis Cluster).
	RedisMode string `json:"redisMode"`
	// RedisAddress is host:port of the Redis server, or a comma-separated list of them: the
	// sentinels' (sentinel), or some of the cluster's nodes (cluster); empty turns the shared
	// backend off.
	RedisAddress string `json:"redisAddress"`
	// RedisMasterName is the name the sentinels know the primary by (sentinel only).
	RedisMasterName string `json:"redisMasterName"`
	// RedisTLS connects with TLS, verifying the server's certificate against the system roots
	// (add a private CA with SSL_CERT_FILE, as for Graph).
	RedisTLS      bool   `json:"redisTLS"`
	RedisUsername string `json:"redisUsername"`
	RedisDB       int    `json:"redisDB"`
	// KeyPrefix starts every key: data sources (and Grafana installations) sharing one Redis
	// share a Graph budget only under the same prefix.
	KeyPrefix string `json:"keyPrefix"`
	// Replicas is how many Grafana replicas run the plugin (0: unknown). While Redis is
	// unreachable each replica keeps to its share of the Graph budget, split over the replicas
	// it last saw in Redis, or over this many when that is more: a replica started during an
	// outage has seen none.
	Replicas int `json:"replicas"`
}

// Enabled reports whether the replicas share a Redis backend.
func (c Cluster) Enabled() bool { return c.RedisAddress != "" }

// Addresses are the host:port entries of RedisAddress.
func (c Cluster) Addresses() []string {
	var out []string
	for a := range strings.SplitSeq(c.RedisAddress, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// maxReplicas bounds jsonData.cluster.replicas; past Graph's 5 requests a window each replica
// gets one request a window anyway.
const maxReplicas = 100

var keyPrefixPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}$`)

func (c *Cluster) applyDefaults() {
	c.RedisAddress = strings.Join(c.Addresses(), ",")
	c.RedisUsername = strings.TrimSpace(c.RedisUsername)
	c.RedisMasterName = strings.TrimSpace(c.RedisMasterName)
	c.RedisMode = strings.ToLower(strings.TrimSpace(c.RedisMode))
	if c.RedisMode == "" {
		c.RedisMode = RedisStandalone
	}
	c.KeyPrefix = strings.TrimSuffix(strings.TrimSpace(c.KeyPrefix), ":")
	if c.KeyPrefix == "" {
		c.KeyPrefix = DefaultKeyPrefix
	}
}

// validate checks the cluster settings; the password is only checked for presence.
func (c Cluster) validate(secrets Secrets) error {
	if !c.Enabled() {
		if c.RedisTLS || c.RedisUsername != "" || c.RedisMasterName != "" || secrets.RedisPassword != "" || secrets.RedisSentinelPassword != "" {
			return &FieldError{Field: "jsonData.cluster.redisAddress", Msg: "is required (host:port) when the other Redis settings are set; leave them all empty to run without a shared backend"}
		}
		return nil
	}
	if err := c.validateTopology(secrets); err != nil {
		return err
	}
	for _, a := range c.Addresses() {
		if err := checkRedisAddress(a); err != nil {
			return err
		}
	}
	if c.RedisDB < 0 || c.RedisDB > 1023 {
		return &FieldError{Field: "jsonData.cluster.redisDB", Msg: fmt.Sprintf("must be a database number from 0 (the default) to 1023, got %d", c.RedisDB)}
	}
	if c.Replicas < 0 || c.Replicas > maxReplicas {
		return &FieldError{Field: "jsonData.cluster.replicas", Msg: fmt.Sprintf("must be the number of Grafana replicas, from 0 (count them in Redis) to %d, got %d", maxReplicas, c.Replicas)}
	}
	if !keyPrefixPattern.MatchString(c.KeyPrefix) {
		return &FieldError{Field: "jsonData.cluster.keyPrefix", Msg: fmt.Sprintf("must be 1 to 63 letters, digits, '_', '.', ':' or '-', starting with a letter or digit, got %q", c.KeyPrefix)}
	}
	return nil
}

// validateTopology checks that the mode and the settings it needs agree.
func (c Cluster) validateTopology(secrets Secrets) error {
	n := len(c.Addresses())
	switch c.RedisMode {
	case RedisStandalone:
		if n > 1 {
			return &FieldError{Field: "jsonData.cluster.redisAddress", Msg: fmt.Sprintf("names %d servers: a standalone Redis has one address; set redisMode to sentinel for the sentinels' addresses or to cluster for Redis Cluster nodes", n)}
		}
	case RedisSentinel:
		if c.RedisMasterName == "" {
			return &FieldError{Field: "jsonData.cluster.redisMasterName", Msg: "is required with redisMode sentinel: the name the sentinels know the primary by (sentinel monitor <name> ...)"}
		}
	case RedisCluster:
		if c.RedisDB != 0 {
			return &FieldError{Field: "jsonData.cluster.redisDB", Msg: fmt.Sprintf("must be 0 with redisMode cluster: Redis Cluster has only database 0, got %d", c.RedisDB)}
		}
	default:
		return &FieldError{Field: "jsonData.cluster.redisMode", Msg: fmt.Sprintf("must be standalone, sentinel or cluster, got %q", c.RedisMode)}
	}
	if c.RedisMode != RedisSentinel && (c.RedisMasterName != "" || secrets.RedisSentinelPassword != "") {
		return &FieldError{Field: "jsonData.cluster.redisMode", Msg: "must be sentinel when a master name or a sentinel password is set"}
	}
	return nil
}

func checkRedisAddress(addr string) error {
	const field = "jsonData.cluster.redisAddress"
	if strings.Contains(addr, "://") {
		return &FieldError{Field: field, Msg: fmt.Sprintf("must be host:port without a scheme (turn on redisTLS for rediss://), got %q", addr)}
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return &FieldError{Field: field, Msg: fmt.Sprintf("must be host:port, e.g. redis.example.com:6379, got %q", addr)}
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return &FieldError{Field: field, Msg: fmt.Sprintf("must end with a port from 1 to 65535, got %q", addr)}
	}
	return nil
}
