package cache

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

func TestFind(t *testing.T) {
	rows := demoRows(t, 3000)
	to := rows[0].CreatedDateTime.Add(time.Second)
	from := to.Add(-24 * time.Hour)
	now := to.Add(30 * time.Second)
	clock := func() time.Time { return now }
	ctx := context.Background()
	// A flow of several sign-ins well inside the range, and its truth.
	flows := map[string][]signin.SignIn{}
	for _, s := range rows {
		if s.CreatedDateTime.After(from.Add(2*time.Hour)) && s.CorrelationID != "" {
			flows[s.CorrelationID] = append(flows[s.CorrelationID], s)
		}
	}
	var flow []signin.SignIn
	for _, f := range flows {
		if len(f) > len(flow) {
			flow = f
		}
	}
	if len(flow) < 2 {
		t.Fatalf("no flow of two sign-ins or more in the fixture's last day")
	}
	one := flow[len(flow)-1]

	t.Run("a table's rows are found without Graph", func(t *testing.T) {
		src := &sliceSource{rows: rows}
		c := New(src, Options{Now: clock})
		if _, err := c.List(ctx, graph.Query{From: from, To: to}); err != nil {
			t.Fatal(err)
		}
		got, ok := c.Find(to.Add(-30*24*time.Hour), to, Lookup{RequestID: strings.ToUpper(one.ID)})
		if !ok || len(got) != 1 || got[0].ID != one.ID {
			t.Errorf("request ID: %d rows, ok %v; want the one sign-in", len(got), ok)
		}
		got, ok = c.Find(to.Add(-30*24*time.Hour), to, Lookup{CorrelationID: one.CorrelationID})
		if !ok || !equalIDs(got, flow) {
			t.Errorf("correlation ID: %d rows, ok %v; want the flow's %d", len(got), ok, len(flow))
		}
		if src.count() != 1 {
			t.Errorf("the look-ups read the source")
		}
		if got, ok := c.Find(to.Add(-30*24*time.Hour), to, Lookup{RequestID: "00000000-0000-0000-0000-000000000000"}); ok || len(got) != 0 {
			t.Errorf("an ID held nowhere: %d rows, ok %v", len(got), ok)
		}
	})

	t.Run("a filtered listing is whole for a request ID, not for a flow", func(t *testing.T) {
		// A listing of one user holds the flow's sign-ins of that user only, as far as the
		// cache can tell: the flow's other sign-ins may have been left out by the filter.
		var mine []signin.SignIn
		for _, s := range rows {
			if s.UserPrincipalName == one.UserPrincipalName {
				mine = append(mine, s)
			}
		}
		c := New(&sliceSource{rows: mine}, Options{Now: clock})
		if _, err := c.List(ctx, graph.Query{From: from, To: to, Filter: "userPrincipalName eq '" + one.UserPrincipalName + "'"}); err != nil {
			t.Fatal(err)
		}
		if got, ok := c.Find(from, to, Lookup{RequestID: one.ID}); !ok || len(got) != 1 {
			t.Errorf("request ID from a filtered listing: %d rows, ok %v; want the sign-in", len(got), ok)
		}
		if _, ok := c.Find(from, to, Lookup{CorrelationID: one.CorrelationID}); ok {
			t.Error("a flow found in a filtered listing was called whole")
		}
	})

	t.Run("hours around the flow not held", func(t *testing.T) {
		c := New(&sliceSource{rows: rows}, Options{Now: clock})
		// Only a minute before the flow's newest sign-in is held, not the margin around it.
		newest := flow[0].CreatedDateTime
		if _, err := c.List(ctx, graph.Query{From: newest.Add(-time.Minute), To: newest}); err != nil {
			t.Fatal(err)
		}
		got, ok := c.Find(from, to, Lookup{CorrelationID: one.CorrelationID})
		if len(got) == 0 || ok {
			t.Errorf("%d rows, ok %v: want the newest found, and the answer not called whole", len(got), ok)
		}
	})

	t.Run("stale buckets are not used", func(t *testing.T) {
		c := New(&sliceSource{rows: rows}, Options{Now: clock})
		if _, err := c.List(ctx, graph.Query{From: from, To: to}); err != nil {
			t.Fatal(err)
		}
		recent := rows[0]
		now = now.Add(2 * DefaultTTL)
		defer func() { now = to.Add(30 * time.Second) }()
		if _, ok := c.Find(from, to, Lookup{RequestID: recent.ID}); ok {
			t.Error("a sign-in of the last hour was served from a bucket older than the TTL")
		}
	})
}

// An explain on another replica: the buckets one replica read are in the Shared level, and
// Gather brings them here without reading Graph.
func TestGatherFromTheSharedLevel(t *testing.T) {
	rows := demoRows(t, 3000)
	newest := rows[0].CreatedDateTime
	// The hour still running, so that its bucket is shared as read up to now.
	now := newest.Add(10 * time.Second)
	if now.Truncate(time.Hour) != newest.Truncate(time.Hour) {
		t.Fatalf("the fixture's newest sign-in (%v) is too close to the end of its hour", newest)
	}
	to := now.Add(-time.Second)
	from := to.Add(-24 * time.Hour)
	clock := func() time.Time { return now }
	ctx := context.Background()
	sel := []string{"id", "createdDateTime", "correlationId"}
	shared := newMemShared()
	src1, src2 := &sliceSource{rows: rows}, &sliceSource{rows: rows}
	r1 := New(src1, Options{Shared: shared, Now: clock})
	r2 := New(src2, Options{Shared: shared, Now: clock})
	if _, err := r1.List(ctx, graph.Query{From: from, To: to, Select: sel}); err != nil {
		t.Fatal(err)
	}
	for i, target := range []signin.SignIn{rows[0], rows[len(rows)/3]} {
		l := Lookup{CorrelationID: target.CorrelationID}
		if _, whole := r2.Find(from, to, l); whole && i == 0 {
			t.Fatal("replica 2 found a flow before gathering anything")
		}
		if n := r2.Gather(ctx, "", sel, to.Add(-30*24*time.Hour), to); n == 0 && target.ID == rows[0].ID {
			t.Errorf("Gather brought no bucket from the shared level")
		}
		got, whole := r2.Find(from, to, l)
		if !whole || len(got) == 0 {
			t.Errorf("flow at %v: %d rows, whole %v after gathering", target.CreatedDateTime, len(got), whole)
		}
	}
	if n := src2.count(); n != 0 {
		t.Errorf("replica 2 read the source %d times", n)
	}
	// At most a day back: older hours are Graph's to answer.
	if n := r2.Gather(ctx, "", sel, to.Add(-30*24*time.Hour), to); n != 0 {
		t.Errorf("a second Gather brought %d buckets already held", n)
	}
	if got := len(shared.blobs); got > 26 {
		t.Errorf("%d blobs in the shared level for a day", got)
	}
}
