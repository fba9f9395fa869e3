package dataset

import (
	"math"
	"time"
)

// The tenant works on US Central time. A fixed offset (no daylight saving) keeps the
// rhythm identical for every date, which keeps generation independent of time zone data.
const tenantUTCOffset = -6 * time.Hour

// localTime returns t on the tenant's wall clock.
func localTime(t time.Time) time.Time { return t.UTC().Add(tenantUTCOffset) }

// hourWeights is the share of peak activity in each local hour: quiet nights, a morning
// ramp, a lunch dip, an afternoon plateau and an evening tail.
var hourWeights = [24]float64{
	0.03, 0.02, 0.02, 0.02, 0.03, 0.06, 0.15, 0.45, 0.95, 1.00, 0.95, 0.85,
	0.70, 0.90, 0.95, 0.90, 0.75, 0.50, 0.30, 0.20, 0.15, 0.10, 0.07, 0.05,
}

// weekdayWeights scales whole days: weekends are a fifth of a weekday, Friday tails off.
var weekdayWeights = [7]float64{
	time.Sunday: 0.15, time.Monday: 1.05, time.Tuesday: 1.0, time.Wednesday: 1.0,
	time.Thursday: 1.0, time.Friday: 0.88, time.Saturday: 0.22,
}

// peakFlowsPerHour is the number of interactive sign-in flows in a peak weekday hour at
// Scale 1. With the weights above a weekday has about 5,450 flows, about 6,400 rows.
const peakFlowsPerHour = 540

// activity is the expected share of peak for the hour starting at h.
func activity(h time.Time) float64 {
	l := localTime(h)
	return hourWeights[l.Hour()] * weekdayWeights[l.Weekday()]
}

// workingHours reports whether t is within the local working day (Mon-Fri, 08:00-18:00).
func workingHours(t time.Time) bool {
	l := localTime(t)
	wd := l.Weekday()
	return wd != time.Saturday && wd != time.Sunday && l.Hour() >= 8 && l.Hour() < 18
}

// localDay numbers local calendar days; localWeek numbers local weeks starting on Monday.
func localDay(t time.Time) int64  { return int64(math.Floor(float64(localTime(t).Unix()) / 86400)) }
func localWeek(t time.Time) int64 { return (localDay(t) + 3) / 7 }

// dayFactor gives each day its own volume, within about ±8% of the mean.
func (d *Dataset) dayFactor(t time.Time) float64 {
	r := newRNG(d.seed, uint64(localDay(t)), tagDay)
	return min(max(1+0.08*r.NormFloat64(), 0.8), 1.2)
}

// travelling returns where u is on a business trip during t's week, or nil at home.
// About one member in eighty travels in a given week.
func (d *Dataset) travelling(u *User, t time.Time) *Place {
	if u.Guest || u.Service {
		return nil
	}
	h := seedOf(d.seed, uint64(localWeek(t)), uint64(u.index), tagTravel)
	if float64(h>>11)/(1<<53) >= 0.0125 {
		return nil
	}
	return travelPlaces[h%uint64(len(travelPlaces))]
}

// Seed tags keep the random streams of different purposes apart.
const (
	tagHour uint64 = iota + 1
	tagDay
	tagTravel
	tagDirectory
	tagApps
	tagPolicies
	tagIncident
	tagSource
	tagNonInteractive
)
