# METADATA
# title: Legacy-authentication attempts from one address
# description: |
#   One address fails sign-ins over legacy protocols (IMAP4, POP3, SMTP,
#   Exchange ActiveSync, "Other clients" and the rest of
#   signin.lib.legacy_clients) for several accounts within two hours. Legacy
#   protocols send the password itself and cannot do MFA, which is why
#   password attacks prefer them; an honest mail app fails for one account,
#   not for several. As for sprays, a shared address where more accounts
#   signed in successfully than failed (an office) is left out.
# custom:
#   patternId: legacy-auth
#   severity: medium; high when an account signed in successfully from the address
#   sources:
#     window: >-
#       2h, this project's choice. Sigma's azure_legacy_authentication_protocols.yml
#       (SigmaHQ/sigma: rules/cloud/azure/signin_logs/) alerts on every event; grouping per
#       address turns one attack into one finding, and two hours catch the slow, low-volume
#       attempts legacy attacks make (a few an hour per address).
#     minUsers: >-
#       5 accounts, the spray minimum of Sentinel's SigninPasswordSpray.yaml over a longer
#       window: an honest mail app or device fails for one account, a household for two.
#     moreFailedThanSucceeded: >-
#       true, as in Sentinel's SigninPasswordSpray.yaml: leaves out offices and VPNs.
#     enabled: true
package signin.patterns.legacy_auth

import data.signin.lib
import data.signin.patterns.config
import data.signin.patterns.lib as plib

id := "legacy-auth"

t := config.effective[id]

# METADATA
# title: grouping
# description: Failed legacy-protocol sign-ins (clientAppUsed in signin.lib.legacy_clients) per address.
grouping := {
	"id": id,
	"by": [["ip"]],
	"window": t.window,
	"clientApps": lib.legacy_clients,
	"statuses": ["failure", "interrupted"],
	"prune": {"users": t.minUsers},
} if {
	t.enabled
}

# METADATA
# title: attempts
# description: Addresses with failed legacy sign-ins for at least minUsers accounts, not outnumbered by successful ones.
attempts contains g if {
	t.enabled
	some g in input.groups[id]
	g.key.ip
	g.users.count >= t.minUsers
	not outnumbered(g)
}

outnumbered(g) if {
	t.moreFailedThanSucceeded
	plib.success_count(g, "successUsers") >= g.users.count
}

# METADATA
# title: findings
# description: One finding per address and bucket.
findings contains {
	"patternId": id,
	"group": g.id,
	"title": sprintf("Legacy-authentication attempts from %s", [g.key.ip]),
	"severity": severity(g),
	"cause": sprintf(
		"%s failed %d sign-ins over legacy protocols (%s) for %d accounts within %s from %s, with codes %s. Legacy protocols send the password itself and cannot do MFA, which is why password attacks use them; an honest mail app fails for one account, not for several. %s",
		[g.key.ip, g.count, plib.values_text(g.clientApps), g.users.count, plib.duration_text(g.windowSeconds), g.firstTime, plib.code_text(g.codes), success_text(g)],
	),
	"nextSteps": [
		"A security admin blocks legacy authentication for everyone with a Conditional Access policy (Entra admin center > Entra ID > Conditional Access > Policies, condition Client apps: Exchange ActiveSync clients and Other clients, grant Block), with only the service accounts that still need it excluded.",
		sprintf("Block %s with a blocked named location if it is not a company address, and check its other sign-ins in Monitoring & health > Sign-in logs.", [g.key.ip]),
		"Turn off the protocols where nobody uses them: Exchange admin center > Mailboxes > [mailbox] > Email apps (IMAP, POP, authenticated SMTP), or per organisation with Set-CASMailboxPlan.",
	],
	"details": {
		"attempts": g.count,
		"accounts": g.users.count,
		"clientApps": g.clientApps.values,
		"codes": g.codes,
		"successUsers": object.get(g, ["successUsers", "values"], []),
	},
} if {
	some g in attempts
}

success_text(g) := sprintf(
	"%d account(s) did sign in successfully from this address in the queried range (%s): check them first.",
	[plib.success_count(g, "successUsers"), plib.values_text(g.successUsers)],
) if {
	plib.success_count(g, "successUsers") > 0
} else := "No account signed in successfully from this address in the queried range."

severity(g) := "high" if plib.success_count(g, "successUsers") > 0

else := "medium"
