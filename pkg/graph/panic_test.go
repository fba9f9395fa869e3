package graph

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// A panic while reading a slice (a slice runs in a goroutine of its own, beyond the plugin
// handlers' recover) becomes that listing's error instead of ending the process.
func TestSlicePanicBecomesAnError(t *testing.T) {
	to := time.Now()
	run := &listing{q: Query{From: to.Add(-time.Hour), To: to}} // no client: reading panics
	part := run.newPart(timeSlices(run.q.From, run.q.To, 0)[0])
	err := run.safeSlice(context.Background(), part, newQueue())
	var pe *PanicError
	if !errors.As(err, &pe) || len(pe.Stack) == 0 || !strings.Contains(err.Error(), "a bug") {
		t.Fatalf("error %v (%T)", err, err)
	}
}
