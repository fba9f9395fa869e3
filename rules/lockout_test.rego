# 50053 variants. The two failure texts are the ones Entra writes for 50053 (and the demo tenant
# reproduces, pkg/simulator/dataset/codes.go): locked after repeated attempts, and "Sign-in was
# blocked because it came from an IP address with malicious activity." The attack shape (hosting
# ASN, passwordSpray detection) follows detection-patterns.md.
package signin.lockout_test

import data.signin.fixtures_test as fx
import data.signin.rules.lockout

locked_reason := "The account is locked, you've tried to sign in too many times with an incorrect user ID or password."

locked_details := "Account is locked because user tried to sign in too many times with an incorrect user ID or password. The user is blocked due to repeated sign-in attempts."

locked := fx.failed(50053, locked_reason, locked_details)

rule_ids(sign_in) := {f.ruleId | some f in lockout.findings with input as sign_in}

finding(sign_in) := f if {
	some f in lockout.findings with input as sign_in
}

test_malicious_ip if {
	f := finding(fx.failed(50053, locked_reason, "Sign-in was blocked because it came from an IP address with malicious activity."))
	f.ruleId == "lockout-malicious-ip"
	f.severity == "high"
	fx.valid_finding(f)
}

test_attack_by_risk_detection if {
	f := finding(fx.with_fields(locked, {"riskEventTypes_v2": ["passwordSpray"], "riskLevelDuringSignIn": "medium"}))
	f.ruleId == "lockout-suspected-attack"
	f.severity == "high"
	contains(f.cause, "ID Protection detection passwordspray")
	contains(f.cause, "sign-in risk medium")
	fx.valid_finding(f)
}

test_attack_by_hosting_network if {
	f := finding(fx.with_fields(locked, {"autonomousSystemNumber": 24940, "riskLevelDuringSignIn": "hidden"}))
	f.ruleId == "lockout-suspected-attack"
	contains(f.cause, "AS24940")
}

test_attack_by_v1_risk_event_types if {
	rule_ids(fx.with_fields(locked, {"riskEventTypes": ["maliciousIPAddress"]})) == {"lockout-suspected-attack"}
}

test_own_bad_passwords_from_a_known_device if {
	f := finding(fx.with_fields(locked, {"deviceDetail": fx.joined_laptop}))
	f.ruleId == "lockout-own-bad-passwords"
	f.severity == "medium"
	f.actor == "user"
	contains(f.cause, "LAPTOP-RT8Q2M")
	fx.valid_finding(f)
}

# Microsoft's example has riskLevelDuringSignIn "none" and no detections: nothing points at an attacker.
test_own_bad_passwords_without_risk if {
	rule_ids(locked) == {"lockout-own-bad-passwords"}
}

# Risk hidden by the licence and an unknown device: the catalogue entry, which names both causes.
test_no_evidence_either_way_has_no_rule if {
	count(rule_ids(fx.with_fields(locked, {"riskLevelDuringSignIn": "hidden"}))) == 0
}

test_unfamiliar_features_alone_is_not_an_attack if {
	rule_ids(fx.with_fields(locked, {"riskEventTypes_v2": ["unfamiliarFeatures"], "riskLevelDuringSignIn": "low", "deviceDetail": fx.joined_laptop})) == {"lockout-own-bad-passwords"}
}

test_other_codes_do_not_match if {
	count(rule_ids(fx.with_fields(fx.code_only(50126), {"riskEventTypes_v2": ["passwordSpray"]}))) == 0
	count(rule_ids(fx.base)) == 0
}

# a named location blocks nothing by itself, so the steps that block an
# attacker's address name the Conditional Access policy that blocks the location.
test_blocking_steps_name_the_policy if {
	every sign_in in [
		fx.failed(50053, locked_reason, "Sign-in was blocked because it came from an IP address with malicious activity."),
		fx.with_fields(locked, {"riskEventTypes_v2": ["passwordSpray"], "riskLevelDuringSignIn": "medium"}),
	] {
		f := finding(sign_in)
		every step in f.nextSteps {
			contains(step, "named location") == contains(step, "Conditional Access policy")
		}
	}
}
