// Package report prints a sign-ins frame for a terminal: the rows with their causes, and the
// causes ranked by how many rows they explain. The demo and the offline diagnosis use it.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Rows prints up to limit rows of a sign-ins frame.
func Rows(w io.Writer, f *data.Frame, limit int) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME (UTC)\tUSER\tAPP\tCODE\tSEVERITY\tCAUSE")
	tm, user, app, code := column(f, "time"), column(f, "user"), column(f, "app"), column(f, "errorCode")
	sev, cause := column(f, "severity"), column(f, "cause")
	for i := 0; i < f.Rows() && i < limit; i++ {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", tm.At(i).(time.Time).UTC().Format("01-02 15:04:05"), cut(str(user, i), 32),
			cut(str(app, i), 26), code.At(i).(int64), str(sev, i), cut(str(cause, i), 70))
	}
	_ = tw.Flush()
	if f.Rows() > limit {
		fmt.Fprintf(w, "... and %d more\n", f.Rows()-limit)
	}
}

// TopCauses prints the winning rules ranked by the number of rows they explain, with the
// first next step of each.
func TopCauses(w io.Writer, f *data.Frame, limit int) {
	type group struct {
		rule, title, step string
		count             int
	}
	groups := map[string]*group{}
	rule, title, steps := column(f, "ruleId"), column(f, "title"), column(f, "nextSteps")
	for i := 0; i < f.Rows(); i++ {
		id := str(rule, i)
		g := groups[id]
		if g == nil {
			first, _, _ := strings.Cut(str(steps, i), "\n")
			g = &group{rule: id, title: str(title, i), step: first}
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

func column(f *data.Frame, name string) *data.Field {
	field, _ := f.FieldByName(name)
	return field
}

func str(f *data.Field, i int) string {
	s, _ := f.At(i).(string)
	return s
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
