// Package engine evaluates sign-ins against the Rego rules: the built-in rules embedded from
// rules/ plus a data source's own. A rule set is compiled and prepared once; evaluating a
// sign-in reuses the prepared query with the sign-in parsed straight into OPA's value type.
package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/valyala/fastjson"

	"github.com/sigdiag/signin-diagnostics/pkg/regokit"
	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// DecisionQuery is the single entrypoint every rule set must define (rules/main.rego).
const DecisionQuery = "data.signin.main.decision"

// Engine is one compiled rule set. It is immutable and safe for concurrent use; a rule change
// builds a new Engine and swaps it in.
type Engine struct {
	prepared     rego.PreparedEvalQuery
	store        storage.Store // data.signin.config only; a transaction is opened per batch, not per sign-in
	compiler     *ast.Compiler
	userPackages map[string]bool
	rules        []RuleInfo
	inputs       *inputIndex
	memo         *memo
}

// Config is what the rules know of the data source, as data.signin.config: the hosts of its
// cloud's portals, for the links the rules build (rules/lib.rego). It is the same for every
// sign-in an engine decides, so the memo of decisions stays keyed on the input alone.
type Config struct {
	// Portals has the keys adminCenter and azure, each an https origin with no path.
	Portals map[string]string `json:"portals"`
}

func (c Config) document() map[string]any {
	portals := map[string]any{}
	for k, v := range c.Portals {
		portals[k] = v
	}
	return map[string]any{"signin": map[string]any{"config": map[string]any{"portals": portals}}}
}

// New compiles the modules and prepares the decision query. Compile errors come back as
// *regokit.CompileError with file, row and column for each problem. The rules see cfg (at most one)
// as data.signin.config; without it they link to the public cloud's portals.
func New(ctx context.Context, modules []regokit.Module, cfg ...Config) (*Engine, error) {
	compiler, err := regokit.Compile(modules)
	if err != nil {
		return nil, err
	}
	return NewCompiled(ctx, compiler, modules, cfg...)
}

// NewCompiled prepares the decision query on modules already compiled by regokit.Compile, so that a
// rule set compiled once serves both the engine and the pattern detector. cfg is as for New.
func NewCompiled(ctx context.Context, compiler *ast.Compiler, modules []regokit.Module, cfg ...Config) (*Engine, error) {
	if !hasDecision(compiler) {
		return nil, &regokit.CompileError{Problems: []regokit.Problem{{Message: "no rule defines " + DecisionQuery + ": keep the built-in rules/main.rego"}}}
	}
	store := inmem.New()
	if len(cfg) > 0 {
		store = inmem.NewFromObject(cfg[0].document())
	}
	prepared, err := rego.New(
		rego.Query(DecisionQuery),
		rego.Compiler(compiler),
		rego.Store(store),
		rego.Capabilities(regokit.Capabilities()),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("preparing the rules: %w", err)
	}
	e := &Engine{prepared: prepared, store: store, compiler: compiler, userPackages: userPackages(modules), inputs: newInputIndex(compiler)}
	e.memo = newMemo(e.inputs, !usesWith(compiler))
	if e.rules, err = e.listRules(ctx); err != nil {
		return nil, err
	}
	return e, nil
}

func hasDecision(c *ast.Compiler) bool {
	ref := ast.MustParseRef(DecisionQuery)
	return len(c.GetRulesExact(ref)) > 0
}

// Evaluate decides one sign-in. An evaluation error (a conflict or type error in a rule) is
// reported on the decision, not returned, so one bad row never fails the query.
func (e *Engine) Evaluate(ctx context.Context, s *signin.SignIn) Decision {
	d, _ := e.evaluateIn(ctx, nil, s)
	return d
}

