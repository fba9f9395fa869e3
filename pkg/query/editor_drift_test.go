package query

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// The query editor (src/types.ts) offers exactly the query types and group-bys this package
// accepts, in the same order: a type or dimension added on one side only would be refused by
// the backend or never offered.
func TestEditorListsMatch(t *testing.T) {
	src, err := os.ReadFile("../../src/types.ts")
	if err != nil {
		t.Fatal(err)
	}
	quoted := regexp.MustCompile(`'([A-Za-z]+)'`)
	block := func(re string) []string {
		t.Helper()
		m := regexp.MustCompile(re).FindSubmatch(src)
		if m == nil {
			t.Fatalf("src/types.ts has no %s", re)
		}
		var out []string
		for _, q := range quoted.FindAllSubmatch(m[1], -1) {
			out = append(out, string(q[1]))
		}
		return out
	}
	var types []string
	for _, qt := range Types {
		types = append(types, string(qt))
	}
	if got := block(`(?s)export type QueryType =(.*?);`); !slices.Equal(got, types) {
		t.Errorf("src/types.ts QueryType = %v, pkg/query Types = %v", got, types)
	}
	var values []string
	for _, v := range regexp.MustCompile(`value: '([A-Za-z]+)'`).FindAllSubmatch(regexp.MustCompile(`(?s)export const GROUP_BY_TABLE = \[(.*?)\] as const`).Find(src), -1) {
		values = append(values, string(v[1]))
	}
	if !slices.Equal(values, GroupBys) {
		t.Errorf("src/types.ts GROUP_BY_TABLE = %v, pkg/query GroupBys = %v", values, GroupBys)
	}
}
