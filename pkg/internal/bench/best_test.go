package bench

import (
	"bytes"
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/valyala/fastjson"

	"github.com/sigdiag/signin-diagnostics/pkg/engine"
	"github.com/sigdiag/signin-diagnostics/pkg/frames"
	"github.com/sigdiag/signin-diagnostics/pkg/graph"
	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// The best pipeline assembled from the same libraries by hand, as the issue describes it: a
// fast decoder into typed structs, the prepared query with the input parsed straight to an
// AST value and one transaction, decisions memoized on the fields the rules read, columns,
// Arrow. It is the yardstick for the plugin's own pipeline.
type best struct {
	pq     rego.PreparedEvalQuery
	store  storage.Store
	fields [][]string
	memo   map[string]engine.Decision
}

func newBest(ctx context.Context) (*best, error) {
	mods, err := regokit.BuiltinModules()
	if err != nil {
		return nil, err
	}
	c, err := regokit.Compile(mods)
	if err != nil {
		return nil, err
	}
	store := inmem.New()
	pq, err := rego.New(rego.Query(engine.DecisionQuery), rego.Compiler(c), rego.Store(store)).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	e, err := engine.New(ctx, mods)
	if err != nil {
		return nil, err
	}
	b := &best{pq: pq, store: store, memo: map[string]engine.Decision{}}
	for _, f := range e.InputFields() {
		b.fields = append(b.fields, splitDots(f))
	}
	return b, nil
}

func splitDots(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '.' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func (b *best) decide(ctx context.Context, txn storage.Transaction, p *fastjson.Parser, s *signin.SignIn) engine.Decision {
	v, err := p.ParseBytes(s.Raw)
	if err != nil {
		return engine.Decision{Error: err.Error()}
	}
	key := make([]byte, 0, 256)
	for _, f := range b.fields {
		key = append(key, 0)
		if x := v.Get(f...); x != nil {
			key = x.MarshalTo(key)
		}
	}
	if d, ok := b.memo[string(key)]; ok {
		return d
	}
	input, err := ast.ValueFromReader(bytes.NewReader(s.Raw))
	if err != nil {
		return engine.Decision{Error: err.Error()}
	}
	rs, err := b.pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalTransaction(txn))
	if err != nil {
		return engine.Decision{Error: err.Error()}
	}
	d := naiveDecision(rs)
	b.memo[string(key)] = d
	return d
}

// pipeline turns a page into an Arrow frame.
func (b *best) pipeline(ctx context.Context, page []byte) ([][]byte, error) {
	rows, _, err := graph.DecodePage(page)
	if err != nil {
		return nil, err
	}
	txn, err := b.store.NewTransaction(ctx)
	if err != nil {
		return nil, err
	}
	defer b.store.Abort(ctx, txn)
	var p fastjson.Parser
	decisions := make([]engine.Decision, len(rows))
	for i := range rows {
		decisions[i] = b.decide(ctx, txn, &p, &rows[i])
	}
	return data.Frames{frames.SignIns("A", rows, decisions, frames.Context{})}.MarshalArrow()
}

// pluginPipeline is the plugin's own path for a page, as pkg/plugin runs it: graph.DecodePage
// (what List does with each page), Engine.EvaluateAll, frames.SignIns, Arrow.
func pluginPipeline(ctx context.Context, e *engine.Engine, page []byte) ([][]byte, error) {
	rows, _, err := graph.DecodePage(page)
	if err != nil {
		return nil, err
	}
	decisions := e.EvaluateAll(ctx, rows)
	return data.Frames{frames.SignIns("A", rows, decisions, frames.Context{})}.MarshalArrow()
}
