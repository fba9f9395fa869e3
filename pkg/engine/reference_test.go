package engine

import (
	"bytes"
	"context"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// evaluateReference decides a sign-in the plain way: the whole sign-in converted by OPA's
// own ast.ValueFromReader, no projection, no memo. Tests compare the engine's fast path to it.
func (e *Engine) evaluateReference(ctx context.Context, s *signin.SignIn) Decision {
	raw := s.Raw
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	input, err := ast.ValueFromReader(bytes.NewReader(raw))
	if err != nil {
		return Decision{Status: fallbackStatus(s), Error: "the sign-in is not valid JSON: " + err.Error()}
	}
	return e.evaluate(ctx, nil, s, input)
}
