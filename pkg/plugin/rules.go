package plugin

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/settings"
)

// ruleSet is the engine serving queries plus why the user's rules are not in it, if they are not.
type ruleSet struct {
	engine *engine.Engine
	// userErr says why the admin's rules were not loaded (the built-in rules serve meanwhile).
	userErr error
	// builtinErr is set only if the built-in rules themselves fail, which is a build bug.
	builtinErr error
}

// loadRules compiles the built-in rules with the data source's own. If the user's rules do not
// compile, the built-in rules serve alone and the error is reported by the health check and
// on every frame, so a typo never takes the dashboards down.
func loadRules(ctx context.Context, s *settings.Settings) *ruleSet {
	builtin, err := engine.BuiltinModules()
	if err != nil {
		return &ruleSet{builtinErr: err}
	}
	user, userErr := userModules(s)
	if userErr == nil && len(user) > 0 {
		e, err := engine.New(ctx, append(append([]engine.Module{}, builtin...), user...))
		if err == nil {
			return &ruleSet{engine: e}
		}
		userErr = err
	}
	e, err := engine.New(ctx, builtin)
	if err != nil {
		return &ruleSet{builtinErr: fmt.Errorf("the built-in rules do not compile: %w", err)}
	}
	return &ruleSet{engine: e, userErr: userErr}
}

// userModules reads the inline rules and the rules folder.
func userModules(s *settings.Settings) ([]engine.Module, error) {
	if s == nil {
		return nil, nil
	}
	var out []engine.Module
	if strings.TrimSpace(s.CustomRules) != "" {
		out = append(out, engine.Module{Name: "customRules", Source: s.CustomRules, User: true})
	}
	if s.RulesPath == "" {
		return out, nil
	}
	files, err := filepath.Glob(filepath.Join(s.RulesPath, "*.rego"))
	if err != nil {
		return nil, fmt.Errorf("jsonData.rulesPath: %w", err)
	}
	sort.Strings(files)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.rego") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("jsonData.rulesPath: cannot read %s: %w", f, err)
		}
		out = append(out, engine.Module{Name: f, Source: string(src), User: true})
	}
	if len(files) == 0 {
		if _, err := os.Stat(s.RulesPath); err != nil {
			return nil, fmt.Errorf("jsonData.rulesPath %q cannot be read: %w", s.RulesPath, err)
		}
	}
	return out, nil
}

// validate compiles the given inline rules with the built-in ones, for the config editor.
func validate(ctx context.Context, src string) []engine.Problem {
	if len(src) > settings.MaxCustomRulesBytes {
		return []engine.Problem{{File: "customRules", Message: fmt.Sprintf("the rules are %d bytes; the limit is %d", len(src), settings.MaxCustomRulesBytes)}}
	}
	builtin, err := engine.BuiltinModules()
	if err != nil {
		return []engine.Problem{{Message: err.Error()}}
	}
	_, err = engine.New(ctx, append(builtin, engine.Module{Name: "customRules", Source: src, User: true}))
	if err == nil {
		return nil
	}
	var ce *engine.CompileError
	if errors.As(err, &ce) {
		return ce.Problems
	}
	return []engine.Problem{{File: "customRules", Message: err.Error()}}
}
