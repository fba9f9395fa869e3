# METADATA
# title: Wrong password (50126) by protocol and identity source
# description: |
#   50126 says only that the password did not match. Two contexts change what
#   an admin should do:
#     - A legacy (basic authentication) client, lib.is_legacy_client: IMAP,
#       POP, SMTP, ActiveSync and "Other clients" send the password itself and
#       skip MFA, which makes them the channel of choice for password spraying;
#       the other common cause is a phone or mail client still using an old
#       password. The fix is blocking legacy authentication.
#     - A federated or hybrid user: the token issuer is AD FS (beta
#       tokenIssuerType ADFederationServices), a step of the beta
#       authenticationDetails names federation, pass-through authentication
#       or password hash sync, or the additional details do. Then a password
#       that was just changed, an expired on-premises password or an
#       unhealthy agent can look like a wrong password.
#   The failure reason is NOT read for this: Microsoft's standard text for
#   every 50126 ("Invalid username or password or Invalid on-premise username
#   or password.") mentions on-premises for cloud-only users too.
#   The graph has no onPremisesSyncEnabled on a sign-in; a synced user shows
#   "Password Hash Sync" or "Pass-through Authentication" in the details.
#   The legacy rule wins over the hybrid one; each sign-in gets at most one
#   of them. Both are contextual and so outrank the 50126 catalogue entry:
#   the legacy rule gives its own spray advice, and the hybrid rule carries
#   the entry's password-spray step along (spray_steps) and names the attack
#   signals, so a spray on hybrid users keeps its advice.
# custom:
#   codes: [50126]
package signin.rules.password

import data.signin.lib
import data.signin.rules.catalogue

wrong_password if lib.error_code == 50126

# The 50126 entry's password-spray step: the hybrid finding outranks the entry and would
# otherwise hide it (specific over generic must not lose the entry's advice).
spray_steps := [step | some step in catalogue.entries[50126].nextSteps; contains(step, "password spraying")]

# Words of the additional details or of an authentication step that point at on-premises
# validation. "on-premise" and "active directory" are left out on purpose: the first is in
# Microsoft's standard 50126 text, the second in "Azure Active Directory".
hybrid_phrases := ["federat", "pass-through", "passthrough", "password hash", "ad fs", "adfs"]

hybrid if {
	some phrase in hybrid_phrases
	contains(lib.additional_details, phrase)
}

hybrid if {
	some step in input.authenticationDetails
	some text in [step.authenticationMethod, step.authenticationMethodDetail]
	is_string(text)
	some phrase in hybrid_phrases
	contains(lower(text), phrase)
}

hybrid if input.tokenIssuerType == "ADFederationServices"

# The attack signals, as one sentence, or "" when there are none.
default signals_sentence := ""

signals_sentence := sprintf(" This sign-in also shows %s.", [concat(", ", sort(lib.attack_signals))]) if {
	count(lib.attack_signals) > 0
}

# METADATA
# title: Wrong password over a legacy protocol
# description: |
#   A wrong password sent by a basic-authentication client. Password sprays
#   favour these protocols because they skip MFA; a single account failing
#   from a known device is more likely a stale saved password.
# custom:
#   severity: medium
#   category: credentials
#   codes: [50126]
#   matches:
#     - status.errorCode is 50126
#     - clientAppUsed is a legacy client (lib.legacy_clients)
findings contains {
	"ruleId": "password-legacy-protocol",
	"title": "Wrong password over a legacy protocol",
	"cause": sprintf("A wrong password was sent over %s, a legacy protocol that uses basic authentication: the client sends the password itself and never does MFA. That makes these protocols the usual channel for password spraying from unknown IP addresses; the other usual cause is a phone, mail client or script of the user still sending an old password.%s", [input.clientAppUsed, signals_sentence]),
	"nextSteps": [
		"An admin checks the IP address of this sign-in: if it is not one of the organization's or the user's, and other accounts fail from it too, a security admin treats it as password spraying, adds it to a named location in the Entra admin center > Entra ID > Conditional Access > Named locations and blocks that location with a Conditional Access policy.",
		"If it is the user's own device, the user updates the saved password in that mail app or device, or better replaces it with an app that uses modern authentication (Outlook, or the platform's mail app with an Exchange account using OAuth).",
		"An admin blocks legacy authentication with a Conditional Access policy (all users, Conditions > Client apps: Exchange ActiveSync clients and Other clients, Grant: Block access), in report-only mode first to find the remaining legacy users.",
		"If any sign-in over a legacy protocol from the same address succeeded, an admin resets the user's password and revokes sessions in Entra ID > Users > [user].",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "admin",
	"kind": "contextual",
	"links": [],
} if {
	wrong_password
	lib.is_legacy_client
}

# METADATA
# title: Wrong password for a federated or hybrid user
# description: |
#   The password was checked on-premises (federation, pass-through
#   authentication) or against a hash synced from Active Directory, so the
#   on-premises side can be the cause.
# custom:
#   severity: low
#   category: credentials
#   codes: [50126]
#   matches:
#     - status.errorCode is 50126
#     - tokenIssuerType is ADFederationServices, or an authenticationDetails step or the additionalDetails name federation, pass-through authentication or password hash sync (never the failure reason)
#     - clientAppUsed is not a legacy client
findings contains {
	"ruleId": "password-hybrid-user",
	"title": "Wrong password for a hybrid or federated user",
	"cause": sprintf("The password did not match, and the sign-in's token issuer or authentication details point at on-premises validation: the password is checked by Active Directory (federation or pass-through authentication) or compared with a hash synced from it. Besides a typo, this happens when the password was changed on-premises minutes ago and has not reached Entra ID yet, when the on-premises password expired, or when the sync, pass-through agents or federation server are unhealthy.%s", [signals_sentence]),
	"nextSteps": array.concat(
		[
			"The user signs in with the password that works on the company computer; after a recent change, the user waits a few minutes and tries again.",
			"An admin checks whether the user is synced (Entra admin center > Entra ID > Users > [user] > Properties > On-premises) and the health of password hash sync, pass-through agents or federation in Entra ID > Entra Connect.",
			"For a federated domain, an admin reads the federation server's (AD FS) event log for this user and time; for pass-through authentication, the agents' Admin event log.",
		],
		spray_steps,
	),
	"severity": "low",
	"category": "credentials",
	"actor": "user",
	"kind": "contextual",
	"links": [],
} if {
	wrong_password
	hybrid
	not lib.is_legacy_client
}
