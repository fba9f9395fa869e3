# 50058 without a user. Microsoft's troubleshooting guide notes that for 50058 the log may show
# an object ID or zeros instead of the user's name; the failure reason and details are the log's.
package signin.silent_sso_test

import data.signin.fixtures_test as fx
import data.signin.rules.silent_sso

probe(upn) := fx.with_fields(
	fx.failed(50058, "Session information is not sufficient for single-sign-on.", "This means that a user is not signed in."),
	{"userPrincipalName": upn, "userDisplayName": null, "appDisplayName": "Microsoft Teams Web Client", "appId": "5e3ce6c0-2b1f-4285-8d4b-75ee78787346"},
)

rule_ids(sign_in) := {f.ruleId | some f in silent_sso.findings with input as sign_in}

test_guid_instead_of_user if {
	some f in silent_sso.findings with input as probe("26be570a-ae82-4189-b4e2-a37c6808512d")
	f.ruleId == "sso-probe-no-user"
	f.severity == "info"
	f.actor == "none"
	contains(f.cause, "Microsoft Teams Web Client")
	contains(f.cause, "26be570a-ae82-4189-b4e2-a37c6808512d")
	fx.valid_finding(f)
}

test_zeros_empty_or_missing_user if {
	rule_ids(probe("00000000-0000-0000-0000-000000000000")) == {"sso-probe-no-user"}
	rule_ids(probe("")) == {"sso-probe-no-user"}
	rule_ids(probe(null)) == {"sso-probe-no-user"}
	rule_ids(object.remove(probe(""), ["userPrincipalName"])) == {"sso-probe-no-user"}
}

test_named_user_keeps_the_catalogue_entry if {
	count(rule_ids(probe("testaccount1@contoso.com"))) == 0
	count(rule_ids(probe("26be570a-ae82-4189-b4e2-a37c6808512d@contoso.com"))) == 0
}

test_other_codes_do_not_match if {
	count(rule_ids(fx.with_fields(fx.code_only(50126), {"userPrincipalName": ""}))) == 0
}

# Microsoft's "How to troubleshoot sign-in errors" guide: for 50058 the User ID "shows up like
# 00000000-0000-0000" (corpus record guide-50058).
test_truncated_zero_guid_is_no_user if {
	ids := {f.ruleId | some f in silent_sso.findings} with input as fx.with_fields(fx.failed(50058, "User is authenticated but not yet signed in.", null), {"userPrincipalName": "00000000-0000-0000"})
	ids == {"sso-probe-no-user"}
}