// evaluateIn decides one sign-in within txn (nil: a transaction of its own). The sign-in is
// parsed once: the memo key and the rules' input are both built from the parsed value. hit
// reports that the decision came from the memo, without evaluating the rules.
func (e *Engine) evaluateIn(ctx context.Context, txn storage.Transaction, s *signin.SignIn) (_ Decision, hit bool) {
	raw := s.Raw
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	rk := hashRaw(raw)
	if d, ok := e.memo.byRaw.get(rk); ok {
		return d, true
	}
	d, hit := e.decide(ctx, txn, s, raw)
	if d.Error == "" {
		e.memo.byRaw.put(rk, d)
	}
	return d, hit
}

// decide parses the sign-in, then answers from the memo of rule inputs or evaluates.
func (e *Engine) decide(ctx context.Context, txn storage.Transaction, s *signin.SignIn, raw []byte) (Decision, bool) {
	if oddStrings(raw) {
		// fastjson keeps invalid UTF-8 and a lone UTF-16 surrogate (\ud800) as they are,
		// where OPA's own parsing (encoding/json) makes them U+FFFD, and the two spellings
		// would share a memo key. Such a sign-in is parsed the way OPA parses it, and its
		// decision is kept only by its exact bytes.
		input, err := ast.ValueFromReader(bytes.NewReader(raw))
		if err != nil {
			return Decision{Status: fallbackStatus(s), Error: "the sign-in is not valid JSON: " + err.Error()}, false
		}
		return e.evaluate(ctx, txn, s, input), false
	}
	p := e.memo.parsers.Get()
	defer e.memo.parsers.Put(p)
	v, err := p.ParseBytes(raw)
	if err != nil {
		return Decision{Status: fallbackStatus(s), Error: "the sign-in is not valid JSON: " + err.Error()}, false
	}
	if e.memo.paths == nil || v.Type() != fastjson.TypeObject {
		return e.evaluate(ctx, txn, s, toAST(v)), false
	}
	fv := e.memo.values.Get().(*fieldValues)
	defer e.memo.values.Put(fv)
	e.memo.trie.values(v, fv)
	if e.memo.readSets != nil {
		if d, ok := e.memo.readSets.get(fv); ok {
			return d, true
		}
		in := e.memo.trie.project(v)
		rec := &readRecorder{paths: map[string]struct{}{}}
		d, ok := e.evaluateRecording(ctx, txn, s, in, rec)
		if !ok {
			// The recording input failed (see recording.go), or the rules did: decide on
			// the plain input, and keep the decision on all the fields the rules may read.
			d = e.evaluate(ctx, txn, s, in)
			clear(rec.paths)
			rec.addAll(e.memo.trie.leaves)
		}
		if d.Error == "" {
			e.memo.readSets.put(fv, rec.paths, d)
		}
		return d, false
	}
	key := string(fv.appendKey(nil, e.memo.trie.leafIDs))
	if d, ok := e.memo.byKey.get(key); ok {
		return d, true
	}
	d := e.evaluate(ctx, txn, s, e.memo.trie.project(v))
	if d.Error == "" {
		e.memo.byKey.put(key, d)
	}
	return d, false
}

// InputFields lists the input fields the loaded rules read (dotted paths, as derived from the
// compiled rules), or nil when a rule reads the input as a whole.
func (e *Engine) InputFields() []string {
	if e.memo.paths == nil {
		return nil
	}
	out := make([]string, len(e.memo.paths))
	for i, p := range e.memo.paths {
		out[i] = strings.Join(p, ".")
	}
	return out
}

// Memoized reports whether decisions are memoized on the fields the rules read (false when a
// rule reads the input as a whole).
func (e *Engine) Memoized() bool { return e.memo.paths != nil }

