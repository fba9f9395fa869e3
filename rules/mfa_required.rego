# METADATA
# title: MFA required or registration required, by flow (50074, 50076, 50079)
# description: |
#   "MFA required" means different things by who asked. A background token
#   request (isInteractive false: an app refreshing its token) cannot show a
#   prompt: Entra ID answers 50074/50076/50079 and the app is expected to bring
#   the user to an interactive sign-in later. That is routine and worth no alert,
#   so those findings are severity "info" with actor "none". An interactive
#   sign-in (isInteractive true) means the user was at the sign-in page and has
#   a step to do (complete MFA, register a method); if no success follows, the
#   user is stuck, so those findings are "low" with actor "user".
#
#   Only the finding changes; the status stays what signin.classify says (50074
#   is an interrupt in Microsoft's workbook list, 50076 and 50079 are failures).
#   An interactive 50074 is the MFA prompt being shown, which the catalogue
#   entry already explains, so no rule here repeats it. Legacy (basic
#   authentication) clients are left to the legacy_auth rules: they can never
#   complete MFA, so "the user completes MFA" would be wrong advice. When Graph
#   omits isInteractive, only the catalogue entry applies.
# custom:
#   codes: [50074, 50076, 50079]
package signin.rules.mfa_required

import data.signin.lib

mfa_codes := {50074, 50076}

registration_codes := {50079}

# METADATA
# title: MFA required for a background token request
# description: |
#   An app asked for a token without the user (isInteractive false) and MFA was
#   required, so it got none. The app has to send the user to an interactive
#   sign-in; nothing is wrong with the account.
# custom:
#   severity: info
#   category: mfa
#   codes: [50074, 50076]
#   matches:
#     - status.errorCode is 50074 or 50076
#     - isInteractive is false
findings contains {
	"ruleId": "mfa-required-background",
	"title": "MFA needed, app asked in the background",
	"cause": sprintf("%s asked for a token in the background (a non-interactive sign-in), and a policy requires MFA that its current session does not carry. A background request cannot show a prompt, so the app must bring the user to an interactive sign-in. This is routine, for example after MFA requirements change or a session's MFA claim expires.", [lib.app_label]),
	"nextSteps": [
		"No action if the user later signs in interactively to the app and succeeds.",
		"If the user stays signed out of the app, the user opens the app and signs in again, completing MFA.",
		"If one app keeps failing this way without ever prompting, the app developer handles interaction_required (or the claims challenge) by starting an interactive sign-in instead of retrying silently.",
	],
	"severity": "info",
	"category": "mfa",
	"actor": "none",
	"kind": "contextual",
	"links": [],
} if {
	lib.error_code in mfa_codes
	lib.is_non_interactive
}

# METADATA
# title: MFA required during an interactive sign-in
# description: |
#   The user was at the sign-in page (isInteractive true) with a modern client
#   and MFA was required but not yet passed: a step for the user.
# custom:
#   severity: low
#   category: mfa
#   codes: [50076]
#   matches:
#     - status.errorCode is 50076
#     - isInteractive is true
#     - clientAppUsed is not a legacy client
findings contains {
	"ruleId": "mfa-required-interactive",
	"title": "MFA required, user has to complete it",
	"cause": sprintf("The user was signing in to %s and a policy (Conditional Access, security defaults, per-user MFA, or a risky or new location) requires MFA, which this sign-in had not passed. A success of the same user right after means the user completed it; otherwise the user gave up or could not answer.", [lib.app_label]),
	"nextSteps": [
		"The user signs in again and completes the MFA prompt; without a working method, the user registers one at https://aka.ms/mysecurityinfo.",
		"If the user cannot complete MFA (lost phone), an admin issues a Temporary Access Pass in the Entra admin center > Entra ID > Users > [user] > Authentication methods.",
		"If the user did not start this sign-in, someone else has the password: an admin resets it and revokes sessions in Entra ID > Users > [user].",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
	"kind": "contextual",
	"links": [],
} if {
	lib.error_code == 50076
	lib.is_interactive
	not lib.is_legacy_client
}

# METADATA
# title: MFA registration required for a background token request
# description: |
#   An app asked for a token without the user and the user must first register
#   an MFA method, which only an interactive sign-in can offer.
# custom:
#   severity: info
#   category: mfa
#   codes: [50079]
#   matches:
#     - status.errorCode is 50079
#     - isInteractive is false
findings contains {
	"ruleId": "mfa-registration-background",
	"title": "MFA registration needed, app asked in background",
	"cause": sprintf("%s asked for a token in the background, but the user must first register an MFA method, which a background request cannot offer. The app has to bring the user to an interactive sign-in, where registration is shown.", [lib.app_label]),
	"nextSteps": [
		"No action if the user registers and signs in interactively soon after.",
		"Otherwise the user registers a method at https://aka.ms/mysecurityinfo, then opens the app again.",
		"The app developer starts an interactive sign-in when a background request returns interaction_required.",
	],
	"severity": "info",
	"category": "mfa",
	"actor": "none",
	"kind": "contextual",
	"links": [],
} if {
	lib.error_code in registration_codes
	lib.is_non_interactive
}

# METADATA
# title: MFA registration required during an interactive sign-in
# description: |
#   The user was at the sign-in page with a modern client and must register an
#   MFA method before going on.
# custom:
#   severity: low
#   category: mfa
#   codes: [50079]
#   matches:
#     - status.errorCode is 50079
#     - isInteractive is true
#     - clientAppUsed is not a legacy client
findings contains {
	"ruleId": "mfa-registration-interactive",
	"title": "User must register an MFA method",
	"cause": sprintf("The user was signing in to %s and MFA is required, but the user has no method registered yet (or, for a federated domain, the identity provider did not vouch for MFA), so the sign-in waits for registration.", [lib.app_label]),
	"nextSteps": [
		"The user completes the registration shown, or registers at https://aka.ms/mysecurityinfo, and signs in again.",
		"For a new user, an admin issues a Temporary Access Pass in the Entra admin center > Entra ID > Users > [user] > Authentication methods so registration itself is protected.",
		"For a federated domain, an admin checks that the federation server sends the MFA claim, or sets federatedIdpMfaBehavior so that Entra ID performs MFA.",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
	"kind": "contextual",
	"links": [],
} if {
	lib.error_code in registration_codes
	lib.is_interactive
	not lib.is_legacy_client
}
