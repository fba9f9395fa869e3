package patterns

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Window limits: a bucket shorter than a minute says nothing a single sign-in does not, and
// one longer than a week outlives any query the plugin makes.
const (
	minWindow = time.Minute
	maxWindow = 7 * 24 * time.Hour
)

// ThresholdError is an override the defaults do not allow, named by pattern and key.
type ThresholdError struct {
	Pattern string // the pattern ID, e.g. "password-spray"
	Key     string // the threshold, e.g. "minUsers"; empty when the pattern itself is wrong
	Message string
}

// Path is where the error is, "password-spray.minUsers"; the plugin prefixes its setting.
func (e *ThresholdError) Path() string {
	if e.Key == "" {
		return e.Pattern
	}
	return e.Pattern + "." + e.Key
}

func (e *ThresholdError) Error() string { return e.Path() + ": " + e.Message }

// checkOverrides checks every override against the default of the same key and returns them
// normalized (whole numbers as int64, lists as []any). The first problem, in sorted order of
// pattern and key, is returned, so the message is stable.
func checkOverrides(defaults, overrides Thresholds) (Thresholds, error) {
	out := Thresholds{}
	for _, id := range sortedKeys(overrides) {
		def, ok := defaults[id]
		if !ok {
			return nil, &ThresholdError{Pattern: id, Message: fmt.Sprintf("unknown pattern; the patterns are %s", strings.Join(sortedKeys(defaults), ", "))}
		}
		out[id] = map[string]any{}
		for _, key := range sortedKeys(overrides[id]) {
			want, ok := def[key]
			if !ok {
				return nil, &ThresholdError{Pattern: id, Key: key, Message: fmt.Sprintf("unknown threshold; %s has %s", id, strings.Join(sortedKeys(def), ", "))}
			}
			v, err := checkValue(want, overrides[id][key])
			if err != nil {
				return nil, &ThresholdError{Pattern: id, Key: key, Message: err.Error()}
			}
			out[id][key] = v
		}
	}
	return out, nil
}

// checkValue accepts got when it has the type of the default want.
func checkValue(want, got any) (any, error) {
	switch w := want.(type) {
	case json.Number:
		return checkNumber(w, got)
	case bool:
		if b, ok := got.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("must be true or false (the default is %v), got %s", w, describe(got))
	case string:
		s, ok := got.(string)
		if !ok {
			return nil, fmt.Errorf("must be a text like the default %q, got %s", w, describe(got))
		}
		if _, err := time.ParseDuration(w); err == nil {
			return s, checkDuration(w, s)
		}
		return s, nil
	case []any:
		return checkList(w, got)
	}
	return nil, fmt.Errorf("cannot be overridden (its default is %s)", describe(want))
}

func checkNumber(want json.Number, got any) (any, error) {
	f, ok := number(got)
	if !ok {
		return nil, fmt.Errorf("must be a number like the default %s, got %s", want, describe(got))
	}
	if _, err := want.Int64(); err == nil {
		if f != math.Trunc(f) || f < 0 || f > math.MaxInt32 {
			return nil, fmt.Errorf("must be a whole number of 0 or more like the default %s, got %s", want, describe(got))
		}
		return int64(f), nil
	}
	if f < 0 {
		return nil, fmt.Errorf("must be 0 or more like the default %s, got %s", want, describe(got))
	}
	return f, nil
}

func checkDuration(want, got string) error {
	d, err := time.ParseDuration(got)
	if err != nil {
		return fmt.Errorf("must be a duration like the default %q (e.g. \"90s\", \"20m\", \"1h\", \"24h\"), got %q", want, got)
	}
	if d < minWindow || d > maxWindow || d%time.Second != 0 {
		return fmt.Errorf("must be whole seconds between %s and %s, got %q", minWindow, maxWindow, got)
	}
	return nil
}

// checkList accepts a list whose items have the type of the default's first item (codes).
func checkList(want []any, got any) (any, error) {
	list, ok := got.([]any)
	if !ok {
		return nil, fmt.Errorf("must be a list like the default %s, got %s", describe(want), describe(got))
	}
	if len(want) == 0 {
		return list, nil
	}
	out := make([]any, len(list))
	for i, item := range list {
		v, err := checkValue(want[0], item)
		if err != nil {
			return nil, fmt.Errorf("item %d %w", i+1, err)
		}
		out[i] = v
	}
	return out, nil
}

// number reads the numbers JSON decoding and Go callers produce.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

func describe(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// cloneThresholds copies two levels deep and turns OPA's json.Number into int64 or float64,
// so callers see plain Go values.
func cloneThresholds(t Thresholds) Thresholds {
	out := make(Thresholds, len(t))
	for id, keys := range t {
		m := make(map[string]any, len(keys))
		for k, v := range keys {
			m[k] = plain(v)
		}
		out[id] = m
	}
	return out
}

func plain(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = plain(item)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, item := range x {
			out[k] = plain(item)
		}
		return out
	}
	return v
}
