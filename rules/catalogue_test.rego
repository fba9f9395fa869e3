package signin.catalogue_test

import data.signin.fixtures_test as fx
import data.signin.rules.catalogue

# Codes the first rule set must explain: the four codes of Microsoft's sign-in
# troubleshooting guide (50058, 90025, 500121, 50126) and the codes a tenant's
# sign-in log commonly shows.
required_codes := {
	50058, 90025, 500121, 50126,
	50053, 50055, 50057, 50140, 50074, 50076, 50079, 50072, 53003, 53000, 53001,
	50105, 65001, 70043, 700016, 7000215, 7000222, 50097, 50155, 50173, 50133,
	16000, 81010, 70046, 50125, 50144, 50059, 51006, 52004, 50127, 50129, 50143,
	81012, 81014, 16001, 16003,
}

test_required_codes_have_entries if {
	missing := {code | some code in required_codes; not catalogue.entries[code]}
	count(missing) == 0
}

test_catalogue_finding_for_50126 if {
	findings := catalogue.findings with input as fx.failed(50126, "Error validating credentials due to invalid username or password.", null)
	count(findings) == 1
	some f in findings
	f.ruleId == "aadsts-50126"
	f.kind == "catalogue"
	f.category == "credentials"
	f.actor == "user"
	f.title == catalogue.entries[50126].title
	f.links[0] == {"title": "Microsoft error lookup", "url": "https://login.microsoftonline.com/error?code=50126"}
}

test_entry_links_follow_the_lookup_link if {
	some f in catalogue.findings with input as fx.code_only(50058)
	count(f.links) == 2
	f.links[0].url == "https://login.microsoftonline.com/error?code=50058"
	contains(f.links[1].url, "howto-troubleshoot-sign-in-errors")
}

test_entry_without_links_gets_the_lookup_link_only if {
	some f in catalogue.findings with input as fx.code_only(53003)
	f.links == [{"title": "Microsoft error lookup", "url": "https://login.microsoftonline.com/error?code=53003"}]
}

test_catalogue_matches_on_code_only if {
	# Same code, no failure reason or details at all: still the entry.
	some f in catalogue.findings with input as fx.with_status({"errorCode": 7000222})
	f.ruleId == "aadsts-7000222"
	f.severity == "high"
}

test_catalogue_silent_for_success if {
	count(catalogue.findings) == 0 with input as fx.base
	count(catalogue.findings) == 0 with input as fx.without_status
	count(catalogue.findings) == 0 with input as fx.with_status({})
}

test_catalogue_silent_for_unknown_code if {
	count(catalogue.findings) == 0 with input as fx.code_only(9999999)
}

# finding(sign_in) is the catalogue's finding for sign_in.
finding(sign_in) := f if {
	some f in catalogue.findings with input as sign_in
}

test_every_entry_makes_a_valid_finding if {
	every code, _ in catalogue.entries {
		f := finding(fx.code_only(code))
		f.ruleId == sprintf("aadsts-%d", [code])
		fx.valid_finding(f)
	}
}

test_a_new_entry_is_a_one_place_edit if {
	entry := object.union(catalogue.entries[50126], {"title": "Made-up test code"})
	some f in catalogue.findings with input as fx.code_only(1234567)
		with catalogue.entries as object.union(catalogue.entries, {1234567: entry})
	f.ruleId == "aadsts-1234567"
	f.title == "Made-up test code"
}

# Every entry, through the engine's entrypoint: a sign-in with the code gets the entry's
# finding, and never the "unmapped" fallback. (pkg/engine/catalogue_coverage_test.go checks
# the same against every code of Microsoft's reference, from testdata/aadsts-codes.tsv.)
test_every_entry_reaches_the_decision if {
	missing := {code |
		some code, _ in catalogue.entries
		d := data.signin.main.decision with input as fx.code_only(code)
		not has_rule(d, sprintf("aadsts-%d", [code]))
	}
	count(missing) == 0
	unmapped := {code |
		some code, _ in catalogue.entries
		d := data.signin.main.decision with input as fx.code_only(code)
		has_rule(d, "unmapped")
	}
	count(unmapped) == 0
}

has_rule(decision, id) if {
	some f in decision.findings
	f.ruleId == id
}

# Each area file adds entries for its category; a code appears once whatever the file.
test_entries_span_every_category if {
	{entry.category | some entry in catalogue.entries} == fx.categories
}

# Microsoft's troubleshooting guide says 90025 usually resolves itself; it was "medium".
test_90025_is_low_and_transient if {
	catalogue.entries[90025].severity == "low"
	startswith(catalogue.entries[90025].nextSteps[0], "No action")
}

# 530032's next steps looked only at Conditional Access policies.
test_530032_looks_beyond_conditional_access if {
	steps := lower(concat(" ", catalogue.entries[530032].nextSteps))
	contains(steps, "cross-tenant access")
	contains(steps, "support request")
	not contains(lower(catalogue.entries[530032].cause), "for example a policy that blocks")
}
