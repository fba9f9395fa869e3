package signin.main_test

import data.signin.fixtures_test as fx
import data.signin.main

decide(sign_in) := d if {
	d := main.decision with input as sign_in
}

rule_ids(decision) := {f.ruleId | some f in decision.findings}

test_success_has_no_findings if {
	every sign_in in [fx.base, fx.without_status, fx.with_status({}), fx.code_only(null)] {
		d := decide(sign_in)
		d.status == "success"
		count(d.findings) == 0
	}
}

# 50058 is in Microsoft's troubleshooting guide and in the workbook's interrupt list.
test_50058_is_interrupted_with_catalogue_finding if {
	d := decide(fx.failed(50058, "User is authenticated but not yet signed in.", null))
	d.status == "interrupted"
	rule_ids(d) == {"aadsts-50058"}
	some f in d.findings
	f.kind == "catalogue"
	f.package == "catalogue"
}

# Microsoft's standard 50126 texts: the catalogue entry (with its password-spray advice) explains
# it alone; the generic "typed wrong" reason rule and the hybrid rule stay silent.
test_50126_is_failure_with_the_catalogue_finding if {
	d := decide(fx.failed(50126, "Error validating credentials due to invalid username or password.", "The user didn't enter the right credentials."))
	d.status == "failure"
	{[f.ruleId, f.package] | some f in d.findings} == {["aadsts-50126", "catalogue"]}
	rule_ids(decide(fx.failed(50126, "Invalid username or password or Invalid on-premise username or password.", null))) == {"aadsts-50126"}
}

test_50126_without_reason_text_has_catalogue_finding_only if {
	rule_ids(decide(fx.code_only(50126))) == {"aadsts-50126"}
}

test_unknown_code_yields_exactly_the_fallback if {
	d := decide(fx.code_only(9999999))
	d.status == "failure"
	count(d.findings) == 1
	some f in d.findings
	f.ruleId == "unmapped"
	f.kind == "fallback"
	f.title == "Unmapped error code 9999999"
	f.category == "other"
	f.severity == "low"
	f.actor == "admin"
	f.links == [
		{"title": "Microsoft error lookup", "url": "https://login.microsoftonline.com/error?code=9999999"},
		{"title": "Entra admin center: sign-in logs", "url": "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/SignInLogsList.ReactView"},
		{"title": "Azure portal: new support request", "url": "https://portal.azure.com/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest"},
	]
	"Look the code up: https://login.microsoftonline.com/error?code=9999999" in f.nextSteps
	some hint in f.nextSteps
	contains(hint, "signin.rules")
	fx.valid_finding(f)
}

test_fallback_quotes_the_failure_reason if {
	d := decide(fx.failed(9999999, "Something new went wrong.", null))
	some f in d.findings
	contains(f.cause, "9999999")
	contains(f.cause, "Something new went wrong.")
}

test_no_fallback_when_a_contextual_rule_explains_the_code if {
	# AD FS 400040 has no catalogue entry, but its failure reason is known.
	d := decide(fx.failed(400040, "The Federation Service failed to issue an OAuth Primary Refresh Token.", null))
	rule_ids(d) == {"reason-federation-prt-failed"}
}

test_interrupt_without_rule_gets_the_fallback if {
	d := decide(fx.code_only(1234567)) with data.signin.classify.interrupt_codes as {1234567}
	d.status == "interrupted"
	rule_ids(d) == {"unmapped"}
}

test_each_500121_variant_yields_its_own_rule if {
	variants := {
		"MFA denied; user declined the authentication": "mfa-denied-by-user",
		"MFA denied; user did not respond to mobile app notification": "mfa-no-response",
		"MFA denied; Phone App Reported Fraud": "mfa-fraud-reported",
	}
	every details, rule_id in variants {
		d := decide(fx.failed(500121, "Authentication failed during strong authentication request.", details))
		d.status == "failure"
		rule_ids(d) == {"aadsts-500121", rule_id}
	}
}

test_500121_without_details_has_no_mfa_variant if {
	d := decide(fx.code_only(500121))
	rule_ids(d) == {"aadsts-500121"}
}

test_every_finding_meets_the_contract if {
	every sign_in in [
		fx.failed(50126, "Error validating credentials due to invalid username or password.", null),
		fx.failed(500121, "Authentication failed during strong authentication request.", "MFA denied; Phone App Reported Fraud"),
		fx.code_only(53003),
		fx.code_only(9999999),
	] {
		d := decide(sign_in)
		count(d.findings) > 0
		every f in d.findings {
			fx.valid_finding(f)
			fx.non_empty_text(f.package)
		}
	}
}

# A package added under signin.rules is picked up with no change to main.rego,
# and its finding replaces the fallback.
test_new_rule_package_is_picked_up if {
	custom := {{
		"ruleId": "custom-rule",
		"title": "Custom",
		"cause": "A custom rule matched.",
		"nextSteps": ["An admin does something."],
		"severity": "low",
		"category": "other",
		"actor": "admin",
		"kind": "contextual",
		"links": [],
	}}
	d := decide(fx.code_only(9999999)) with data.signin.rules.custom.findings as custom
	rule_ids(d) == {"custom-rule"}
	some f in d.findings
	f.package == "custom"
}

