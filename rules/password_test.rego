# 50126 by protocol and identity source. "Invalid username or password or Invalid on-premise
# username or password." is Microsoft's standard failure reason of 50126, for every user;
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

# the standard failure text of every 50126 says "on-premise"; a cloud-only user must
# not be told that the password is checked on-premises.
test_standard_on_premise_text_is_not_a_hybrid_user if {
	count(rule_ids(fx.failed(50126, "Invalid username or password or Invalid on-premise username or password.", null))) == 0
	count(rule_ids(fx.failed(50126, "Invalid username or password or Invalid on-premises username or password.", "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes."))) == 0
}

# authenticationDetails as the beta log writes a password step (authenticationMethod
# "Password", authenticationMethodDetail "Password Hash Sync" or "Pass-through Authentication").
test_hybrid_user_by_authentication_details if {
	every detail in ["Password Hash Sync", "Pass-through Authentication"] {
		f := finding(fx.with_fields(fx.failed(50126, "Invalid username or password or Invalid on-premise username or password.", null), {"authenticationDetails": [{
			"authenticationMethod": "Password",
			"authenticationMethodDetail": detail,
			"succeeded": false,
			"authenticationStepResultDetail": "Invalid username or password or Invalid on-premise username or password.",
		}]}))
		f.ruleId == "password-hybrid-user"
		f.severity == "low"
		fx.valid_finding(f)
	}
	count(rule_ids(fx.with_fields(fx.code_only(50126), {"authenticationDetails": [{"authenticationMethod": "Password", "authenticationMethodDetail": "Password in the cloud", "succeeded": false}]}))) == 0
}

test_hybrid_user_by_details_and_issuer if {
	rule_ids(fx.failed(50126, reason, "Password hash sync has not yet synced the new password.")) == {"password-hybrid-user"}
	rule_ids(fx.with_fields(fx.code_only(50126), {"tokenIssuerType": "ADFederationServices"})) == {"password-hybrid-user"}
}

# the hybrid finding outranks the 50126 entry, so it must carry the entry's
# password-spray step instead of hiding it, and name the attack signals it sees.
test_hybrid_user_keeps_the_spray_advice if {
	f := finding(fx.with_fields(fx.code_only(50126), {"tokenIssuerType": "ADFederationServices", "riskEventTypes_v2": ["passwordSpray"]}))
	f.ruleId == "password-hybrid-user"
	contains(f.cause, "ID Protection detection passwordspray")
	fx.valid_finding(f)
	some step in f.nextSteps
	contains(step, "password spraying")
	contains(step, "Named locations")
}

# Legacy wins: one finding per sign-in.
test_legacy_hybrid_gets_the_legacy_rule_only if {
	rule_ids(fx.with_fields(fx.legacy(50126, reason), {"tokenIssuerType": "ADFederationServices"})) == {"password-legacy-protocol"}
}

test_cloud_user_in_browser_has_no_rule if {
	count(rule_ids(fx.failed(50126, reason, "The user didn't enter the right credentials."))) == 0
	count(rule_ids(fx.code_only(50126))) == 0
}

test_other_codes_do_not_match if {
	count(rule_ids(fx.legacy(50053, reason))) == 0
	count(rule_ids(fx.failed(50053, "Invalid on-premise username or password.", null))) == 0
}
