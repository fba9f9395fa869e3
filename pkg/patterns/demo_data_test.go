package patterns

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// sampleRecords are the last six hours of the demo tenant (incident rows included) and every
// 97th record of the month, in Graph's JSON for both versions.
func sampleRecords(t *testing.T) []dataset.Record {
	t.Helper()
	d := loadDemo(t, defaultDemo).set
	from, to := d.Window()
	var out []dataset.Record
	i := 0
	d.Scan(from, to, false, nil, func(r *dataset.Record) bool {
		if i%97 == 0 || r.Time.After(to.Add(-6*time.Hour)) {
			out = append(out, *r)
		}
		i++
		return true
	})
	return out
}

// The test data skips the JSON round trip; it must give what decoding Graph's JSON gives.
func TestFromRecordMatchesGraphJSON(t *testing.T) {
	for _, version := range []string{dataset.V1, dataset.Beta} {
		for _, r := range sampleRecords(t) {
			want, err := signin.Decode(r.AppendJSON(nil, version, true))
			if err != nil {
				t.Fatal(err)
			}
			got := fromRecord(&r, version)
			if r.Code != 0 && string(got.Raw) != string(want.Raw) {
				t.Fatalf("%s: raw JSON differs", want.ID)
			}
			got.Raw, want.Raw = nil, nil
			got.DeviceDetail, want.ResourceDisplayName = want.DeviceDetail, ""
			// The detector reads the policies from Raw, and neither the identifier.
			got.AppliedConditionalAccessPolicies, got.SignInIdentifier, got.SignInIdentifierType = want.AppliedConditionalAccessPolicies, want.SignInIdentifier, want.SignInIdentifierType
			if *got.IsInteractive != *want.IsInteractive || !got.CreatedDateTime.Equal(want.CreatedDateTime) {
				t.Fatalf("%s: interactive or time differ", want.ID)
			}
			got.IsInteractive, want.IsInteractive, got.CreatedDateTime, want.CreatedDateTime = nil, nil, time.Time{}, time.Time{}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %s:\n got %+v\nwant %+v", version, want.ID, got, want)
			}
		}
	}
}

// The statuses the tests pass are the engine's classification.
func TestStatusOfMatchesTheEngine(t *testing.T) {
	mods, err := regokit.BuiltinModules()
	if err != nil {
		t.Fatal(err)
	}
	e, err := engine.New(context.Background(), mods)
	if err != nil {
		t.Fatal(err)
	}
	var signIns []signin.SignIn
	var codes []int
	for _, r := range sampleRecords(t) {
		s, err := signin.Decode(r.AppendJSON(nil, dataset.V1, true))
		if err != nil {
			t.Fatal(err)
		}
		signIns, codes = append(signIns, s), append(codes, r.Code)
	}
	for i, d := range e.EvaluateAll(context.Background(), signIns) {
		if d.Status != statusOf(codes[i]) {
			t.Fatalf("code %d: the engine says %s, the tests %s", codes[i], d.Status, statusOf(codes[i]))
		}
	}
}
