# additionalDetails texts for 500121 as public detection content quotes them
# (Sentinel ExplicitMFADeny.yaml and MFARejectedbyUser.yaml, MFASpammingfollowedbySuccessfullogin.yaml).
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
	declined := finding("mfa-denied-by-user", 500121, "MFA denied; user declined the authentication")
	silent := finding("mfa-no-response", 500121, "MFA denied; user did not respond to mobile app notification")
	fraud.severity == "high"
	declined.severity == "medium"
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
