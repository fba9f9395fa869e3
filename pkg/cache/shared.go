package cache

import (
	"context"
	"time"
)

// Shared is a second level of the cache that several Grafana replicas share (Redis, issue
// #11). The cache keeps working without it: every error from it is treated as a miss, and
// the local level keeps serving.
//
// Keys are opaque strings built by the cache (the caller adds its own prefix); blobs are the
// cache's compact encoding of one bucket, sign-in data only.
type Shared interface {
	// Get returns the blob stored under key; ok is false when there is none.
	Get(ctx context.Context, key string) (blob []byte, ok bool, err error)
	// Put stores blob under key until ttl has passed.
	Put(ctx context.Context, key string, blob []byte, ttl time.Duration) error
	// Claim asks to be the one replica that reads a listing, for at most ttl. ok is false
	// when another replica holds the claim: the caller then waits for that replica's buckets
	// to appear with Get, and reads Graph itself if they do not appear in time. release
	// gives the claim up early (nil when ok is false).
	Claim(ctx context.Context, key string, ttl time.Duration) (release func(), ok bool, err error)
}
