package regokit

import (
	"fmt"
	"strings"
)

// Problem is one compile error, at a file, row and column, for the config editor and health check.
type Problem struct {
	File    string `json:"file,omitempty"`
	Row     int    `json:"row"`
	Col     int    `json:"col"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Row > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Row, p.Col, p.Message)
	}
	if p.File != "" {
		return p.File + ": " + p.Message
	}
	return p.Message
}

// CompileError lists every problem that kept a rule set from compiling.
type CompileError struct {
	Problems []Problem
}

func (e *CompileError) Error() string {
	parts := make([]string, 0, len(e.Problems))
	for _, p := range e.Problems {
		parts = append(parts, p.String())
	}
	return "the rules do not compile: " + strings.Join(parts, "; ")
}
