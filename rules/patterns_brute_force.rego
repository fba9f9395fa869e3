# METADATA
# title: Brute force (password guessing) against one account
# description: |
#   One account fails many sign-ins with bad-credential codes within a short
#   window. Two very different causes look alike here, and the finding says
#   which one the log points to: the account's own person or device (a
#   forgotten or just-changed password, a phone or a NAS retrying an old one),
#   when every address of the attempts is one the account also signed in from
#   successfully in the queried range; or someone else guessing, when the
#   attempts came from addresses the account never succeeded from. Smart
#   lockout (50053) answering the attempts and a success afterwards are
#   reported too.
# custom:
#   patternId: brute-force
#   severity: medium from the account's own addresses; high from addresses it never succeeded from
#   sources:
#     window: >-
#       20m, the session window of Sentinel's SigninBruteForce-AzurePortal.yaml
#       (Azure/Azure-Sentinel: Solutions/Microsoft Entra ID/Analytic Rules/SigninBruteForce-AzurePortal.yaml).
#       Elastic's password_guessing uses 300 s (elastic/detection-rules:
#       rules/integrations/azure/credential_access_entra_id_brute_force_activity.toml).
#     minAttempts: >-
#       10 failures, Sentinel's SigninBruteForce-AzurePortal.yaml (10 or more failures before
#       a success). Elastic's password_guessing asks for 30 in 300 s, which a person typing
#       never reaches; smart lockout stops a person after 10.
#     codes: >-
#       50126, 50053, 50055, 50056, the bad-credential codes of Sentinel's
#       DistribPassCrackAttempt.yaml.
#     enabled: true
package signin.patterns.brute_force

import data.signin.patterns.config
import data.signin.patterns.lib as plib

id := "brute-force"

t := config.effective[id]

# METADATA
# title: grouping
# description: Bad-credential failures per account, in buckets of the window; groups under minAttempts are not sent.
grouping := {
	"id": id,
	"by": [["user"]],
	"window": t.window,
	"codes": t.codes,
	"prune": {"count": t.minAttempts},
} if {
	t.enabled
}

# METADATA
# title: guessed
# description: Accounts with at least minAttempts bad-credential failures in one bucket.
guessed contains g if {
	t.enabled
	some g in input.groups[id]
	g.key.user
	g.count >= t.minAttempts
}

# own: every address of the attempts is one the account signed in from successfully.
own(g) if plib.success_count(g, "knownIPs") == g.ips.count

# METADATA
# title: findings
# scope: document
# description: One finding per account and bucket, worded for the account's own retries or for guessing.
findings contains {
	"patternId": id,
	"group": g.id,
	"title": sprintf("Repeated bad passwords for %s from its own addresses", [g.key.user]),
	"severity": "medium",
	"cause": sprintf("%s Every address involved (%s) is one this account also signed in from successfully in the queried range, so this is most likely the user or one of their devices: a forgotten or recently changed password, or a phone, mail app or NAS still sending the old one. %s", [attempts_text(g), plib.values_text(g.ips), outcome_text(g)]),
	"nextSteps": [
		sprintf("The helpdesk calls %s: did they change their password recently, and which devices and mail apps still hold the old one? Update or remove them.", [g.key.user]),
		"If the user forgot the password, they reset it with self-service password reset (https://aka.ms/sspr) or the helpdesk resets it in Entra admin center > Entra ID > Users > [user] > Reset password.",
		sprintf("Check the client apps (%s) and devices of the failures in Entra ID > Monitoring & health > Sign-in logs: a device retrying every few minutes keeps the account locked.", [plib.values_text(g.clientApps)]),
	],
	"details": details(g),
} if {
	some g in guessed
	own(g)
}

findings contains {
	"patternId": id,
	"group": g.id,
	"title": sprintf("Password guessing against %s", [g.key.user]),
	"severity": "high",
	"cause": sprintf("%s %d of the %d addresses involved (%s) never saw a successful sign-in of this account in the queried range: someone other than the user is probably guessing its password. %s", [attempts_text(g), g.ips.count - plib.success_count(g, "knownIPs"), g.ips.count, plib.values_text(g.ips), outcome_text(g)]),
	"nextSteps": [
		sprintf("A security admin checks with %s whether the addresses %s are theirs (a new home network, a hotel, a VPN).", [g.key.user, plib.values_text(g.ips)]),
		"If they are not, block them with a blocked named location (Entra admin center > Entra ID > Conditional Access > Named locations) and make sure the account is covered by a policy that requires MFA.",
		"If a sign-in succeeded after the failures, reset the password and revoke the sessions in Entra ID > Users > [user] > Revoke sessions, then review the account's recent activity in the audit log.",
	],
	"details": details(g),
} if {
	some g in guessed
	not own(g)
}

attempts_text(g) := sprintf(
	"%s failed %d sign-ins with bad-credential codes (%s) within %s from %s.",
	[g.key.user, g.count, plib.code_text(g.codes), plib.duration_text(g.windowSeconds), g.firstTime],
)

outcome_text(g) := concat(" ", [text | some text in [lockout_text(g), success_text(g)]; text != ""])

lockout_text(g) := sprintf("Smart lockout answered %d of the attempts with 50053 (account locked).", [g.codes["50053"]]) if {
	g.codes["50053"] > 0
} else := ""

success_text(g) := sprintf("The account signed in successfully %s later, at %s from %s.", [plib.duration_text(plib.round_minutes(g.successAfter - g.last)), g.successAfterTime, g.successAfterIP]) if {
	g.successAfter - g.last <= g.windowSeconds
} else := sprintf("No successful interactive sign-in of the account followed within %s.", [plib.duration_text(g.windowSeconds)])

details(g) := {
	"attempts": g.count,
	"codes": g.codes,
	"addresses": g.ips.count,
	"knownAddresses": plib.success_count(g, "knownIPs"),
	"clientApps": g.clientApps.values,
	"successAfter": success_after(g),
}

success_after(g) := g.successAfterTime if {
	g.successAfter - g.last <= g.windowSeconds
} else := ""
