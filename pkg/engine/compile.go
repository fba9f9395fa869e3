package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
)

// userPackages names the signin.rules packages only admins' modules define. A user module
// that adds to a built-in package (a catalogue entry, say) leaves that package built-in.
func userPackages(modules []regokit.Module) map[string]bool {
	out, builtin := map[string]bool{}, map[string]bool{}
	for _, m := range modules {
		mod, err := ast.ParseModuleWithOpts(m.Name, m.Source, regokit.ParserOptions())
		if err != nil {
			continue
		}
		if name := packageName(mod.Package.Path); m.User {
			out[name] = true
		} else {
			builtin[name] = true
		}
	}
	for name := range builtin {
		delete(out, name)
	}
	return out
}

// packageName is the segment after data.signin.rules, which main.rego attaches to findings.
func packageName(path ast.Ref) string {
	if len(path) > 3 {
		if s, ok := path[3].Value.(ast.String); ok {
			return string(s)
		}
	}
	return ""
}
