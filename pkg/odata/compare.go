package odata

import (
	"cmp"
	"fmt"
	"strings"
	"time"
)

// evalComparison applies eq, ne, gt, ge, lt or le. Null follows OData: null
// equals only null, and ordering with one null operand is false.
func evalComparison(b *Binary, obj map[string]any, sc *scope) (any, error) {
	if !comparisons[b.Op] {
		return nil, evalErr(b, "unknown operator %q", b.Op)
	}
	l, err := eval(b.Left, obj, sc)
	if err != nil {
		return nil, err
	}
	r, err := eval(b.Right, obj, sc)
	if err != nil {
		return nil, err
	}
	if l == nil || r == nil {
		both := l == nil && r == nil
		switch b.Op {
		case "eq", "ge", "le":
			return both, nil
		case "ne":
			return !both, nil
		}
		return false, nil
	}
	c, err := compareValues(b.Op, l, r)
	if err != nil {
		return nil, evalErr(b, "%v", err)
	}
	switch b.Op {
	case "eq":
		return c == 0, nil
	case "ne":
		return c != 0, nil
	case "gt":
		return c > 0, nil
	case "ge":
		return c >= 0, nil
	case "lt":
		return c < 0, nil
	}
	return c <= 0, nil
}

// compareValues orders two non-null values. Strings compare without regard
// to case, as Graph does for names and UPNs. A string compared with a
// datetime is read as a timestamp, because JSON carries createdDateTime as
// text such as "2020-03-13T19:15:41.6195833Z".
func compareValues(op string, l, r any) (int, error) {
	switch lv := l.(type) {
	case string:
		switch rv := r.(type) {
		case string:
			return strings.Compare(strings.ToLower(lv), strings.ToLower(rv)), nil
		case time.Time:
			lt, err := parseTimestamp(lv)
			return lt.Compare(rv), err
		}
	case time.Time:
		switch rv := r.(type) {
		case time.Time:
			return lv.Compare(rv), nil
		case string:
			rt, err := parseTimestamp(rv)
			return lv.Compare(rt), err
		}
	case int64, float64:
		if isNumber(r) {
			return compareNumbers(lv, r), nil
		}
	case bool:
		if rv, ok := r.(bool); ok {
			if op != "eq" && op != "ne" {
				return 0, fmt.Errorf("booleans support only eq and ne")
			}
			if lv == rv {
				return 0, nil
			}
			return 1, nil
		}
	}
	return 0, fmt.Errorf("cannot compare %s with %s", typeName(l), typeName(r))
}

func parseTimestamp(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return t, fmt.Errorf("%q is not a datetime", s)
	}
	return t, nil
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

// compareNumbers compares exactly when both are integers, and as float64
// otherwise (JSON decoding without UseNumber yields float64).
func compareNumbers(l, r any) int {
	li, lok := l.(int64)
	ri, rok := r.(int64)
	if lok && rok {
		return cmp.Compare(li, ri)
	}
	return cmp.Compare(toFloat(l), toFloat(r))
}

func toFloat(v any) float64 {
	if i, ok := v.(int64); ok {
		return float64(i)
	}
	return v.(float64)
}

// evalCall evaluates a string function. A null argument gives null, so a
// missing property does not match rather than failing the whole query.
func evalCall(c *Call, obj map[string]any, sc *scope) (any, error) {
	if n, ok := functions[c.Name]; !ok || n != len(c.Args) {
		return nil, evalErr(c, "unknown function or wrong number of arguments")
	}
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		v, err := eval(a, obj, sc)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, nil
		}
		s, ok := v.(string)
		if !ok {
			return nil, evalErr(c, "argument %d is %s, want string", i+1, typeName(v))
		}
		args[i] = s
	}
	switch c.Name {
	case "tolower":
		return strings.ToLower(args[0]), nil
	case "toupper":
		return strings.ToUpper(args[0]), nil
	}
	s, sub := strings.ToLower(args[0]), strings.ToLower(args[1])
	switch c.Name {
	case "startswith":
		return strings.HasPrefix(s, sub), nil
	case "endswith":
		return strings.HasSuffix(s, sub), nil
	}
	return strings.Contains(s, sub), nil
}

// typeName names a normalised value's type in OData-ish terms for errors.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case int64, float64:
		return "number"
	case time.Time:
		return "datetime"
	case []any:
		return "collection"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}
