package engine

import (
	"fmt"
	"sort"
)

// The classification of a sign-in, from data.signin.classify.status.
const (
	StatusSuccess     = "success"
	StatusInterrupted = "interrupted"
	StatusFailure     = "failure"
)

// Finding is one rule's explanation of a sign-in (the rule contract in README.md).
type Finding struct {
	RuleID    string   `json:"ruleId"`
	Title     string   `json:"title"`
	Cause     string   `json:"cause"`
	NextSteps []string `json:"nextSteps"`
	Severity  string   `json:"severity"`
	Category  string   `json:"category"`
	Actor     string   `json:"actor"`
	// Kind is contextual, catalogue or fallback; it decides precedence.
	Kind  string `json:"kind"`
	Links []Link `json:"links"`
	// Package is the rule's package under signin.rules; User says an admin wrote it.
	Package string `json:"package"`
	User    bool   `json:"user"`
}

// Link is a documentation link a rule attaches to its finding.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Decision is the outcome for one sign-in: its classification and the findings, winner first.
type Decision struct {
	Status   string
	Findings []Finding
	// Error is set when the rules could not be evaluated for this sign-in.
	Error string
}

// Winner is the finding that explains the sign-in, or nil for a success.
func (d *Decision) Winner() *Finding {
	if len(d.Findings) == 0 {
		return nil
	}
	return &d.Findings[0]
}

var kindRank = map[string]int{"contextual": 0, "catalogue": 1, "fallback": 2}

var severityRank = map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}

// rank orders findings deterministically: a user's finding replaces a built-in one with the
// same ruleId; then contextual beats catalogue beats fallback (a rule that looked at more of the
// sign-in knows more); then user rules first, then higher severity, then ruleId.
func rank(findings []Finding) []Finding {
	userIDs := map[string]bool{}
	for _, f := range findings {
		if f.User {
			userIDs[f.RuleID] = true
		}
	}
	kept := findings[:0]
	for _, f := range findings {
		if !f.User && userIDs[f.RuleID] {
			continue
		}
		kept = append(kept, f)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		if ka, kb := rankOf(kindRank, a.Kind, 1), rankOf(kindRank, b.Kind, 1); ka != kb {
			return ka < kb
		}
		if a.User != b.User {
			return a.User
		}
		if sa, sb := rankOf(severityRank, a.Severity, 5), rankOf(severityRank, b.Severity, 5); sa != sb {
			return sa < sb
		}
		return a.RuleID < b.RuleID
	})
	return kept
}

func rankOf(m map[string]int, k string, missing int) int {
	if r, ok := m[k]; ok {
		return r
	}
	return missing
}

// decode reads the decision object the rules produced.
func decode(v any, user map[string]bool) (Decision, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return Decision{}, fmt.Errorf("%s must be an object, got %T", DecisionQuery, v)
	}
	d := Decision{Status: str(obj["status"])}
	switch d.Status {
	case StatusSuccess, StatusInterrupted, StatusFailure:
	default:
		return Decision{}, fmt.Errorf("data.signin.classify.status must be success, interrupted or failure, got %q", d.Status)
	}
	list, _ := obj["findings"].([]any)
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return Decision{}, fmt.Errorf("a finding must be an object, got %T", item)
		}
		f := Finding{
			RuleID: str(m["ruleId"]), Title: str(m["title"]), Cause: str(m["cause"]),
			Severity: str(m["severity"]), Category: str(m["category"]), Actor: str(m["actor"]),
			Kind: str(m["kind"]), Package: str(m["package"]), NextSteps: strs(m["nextSteps"]),
		}
		f.User = user[f.Package]
		for _, l := range anys(m["links"]) {
			if lm, ok := l.(map[string]any); ok {
				f.Links = append(f.Links, Link{Title: str(lm["title"]), URL: str(lm["url"])})
			}
		}
		d.Findings = append(d.Findings, f)
	}
	d.Findings = rank(d.Findings)
	return d, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func anys(v any) []any {
	a, _ := v.([]any)
	return a
}

func strs(v any) []string {
	var out []string
	for _, x := range anys(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
