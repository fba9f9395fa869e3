package simulator

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// A small JWT implementation: the simulator verifies client assertions (RS256 and PS256,
// as MSAL signs them with a certificate key) and signs and verifies its own tokens
// (ES256). Only the standard library is needed, and every failure is an error, never a
// panic, whatever the input.

type jwtHeader struct {
	Alg     string `json:"alg"`
	Typ     string `json:"typ,omitempty"`
	Kid     string `json:"kid,omitempty"`
	X5t     string `json:"x5t,omitempty"`
	X5tS256 string `json:"x5t#S256,omitempty"`
}

// jwt is a parsed, not yet verified, compact JWS.
type jwt struct {
	header       jwtHeader
	claims       map[string]any
	signingInput []byte
	signature    []byte
}

var b64 = base64.RawURLEncoding

// parseJWT splits and decodes a compact JWT without checking its signature.
func parseJWT(s string) (*jwt, error) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 || len(s) > 16<<10 {
		return nil, errors.New("not a compact JWT")
	}
	hb, err := b64.DecodeString(parts[0])
	if err != nil {
		return nil, errors.New("header is not base64url")
	}
	cb, err := b64.DecodeString(parts[1])
	if err != nil {
		return nil, errors.New("payload is not base64url")
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil {
		return nil, errors.New("signature is not base64url")
	}
	t := &jwt{signingInput: []byte(parts[0] + "." + parts[1]), signature: sig}
	if err := json.Unmarshal(hb, &t.header); err != nil {
		return nil, errors.New("header is not JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(cb))
	dec.UseNumber()
	if err := dec.Decode(&t.claims); err != nil || t.claims == nil {
		return nil, errors.New("payload is not a JSON object")
	}
	return t, nil
}

// verify checks the signature with key for the header's algorithm, which must be one of
// allowed (so a token cannot choose a weaker algorithm than the caller expects).
func (t *jwt) verify(key crypto.PublicKey, allowed ...string) error {
	ok := false
	for _, a := range allowed {
		ok = ok || a == t.header.Alg
	}
	if !ok {
		return fmt.Errorf("algorithm %q is not accepted", t.header.Alg)
	}
	digest := sha256.Sum256(t.signingInput)
	switch k := key.(type) {
	case *rsa.PublicKey:
		switch t.header.Alg {
		case "RS256":
			return rsa.VerifyPKCS1v15(k, crypto.SHA256, digest[:], t.signature)
		case "PS256":
			return rsa.VerifyPSS(k, crypto.SHA256, digest[:], t.signature, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto})
		}
	case *ecdsa.PublicKey:
		if t.header.Alg == "ES256" && len(t.signature) == 64 {
			r, s := new(big.Int).SetBytes(t.signature[:32]), new(big.Int).SetBytes(t.signature[32:])
			if ecdsa.Verify(k, digest[:], r, s) {
				return nil
			}
			return errors.New("signature does not verify")
		}
	}
	return fmt.Errorf("algorithm %q does not fit the key", t.header.Alg)
}

// str returns a string claim, or "".
func (t *jwt) str(name string) string {
	s, _ := t.claims[name].(string)
	return s
}

// num returns a numeric claim (NumericDate), and whether it was present and numeric.
func (t *jwt) num(name string) (int64, bool) {
	n, ok := t.claims[name].(json.Number)
	if !ok {
		return 0, false
	}
	if i, err := n.Int64(); err == nil {
		return i, true
	}
	f, err := n.Float64()
	return int64(f), err == nil
}

// audiences returns aud as a list (it may be a string or an array).
func (t *jwt) audiences() []string {
	switch a := t.claims["aud"].(type) {
	case string:
		return []string{a}
	case []any:
		var out []string
		for _, v := range a {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// signES256 signs claims with key, putting kid in the header.
func signES256(key *ecdsa.PrivateKey, kid string, claims any) (string, error) {
	hb, err := json.Marshal(jwtHeader{Alg: "ES256", Typ: "JWT", Kid: kid})
	if err != nil {
		return "", err
	}
	cb, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	input := b64.EncodeToString(hb) + "." + b64.EncodeToString(cb)
	digest := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, key, digest[:])
	if err != nil {
		return "", err
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return input + "." + b64.EncodeToString(sig), nil
}
