// Command diagnose runs the plugin's rule engine over a sign-in log saved outside Grafana —
// the Entra portal's JSON or CSV download, or saved Graph pages — and prints the annotated
// sign-ins and the top causes. It is the fast loop for writing a rule against real data:
//
//	go run ./pkg/cmd/diagnose -rules ./my-rules SignIns_2026-11-20.csv
//
// The -rules folder is loaded as the plugin's jsonData.rulesPath would be: its *_test.rego
// files run first, and a failing test stops the run.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/frames"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/portalexport"
	"github.com/sigdiag/signin-diagnostics/pkg/internal/report"
	"github.com/sigdiag/signin-diagnostics/pkg/ruleset"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "diagnose:", err)
		os.Exit(1)
	}
}

type options struct {
	rules, status string
	limit         int
	asJSON        bool
	files         []string
}

func parse(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("diagnose", flag.ContinueOnError)
	fs.StringVar(&o.rules, "rules", "", "a folder of your own .rego rules (and *_test.rego tests), added to the built-in rules")
	fs.StringVar(&o.status, "status", "failure", "which sign-ins to print: failure, interrupted, success or all")
	fs.IntVar(&o.limit, "limit", 50, "how many rows to print")
	fs.BoolVar(&o.asJSON, "json", false, "print every selected sign-in with its decision as JSON lines instead of a table")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	o.files = fs.Args()
	if len(o.files) == 0 {
		return o, errors.New("name at least one export file (JSON or CSV from the Entra portal, or saved Graph pages); - reads standard input")
	}
	switch o.status {
	case "failure", "interrupted", "success", "all":
	default:
		return o, fmt.Errorf("-status must be failure, interrupted, success or all, not %q", o.status)
	}
	return o, nil
}

func run(args []string, w io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	ctx := context.Background()
	e, err := loadEngine(ctx, o.rules)
	if err != nil {
		return err
	}
	all, err := readAll(o.files)
	if err != nil {
		return err
	}
	decisions := e.EvaluateAll(ctx, all)
	var rows []signin.SignIn
	var kept []engine.Decision
	for i := range all {
		if o.status == "all" || decisions[i].Status == o.status {
			rows, kept = append(rows, all[i]), append(kept, decisions[i])
		}
	}
	if o.asJSON {
		return writeJSON(w, rows, kept)
	}
	fmt.Fprintf(w, "%d sign-ins read, %d with status %s\n\n", len(all), len(rows), o.status)
	frame := frames.SignIns("A", rows, kept, frames.Context{})
	report.Rows(w, frame, o.limit)
	fmt.Fprintln(w)
	report.TopCauses(w, frame, 15)
	return nil
}

// loadEngine builds the rule set the plugin would serve with a rules folder, through the same
// lifecycle; rules that do not compile or whose tests fail stop the command with the reasons.
func loadEngine(ctx context.Context, dir string) (*engine.Engine, error) {
	var opts ruleset.Options
	if dir != "" {
		opts.Sources = []ruleset.Source{ruleset.Folder(dir)}
	}
	set, err := ruleset.Build(ctx, opts, nil)
	if err != nil {
		return nil, err
	}
	if set.Refused != nil {
		return nil, set.Refused
	}
	if set.TestsRun > 0 {
		fmt.Fprintf(os.Stderr, "%d rule tests passed\n", set.TestsRun)
	}
	return set.Engine, nil
}

func readAll(files []string) ([]signin.SignIn, error) {
	var out []signin.SignIn
	for _, name := range files {
		var r io.Reader = os.Stdin
		if name != "-" {
			f, err := os.Open(name)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			r = f
		}
		got, err := portalexport.Read(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, got...)
	}
	return out, nil
}

// jsonRow is one sign-in with its decision, for -json.
type jsonRow struct {
	RequestID string           `json:"requestId"`
	Time      string           `json:"time"`
	User      string           `json:"user"`
	ErrorCode int64            `json:"errorCode"`
	Status    string           `json:"status"`
	Findings  []engine.Finding `json:"findings"`
	Error     string           `json:"ruleError,omitempty"`
}

func writeJSON(w io.Writer, rows []signin.SignIn, decisions []engine.Decision) error {
	enc := json.NewEncoder(w)
	for i, s := range rows {
		d := decisions[i]
		if err := enc.Encode(jsonRow{RequestID: s.ID, Time: s.CreatedDateTime.UTC().Format("2006-01-02T15:04:05Z"), User: strings.ToLower(s.UserPrincipalName),
			ErrorCode: s.Status.ErrorCode, Status: d.Status, Findings: d.Findings, Error: d.Error}); err != nil {
			return err
		}
	}
	return nil
}
