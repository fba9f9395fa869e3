package patterns

import (
	"sync"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// demoNow is the end of the demo tenant's window in these tests.
var demoNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// demoData is a demo tenant's 30 days as the detector gets them: sign-ins newest first (Graph's
// order) with their classification.
type demoData struct {
	set      *dataset.Dataset
	signIns  []signin.SignIn
	statuses []string
}

var (
	demoMu    sync.Mutex
	demoCache = map[demoKey]demoData{}
)

type demoKey struct {
	scale           float64
	version         string
	interactiveOnly bool
}

// loadDemo returns the demo tenant's 30 days at a scale, by default (v1.0, interactive only)
// what the plugin reads from Graph. Datasets are cached per key for the test binary.
func loadDemo(tb testing.TB, key demoKey) demoData {
	tb.Helper()
	demoMu.Lock()
	defer demoMu.Unlock()
	if d, ok := demoCache[key]; ok {
		return d
	}
	set := dataset.New(dataset.Options{Now: demoNow, Days: 30, Scale: key.scale, CacheRecords: 1})
	d := demoData{set: set}
	from, to := set.Window()
	set.Scan(from, to, false, nil, func(r *dataset.Record) bool {
		if key.interactiveOnly && !r.Interactive() {
			return true
		}
		d.signIns = append(d.signIns, fromRecord(r, key.version))
		d.statuses = append(d.statuses, statusOf(r.Code))
		return true
	})
	demoCache[key] = d
	return d
}

var defaultDemo = demoKey{scale: 1, version: dataset.V1, interactiveOnly: true}

// fromRecord builds the sign-in Graph's JSON decodes to (TestFromRecordMatchesGraphJSON checks
// the fields the detector reads) without a JSON round trip per row: decoding a month of
// sign-ins takes longer than detecting patterns in them. Raw is kept for failures only: the
// detector reads Raw only for the failed policies and the ASN of sign-ins it counts.
func fromRecord(r *dataset.Record, version string) signin.SignIn {
	interactive := r.Interactive()
	s := signin.SignIn{
		ID: r.ID.String(), CreatedDateTime: r.Time, UserPrincipalName: r.UPN(), AppID: r.App.ID,
		AppDisplayName: r.App.Name, IPAddress: r.IP, ClientAppUsed: r.ClientApp, IsInteractive: &interactive,
		CorrelationID: r.CorrelationID.String(), ConditionalAccessStatus: r.CA.Status,
		Status:   signin.Status{ErrorCode: int64(r.Code), FailureReason: r.Reason, AdditionalDetails: r.Details},
		Location: signin.Location{City: r.Place.City, State: r.Place.State, CountryOrRegion: r.Place.Country},
	}
	if r.User != nil {
		s.UserDisplayName, s.UserID = r.User.DisplayName, r.User.ID.String()
	}
	if r.Form != dataset.StatusFull {
		s.Status.FailureReason, s.Status.AdditionalDetails = "", ""
	}
	if r.Code != 0 {
		s.Raw = r.AppendJSON(nil, version, true)
	}
	return s
}

// statusOf is signin.classify's rule: the workbook's interrupt codes are interrupted, other
// non-zero codes failures (TestStatusOfMatchesTheEngine checks it against the rules).
func statusOf(code int) string {
	switch {
	case code == 0:
		return engine.StatusSuccess
	case dataset.IsInterrupt(code):
		return engine.StatusInterrupted
	}
	return engine.StatusFailure
}
