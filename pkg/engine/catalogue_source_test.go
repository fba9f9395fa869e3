package engine

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/sigdiag/signin-diagnostics/rules"
)

var entryLine = regexp.MustCompile(`^entries\[(\d+)\] := \{`)

// Every catalogue entry names the Microsoft page it rests on in a "# source:" line right above
// it (rules/catalogue.rego lists the short names), so the next reviewer can check it.
func TestEveryCatalogueEntryHasASourceLine(t *testing.T) {
	files, err := fs.Glob(rules.FS, "catalogue_*.rego")
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	entries := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		src, err := fs.ReadFile(rules.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for i, line := range lines {
			m := entryLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			entries++
			if i == 0 || !strings.HasPrefix(lines[i-1], "# source: ") || len(strings.TrimSpace(lines[i-1])) < len("# source: x") {
				missing = append(missing, name+": "+m[1])
			}
		}
	}
	if entries < 375 {
		t.Errorf("found %d catalogue entries, want at least 375", entries)
	}
	if len(missing) > 0 {
		t.Errorf("catalogue entries without a \"# source:\" line above them:\n  %s", strings.Join(missing, "\n  "))
	}
}
