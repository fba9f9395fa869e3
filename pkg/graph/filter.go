package graph

import (
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

// TimeRangeFilter is the createdDateTime range Graph filters on (ge and le are the only
// range operators Graph documents for sign-ins, and only on this property).
func TimeRangeFilter(from, to time.Time) string {
	return odata.And(odata.Ge("createdDateTime", from), odata.Le("createdDateTime", to))
}
