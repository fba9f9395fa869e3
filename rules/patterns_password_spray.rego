# METADATA
# title: Password spray
# description: |
#   One address fails sign-ins with bad-credential codes (50126 wrong
#   password, 50053 locked, 50055 expired, 50056 no password stored) for many
#   different accounts within a short window: someone tries one or a few common
#   passwords across the tenant, staying under each account's lockout limit.
#   Shared addresses where colleagues mistype passwords (an office's NAT, a
#   VPN) are told apart the way Sentinel does: the address must have more
#   failing accounts in the window than accounts that signed in successfully
#   from it in the queried range (moreFailedThanSucceeded).
#   With beta sign-ins, which carry autonomousSystemNumber, a spray spread over
#   several addresses of one hosting network (signin.lib.hosting_asns) is
#   found per network too.
# custom:
#   patternId: password-spray
#   severity: high; critical when an account signed in successfully from the address
#   sources:
#     window: >-
#       20m, the bins of Sentinel's SigninPasswordSpray.yaml (Azure/Azure-Sentinel:
#       Solutions/Microsoft Entra ID/Analytic Rules/SigninPasswordSpray.yaml). Elastic's
#       password_spraying allows 1800 s (elastic/detection-rules:
#       rules/integrations/azure/credential_access_entra_id_brute_force_activity.toml).
#     minUsers: >-
#       5 distinct failing accounts per address and window, Sentinel's SigninPasswordSpray.yaml
#       (5 or more failed UPNs per IP and app in a 20-minute bin). Elastic asks for 15,
#       Sigma's azure_ad_password_spray_via_signinlogs.yml for more than 3 in 10 minutes.
#     codes: >-
#       50126, 50053, 50055, 50056: the failure codes of Sentinel's SigninPasswordSpray.yaml
#       (50053, 50126, 50055) and DistribPassCrackAttempt.yaml (adds 50056).
#     moreFailedThanSucceeded: >-
#       true, Sentinel's SigninPasswordSpray.yaml keeps addresses where failed principals
#       outnumber successful ones.
#     asnHostingOnly: >-
#       true, this project's choice: per-network grouping only for hosting providers
#       (signin.lib.hosting_asns); a home ISP's network holds many honest users.
#     minASNAddresses: >-
#       2, this project's choice: a network finding only adds something when the spray
#       moved between addresses (one address is already found per address).
#     enabled: true
package signin.patterns.password_spray

import data.signin.lib
import data.signin.patterns.config
import data.signin.patterns.lib as plib

id := "password-spray"

t := config.effective[id]

# METADATA
# title: grouping
# description: |
#   What Go aggregates for this pattern: bad-credential failures, per address
#   and per network, in buckets of the window. Groups with fewer failing
#   accounts than minUsers cannot fire, so Go does not send them.
grouping := {
	"id": id,
	"by": [["ip"], ["asn"]],
	"window": t.window,
	"codes": t.codes,
	"prune": {"users": t.minUsers},
} if {
	t.enabled
}

# METADATA
# title: by_address
# description: Groups of one address with enough failing accounts, not outnumbered by its successful ones.
by_address contains g if {
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
# title: by_network
# description: Groups of one network (beta autonomousSystemNumber) that the spray spread over.
by_network contains g if {
	t.enabled
	some g in input.groups[id]
	g.key.asn
	hosting_or_any(to_number(g.key.asn))
	g.ips.count >= t.minASNAddresses
	g.users.count >= t.minUsers
}

hosting_or_any(asn) if asn in lib.hosting_asns

hosting_or_any(_) if not t.asnHostingOnly

# METADATA
# title: findings
# scope: document
# description: One finding per address (or network) and bucket; Go merges overlapping buckets.
findings contains {
	"patternId": id,
	"group": g.id,
	"title": sprintf("Password spray from %s", [g.key.ip]),
	"severity": severity(g),
	"cause": sprintf("%s %s", [spray_text(g, g.key.ip), success_text(g)]),
	"nextSteps": array.concat(
		[
			sprintf("A security admin blocks %s: add it to a blocked named location (Entra admin center > Entra ID > Conditional Access > Named locations) used by a blocking policy, or block it at the firewall.", [g.key.ip]),
			sprintf("An admin filters Entra ID > Monitoring & health > Sign-in logs on IP address %s and status Success: reset the password and revoke the sessions (Users > [user] > Revoke sessions) of every account that signed in from it.", [g.key.ip]),
		],
		common_steps(g),
	),
	"details": details(g),
} if {
	some g in by_address
}

findings contains {
	"patternId": id,
	"group": g.id,
	"title": sprintf("Password spray from hosting network AS%s", [g.key.asn]),
	"severity": "high",
	"cause": sprintf("%s The attempts came from %d addresses of one hosting provider's network (%s), so blocking one address would not stop it.", [spray_text(g, sprintf("AS%s", [g.key.asn])), g.ips.count, plib.values_text(g.ips)]),
	"nextSteps": array.concat(
		[
			sprintf("A security admin blocks the network's addresses (%s) with a blocked named location in Entra admin center > Entra ID > Conditional Access > Named locations, or requires a compliant device for sign-ins from outside the company's own networks.", [plib.values_text(g.ips)]),
			"An admin filters Entra ID > Monitoring & health > Sign-in logs on these addresses and status Success, and resets the password and revokes the sessions of every account that signed in from them.",
		],
		common_steps(g),
	),
	"details": details(g),
} if {
	some g in by_network
}

spray_text(g, source) := sprintf(
	"In %s from %s, %s failed sign-ins for %d different accounts with bad-credential codes (%s), %d attempts in all. Trying one or a few passwords against many accounts stays under each account's lockout limit: this is a password spray, not people mistyping.",
	[plib.duration_text(g.windowSeconds), g.firstTime, source, g.users.count, plib.code_text(g.codes), g.count],
)

success_text(g) := sprintf(
	"%d account(s) did sign in successfully from this address in the queried range (%s): the spray may have found a working password.",
	[plib.success_count(g, "successUsers"), plib.values_text(g.successUsers)],
) if {
	plib.success_count(g, "successUsers") > 0
} else := "No account signed in successfully from this address in the queried range."

severity(g) := "critical" if plib.success_count(g, "successUsers") > 0

else := "high"

common_steps(g) := array.concat(legacy_step(g), [
	"The targeted users change their passwords if they are weak or reused; turn on Microsoft Entra Password Protection with a custom banned-password list (the company's name, products, city) so that sprayed passwords are refused.",
])

legacy_step(g) := [sprintf("Most attempts used legacy protocols (%s), which cannot do MFA: block legacy authentication with a Conditional Access policy (Entra ID > Conditional Access > Policies, condition Client apps: Exchange ActiveSync clients and Other clients).", [plib.values_text(g.clientApps)])] if {
	some app in g.clientApps.values
	app in lib.legacy_clients
} else := []

details(g) := {
	"failedUsers": g.users.count,
	"attempts": g.count,
	"codes": g.codes,
	"clientApps": g.clientApps.values,
	"successUsers": object.get(g, ["successUsers", "values"], []),
	"addresses": g.ips.count,
}
