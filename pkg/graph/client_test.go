package graph

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator"
	"github.com/sigdiag/signin-diagnostics/pkg/odata"
)

// These tests run the real azidentity and msgraph-sdk-go clients against the simulator over
// HTTPS on 127.0.0.1, as a customized cloud (helpers in helpers_test.go).

func TestListFollowsPagesToTheEnd(t *testing.T) {
	// A fixed afternoon clock, so the volume of the six hours does not depend on when the test runs.
	_, res, ids := listed(t, simulator.Options{Now: time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)}, 6*time.Hour, 100)
	want := len(ids)
	if len(res.SignIns) != want || want == 0 {
		t.Fatalf("got %d sign-ins, the simulator holds %d interactive ones in range", len(res.SignIns), want)
	}
	// The chains may be cut (each new slice ends with one partly filled page), never truncated.
	if full := (want + 99) / 100; res.Pages < full || res.Pages > full+maxExtraSlices || res.Truncated {
		t.Errorf("pages = %d truncated = %v for %d rows of 100", res.Pages, res.Truncated, want)
	}
	for i := 1; i < len(res.SignIns); i++ {
		if res.SignIns[i].CreatedDateTime.After(res.SignIns[i-1].CreatedDateTime) {
			t.Fatalf("row %d is newer than row %d: Graph returns newest first", i, i-1)
		}
	}
	links := 0
	for _, r := range res.Requests {
		if strings.Contains(r, "skiptoken") {
			links++
		}
	}
	if !strings.Contains(res.Requests[0], "%24filter=createdDateTime") || links == 0 || len(res.Requests) != res.Pages {
		t.Errorf("%d requests, %d of them nextLinks: %v", len(res.Requests), links, res.Requests)
	}
}

func TestListStopsAtMaxRows(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	c := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
	_, to := sim.Dataset().Window()
	res, err := c.List(context.Background(), Query{From: to.Add(-24 * time.Hour), To: to, MaxRows: 1500})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.SignIns) != 1500 || !res.Truncated || res.Pages != 2 {
		t.Errorf("rows %d, truncated %v, pages %d; want 1500, true, 2", len(res.SignIns), res.Truncated, res.Pages)
	}
}

func TestUserTextIsEscaped(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	c := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, simulator.DemoClientSecret)
	_, to := sim.Dataset().Window()
	var upn string
	for _, u := range sim.Dataset().Users() {
		if strings.Contains(u.UPN, "'") {
			upn = u.UPN
		}
	}
	if upn == "" {
		t.Fatal("the simulator has no user with an apostrophe")
	}
	res, err := c.List(context.Background(), Query{From: to.Add(-30 * 24 * time.Hour), To: to, Filter: odata.Eq("userPrincipalName", upn)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.SignIns) == 0 {
		t.Fatalf("no sign-ins for %s", upn)
	}
	for _, s := range res.SignIns {
		if s.UserPrincipalName != upn {
			t.Fatalf("got %s for a filter on %s", s.UserPrincipalName, upn)
		}
	}
	// A UPN crafted to widen the filter matches nobody instead.
	res, err = c.List(context.Background(), Query{From: to.Add(-time.Hour), To: to, Filter: odata.Eq("userPrincipalName", "x' or userPrincipalName ne 'y")})
	if err != nil || len(res.SignIns) != 0 {
		t.Fatalf("injection returned %d rows, err %v", len(res.SignIns), err)
	}
}

func TestErrorsCarryCodeAndHint(t *testing.T) {
	sim := startSimulator(t, simulator.Options{})
	_, to := sim.Dataset().Window()
	c := newClient(t, sim, simulator.DemoTenantID, simulator.DemoClientID, "wrong-secret")
	_, err := c.List(context.Background(), Query{From: to.Add(-time.Hour), To: to})
	var ge *Error
	if !errors.As(err, &ge) || ge.Code != "AADSTS7000215" || !strings.Contains(ge.Hint, "Certificates & secrets") {
		t.Fatalf("error = %v, want AADSTS7000215 with a hint", err)
	}
	if strings.Contains(err.Error(), "wrong-secret") {
		t.Fatal("the secret leaked into the error")
	}
}
