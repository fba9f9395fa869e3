package cache

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// A bucket is kept as one compact blob rather than as decoded sign-ins: Graph's JSON for a
// sign-in is ~2-3 KB and its decoded form more, while a bucket of them compresses to ~200
// bytes a sign-in because sign-ins repeat the same apps, codes, reasons and policies. The same
// blob is what a Shared store (Redis) holds, so replicas exchange buckets without re-encoding.
//
// Layout: magic "sdc1", fetched time (int64 UnixNano, big endian), then zstd of the sign-ins'
// raw JSON objects, each preceded by its length as a uvarint. Only sign-in data is inside.
const blobMagic = "sdc1"

var (
	encoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true))
	decoder, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(1<<30))
)

// encodeBucket encodes the rows of a bucket read at fetched.
func encodeBucket(rows []signin.SignIn, fetched time.Time) ([]byte, error) {
	size := 0
	for i := range rows {
		size += len(rows[i].Raw) + binary.MaxVarintLen32
	}
	plain := make([]byte, 0, size)
	for i := range rows {
		raw := rows[i].Raw
		if len(raw) == 0 {
			// Not from Graph (tests, imports): keep what the typed fields say.
			var err error
			if raw, err = json.Marshal(rows[i]); err != nil {
				return nil, err
			}
		}
		plain = binary.AppendUvarint(plain, uint64(len(raw)))
		plain = append(plain, raw...)
	}
	out := make([]byte, 0, 12+len(plain)/8)
	out = append(out, blobMagic...)
	out = binary.BigEndian.AppendUint64(out, uint64(fetched.UnixNano()))
	out = encoder.EncodeAll(plain, out)
	if cap(out) > len(out)+len(out)/16 {
		out = append(make([]byte, 0, len(out)), out...) // held for long: no spare capacity
	}
	return out, nil
}

var errBadBlob = errors.New("not a sign-in cache blob")

// blobFetched reads the fetched time from a blob's header without decompressing it.
func blobFetched(blob []byte) (time.Time, error) {
	if len(blob) < 12 || string(blob[:4]) != blobMagic {
		return time.Time{}, errBadBlob
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(blob[4:12]))).UTC(), nil
}

// decodeBucket decodes a blob into its sign-ins, newest first as they were stored. The rows'
// Raw bytes share one buffer.
func decodeBucket(blob []byte) ([]signin.SignIn, error) {
	plain, err := bucketJSON(blob)
	if err != nil {
		return nil, err
	}
	return decodeBucketJSON(plain)
}

// bucketJSON decompresses a blob into its sign-ins' raw JSON, each preceded by its length:
// enough to search it (Cache.Find) before decoding any sign-in.
func bucketJSON(blob []byte) ([]byte, error) {
	if _, err := blobFetched(blob); err != nil {
		return nil, err
	}
	plain, err := decoder.DecodeAll(blob[12:], nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadBlob, err)
	}
	return plain, nil
}

// decodeBucketJSON decodes what bucketJSON returned.
func decodeBucketJSON(plain []byte) ([]signin.SignIn, error) {
	var rows []signin.SignIn
	for len(plain) > 0 {
		n, k := binary.Uvarint(plain)
		if k <= 0 || uint64(len(plain)-k) < n {
			return nil, fmt.Errorf("%w: truncated", errBadBlob)
		}
		raw := plain[k : k+int(n) : k+int(n)]
		plain = plain[k+int(n):]
		s, err := signin.Decode(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errBadBlob, err)
		}
		rows = append(rows, s)
	}
	return rows, nil
}
