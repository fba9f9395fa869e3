package plugin

import (
	"strconv"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// groupers name the dimensions timeseries and breakdown queries group by (the query's groupBy).
var groupers = map[string]func(s *signin.SignIn, d *engine.Decision) string{
	"cause": func(_ *signin.SignIn, d *engine.Decision) string {
		return winnerField(d, func(f *engine.Finding) string { return f.Title }, "(no finding: success)")
	},
	"rule": func(_ *signin.SignIn, d *engine.Decision) string {
		return winnerField(d, func(f *engine.Finding) string { return f.RuleID }, "none")
	},
	"category": func(_ *signin.SignIn, d *engine.Decision) string {
		return winnerField(d, func(f *engine.Finding) string { return f.Category }, "none")
	},
	"severity": func(_ *signin.SignIn, d *engine.Decision) string {
		return winnerField(d, func(f *engine.Finding) string { return f.Severity }, "none")
	},
	"status":    func(_ *signin.SignIn, d *engine.Decision) string { return d.Status },
	"errorCode": func(s *signin.SignIn, _ *engine.Decision) string { return strconv.FormatInt(s.Status.ErrorCode, 10) },
	"app":       func(s *signin.SignIn, _ *engine.Decision) string { return orUnknown(s.AppDisplayName, s.AppID) },
	"user":      func(s *signin.SignIn, _ *engine.Decision) string { return orUnknown(s.UserPrincipalName, s.UserID) },
	"country":   func(s *signin.SignIn, _ *engine.Decision) string { return orUnknown(s.Location.CountryOrRegion) },
	"clientApp": func(s *signin.SignIn, _ *engine.Decision) string { return orUnknown(s.ClientAppUsed) },
	"os":        func(s *signin.SignIn, _ *engine.Decision) string { return orUnknown(s.DeviceDetail.OperatingSystem) },
}

func winnerField(d *engine.Decision, field func(*engine.Finding) string, none string) string {
	if w := d.Winner(); w != nil {
		return field(w)
	}
	return none
}

// orUnknown is the first non-empty value; Graph leaves many fields empty or redacted, and a
// row must still land in some group.
func orUnknown(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return "unknown"
}
