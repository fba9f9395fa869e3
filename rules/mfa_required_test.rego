# 50074/50076/50079 by flow. The failure reasons are the texts the sign-in log writes for these
# codes ("Strong Authentication is required.", "Due to a configuration change made by your
# administrator, or because you moved to a new location, you must use multi-factor
# authentication to access the resource."), as the demo tenant reproduces them.
package signin.mfa_required_test

import data.signin.fixtures_test as fx
import data.signin.rules.mfa_required

mfa_reason := "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource."

enroll_reason := "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access the resource."

# A background token refresh by Outlook: no user at a prompt.
background(code, reason) := fx.with_fields(fx.failed(code, reason, null), {
	"isInteractive": false,
	"appDisplayName": "Microsoft Office",
	"appId": "d3590ed6-52b3-4102-aeff-aad2292ab01c",
	"clientAppUsed": "Mobile Apps and Desktop clients",
})

rule_ids(sign_in) := {f.ruleId | some f in mfa_required.findings with input as sign_in}

finding(sign_in) := f if {
	some f in mfa_required.findings with input as sign_in
}

test_50076_background_is_info_for_nobody if {
	f := finding(background(50076, mfa_reason))
	f.ruleId == "mfa-required-background"
	f.severity == "info"
	f.actor == "none"
	contains(f.cause, "Microsoft Office (d3590ed6-52b3-4102-aeff-aad2292ab01c)")
	fx.valid_finding(f)
}

test_50074_background_is_info if {
	rule_ids(background(50074, "Strong Authentication is required.")) == {"mfa-required-background"}
}

test_50076_interactive_is_a_user_step if {
	f := finding(fx.failed(50076, mfa_reason, null))
	f.ruleId == "mfa-required-interactive"
	f.severity == "low"
	f.actor == "user"
	contains(f.cause, "Graph explorer")
	fx.valid_finding(f)
}

test_50079_by_flow if {
	bg := finding(background(50079, enroll_reason))
	bg.ruleId == "mfa-registration-background"
	bg.severity == "info"
	fg := finding(fx.failed(50079, enroll_reason, null))
	fg.ruleId == "mfa-registration-interactive"
	fg.severity == "low"
	fg.actor == "user"
	fx.valid_finding(bg)
	fx.valid_finding(fg)
}

# The interactive 50074 is the MFA prompt being shown: the catalogue entry explains it.
test_50074_interactive_has_no_rule if {
	count(rule_ids(fx.failed(50074, "Strong Authentication is required.", null))) == 0
}

# Legacy clients can never do MFA: the legacy_auth rules explain them, not a "user step".
test_legacy_client_is_left_to_legacy_rules if {
	count(rule_ids(fx.legacy(50076, mfa_reason))) == 0
	count(rule_ids(fx.legacy(50079, enroll_reason))) == 0
}

test_missing_is_interactive_has_no_rule if {
	count(rule_ids(object.remove(fx.failed(50076, mfa_reason, null), ["isInteractive"]))) == 0
}

test_other_codes_do_not_match if {
	count(rule_ids(background(500121, "Authentication failed during strong authentication request."))) == 0
	count(rule_ids(background(50072, null))) == 0
	count(rule_ids(fx.base)) == 0
}
