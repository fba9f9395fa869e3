package regokit

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Every problem is reported at its file, row and column, and what a sign-in rule may not
// call does not compile.
func TestCompileReportsEveryProblemAtItsPlace(t *testing.T) {
	tests := []struct {
		name, src string
		row       int
		contains  string
	}{
		{"parse error", "package x\n\np if {\n\tx := \n}\n", 5, "unexpected }"},
		{"network", "package x\n\np if {\n\thttp.send({\"method\": \"GET\", \"url\": \"https://example.com\"})\n}\n", 4, "http.send"},
		{"clock", "package x\n\np if {\n\ttime.now_ns() > 0\n}\n", 4, "time.now_ns"},
		{"unknown function", "package x\n\np if {\n\tno_such(1)\n}\n", 4, "no_such"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile([]Module{{Name: "mine.rego", Source: tt.src}})
			var ce *CompileError
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("error %v, want a CompileError", err)
			}
			p := ce.Problems[0]
			if p.File != "mine.rego" || p.Row != tt.row || p.Col == 0 || !strings.Contains(p.Message, tt.contains) {
				t.Errorf("problem %+v, want mine.rego:%d with a column, mentioning %q", p, tt.row, tt.contains)
			}
		})
	}
	if _, err := Compile([]Module{{Name: "ok.rego", Source: "package x\n\np if input.a == 1\n"}}); err != nil {
		t.Errorf("a valid module: %v", err)
	}
}

func TestRunTestsReportsTheFailingTest(t *testing.T) {
	src := "package x_test\n\ntest_ok if true\n\ntest_wrong if {\n\t1 == 2\n}\n"
	ran, failures, err := RunTests(context.Background(), []Module{{Name: "x_test.rego", Source: src}})
	if err != nil || ran != 2 || len(failures) != 1 {
		t.Fatalf("ran %d, failures %+v, err %v; want 2 run and 1 failure", ran, failures, err)
	}
	if f := failures[0]; f.Name != "data.x_test.test_wrong" || f.Location != "x_test.rego:5" {
		t.Errorf("failure %+v", f)
	}
}

// The built-in rules are embedded, and their tests come apart from them.
func TestBuiltinModules(t *testing.T) {
	mods, err := BuiltinModules()
	if err != nil || len(mods) == 0 {
		t.Fatalf("%d modules, %v", len(mods), err)
	}
	tests, err := BuiltinTestModules()
	if err != nil || len(tests) == 0 {
		t.Fatalf("%d tests, %v", len(tests), err)
	}
	for _, m := range mods {
		if strings.HasSuffix(m.Name, "_test.rego") || m.User {
			t.Errorf("%s: a test among the rules, or marked as a user's", m.Name)
		}
	}
}
