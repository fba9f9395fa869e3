package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// corpusFile is one file of testdata/corpus: sign-in records that others published (Microsoft's
// pages and sample records, admins quoting their logs), each with the status, winning rule and
// severity that Microsoft's pages lead to expect. testdata/corpus/README.md describes the format.
type corpusFile struct {
	Source struct {
		Kind, Title, URL, Repository, Commit, Path, Licence, Note string
	} `json:"source"`
	Filled  string         `json:"filled"`
	Whole   bool           `json:"whole"`
	Records []corpusRecord `json:"records"`
}

type corpusRecord struct {
	ID        string            `json:"id"`
	Where     string            `json:"where"`
	Published []string          `json:"published"`
	Inferred  map[string]string `json:"inferred"`
	SignIn    map[string]any    `json:"signIn"`
	Expect    struct {
		Status, Winner, Severity string
	} `json:"expect"`
	Basis string `json:"basis"`
}

// filledFields are the fields a minimal record takes from Microsoft's documented v1.0 example
// when it does not publish them: who signed in to which app, nothing that a rule decides on.
var filledFields = []string{"id", "createdDateTime", "userDisplayName", "userPrincipalName", "userId", "appId", "appDisplayName", "ipAddress", "correlationId"}

// The corpus targets; the test fails if the corpus shrinks below them.
const (
	corpusMinRecords = 200
	corpusMinCodes   = 80
)

func readCorpus(t *testing.T) map[string]corpusFile {
	t.Helper()
	names, err := filepath.Glob("testdata/corpus/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no corpus files (%v)", err)
	}
	out := map[string]corpusFile{}
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var f corpusFile
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[filepath.Base(name)] = f
	}
	return out
}

// corpusSignIn builds the Graph signIn a record stands for: the record itself when the source
// published a whole sign-in, else the filled fields of Microsoft's example under the record's.
func corpusSignIn(t *testing.T, f corpusFile, r corpusRecord) signin.SignIn {
	t.Helper()
	obj := map[string]any{}
	if !f.Whole {
		raw, err := os.ReadFile("testdata/graph-example-v1.json")
		if err != nil {
			t.Fatal(err)
		}
		var base map[string]any
		if err := json.Unmarshal(raw, &base); err != nil {
			t.Fatal(err)
		}
		for _, k := range filledFields {
			obj[k] = base[k]
		}
	}
	for k, v := range r.SignIn {
		obj[k] = v
	}
	return decodeObject(t, r.ID, obj)
}

// leafPaths lists the dotted paths of an object's leaves (an empty object is a leaf).
func leafPaths(obj map[string]any, prefix string) []string {
	var out []string
	for k, v := range obj {
		if m, ok := v.(map[string]any); ok && len(m) > 0 {
			out = append(out, leafPaths(m, prefix+k+".")...)
			continue
		}
		out = append(out, prefix+k)
	}
	return out
}

// Every record states where it comes from and which fields were published, and the rules
// explain it as Microsoft's pages lead to expect: status, winning rule and severity.
func TestRealWorldCorpus(t *testing.T) {
	e := builtinEngine(t)
	files := readCorpus(t)
	ids := map[string]bool{}
	codes := map[int]bool{}
	records := 0
	for name, f := range files {
		if f.Source.Title == "" || f.Source.URL == "" || f.Source.Repository == "" || f.Source.Licence == "" || f.Filled == "" {
			t.Errorf("%s: the source needs a title, URL, repository, licence and the filled-fields note", name)
		}
		for _, r := range f.Records {
			records++
			label := name + ": " + r.ID
			if r.ID == "" || ids[r.ID] {
				t.Errorf("%s: missing or duplicate id", label)
			}
			ids[r.ID] = true
			if r.Basis == "" {
				t.Errorf("%s: no basis for the expectation", label)
			}
			var leaves []string
			for _, p := range leafPaths(r.SignIn, "") {
				if _, inferred := r.Inferred[p]; !inferred {
					leaves = append(leaves, p)
				}
			}
			slices.Sort(leaves)
			if got := slices.Sorted(slices.Values(r.Published)); !slices.Equal(got, leaves) {
				t.Errorf("%s: published %v, but the record holds %v (inferred fields go in 'inferred')", label, got, leaves)
			}
			s := corpusSignIn(t, f, r)
			d := e.Evaluate(context.Background(), &s)
			if code, ok := r.SignIn["status"].(map[string]any)["errorCode"].(float64); ok && code != 0 {
				codes[int(code)] = true
			}
			winner, severity := "", ""
			if w := d.Winner(); w != nil {
				winner, severity = w.RuleID, w.Severity
			}
			got := fmt.Sprintf("%s %s %s", d.Status, winner, severity)
			want := fmt.Sprintf("%s %s %s", r.Expect.Status, r.Expect.Winner, r.Expect.Severity)
			if d.Error != "" || got != want {
				t.Errorf("%s: got status/winner/severity %q, want %q (%s)%s", label, got, want, r.Basis, errorSuffix(d.Error))
			}
		}
	}
	t.Logf("corpus: %d records from %d files, %d distinct error codes", records, len(files), len(codes))
	if records < corpusMinRecords || len(codes) < corpusMinCodes {
		t.Errorf("the corpus has %d records and %d codes, want at least %d and %d", records, len(codes), corpusMinRecords, corpusMinCodes)
	}
}

func errorSuffix(err string) string {
	if err == "" {
		return ""
	}
	return "; evaluation error: " + err
}
