# METADATA
# title: Failed sign-ins over legacy authentication
# description: |
#   Any failure (signin.classify status "failure") whose clientAppUsed is a
#   legacy client (lib.is_legacy_client: IMAP4, POP3, SMTP, Exchange
#   ActiveSync, "Other clients"...). These protocols send the password itself,
#   cannot do MFA and slip past most Conditional Access controls, so whatever
#   the error code, the lasting fix is to block them. The finding keeps what
#   the code means: its cause starts from the code's catalogue entry, its next
#   steps are the legacy steps followed by the entry's, and its severity and
#   category are the entry's (never below "low"; "other" for a code without
#   entry). Being contextual, it wins over the plain catalogue entry.
#
#   A Conditional Access refusal of a legacy client (53003 block, or a device
#   or app grant control a basic-auth client cannot satisfy: 53000, 53001,
#   53002) means the block is already working: the finding (ruleId
#   legacy-auth-blocked) names the client and advises moving it to modern
#   authentication, with the setting for meeting-room devices (Microsoft
#   Teams Rooms), instead of advising to block legacy authentication.
#
#   Rules that know more about the sign-in must win over it: the wrong-password
#   rules (signin.rules.password), the lockout rules (signin.rules.lockout)
#   and the Conditional Access rule (signin.rules.conditional_access). When
#   one of them has a finding, this finding drops to severity "info", so it
#   ranks after theirs whatever their severity, and stays listed among the
#   other rules. Those rules mention the legacy client themselves.
# custom:
#   codes: any failure code
package signin.rules.legacy_auth

import data.signin.classify
import data.signin.lib
import data.signin.rules.catalogue

code := lib.error_code

entry := catalogue.entries[code]

code_text := sprintf("The error itself, %d (%s): %s", [code, entry.title, entry.cause]) if {
	entry
} else := sprintf("The error code %d has no catalogue entry yet; its lookup page is %s.", [code, lib.lookup_url(code)])

default severity := "low"

severity := "info" if {
	explained_elsewhere
} else := "low" if {
	entry.severity == "info"
} else := entry.severity if {
	entry
}

default category := "other"

category := entry.category if {
	entry
}

# A rule that knows more about this sign-in has a finding (see the package description).
explained_elsewhere if count(data.signin.rules.password.findings) > 0

explained_elsewhere if count(data.signin.rules.lockout.findings) > 0

explained_elsewhere if count(data.signin.rules.conditional_access.findings) > 0

# Codes where Conditional Access refused the legacy client: the block already works.
ca_refusal_codes := {53003, 53000, 53001, 53002}

ca_refused if code in ca_refusal_codes

default code_steps := []

code_steps := entry.nextSteps if {
	entry
}

# METADATA
# title: Failed sign-in over legacy authentication
# description: |
#   A failure over a basic-authentication protocol, whatever the code: the
#   finding recommends finding the client and blocking legacy authentication.
#   Severity: the code's catalogue severity, at least low; info when a more
#   specific rule explains the sign-in (see the package description).
# custom:
#   severity: low
#   category: the code's catalogue category
#   codes: any failure code
#   matches:
#     - signin.classify.status is "failure"
#     - clientAppUsed is a legacy client (lib.legacy_clients)
findings contains {
	"ruleId": "legacy-auth-failure",
	"title": sprintf("Failed over legacy authentication (%s)", [input.clientAppUsed]),
	"cause": sprintf("The sign-in used %s, a legacy protocol with basic authentication: the client sends the password itself with every request and can do neither MFA nor most Conditional Access checks. Attackers use these protocols to try passwords; old phones, mail clients, printers and scripts use them out of habit. %s", [input.clientAppUsed, code_text]),
	"nextSteps": array.concat(
		[
			"An admin finds the client behind this sign-in from its IP address and location: if it is the user's, the user moves to an app with modern authentication (Outlook, or the platform's mail app set up as Exchange with OAuth); if it is unknown, a security admin treats it as an attack on the account.",
			"An admin blocks legacy authentication with a Conditional Access policy in the Entra admin center > Entra ID > Conditional Access > Policies (all users, Conditions > Client apps: Exchange ActiveSync clients and Other clients, Grant: Block access), in report-only mode first to find who still depends on it.",
		],
		code_steps,
	),
	"severity": severity,
	"category": category,
	"actor": "admin",
	"kind": "contextual",
	"links": [lib.lookup_link(code)],
} if {
	classify.status == "failure"
	lib.is_legacy_client
	not ca_refused
}

# METADATA
# title: Legacy client refused by Conditional Access
# description: |
#   A basic-authentication client refused by Conditional Access: the policy
#   works, so the finding names the client to move to modern authentication
#   (and the device setting for meeting-room devices) rather than advising to
#   block legacy authentication. Severity: the code's catalogue severity; info
#   when the Conditional Access rule names the policy.
# custom:
#   severity: medium
#   category: conditional-access
#   codes: [53003, 53000, 53001, 53002]
#   matches:
#     - status.errorCode is 53003, 53000, 53001 or 53002
#     - clientAppUsed is a legacy client (lib.legacy_clients)
findings contains {
	"ruleId": "legacy-auth-blocked",
	"title": sprintf("Legacy client refused by Conditional Access (%s)", [input.clientAppUsed]),
	"cause": sprintf("The sign-in used %s, a legacy protocol with basic authentication, and Conditional Access refused it: the client can do neither MFA nor device checks, so a policy that blocks legacy authentication or requires a grant control stops it, as intended. The client keeps failing until it uses modern authentication. %s", [input.clientAppUsed, code_text]),
	"nextSteps": array.concat(
		lib.modern_auth_steps,
		[step | some step in code_steps; not contains(step, "legacy authentication")],
	),
	"severity": severity,
	"category": category,
	"actor": "admin",
	"kind": "contextual",
	"links": array.concat([lib.lookup_link(code)], lib.room_links),
} if {
	classify.status == "failure"
	lib.is_legacy_client
	ca_refused
}
