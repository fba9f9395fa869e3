# additionalDetails texts for 500121 as public detection content quotes them
# (Sentinel ExplicitMFADeny.yaml and MFARejectedbyUser.yaml, MFASpammingfollowedbySuccessfullogin.yaml;
# Elastic's TOTP brute-force rule for wrong codes). "MFA denied; user did not select the correct number",
# "MFA denied; duplicate authentication attempt" and the registration text are the ones the demo tenant
# writes (pkg/simulator/dataset/codes.go) and the sign-in log shows for number matching and enrolment.
package signin.mfa_test

import data.signin.fixtures_test as fx
import data.signin.rules.mfa

rule_ids(code, details) := ids if {
	findings := mfa.findings with input as fx.failed(code, "Authentication failed during strong authentication request.", details)
	ids := {f.ruleId | some f in findings}
}

finding(id, code, details) := f if {
	some f in mfa.findings with input as fx.failed(code, "Authentication failed during strong authentication request.", details)
	f.ruleId == id
}

test_user_declined if {
	rule_ids(500121, "MFA denied; user declined the authentication") == {"mfa-denied-by-user"}
}

test_user_did_not_respond if {
	rule_ids(500121, "MFA denied; user did not respond to mobile app notification") == {"mfa-no-response"}
}

test_fraud_reported if {
	rule_ids(500121, "MFA denied; Phone App Reported Fraud") == {"mfa-fraud-reported"}
}

test_fraud_wins_over_declined if {
	rule_ids(500121, "MFA denied; user declined the authentication and reported fraud") == {"mfa-fraud-reported"}
}

test_matching_ignores_case if {
	rule_ids(500121, "mfa DENIED; USER DECLINED THE AUTHENTICATION") == {"mfa-denied-by-user"}
}

test_variants_have_distinct_causes_and_severities if {
	fraud := finding("mfa-fraud-reported", 500121, "MFA denied; Phone App Reported Fraud")
	fraud.severity == "high"
	declined := finding("mfa-denied-by-user", 500121, "MFA denied; user declined the authentication")
	declined.severity == "medium"
	silent := finding("mfa-no-response", 500121, "MFA denied; user did not respond to mobile app notification")
	silent.severity == "low"
	count({fraud.cause, declined.cause, silent.cause}) == 3
	count({fraud.nextSteps, declined.nextSteps, silent.nextSteps}) == 3
	every f in [fraud, declined, silent] {
		f.kind == "contextual"
		f.category == "mfa"
		fx.valid_finding(f)
	}
}

test_other_details_do_not_match if {
	count(rule_ids(500121, "User did not pass the MFA challenge (non interactive).")) == 0
	count(rule_ids(500121, "MFA requirement satisfied by claim in the token")) == 0
	count(rule_ids(500121, null)) == 0
}

test_other_codes_do_not_match if {
	count(rule_ids(50074, "MFA denied; user declined the authentication")) == 0
	count(rule_ids(50126, "MFA denied; Phone App Reported Fraud")) == 0
	count(mfa.findings) == 0 with input as fx.base
	count(mfa.findings) == 0 with input as fx.without_status
}

test_wrong_number if {
	rule_ids(500121, "MFA denied; user did not select the correct number") == {"mfa-wrong-number"}
}

test_wrong_code if {
	rule_ids(500121, "MFA denied; invalid verification code") == {"mfa-wrong-code"}
}

test_duplicate_attempt if {
	rule_ids(500121, "MFA denied; duplicate authentication attempt") == {"mfa-duplicate-attempt"}
}

test_not_registered if {
	rule_ids(500121, "User needs to enroll for second factor authentication.") == {"mfa-not-registered"}
	rule_ids(500121, "The user has not registered an MFA method.") == {"mfa-not-registered"}
	rule_ids(500121, "MFA is required but the user has no method set up") == {"mfa-not-registered"}
}

test_fraud_code_entered_is_fraud if {
	rule_ids(500121, "MFA denied; Fraud Code Entered") == {"mfa-fraud-reported"}
}

test_new_variants_are_distinct_and_valid if {
	texts := {
		"mfa-wrong-number": "MFA denied; user did not select the correct number",
		"mfa-wrong-code": "MFA denied; invalid verification code",
		"mfa-duplicate-attempt": "MFA denied; duplicate authentication attempt",
		"mfa-not-registered": "User needs to enroll for second factor authentication.",
	}
	found := {id: finding(id, 500121, details) | some id, details in texts}
	count(found) == 4
	count({f.cause | some f in found}) == 4
	found["mfa-wrong-number"].severity == "medium"
	found["mfa-wrong-code"].severity == "low"
	found["mfa-duplicate-attempt"].severity == "info"
	found["mfa-not-registered"].severity == "low"
	every f in found {
		f.kind == "contextual"
		f.category == "mfa"
		fx.valid_finding(f)
	}
}

# Each sign-in gets at most one reading of its details, whatever words they combine.
test_at_most_one_variant if {
	every details in [
		"MFA denied; user declined the authentication; invalid verification code",
		"MFA denied; user did not select the correct number; did not respond",
		"MFA denied; duplicate authentication attempt; user must register",
	] {
		count(rule_ids(500121, details)) == 1
	}
}

test_new_variants_need_500121 if {
	count(rule_ids(50074, "MFA denied; user did not select the correct number")) == 0
	count(rule_ids(50079, "User needs to enroll for second factor authentication.")) == 0
}
