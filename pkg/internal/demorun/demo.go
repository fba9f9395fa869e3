// Package demorun runs the plugin's main job on the built-in demo tenant, from a terminal: it
// starts the built plugin binary exactly as Grafana does, checks its health, queries the last
// 24 hours of failed sign-ins, and prints them with their causes and the top causes.
package demorun

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/harness"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/report"
)

// Binary is the path of the plugin binary the SDK build leaves in dir for this machine.
func Binary(dir string) (string, error) {
	name := fmt.Sprintf("gpx_signin_diagnostics_%s_%s", runtime.GOOS, runtime.GOARCH)
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	return filepath.Abs(filepath.Join(dir, name))
}

// Settings is a data source using the demo tenant, as provisioning would define it.
func Settings() backend.DataSourceInstanceSettings {
	return backend.DataSourceInstanceSettings{
		ID: 1, UID: "signin-demo", Name: "Sign-in Diagnostics (demo)", Type: harness.PluginID,
		JSONData: json.RawMessage(`{"source":"demo"}`), Updated: time.Now(),
	}
}

// Run prints the demo report to w.
func Run(w io.Writer, binary string) error {
	p, err := harness.Start(binary, harness.Options{})
	if err != nil {
		return err
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	ds := Settings()
	health, err := p.CheckHealth(ctx, ds)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Health: %s — %s\n\n", health.Status, health.Message)
	now := time.Now()
	q := backend.DataQuery{RefID: "A", QueryType: "signins", TimeRange: backend.TimeRange{From: now.Add(-24 * time.Hour), To: now},
		JSON: json.RawMessage(`{"queryType":"signins","status":"failure","maxRows":20000}`)}
	res, err := p.QueryData(ctx, ds, nil, q)
	if err != nil {
		return err
	}
	r := res.Responses["A"]
	if r.Error != nil {
		return r.Error
	}
	frame := r.Frames[0]
	fmt.Fprintf(w, "Graph request: %s\n", frame.Meta.ExecutedQueryString)
	fmt.Fprintf(w, "Failed sign-ins in the last 24 hours: %d (Graph pages read: %v, sign-ins fetched: %v)\n\n",
		frame.Rows(), frame.Meta.Custom.(map[string]any)["pages"], frame.Meta.Custom.(map[string]any)["fetched"])
	report.Rows(w, frame, 25)
	fmt.Fprintln(w)
	report.TopCauses(w, frame, 12)
	return nil
}
