package ruleset

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
)

// MaxFolderBytes bounds what a rules folder may hold, so a wrong path (a home directory full of
// files) cannot make the plugin compile gigabytes.
const MaxFolderBytes = 8 << 20

// ReadFolder reads the .rego files of a folder as user modules; files ending _test.rego are
// returned apart as tests. Sub-folders are not read.
func ReadFolder(dir string) (modules, tests []regokit.Module, err error) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, nil, fmt.Errorf("%q is not a readable folder", dir)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.rego"))
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(files)
	var total int
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read %s: %w", f, err)
		}
		if total += len(src); total > MaxFolderBytes {
			return nil, nil, fmt.Errorf("the .rego files in %q are larger than %d bytes", dir, MaxFolderBytes)
		}
		m := regokit.Module{Name: f, Source: string(src), User: true}
		if strings.HasSuffix(f, "_test.rego") {
			tests = append(tests, m)
		} else {
			modules = append(modules, m)
		}
	}
	return modules, tests, nil
}
