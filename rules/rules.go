// Package rules embeds the built-in Rego rules so the plugin binary carries them.
package rules

import "embed"

// FS holds every built-in .rego file, tests included (the engine skips *_test.rego in production).
//
//go:embed *.rego
var FS embed.FS
