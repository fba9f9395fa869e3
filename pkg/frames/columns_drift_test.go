package frames

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The sign-ins frame's fields are one table (signInColumns); the frontend's list of them
// (src/types.ts SIGNIN_FIELDS) and the README's "Frame fields" table must name the same
// fields, so that a field added in one place only is caught.
func TestFrameFieldsMatchTheFrontendAndTheReadme(t *testing.T) {
	var names []string
	for _, c := range signInColumns {
		names = append(names, c.name)
	}
	ts, err := os.ReadFile("../../src/types.ts")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)export const SIGNIN_FIELDS = \[(.*?)\] as const`).FindSubmatch(ts)
	if block == nil {
		t.Fatal("src/types.ts has no SIGNIN_FIELDS")
	}
	var frontend []string
	for _, m := range regexp.MustCompile(`'([A-Za-z0-9]+)'`).FindAllSubmatch(block[1], -1) {
		frontend = append(frontend, string(m[1]))
	}
	if !slices.Equal(frontend, names) {
		t.Errorf("src/types.ts SIGNIN_FIELDS = %v\nsignInColumns = %v", frontend, names)
	}

	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	i := strings.Index(section, "### Frame fields")
	if i < 0 {
		t.Fatal("the README has no Frame fields section")
	}
	section = section[i:]
	if j := strings.Index(section[4:], "\n#"); j > 0 {
		section = section[:j+4]
	}
	// The README names the link columns as ranges: `link1`…`link3`, `link1Url`…`link3Url`.
	ranged := regexp.MustCompile("`([a-z]+)1([A-Za-z]*)`…`([a-z]+)([0-9])([A-Za-z]*)`")
	for _, m := range ranged.FindAllStringSubmatch(section, -1) {
		last := int(m[4][0] - '0')
		for k := 1; k <= last; k++ {
			section += " `" + m[1] + string(rune('0'+k)) + m[2] + "`"
		}
	}
	for _, n := range names {
		if !strings.Contains(section, "`"+n+"`") {
			t.Errorf("the README's Frame fields do not name %q", n)
		}
	}
}
