# METADATA
# title: MFA fatigue (push spamming)
# description: |
#   One account gets many MFA prompts denied or left unanswered (500121) in a
#   short window, then a sign-in succeeds. Someone who already has the
#   password keeps sending push notifications until the user, tired or
#   confused, approves one. The success has to come at most successWithin
#   after the last denial (requireSuccess: false reports the denials alone).
#   When the approved sign-in came from an address the prompts were sent for,
#   the attacker most likely holds a session now.
# custom:
#   patternId: mfa-fatigue
#   severity: critical when the approval came from an address of the denials, else high; medium without an approval
#   sources:
#     window: >-
#       10m, Sigma's correlation azure_successful_mfa_fatigue_attack.yml (SigmaHQ/sigma:
#       rules/cloud/azure/signin_logs/). Sentinel's MFASpammingfollowedbySuccessfullogin.yaml
#       uses 5 minutes (Azure/Azure-Sentinel: Solutions/Microsoft Entra ID/Analytic Rules/).
#     minDenials: >-
#       7 failed prompts per account, Sigma's azure_successful_mfa_fatigue_attack.yml.
#       Sentinel's MFASpammingfollowedbySuccessfullogin.yaml needs more than 10.
#     requireSuccess: >-
#       true, both Sigma's and Sentinel's rules ask for a success after the denials.
#     successWithin: >-
#       10m, Sigma's azure_successful_mfa_fatigue_attack.yml (the success within 10 minutes).
#     codes: >-
#       500121 (authentication failed during the strong authentication request), as in
#       Sigma's rule and Sentinel's MFARejectedbyUser.yaml.
#     enabled: true
package signin.patterns.mfa_fatigue

import data.signin.patterns.config
import data.signin.patterns.lib as plib

id := "mfa-fatigue"

t := config.effective[id]

# METADATA
# title: grouping
# description: MFA failures per account in buckets of the window, with the account's first success afterwards.
grouping := {
	"id": id,
	"by": [["user"]],
	"window": t.window,
	"codes": t.codes,
	"prune": {"count": t.minDenials},
} if {
	t.enabled
}

# METADATA
# title: spammed
# description: Accounts with at least minDenials MFA failures in one bucket.
spammed contains g if {
	t.enabled
	some g in input.groups[id]
	g.key.user
	g.count >= t.minDenials
}

# approved: a success followed the first denial, at most successWithin after the last one.
approved(g) if {
	g.successAfter - g.last <= plib.seconds(t.successWithin)
}

# METADATA
# title: findings
# scope: document
# description: One finding per account and bucket, with or without the approval.
findings contains {
	"patternId": id,
	"group": g.id,
	"title": sprintf("MFA fatigue: %s approved a sign-in after repeated denied prompts", [g.key.user]),
	"severity": approved_severity(g),
	"cause": sprintf(
		"%s Then a sign-in of the account succeeded at %s from %s. %s",
		[prompts_text(g), g.successAfterTime, g.successAfterIP, approval_text(g)],
	),
	"nextSteps": array.concat(
		[sprintf("A security admin revokes the sessions of %s now (Entra admin center > Entra ID > Users > [user] > Revoke sessions), resets the password (the attacker knows it) and asks the user whether they approved a prompt they did not start.", [g.key.user])],
		common_steps(g),
	),
	"details": details(g),
} if {
	some g in spammed
	approved(g)
}

findings contains {
	"patternId": id,
	"group": g.id,
	"title": sprintf("Repeated denied MFA prompts for %s", [g.key.user]),
	"severity": "medium",
	"cause": sprintf("%s No sign-in of the account succeeded right after. Whoever sent the sign-ins probably has the password.", [prompts_text(g)]),
	"nextSteps": array.concat(
		[sprintf("The helpdesk asks %s whether they started these sign-ins; if not, an admin resets the password.", [g.key.user])],
		common_steps(g),
	),
	"details": details(g),
} if {
	not t.requireSuccess
	some g in spammed
	not approved(g)
}

prompts_text(g) := sprintf(
	"%s had %d MFA prompts fail with 500121 within %s from %s (%s), for sign-ins from %s. Someone who already knows the password keeps sending push notifications until the user approves one to make them stop.",
	[g.key.user, g.count, plib.duration_text(g.windowSeconds), g.firstTime, details_text(g.details), plib.values_text(g.ips)],
)

details_text(details) := concat("; ", [sprintf("%s: %d", [text, n]) | some text, n in details])

approved_severity(g) := "critical" if g.successAfterIP in g.ips.values

else := "high"

approval_text(g) := "The approved sign-in came from an address the prompts were sent for: the attacker most likely holds a session of the account now." if {
	g.successAfterIP in g.ips.values
} else := "The approved sign-in came from another address; it may be the user's own, but treat the account as compromised until the user confirms."

common_steps(g) := [
	"Turn on number matching and additional context (application and location) for Microsoft Authenticator in Entra ID > Authentication methods > Microsoft Authenticator, so that a user cannot approve a prompt blindly.",
	sprintf("Block the addresses the prompts were sent for (%s) if they are not the user's, with a blocked named location in Conditional Access, and check whether they tried other accounts.", [plib.values_text(g.ips)]),
]

details(g) := {
	"prompts": g.count,
	"details": g.details,
	"addresses": g.ips.values,
	"successAfter": object.get(g, "successAfterTime", ""),
	"successAfterAddress": object.get(g, "successAfterIP", ""),
}
