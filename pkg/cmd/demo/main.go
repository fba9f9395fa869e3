// Command demo runs the plugin's main job on the built-in demo tenant from a terminal: it
// starts the plugin binary built into a dist folder exactly as Grafana does, and prints the
// annotated failures of the demo tenant's last 24 hours and their top causes.
//
//	go run ./pkg/cmd/demo [dist folder, default dist]
//
// `go tool mage demo` builds the plugin first and runs this.
package main

import (
	"fmt"
	"os"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/demorun"
)

func main() {
	dir := "dist"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	binary, err := demorun.Binary(dir)
	if err == nil {
		err = demorun.Run(os.Stdout, binary)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}
