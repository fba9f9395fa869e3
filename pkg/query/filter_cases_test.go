package query

import (
	"encoding/json"
	"os"
	"testing"
)

// filterCases are the shared cases of src/__fixtures__/graph-filter-cases.json: the filter
// the backend pushes to Graph must be the one the query editor previews (src/graphFilter.ts
// runs the same file).
type filterCases struct {
	Cases []struct {
		Name       string          `json:"name"`
		APIVersion string          `json:"apiVersion"`
		Query      json.RawMessage `json:"query"`
		Filter     string          `json:"filter"`
	} `json:"cases"`
}

func TestSharedFilterCases(t *testing.T) {
	raw, err := os.ReadFile("../../src/__fixtures__/graph-filter-cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var fc filterCases
	if err := json.Unmarshal(raw, &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Cases) < 20 {
		t.Fatalf("%d cases: the file lost its cases", len(fc.Cases))
	}
	for _, c := range fc.Cases {
		t.Run(c.Name, func(t *testing.T) {
			m, err := Parse(c.Query, "")
			if err != nil {
				t.Fatalf("Parse(%s): %v", c.Query, err)
			}
			if got := m.GraphFilterFor(c.APIVersion); got != c.Filter {
				t.Errorf("GraphFilterFor(%q) = %q\nwant             %q", c.APIVersion, got, c.Filter)
			}
		})
	}
}
