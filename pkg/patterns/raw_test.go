package patterns

import (
	"reflect"
	"testing"
)

func TestRawMembers(t *testing.T) {
	raw := []byte(`{"id":"x","status":{"additionalDetails":"the appliedConditionalAccessPolicies \"]\" text"},` +
		`"appliedConditionalAccessPolicies" : [{"displayName":"CA010: Block ]} \"x\"","result":"failure"},` +
		`{"displayName":"CA001","result":"success"},{"displayName":"CA002","result":"failure"}],"autonomousSystemNumber": 14061}`)
	if got := failedPolicies(policiesText(raw)); !reflect.DeepEqual(got, []string{`CA010: Block ]} "x"`, "CA002"}) {
		t.Errorf("failed policies %q", got)
	}
	if asn, ok := autonomousSystem(raw); !ok || asn != "14061" {
		t.Errorf("asn %q %v", asn, ok)
	}
	for _, none := range []string{`{"id":"x"}`, `{"autonomousSystemNumber":null}`, `{"autonomousSystemNumber":"AS1"}`, ``} {
		if asn, ok := autonomousSystem([]byte(none)); ok {
			t.Errorf("%s: asn %q", none, asn)
		}
		if p := policiesText([]byte(none)); p != nil {
			t.Errorf("%s: policies %s", none, p)
		}
	}
	if p := policiesText([]byte(`{"appliedConditionalAccessPolicies":[{"displayName":"unterminated`)); p != nil {
		t.Errorf("unterminated list: %s", p)
	}
}

func TestBuckets(t *testing.T) {
	for _, c := range []struct {
		sec, window int64
		off         uint8
		bucket      int32
		start       int64
	}{
		{0, 1200, 0, 0, 0},
		{1199, 1200, 0, 0, 0},
		{1200, 1200, 0, 1, 1200},
		{599, 1200, 1, -1, -600},
		{600, 1200, 1, 0, 600},
		{-1, 1200, 0, -1, -1200},
	} {
		b := bucketOf(c.sec, c.window, c.off)
		if b != c.bucket || bucketStart(b, c.window, c.off) != c.start {
			t.Errorf("bucketOf(%d, %d, %d) = %d starting %d, want %d starting %d", c.sec, c.window, c.off, b, bucketStart(b, c.window, c.off), c.bucket, c.start)
		}
	}
}
