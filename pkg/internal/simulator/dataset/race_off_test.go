//go:build !race

package dataset

// raceEnabled disables timing assertions: the race detector slows generation tenfold.
const raceEnabled = false
