package engine

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
)

// The README's rule-writing guide must work as written: its Rego examples are compiled with
// the built-in rules, its test passes, and the catalogue example explains the demo's code.
func TestReadmeRuleGuide(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```rego\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) != 3 {
		t.Fatalf("the guide has %d Rego examples, want 3 (catalogue entry, contextual rule, test)", len(blocks))
	}
	var user []regokit.Module
	for i, b := range blocks {
		user = append(user, regokit.Module{Name: "README example " + string(rune('1'+i)), Source: dedent(b[1]), User: true})
	}
	ran, failures, err := regokit.RunTests(context.Background(), append(mustBuiltin(t), user...))
	if err != nil || ran != 1 || len(failures) != 0 {
		t.Fatalf("the guide's test: ran %d, failures %+v, err %v", ran, failures, err)
	}
	e := builtinEngine(t, user[:2]...)
	s := example(t, `{"errorCode":9999999}`)
	d := e.Evaluate(context.Background(), &s)
	if w := d.Winner(); w == nil || w.Title != "Expense app session rejected" || w.User {
		t.Fatalf("winner for 9999999 = %+v, want the guide's catalogue entry (a built-in package)", w)
	}
	s = example(t, `{"errorCode":50126}`)
	s.Raw = withField(t, s.Raw, "clientAppUsed", "IMAP4")
	d = e.Evaluate(context.Background(), &s)
	if w := d.Winner(); w == nil || w.RuleID != "contoso-imap-password" || !w.User {
		t.Fatalf("winner for 50126 over IMAP = %+v, want the guide's contextual rule", w)
	}
}

func mustBuiltin(t *testing.T) []regokit.Module {
	t.Helper()
	mods, err := regokit.BuiltinModules()
	if err != nil {
		t.Fatal(err)
	}
	return mods
}

// dedent removes the indentation the README's list items give their code blocks.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if len(l) >= indent {
			lines[i] = l[max(indent, 0):]
		}
	}
	return strings.Join(lines, "\n")
}
