# 50126 by protocol and identity source. "Invalid username or password or Invalid on-premise
# username or password." is the older failure reason of 50126 (kept by logs and workbooks);
# tokenIssuerType "ADFederationServices" is how beta sign-ins mark AD FS-issued tokens
# (/work/shared/reference/graph-signins.md 1.3). The spray shape (IMAP4 and "Other clients"
# from a hosting network with a passwordSpray detection) is the one in detection-patterns.md.
package signin.password_test

import data.signin.fixtures_test as fx
import data.signin.rules.password

reason := "Error validating credentials due to invalid username or password."

spray := fx.with_fields(fx.legacy(50126, reason), {
	"clientAppUsed": "Other clients",
	"ipAddress": "192.0.2.41",
	"riskEventTypes_v2": ["passwordSpray"],
	"riskLevelDuringSignIn": "medium",
	"autonomousSystemNumber": 14061,
})

rule_ids(sign_in) := {f.ruleId | some f in password.findings with input as sign_in}

finding(sign_in) := f if {
	some f in password.findings with input as sign_in
}

test_legacy_wrong_password if {
	f := finding(fx.legacy(50126, reason))
	f.ruleId == "password-legacy-protocol"
	f.severity == "medium"
	contains(f.cause, "IMAP4")
	fx.valid_finding(f)
	some step in f.nextSteps
	contains(step, "Conditional Access policy")
}

test_legacy_spray_names_the_signals if {
	f := finding(spray)
	contains(f.cause, "Other clients")
	contains(f.cause, "ID Protection detection passwordspray")
	contains(f.cause, "AS14061")
}

test_hybrid_user_by_failure_reason if {
	f := finding(fx.failed(50126, "Invalid username or password or Invalid on-premise username or password.", null))
	f.ruleId == "password-hybrid-user"
	f.severity == "low"
	fx.valid_finding(f)
}

test_hybrid_user_by_details_and_issuer if {
	rule_ids(fx.failed(50126, reason, "Password hash sync has not yet synced the new password.")) == {"password-hybrid-user"}
	rule_ids(fx.with_fields(fx.code_only(50126), {"tokenIssuerType": "ADFederationServices"})) == {"password-hybrid-user"}
}

# Legacy wins: one finding per sign-in.
test_legacy_hybrid_gets_the_legacy_rule_only if {
	rule_ids(fx.legacy(50126, "Invalid username or password or Invalid on-premise username or password.")) == {"password-legacy-protocol"}
}

test_cloud_user_in_browser_has_no_rule if {
	count(rule_ids(fx.failed(50126, reason, "The user didn't enter the right credentials."))) == 0
	count(rule_ids(fx.code_only(50126))) == 0
}

test_other_codes_do_not_match if {
	count(rule_ids(fx.legacy(50053, reason))) == 0
	count(rule_ids(fx.failed(50053, "Invalid on-premise username or password.", null))) == 0
}
