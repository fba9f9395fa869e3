# METADATA
# title: Distributed password cracking against one account
# description: |
#   One account fails many sign-ins with bad-credential codes in a day, from
#   several different locations (country, state and city of the sign-in). A
#   person forgets a password in one place; attempts from three cities in a day
#   come from a botnet or rotating proxies working through a password list slow
#   enough to dodge a per-address brute-force rule. Addresses alone are not
#   counted: a phone on mobile data changes address all day in one city.
# custom:
#   patternId: password-cracking
#   severity: high
#   sources:
#     window: >-
#       24h, Sentinel's DistribPassCrackAttempt.yaml (Azure/Azure-Sentinel: Solutions/Microsoft
#       Entra ID/Analytic Rules/DistribPassCrackAttempt.yaml) looks at one day.
#     minAttempts: >-
#       31, Sentinel's DistribPassCrackAttempt.yaml (more than 30 attempts per UPN).
#     minLocations: >-
#       3, Sentinel's DistribPassCrackAttempt.yaml (3 or more distinct locations,
#       country/state/city).
#     codes: >-
#       50126, 50053, 50055, 50056, Sentinel's DistribPassCrackAttempt.yaml.
#     enabled: true
package signin.patterns.password_cracking

import data.signin.patterns.config
import data.signin.patterns.lib as plib

id := "password-cracking"

t := config.effective[id]

# METADATA
# title: grouping
# description: Bad-credential failures per account and day-long bucket, with their locations.
grouping := {
	"id": id,
	"by": [["user"]],
	"window": t.window,
	"codes": t.codes,
	"prune": {"count": t.minAttempts, "locations": t.minLocations},
} if {
	t.enabled
}

# METADATA
# title: cracked
# description: Accounts with at least minAttempts failures from at least minLocations locations in one bucket.
cracked contains g if {
	t.enabled
	some g in input.groups[id]
	g.key.user
	g.count >= t.minAttempts
	g.locations.count >= t.minLocations
}

# METADATA
# title: findings
# description: One finding per account and bucket.
findings contains {
	"patternId": id,
	"group": g.id,
	"title": sprintf("Distributed password cracking against %s", [g.key.user]),
	"severity": "high",
	"cause": sprintf(
		"%s failed %d sign-ins with bad-credential codes (%s) within %s from %s, from %d locations (%s) and %d addresses. One person does not forget a password in %d places in a day: a botnet or rotating proxies are working through a password list, slowly enough per address to stay under lockout and brute-force limits. %s",
		[g.key.user, g.count, plib.code_text(g.codes), plib.duration_text(g.windowSeconds), g.firstTime, g.locations.count, plib.values_text(g.locations), g.ips.count, g.locations.count, success_text(g)],
	),
	"nextSteps": [
		sprintf("A security admin makes sure %s is covered by a Conditional Access policy that requires MFA from every location, and checks its authentication methods for a method the user did not register.", [g.key.user]),
		"Check Entra ID > Monitoring & health > Sign-in logs for a success of this account from any of these locations; if there is one, reset the password and revoke the sessions (Users > [user] > Revoke sessions).",
		"Ask the user to choose a new, long password if theirs may be in a leaked list (ID Protection's leaked-credentials detection says so in Risky users).",
	],
	"details": {
		"attempts": g.count,
		"codes": g.codes,
		"locations": g.locations.values,
		"addresses": g.ips.count,
		"successAfter": object.get(g, "successAfterTime", ""),
	},
} if {
	some g in cracked
}

success_text(g) := sprintf("The account signed in successfully afterwards, at %s from %s: check that sign-in first.", [g.successAfterTime, g.successAfterIP]) if {
	g.successAfterTime
} else := "No successful interactive sign-in of the account followed in the queried range."