# winner(decision) applies the engine's precedence for built-in rules (pkg/engine/decision.go,
# README "Precedence"): contextual before catalogue before fallback, then higher severity,
# then ruleId.
kind_rank := {"contextual": 0, "catalogue": 1, "fallback": 2}

severity_rank := {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}

rank_key(f) := sprintf("%d-%d-%s", [kind_rank[f.kind], severity_rank[f.severity], f.ruleId])

winner(decision) := f if {
	keys := sort([rank_key(g) | some g in decision.findings])
	some f in decision.findings
	rank_key(f) == keys[0]
}

winner_id(sign_in) := winner(decide(sign_in)).ruleId

# The specific reading of a 500121 wins over the code's catalogue entry.
test_500121_specific_variant_wins if {
	every details, rule_id in {
		"MFA denied; user declined the authentication": "mfa-denied-by-user",
		"MFA denied; user did not respond to mobile app notification": "mfa-no-response",
		"MFA denied; invalid verification code": "mfa-wrong-code",
		"MFA denied; duplicate authentication attempt": "mfa-duplicate-attempt",
		"User needs to enroll for second factor authentication.": "mfa-not-registered",
	} {
		winner_id(fx.failed(500121, "Authentication failed during strong authentication request.", details)) == rule_id
	}
}

# without readable details, the 500121 entry explains the sign-in; the guide's
# generic "MFA step failed" text rule used to win here and hide the entry's steps.
test_500121_without_details_the_catalogue_entry_wins if {
	d := decide(fx.failed(500121, "Authentication failed during strong authentication request.", null))
	winner(d).ruleId == "aadsts-500121"
	rule_ids(d) == {"aadsts-500121"}
}

# Over a legacy client, the code-specific rules win and the legacy finding follows them.
test_specific_rules_win_over_legacy_auth if {
	spray := fx.with_fields(fx.legacy(50126, "Error validating credentials due to invalid username or password."), {"riskEventTypes_v2": ["passwordSpray"]})
	winner_id(spray) == "password-legacy-protocol"
	"legacy-auth-failure" in rule_ids(decide(spray))
	own_lockout := fx.with_fields(fx.legacy(50053, "The account is locked."), {"clientAppUsed": "Exchange ActiveSync"})
	winner_id(own_lockout) == "lockout-own-bad-passwords"
	contains(winner(decide(own_lockout)).cause, "Exchange ActiveSync")
	blocked := fx.with_fields(fx.legacy(53003, null), {"appliedConditionalAccessPolicies": [fx.ca_failure("CA002: Block legacy authentication", ["Block"])]})
	winner_id(blocked) == "ca-policy-failed"
}

# Without a more specific rule, the legacy finding wins and keeps the code's severity.
test_legacy_auth_wins_alone if {
	d := decide(fx.with_fields(fx.failed(50057, "The user account is disabled.", null), {"clientAppUsed": "Authenticated SMTP"}))
	w := winner(d)
	w.ruleId == "legacy-auth-failure"
	w.severity == "medium"
	rule_ids(d) == {"legacy-auth-failure", "aadsts-50057"}
}

test_contextual_rules_name_what_they_know if {
	probe := fx.with_fields(fx.failed(50058, "Session information is not sufficient for single-sign-on.", null), {"userPrincipalName": "00000000-0000-0000-0000-000000000000"})
	winner_id(probe) == "sso-probe-no-user"
	secret := fx.with_fields(fx.code_only(7000222), {"appDisplayName": "Contoso Reporting Connector"})
	winner_id(secret) == "app-secret-expired"
	background := fx.with_fields(fx.code_only(50076), {"isInteractive": false})
	winner(decide(background)).severity == "info"
}

# Every finding of a failure ends with the support request step and its link, in the
# data source's cloud; an interrupt and a success get none.
test_every_failure_ends_with_the_support_request if {
	every code in [50126, 9999999, 53003, 500121] {
		d := decide(fx.code_only(code))
		d.status == "failure"
		every f in d.findings {
			f.nextSteps[count(f.nextSteps) - 1] == main.support_step
			f.links[count(f.links) - 1] == {"title": "Azure portal: new support request", "url": "https://portal.azure.com/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest"}
		}
	}
	d := decide(fx.code_only(50126)) with data.signin.config.portals as {"adminCenter": "https://portal.azure.us", "azure": "https://portal.azure.us"}
	some f in d.findings
	"https://portal.azure.us/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest" in {l.url | some l in f.links}
}

test_no_support_request_for_an_interrupt if {
	d := decide(fx.code_only(50058))
	d.status == "interrupted"
	every f in d.findings {
		not main.support_step in f.nextSteps
	}
}

# A catalogue step that names the user's authentication methods links them for this user,
# and says so; without a userId there is no link and the step is unchanged.
test_catalogue_steps_point_at_their_link if {
	user := "26be570a-ae82-4189-b4e2-a37c6808512d"
	url := concat("", ["https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/", user])
	d := decide(fx.code_only(500121))
	bare := decide(object.remove(fx.code_only(500121), ["userId"]))
	some f in d.findings
	f.ruleId == "aadsts-500121"
	url in {l.url | some l in f.links}
	some step in f.nextSteps
	contains(step, "Authentication methods")
	endswith(step, "(Link: Entra admin center: user's authentication methods.)")

	some g in bare.findings
	g.ruleId == "aadsts-500121"
	every l in g.links {
		not contains(l.url, "UserAuthMethods")
	}
}
