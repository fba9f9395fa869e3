# Failures over legacy clients. clientAppUsed values are the sign-in log's (lib.legacy_clients);
# the disabled-account and spray shapes follow detection-patterns.md.
package signin.legacy_auth_test

import data.signin.fixtures_test as fx
import data.signin.rules.catalogue
import data.signin.rules.legacy_auth

rule_ids(sign_in) := {f.ruleId | some f in legacy_auth.findings with input as sign_in}

finding(sign_in) := f if {
	some f in legacy_auth.findings with input as sign_in
}

test_disabled_account_over_pop3 if {
	f := finding(fx.with_fields(fx.failed(50057, "The user account is disabled.", null), {"clientAppUsed": "POP3"}))
	f.ruleId == "legacy-auth-failure"
	f.title == "Failed over legacy authentication (POP3)"
	contains(f.cause, "The error itself, 50057 (Account disabled)")
	f.severity == catalogue.entries[50057].severity
	f.category == "user-state"
	fx.valid_finding(f)

	# The code's own steps follow the legacy ones.
	f.nextSteps[2] == catalogue.entries[50057].nextSteps[0]
	some step in f.nextSteps
	contains(step, "Client apps: Exchange ActiveSync clients and Other clients")
}

test_info_code_is_raised_to_low if {
	# 50097 is info in the catalogue, but a legacy failure is worth at least "low".
	f := finding(fx.legacy(50097, null))
	f.severity == "low"
}

test_code_without_entry if {
	f := finding(fx.legacy(9999999, null))
	f.category == "other"
	f.severity == "low"
	contains(f.cause, "https://login.microsoftonline.com/error?code=9999999")
	fx.valid_finding(f)
}

test_every_legacy_client if {
	every client in data.signin.lib.legacy_clients {
		rule_ids(fx.with_fields(fx.code_only(50126), {"clientAppUsed": client})) == {"legacy-auth-failure"}
	}
}

test_modern_clients_do_not_match if {
	count(rule_ids(fx.code_only(50126))) == 0
	count(rule_ids(fx.with_fields(fx.code_only(50126), {"clientAppUsed": "Mobile Apps and Desktop clients"}))) == 0
}

# Interrupts and successes are not failures.
test_only_failures_match if {
	count(rule_ids(fx.legacy(50058, null))) == 0
	count(rule_ids(fx.with_fields(fx.base, {"clientAppUsed": "IMAP4"}))) == 0
}
