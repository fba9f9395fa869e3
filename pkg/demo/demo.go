// Package demo runs the plugin's main job on the built-in demo tenant, from a terminal: it
// starts the built plugin binary exactly as Grafana does, checks its health, queries the last
// 24 hours of failed sign-ins, and prints them with their causes and the top causes.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/sigdiag/signin-diagnostics/pkg/harness"
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
	printRows(w, frame, 25)
	fmt.Fprintln(w)
	printTopCauses(w, frame, 12)
	return nil
}

func column(f *data.Frame, name string) *data.Field {
	field, _ := f.FieldByName(name)
	return field
}

func printRows(w io.Writer, f *data.Frame, limit int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tUSER\tAPP\tCODE\tSEVERITY\tCAUSE")
	tm, user, app, code, sev, cause := column(f, "time"), column(f, "user"), column(f, "app"), column(f, "errorCode"), column(f, "severity"), column(f, "cause")
	for i := 0; i < f.Rows() && i < limit; i++ {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", tm.At(i).(time.Time).Local().Format("01-02 15:04:05"), cut(user.At(i).(string), 32),
			cut(app.At(i).(string), 26), code.At(i).(int64), sev.At(i).(string), cut(cause.At(i).(string), 70))
	}
	_ = tw.Flush()
	if f.Rows() > limit {
		fmt.Fprintf(w, "... and %d more\n", f.Rows()-limit)
	}
}

func printTopCauses(w io.Writer, f *data.Frame, limit int) {
	type group struct {
		rule, title, step string
		count             int
	}
	groups := map[string]*group{}
	rule, title, steps := column(f, "ruleId"), column(f, "title"), column(f, "nextSteps")
	for i := 0; i < f.Rows(); i++ {
		id := rule.At(i).(string)
		g := groups[id]
		if g == nil {
			first, _, _ := strings.Cut(steps.At(i).(string), "\n")
			g = &group{rule: id, title: title.At(i).(string), step: first}
			groups[id] = g
		}
		g.count++
	}
	list := make([]*group, 0, len(groups))
	for _, g := range groups {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].count != list[j].count {
			return list[i].count > list[j].count
		}
		return list[i].rule < list[j].rule
	})
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TOP CAUSES\tCOUNT\tRULE\tFIRST NEXT STEP")
	for i, g := range list {
		if i == limit {
			break
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", cut(g.title, 48), g.count, g.rule, cut(g.step, 80))
	}
	_ = tw.Flush()
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
