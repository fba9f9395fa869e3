package signin.lib_test

import data.signin.fixtures_test as fx
import data.signin.lib

test_error_code_from_status if {
	lib.error_code == 50126 with input as fx.code_only(50126)
}

test_error_code_defaults_to_zero if {
	lib.error_code == 0 with input as fx.without_status
	lib.error_code == 0 with input as fx.with_status({})
	lib.error_code == 0 with input as fx.code_only(null)
	lib.error_code == 0 with input as fx.code_only("not a number")
}

test_error_code_from_numeric_string if {
	lib.error_code == 50058 with input as fx.code_only("50058")
}

test_normalize if {
	lib.normalize("  Authentication failed during strong authentication request. ") == "authentication failed during strong authentication request"
	lib.normalize("Trailing periods... ") == "trailing periods"
	lib.normalize(null) == ""
	lib.normalize(42) == ""
}

test_failure_reason_is_ignores_case_spaces_and_period if {
	lib.failure_reason_is("Error validating credentials due to invalid username or password") with input as fx.failed(50126, "Error validating credentials due to invalid username or password.", null)
	lib.failure_reason_is("error validating credentials due to invalid username or password.") with input as fx.failed(50126, " ERROR validating credentials due to invalid username or password ", null)
}

test_failure_reason_is_needs_the_whole_text if {
	not lib.failure_reason_is("Error validating credentials") with input as fx.failed(50126, "Error validating credentials due to invalid username or password.", null)
}

test_failure_reason_is_false_without_reason if {
	not lib.failure_reason_is("") with input as fx.code_only(50126)
	not lib.failure_reason_is("anything") with input as fx.without_status
}

test_additional_details_has if {
	lib.additional_details_has("fraud") with input as fx.failed(500121, null, "MFA denied; Phone App Reported Fraud")
	lib.additional_details_has("USER DECLINED") with input as fx.failed(500121, null, "MFA denied; user declined the authentication")
}

test_additional_details_has_not if {
	not lib.additional_details_has("fraud") with input as fx.failed(500121, null, "MFA denied; user declined the authentication")
	not lib.additional_details_has("fraud") with input as fx.code_only(500121)
	not lib.additional_details_has("") with input as fx.failed(500121, null, "anything")
}

test_is_legacy_client if {
	every client in ["Exchange ActiveSync", "IMAP4", "POP3", "SMTP", "Authenticated SMTP", "Other clients", "Exchange Web Services", "Outlook Anywhere (RPC over HTTP)"] {
		lib.is_legacy_client with input as object.union(fx.base, {"clientAppUsed": client})
	}
}

test_is_not_legacy_client if {
	not lib.is_legacy_client with input as fx.base
	not lib.is_legacy_client with input as object.union(fx.base, {"clientAppUsed": "Mobile Apps and Desktop clients"})
	not lib.is_legacy_client with input as object.remove(fx.base, ["clientAppUsed"])
}

test_legacy_client_list_has_14_values if {
	count(lib.legacy_clients) == 14
}

test_failed_ca_policies if {
	policies := [
		{"id": "1", "displayName": "Block legacy authentication", "enforcedGrantControls": ["Block"], "enforcedSessionControls": [], "result": "failure"},
		{"id": "2", "displayName": "Require MFA for admins", "enforcedGrantControls": ["Mfa"], "enforcedSessionControls": [], "result": "success"},
	]
	lib.failed_ca_policies == {"Block legacy authentication"} with input as object.union(fx.code_only(53003), {"appliedConditionalAccessPolicies": policies})
}

test_failed_ca_policies_empty if {
	count(lib.failed_ca_policies) == 0 with input as fx.base
	count(lib.failed_ca_policies) == 0 with input as object.remove(fx.base, ["appliedConditionalAccessPolicies"])
}

test_lookup_link if {
	lib.lookup_url(50126) == "https://login.microsoftonline.com/error?code=50126"
	lib.lookup_link(50126) == {"title": "Microsoft error lookup", "url": "https://login.microsoftonline.com/error?code=50126"}
}

test_is_interactive if {
	lib.is_interactive with input as fx.base
	not lib.is_non_interactive with input as fx.base
	lib.is_non_interactive with input as fx.with_fields(fx.base, {"isInteractive": false})
	not lib.is_interactive with input as object.remove(fx.base, ["isInteractive"])
	not lib.is_non_interactive with input as object.remove(fx.base, ["isInteractive"])
}

test_app_label if {
	lib.app_label == "Graph explorer (de8bc8b5-d9f9-48b1-a8ad-b748da725064)" with input as fx.base
	lib.app_label == "Graph explorer" with input as object.remove(fx.base, ["appId"])
	lib.app_label == "de8bc8b5-d9f9-48b1-a8ad-b748da725064" with input as object.remove(fx.base, ["appDisplayName"])
	lib.app_label == "the app" with input as object.remove(fx.base, ["appDisplayName", "appId"])
}

test_risk_events_from_both_fields if {
	lib.risk_events == {"passwordspray", "maliciousipaddress"} with input as fx.with_fields(fx.base, {"riskEventTypes_v2": ["passwordSpray"], "riskEventTypes": ["maliciousIPAddress"]})
	count(lib.risk_events) == 0 with input as fx.base
}

test_attack_signals if {
	signals := lib.attack_signals with input as fx.with_fields(fx.base, {
		"riskEventTypes_v2": ["passwordSpray", "unfamiliarFeatures"],
		"riskLevelDuringSignIn": "high",
		"autonomousSystemNumber": 16276,
	})
	signals == {"ID Protection detection passwordspray", "sign-in risk high", "a hosting-provider network (AS16276)"}
	count(lib.attack_signals) == 0 with input as fx.base
	count(lib.attack_signals) == 0 with input as fx.with_fields(fx.base, {"autonomousSystemNumber": 8075, "riskLevelDuringSignIn": "low"})
	lib.attack_signals == {"a failure text that names a malicious IP address"} with input as fx.failed(50053, null, "Sign-in was blocked because it came from an IP address with malicious activity.")
}

test_device_description if {
	lib.device_description == "Windows 10" with input as fx.base
	lib.device_description == "" with input as object.remove(fx.base, ["deviceDetail"])
	lib.device_description == "LAPTOP-RT8Q2M, device ID 9a0e4d21-77c3-4f0b-8e5a-61c2b3d4e5f6, Windows 11, join type Azure AD joined" with input as fx.with_fields(fx.base, {"deviceDetail": fx.joined_laptop})
}
