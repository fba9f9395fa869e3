# Failure reason texts from Microsoft's "How to troubleshoot sign-in errors" guide
# (MicrosoftDocs/entra-docs docs/identity/monitoring-health/howto-troubleshoot-sign-in-errors.md);
# the variant without "the" and with a trailing period is how the log usually writes it
# (Elastic's TOTP brute-force rule matches "Authentication failed during strong authentication request.").
# 400040 is AD FS's OAuthNextGenCredsIssuanceFailure, whose text is the PRT reason.
package signin.troubleshooting_test

import data.signin.fixtures_test as fx
import data.signin.lib
import data.signin.rules.troubleshooting

rule_ids(reason, code) := ids if {
	findings := troubleshooting.findings with input as fx.failed(code, reason, null)
	ids := {f.ruleId | some f in findings}
}

finding(reason, code) := f if {
	some f in troubleshooting.findings with input as fx.failed(code, reason, null)
}

test_strong_auth_reason_from_the_guide if {
	rule_ids("Authentication failed during the strong authentication request", 9999999) == {"reason-strong-auth-failed"}
}

test_strong_auth_reason_as_logged if {
	rule_ids("Authentication failed during strong authentication request.", 9999999) == {"reason-strong-auth-failed"}
}

# the MFA text is the standard reason of every 500121. As a contextual finding it
# outranked the 500121 catalogue entry at equal severity and hid its lost-phone and
# compromised-password steps; specific over generic, it now stays silent for any code with
# its own entry (500121, and 50074 whose entry explains the prompt).
test_strong_auth_reason_yields_to_the_catalogue_entry if {
	count(rule_ids("Authentication failed during strong authentication request.", 500121)) == 0
	count(rule_ids("Authentication failed during the strong authentication request", 500121)) == 0
	count(rule_ids("authentication failed during strong authentication request", 50074)) == 0
}

test_federation_prt_reason if {
	rule_ids("The Federation Service failed to issue an OAuth Primary Refresh Token.", 400040) == {"reason-federation-prt-failed"}
	rule_ids("The Federation Service failed to issue an OAuth Primary Refresh Token", 9999999) == {"reason-federation-prt-failed"}
}

test_invalid_credentials_reason if {
	rule_ids("Error validating credentials due to invalid username or password.", 9999999) == {"reason-invalid-credentials"}
	rule_ids("ERROR VALIDATING CREDENTIALS DUE TO INVALID USERNAME OR PASSWORD", 9999999) == {"reason-invalid-credentials"}
}

# the generic "typed wrong" text is Microsoft's standard reason for every 50126. As a
# contextual finding it outranked the 50126 catalogue entry and hid its password-spray advice;
# specific over generic, it now stays silent for a code with its own entry.
test_invalid_credentials_reason_yields_to_the_catalogue_entry if {
	count(rule_ids("Error validating credentials due to invalid username or password.", 50126)) == 0
}

test_findings_are_contextual_and_valid if {
	every reason in [
		"Authentication failed during strong authentication request.",
		"The Federation Service failed to issue an OAuth Primary Refresh Token.",
		"Error validating credentials due to invalid username or password.",
	] {
		f := finding(reason, 9999999)
		f.kind == "contextual"
		fx.valid_finding(f)
		contains(f.links[0].url, "howto-troubleshoot-sign-in-errors")
	}
}

# Same code, other reasons: these rules look at the text, not the code.
test_other_reasons_do_not_match if {
	count(rule_ids("Invalid username or password or Invalid on-premise username or password.", 50126)) == 0
	count(rule_ids("Error validating credentials", 50126)) == 0
	count(rule_ids("Authentication failed during strong authentication request because of timeout", 500121)) == 0
	count(rule_ids("The Federation Service failed to issue an OAuth WinHello for Business Certificate.", 400050)) == 0
}

test_no_reason_no_finding if {
	count(troubleshooting.findings) == 0 with input as fx.code_only(50126)
	count(troubleshooting.findings) == 0 with input as fx.base
	count(troubleshooting.findings) == 0 with input as fx.without_status
	count(troubleshooting.findings) == 0 with input as fx.with_status({})
}

# The PRT rule names the device when the sign-in describes it.
test_federation_prt_reason_names_the_device if {
	sign_in := fx.with_fields(fx.failed(50155, "The Federation Service failed to issue an OAuth Primary Refresh Token.", null), {"deviceDetail": fx.hybrid_pc})
	some f in troubleshooting.findings with input as sign_in
	f.ruleId == "reason-federation-prt-failed"
	endswith(f.cause, " Device: CONTOSO-PC-0173, device ID 5f8c1b7e-3a2d-4c6e-9b1f-2d7e8a9c0b14, Windows 11, join type Hybrid Azure AD joined.")
}

test_federation_prt_reason_without_device if {
	sign_in := object.remove(fx.failed(400040, "The Federation Service failed to issue an OAuth Primary Refresh Token.", null), ["deviceDetail"])
	some f in troubleshooting.findings with input as sign_in
	endswith(f.cause, "between Active Directory and Entra ID.")
}

# The rules compare lib.failure_reason with these texts as they are: each must already be in
# the normalized form, or the rule would never match.
test_reason_texts_are_normalized if {
	texts := troubleshooting.strong_auth_reasons | {troubleshooting.invalid_credentials_reason, lib.prt_failure_reason}
	count(texts) == 4
	every text in texts {
		lib.normalize(text) == text
	}
}

# Precedence: the guide's generic texts ("invalid username or password", "authentication
# failed during strong authentication request") never explain a sign-in whose code has a catalogue
# entry of its own, whatever the code; only the PRT text, which names AD FS, still may.
test_generic_texts_never_hide_an_entry if {
	generic := {troubleshooting.invalid_credentials_reason} | troubleshooting.strong_auth_reasons
	every code, _ in data.signin.rules.catalogue.entries {
		every reason in generic {
			count(rule_ids(reason, code)) == 0
		}
	}
}
