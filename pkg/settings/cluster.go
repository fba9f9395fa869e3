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

// Cluster is the optional backend that several Grafana replicas share (issue #11): a Redis
// server holding the sign-in cache's second level and the Graph request budget of each app
// and tenant. Without RedisAddress every replica works alone, as before.
type Cluster struct {
	// RedisAddress is host:port of the Redis server; empty turns the shared backend off.
	RedisAddress string `json:"redisAddress"`
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

// maxReplicas bounds jsonData.cluster.replicas; past Graph's 5 requests a window each replica
// gets one request a window anyway.
const maxReplicas = 100

var keyPrefixPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}$`)

func (c *Cluster) applyDefaults() {
	c.RedisAddress = strings.TrimSpace(c.RedisAddress)
	c.RedisUsername = strings.TrimSpace(c.RedisUsername)
	c.KeyPrefix = strings.TrimSuffix(strings.TrimSpace(c.KeyPrefix), ":")
	if c.KeyPrefix == "" {
		c.KeyPrefix = DefaultKeyPrefix
	}
}

// validate checks the cluster settings; the password is only checked for presence.
func (c Cluster) validate(secrets Secrets) error {
	if !c.Enabled() {
		if c.RedisTLS || c.RedisUsername != "" || secrets.RedisPassword != "" {
			return &FieldError{Field: "jsonData.cluster.redisAddress", Msg: "is required (host:port) when the other Redis settings are set; leave them all empty to run without a shared backend"}
		}
		return nil
	}
	if err := checkRedisAddress(c.RedisAddress); err != nil {
		return err
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
