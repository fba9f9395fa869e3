package engine

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sigdiag/signin-diagnostics/rules"
)

var entryLine = regexp.MustCompile(`^entries\[(\d+)\] := \{`)

type catalogueFile struct {
	name  string
	lines []string
}

// catalogueFiles are the catalogue's Rego files (not their tests), line by line.
func catalogueFiles(t *testing.T) []catalogueFile {
	t.Helper()
	names, err := fs.Glob(rules.FS, "catalogue_*.rego")
	if err != nil {
		t.Fatal(err)
	}
	var out []catalogueFile
	for _, name := range names {
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		src, err := fs.ReadFile(rules.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, catalogueFile{name, strings.Split(string(src), "\n")})
	}
	return out
}

// Every catalogue entry names the Microsoft page it rests on in a "# source:" line right above
// it (rules/catalogue.rego lists the short names), so the next reviewer can check it.
func TestEveryCatalogueEntryHasASourceLine(t *testing.T) {
	var missing []string
	entries := 0
	for _, file := range catalogueFiles(t) {
		name, lines := file.name, file.lines
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
	if entries < 377 {
		t.Errorf("found %d catalogue entries, want at least 377", entries)
	}
	if len(missing) > 0 {
		t.Errorf("catalogue entries without a \"# source:\" line above them:\n  %s", strings.Join(missing, "\n  "))
	}
}

var reviewedLine = regexp.MustCompile(`^# reviewed: (\d{4}-\d{2}-\d{2}) against (\S.*)$`)

// An entry that a reviewer checked against its Microsoft page carries a "# reviewed: <date>
// against <page>" line right above its "# source:" line (README, rules section), so the next
// reviewer can tell the checked entries from the ones whose source line was only generated.
// Every entry has been reviewed, so an entry without the line fails too: a new
// entry is checked against its page before it is added. A malformed or misplaced review line
// fails; the count of reviewed entries is logged.
func TestCatalogueReviewLines(t *testing.T) {
	reviewed, entries := 0, 0
	var unreviewed []string
	for _, file := range catalogueFiles(t) {
		name, lines := file.name, file.lines
		for i, line := range lines {
			if m := entryLine.FindStringSubmatch(line); m != nil {
				entries++
				if i < 2 || !strings.HasPrefix(lines[i-2], "# reviewed:") {
					unreviewed = append(unreviewed, name+": "+m[1])
				}
			}
			if !strings.HasPrefix(line, "# reviewed:") {
				continue
			}
			m := reviewedLine.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("%s:%d: want \"# reviewed: YYYY-MM-DD against <page>\", got %q", name, i+1, line)
				continue
			}
			if _, err := time.Parse(time.DateOnly, m[1]); err != nil {
				t.Errorf("%s:%d: review date %q: %v", name, i+1, m[1], err)
			}
			if i+2 >= len(lines) || !strings.HasPrefix(lines[i+1], "# source: ") || !entryLine.MatchString(lines[i+2]) {
				t.Errorf("%s:%d: a review line belongs right above an entry's \"# source:\" line", name, i+1)
				continue
			}
			reviewed++
		}
	}
	if len(unreviewed) > 0 {
		t.Errorf("catalogue entries without a \"# reviewed:\" line above their source line:\n  %s", strings.Join(unreviewed, "\n  "))
	}
	t.Logf("%d of %d catalogue entries carry a review line", reviewed, entries)
}
