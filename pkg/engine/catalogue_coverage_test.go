package engine

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// referenceCode is one row of testdata/aadsts-codes.tsv: every code of Microsoft's "Entra
// authentication and authorization error codes" reference plus the four Microsoft names
// elsewhere (90025, 500121, 70046 from the sign-in troubleshooting guide, 81014 from the
// Sign-in Analysis workbook). The file is a copy of shared/reference/aadsts-codes.tsv; its
// columns are code, official_name, meaning, category, actor, source.
type referenceCode struct {
	Code     int
	Name     string
	Category string
}

func readReferenceCodes(t *testing.T) []referenceCode {
	t.Helper()
	f, err := os.Open("testdata/aadsts-codes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []referenceCode
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if line == 1 || strings.TrimSpace(sc.Text()) == "" {
			continue // header
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 6 {
			t.Fatalf("testdata/aadsts-codes.tsv:%d: want 6 tab-separated columns, got %d", line, len(cols))
		}
		code, err := strconv.Atoi(cols[0])
		if err != nil {
			t.Fatalf("testdata/aadsts-codes.tsv:%d: code %q: %v", line, cols[0], err)
		}
		out = append(out, referenceCode{Code: code, Name: cols[1], Category: cols[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 350 {
		t.Fatalf("testdata/aadsts-codes.tsv has %d codes, want the whole reference (354)", len(out))
	}
	return out
}

// catalogueEntries returns the built-in catalogue entries by code, from the engine's rule list.
func catalogueEntries(e *Engine) map[int]RuleInfo {
	out := map[int]RuleInfo{}
	for _, r := range e.Rules() {
		if r.Kind == "catalogue" {
			for _, c := range r.Codes {
				out[c] = r
			}
		}
	}
	return out
}

// Every code of the reference has a catalogue entry; the failure names each missing code.
func TestCatalogueCoversEveryReferenceCode(t *testing.T) {
	codes := readReferenceCodes(t)
	entries := catalogueEntries(builtinEngine(t))
	var missing []string
	for _, rc := range codes {
		if _, ok := entries[rc.Code]; !ok {
			missing = append(missing, strings.TrimSpace(fmt.Sprintf("%d %s", rc.Code, rc.Name)))
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d reference codes have no catalogue entry (add entries[<code>] in rules/catalogue_*.rego):\n  %s",
			len(missing), len(codes), strings.Join(missing, "\n  "))
	}
}

// Every catalogue entry uses one of the reference's categories, so dashboards can group by them.
func TestCatalogueCategoriesAreTheReferenceCategories(t *testing.T) {
	allowed := map[string]bool{}
	for _, rc := range readReferenceCodes(t) {
		allowed[rc.Category] = true
	}
	entries := catalogueEntries(builtinEngine(t))
	var bad []string
	for code, r := range entries {
		if !allowed[r.Category] {
			bad = append(bad, fmt.Sprintf("%d (%q)", code, r.Category))
		}
	}
	slices.Sort(bad)
	if len(bad) > 0 {
		cats := make([]string, 0, len(allowed))
		for c := range allowed {
			cats = append(cats, c)
		}
		slices.Sort(cats)
		t.Errorf("catalogue entries with a category outside the reference's %v: %s", cats, strings.Join(bad, ", "))
	}
}

// A sign-in with any reference code is explained by a rule, never by the "unmapped" fallback,
// and the explanation is complete.
func TestReferenceCodesNeverFallBack(t *testing.T) {
	e := builtinEngine(t)
	ctx := context.Background()
	var unmapped, broken []string
	for _, rc := range readReferenceCodes(t) {
		s := example(t, fmt.Sprintf(`{"errorCode":%d,"failureReason":"Reference text for %d.","additionalDetails":null}`, rc.Code, rc.Code))
		d := e.Evaluate(ctx, &s)
		w := d.Winner()
		switch {
		case d.Error != "" || w == nil:
			broken = append(broken, fmt.Sprintf("%d (error %q)", rc.Code, d.Error))
		case w.RuleID == "unmapped":
			unmapped = append(unmapped, strconv.Itoa(rc.Code))
		case w.Title == "" || w.Cause == "" || len(w.NextSteps) == 0 || w.Severity == "" || w.Category == "" || w.Actor == "":
			broken = append(broken, fmt.Sprintf("%d (incomplete winner %s)", rc.Code, w.RuleID))
		}
	}
	if len(unmapped) > 0 {
		t.Errorf("reference codes that fall back to \"unmapped\": %s", strings.Join(unmapped, ", "))
	}
	if len(broken) > 0 {
		t.Errorf("reference codes without a usable explanation: %s", strings.Join(broken, "; "))
	}
}

// exampleWith is Microsoft's documented sign-in with the given status and top-level fields.
func exampleWith(t *testing.T, status string, fields map[string]any) signin.SignIn {
	t.Helper()
	base := example(t, status)
	var obj map[string]any
	if err := json.Unmarshal(base.Raw, &obj); err != nil {
		t.Fatal(err)
	}
	for k, v := range fields {
		obj[k] = v
	}
	return decodeObject(t, "the example with "+status, obj)
}

// decodeObject decodes a sign-in built as a JSON object, as Graph would send it; name says
// which in a failure.
func decodeObject(t *testing.T, name string, obj map[string]any) signin.SignIn {
	t.Helper()
	raw, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	s, err := signin.Decode(raw)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

// With the engine's real precedence, a rule that read more of the sign-in than its code wins
// over the code's catalogue entry and over the generic contextual rules (the guide's failure
// reasons, legacy authentication), which stay listed among the other findings.
func TestSpecificRulesWinOverGenericOnes(t *testing.T) {
	e := builtinEngine(t)
	failedPolicy := []any{map[string]any{"id": "1", "displayName": "CA002: Block legacy authentication",
		"enforcedGrantControls": []any{"Block"}, "enforcedSessionControls": []any{}, "result": "failure"}}
	tests := []struct {
		name, status string
		fields       map[string]any
		winner       string
		others       []string
	}{
		{"500121 declined", `{"errorCode":500121,"failureReason":"Authentication failed during strong authentication request.","additionalDetails":"MFA denied; user did not respond to mobile app notification"}`,
			nil, "mfa-no-response", []string{"aadsts-500121"}},
		{"50126 over IMAP4", `{"errorCode":50126,"failureReason":"Error validating credentials due to invalid username or password."}`,
			map[string]any{"clientAppUsed": "IMAP4"}, "password-legacy-protocol", []string{"legacy-auth-failure", "aadsts-50126"}},
		{"50053 over ActiveSync, own device", `{"errorCode":50053}`,
			map[string]any{"clientAppUsed": "Exchange ActiveSync"}, "lockout-own-bad-passwords", []string{"legacy-auth-failure", "aadsts-50053"}},
		{"53003 by a named policy", `{"errorCode":53003}`,
			map[string]any{"clientAppUsed": "POP3", "appliedConditionalAccessPolicies": failedPolicy}, "ca-policy-failed", []string{"legacy-auth-blocked", "aadsts-53003"}},
		{"50057 over SMTP", `{"errorCode":50057}`,
			map[string]any{"clientAppUsed": "Authenticated SMTP"}, "legacy-auth-failure", []string{"aadsts-50057"}},
		{"7000222 names the app", `{"errorCode":7000222}`, nil, "app-secret-expired", []string{"aadsts-7000222"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := exampleWith(t, tt.status, tt.fields)
			d := e.Evaluate(context.Background(), &s)
			w := d.Winner()
			if d.Error != "" || w == nil || w.RuleID != tt.winner {
				t.Fatalf("winner = %+v (error %q), want %s", w, d.Error, tt.winner)
			}
			for _, id := range tt.others {
				if !hasRule(d.Findings[1:], id) {
					t.Errorf("want %s among the other findings, got %v", id, ruleIDs(d.Findings))
				}
			}
		})
	}
}

func ruleIDs(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.RuleID
	}
	return out
}
