package cluster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Store is the sign-in cache's level shared by the replicas (a cache.Shared): the blobs and
// claims of one data source under "<prefix>:ds:<uid>:".
type Store struct {
	b    *Backend
	base string
}

// Store returns the shared cache level of one data source. Replicas share it when they have
// the same data source (UID) and key prefix; data sources never share each other's sign-ins
// (their API versions and permissions can differ).
func (b *Backend) Store(dataSourceUID string) *Store {
	return &Store{b: b, base: b.cfg.KeyPrefix + ":ds:" + dataSourceUID + ":"}
}

// Get implements cache.Shared.
func (s *Store) Get(ctx context.Context, key string) ([]byte, bool, error) {
	var blob []byte
	err := s.b.call(ctx, s.b.cfg.BlobTimeout, func(ctx context.Context) error {
		var err error
		blob, err = s.b.rdb.Get(ctx, s.base+key).Bytes()
		return err
	})
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	return blob, err == nil, err
}

// Put implements cache.Shared. A blob over MaxBlobBytes, or without a TTL, is not stored:
// Redis memory is shared by every replica and nothing may stay there forever.
func (s *Store) Put(ctx context.Context, key string, blob []byte, ttl time.Duration) error {
	if ttl < time.Millisecond || len(blob) > s.b.cfg.MaxBlobBytes {
		return nil
	}
	return s.b.call(ctx, s.b.cfg.BlobTimeout, func(ctx context.Context) error {
		return s.b.rdb.Set(ctx, s.base+key, blob, ttl).Err()
	})
}

// releaseScript deletes a claim only if it still holds our token: after our TTL expired,
// another replica may hold it.
var releaseScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0
`)

// Claim implements cache.Shared with SET NX PX and a random token.
func (s *Store) Claim(ctx context.Context, key string, ttl time.Duration) (func(), bool, error) {
	token := newToken()
	full := s.base + key
	var ok bool
	err := s.b.call(ctx, s.b.cfg.Timeout, func(ctx context.Context) error {
		var err error
		ok, err = s.b.rdb.SetNX(ctx, full, token, max(ttl, time.Millisecond)).Result()
		return err // not ok: another replica holds the claim
	})
	if err != nil || !ok {
		return nil, false, err
	}
	release := func() {
		// The caller's context may be gone by now (the query ended): the release has its own.
		_ = s.b.call(context.Background(), s.b.cfg.Timeout, func(ctx context.Context) error {
			return releaseScript.Run(ctx, s.b.rdb, []string{full}, token).Err()
		})
	}
	return release, true, nil
}

func newToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