// evaluate runs the prepared query for one sign-in's input.
func (e *Engine) evaluate(ctx context.Context, txn storage.Transaction, s *signin.SignIn, input ast.Value, extra ...rego.EvalOption) Decision {
	opts := append([]rego.EvalOption{rego.EvalParsedInput(input)}, extra...)
	if txn != nil {
		opts = append(opts, rego.EvalTransaction(txn))
	}
	rs, err := e.prepared.Eval(ctx, opts...)
	if err != nil {
		if ctx.Err() != nil {
			return Decision{Status: fallbackStatus(s), Error: stopReason(ctx.Err())}
		}
		return Decision{Status: fallbackStatus(s), Error: "rule evaluation failed: " + err.Error()}
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return Decision{Status: fallbackStatus(s), Error: DecisionQuery + " is undefined for this sign-in"}
	}
	d, err := decode(rs[0].Expressions[0].Value, e.userPackages)
	if err != nil {
		return Decision{Status: fallbackStatus(s), Error: err.Error()}
	}
	return d
}

// EvaluationBudget is the most time one EvaluateAll may spend: a user rule that loops for ever
// is stopped there and the rows it did not reach carry the reason, instead of a hung panel.
var EvaluationBudget = 30 * time.Second

// EvaluateAll decides every sign-in, spreading the work over the CPUs. Decisions are returned
// in the order of the sign-ins. A cancelled context or the evaluation budget stops the work:
// the remaining decisions carry the reason.
func (e *Engine) EvaluateAll(ctx context.Context, signIns []signin.SignIn) []Decision {
	out, _ := e.EvaluateAllCounted(ctx, signIns)
	return out
}

// EvalCounts says how one EvaluateAll went: the sign-ins decided, and how many of those
// decisions came from the memo without evaluating the rules.
type EvalCounts struct {
	Decided, MemoHits int
}

// EvaluateAllCounted is EvaluateAll with its counts, for the operator's metrics.
func (e *Engine) EvaluateAllCounted(ctx context.Context, signIns []signin.SignIn) ([]Decision, EvalCounts) {
	ctx, cancel := context.WithTimeout(ctx, EvaluationBudget)
	defer cancel()
	out := make([]Decision, len(signIns))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(signIns)/64))
	var wg sync.WaitGroup
	var decided, hits atomic.Int64
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var n, h int64
			defer func() { decided.Add(n); hits.Add(h) }()
			// One read transaction for the worker's whole share: opening one per sign-in
			// costs more than a memoized decision.
			txn, err := e.store.NewTransaction(ctx)
			if err != nil {
				txn = nil
			} else {
				defer e.store.Abort(ctx, txn)
			}
			for i := w; i < len(signIns); i += workers {
				if err := ctx.Err(); err != nil {
					out[i] = Decision{Status: fallbackStatus(&signIns[i]), Error: stopReason(err)}
					continue
				}
				var hit bool
				out[i], hit = e.safeEvaluate(ctx, txn, &signIns[i])
				n++
				if hit {
					h++
				}
			}
		}()
	}
	wg.Wait()
	return out, EvalCounts{Decided: int(decided.Load()), MemoHits: int(hits.Load())}
}

// safeEvaluate is evaluateIn for the workers of EvaluateAll: they are goroutines of their own,
// where a panic (in OPA or here) would end the plugin process, so it becomes that row's error.
func (e *Engine) safeEvaluate(ctx context.Context, txn storage.Transaction, s *signin.SignIn) (d Decision, hit bool) {
	defer func() {
		if r := recover(); r != nil {
			d, hit = Decision{Status: fallbackStatus(s), Error: fmt.Sprintf("internal error while evaluating the rules for this sign-in (please report it): %v", r)}, false
		}
	}()
	return e.evaluateIn(ctx, txn, s)
}

func stopReason(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("rule evaluation stopped: the rules took longer than %s for this query (a rule may loop over too much)", EvaluationBudget)
	}
	return "rule evaluation stopped: " + err.Error()
}

// Rules lists the loaded rules and catalogue entries, built from their METADATA.
func (e *Engine) Rules() []RuleInfo { return e.rules }

// fallbackStatus classifies a sign-in the way the default rule would, for rows whose
// evaluation failed, so they still land in the right status filter.
func fallbackStatus(s *signin.SignIn) string {
	if s.Status.ErrorCode == 0 {
		return StatusSuccess
	}
	return StatusFailure
}
