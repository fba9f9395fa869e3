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

# a Microsoft Teams Rooms device failing with 53003 over basic authentication was told
# to block legacy authentication (what blocked it) and never to turn on modern authentication
# on the device, Microsoft's documented fix.
room := fx.with_fields(fx.failed(53003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.", null), {
	"clientAppUsed": "Other clients",
	"appDisplayName": "Microsoft Teams Rooms",
	"userDisplayName": "Boardroom 4.12",
})

test_53003_room_device_is_moved_to_modern_auth if {
	rule_ids(room) == {"legacy-auth-blocked"}
	f := finding(room)
	fx.valid_finding(f)
	contains(f.nextSteps[0], "Other clients")
	f.links[1].url == "https://learn.microsoft.com/microsoftteams/rooms/rooms-authentication"
	some step in f.nextSteps
	contains(step, "modern authentication in the device's Settings > Account")
	every s in f.nextSteps {
		not contains(s, "blocks legacy authentication")
	}
}

test_53003_legacy_client_names_the_client_without_room_step if {
	f := finding(fx.legacy(53003, null))
	f.ruleId == "legacy-auth-blocked"
	contains(f.nextSteps[0], "IMAP4")
	every s in f.nextSteps {
		not contains(s, "Teams Rooms")
	}
}

# With the blocking policy named, the Conditional Access finding carries the same advice.
test_53003_room_device_with_named_policy if {
	sign_in := fx.with_fields(room, {"appliedConditionalAccessPolicies": [fx.ca_failure("CA002: Block legacy authentication", ["Block"])]})
	fs := {f.ruleId: f | some f in data.signin.main.decision.findings} with input as sign_in
	fs["legacy-auth-blocked"].severity == "info"
	some step in fs["ca-policy-failed"].nextSteps
	contains(step, "ModernAuthEnabled")
}
