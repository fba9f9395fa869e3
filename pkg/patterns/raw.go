package patterns

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// policiesOf returns the event's failed Conditional Access policies, reading them from the
// raw sign-in once; the unknown policy when Graph gave none.
func (a *aggregator) policiesOf(ev int32) []int32 {
	e := &a.events[ev]
	if !e.policiesRead {
		e.policiesRead = true
		// Sign-ins share a handful of policy outcomes: decode each distinct list once.
		text := policiesText(a.signIns[e.idx].Raw)
		span, ok := a.policyByText[string(text)]
		if !ok {
			span[0] = int32(len(a.policyPool))
			for _, name := range failedPolicies(text) {
				a.policyPool = append(a.policyPool, a.policies.id(name))
			}
			span[1] = int32(len(a.policyPool)) - span[0]
			a.policyByText[string(text)] = span
		}
		e.policyStart, e.policyCount = span[0], span[1]
	}
	if e.policyCount == 0 {
		return a.unknownPolicy
	}
	return a.policyPool[e.policyStart : e.policyStart+e.policyCount]
}

// asnOf returns the event's interned ASN, -1 without one. An address belongs to one
// network, so the raw sign-in is read once per address.
func (a *aggregator) asnOf(ev int32) int32 {
	e := &a.events[ev]
	if e.asnRead {
		return e.asn
	}
	e.asnRead = true
	for int(e.ip) >= len(a.asnByIP) {
		a.asnByIP = append(a.asnByIP, -2)
	}
	if a.asnByIP[e.ip] == -2 {
		a.asnByIP[e.ip] = -1
		if asn, ok := autonomousSystem(a.signIns[e.idx].Raw); ok {
			a.asnByIP[e.ip] = a.asns.id(asn)
		}
	}
	e.asn = a.asnByIP[e.ip]
	return e.asn
}

// Two fields the typed signin.SignIn does not carry are read from the raw JSON, and only for
// the sign-ins a pattern groups by them: the failed Conditional Access policies and the beta
// autonomousSystemNumber. Each read finds the one member and decodes it, not the whole
// sign-in.

// rawKey is a top-level member name. bytes.Index is much faster on a short, rare anchor than
// on the whole quoted name, so the anchor is found first and the name checked around it.
type rawKey struct{ name, anchor []byte }

var (
	policiesKey = rawKey{name: []byte(`"appliedConditionalAccessPolicies"`), anchor: []byte(`ConditionalAccessPolicies"`)}
	asnKey      = rawKey{name: []byte(`"autonomousSystemNumber"`), anchor: []byte(`SystemNumber"`)}
)

// topMember returns the bytes after `"name":` (white space skipped) to the end of the raw
// sign-in, or nil when the member is absent. The names looked for are signIn members no nested
// object uses.
func topMember(raw []byte, k rawKey) []byte {
	for off := 0; ; {
		i := bytes.Index(raw[off:], k.anchor)
		if i < 0 {
			return nil
		}
		end := off + i + len(k.anchor)
		if start := end - len(k.name); start >= 0 && bytes.Equal(raw[start:end], k.name) {
			rest := bytes.TrimLeft(raw[end:], " \t\r\n")
			if len(rest) > 0 && rest[0] == ':' {
				return bytes.TrimLeft(rest[1:], " \t\r\n")
			}
		}
		off = end
	}
}

// policiesText returns the JSON text of appliedConditionalAccessPolicies, nil when Graph left
// it out (the caller cannot read Conditional Access data).
func policiesText(raw []byte) []byte {
	value := topMember(raw, policiesKey)
	if n := valueEnd(value); n > 0 && value[0] == '[' {
		return value[:n]
	}
	return nil
}

// failedPolicies returns the display names of the policies with result "failure" in the JSON
// text of appliedConditionalAccessPolicies.
func failedPolicies(text []byte) []string {
	var policies []struct {
		DisplayName string `json:"displayName"`
		Result      string `json:"result"`
	}
	if err := json.Unmarshal(text, &policies); err != nil {
		return nil
	}
	var out []string
	for _, p := range policies {
		if p.Result == "failure" {
			out = append(out, p.DisplayName)
		}
	}
	return out
}

// valueEnd returns the length of the JSON array or object at the start of b, 0 when it does
// not close. Only brackets outside strings count.
func valueEnd(b []byte) int {
	depth, inString := 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// autonomousSystem returns the ASN as text, false when absent, null or not a number.
func autonomousSystem(raw []byte) (string, bool) {
	value := topMember(raw, asnKey)
	end := 0
	for end < len(value) && value[end] >= '0' && value[end] <= '9' {
		end++
	}
	if end == 0 {
		return "", false
	}
	n, err := strconv.ParseInt(string(value[:end]), 10, 64)
	if err != nil || n <= 0 {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
}
