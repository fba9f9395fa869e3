# METADATA
# title: Account lockout storm
# description: |
#   Smart lockout (50053) answers sign-ins of many different accounts across
#   the tenant within a short window. One locked account is a user who forgot
#   a password; many at once are a password spray or brute-force campaign
#   tripping the lockout threshold, or the log of Microsoft's threat
#   intelligence refusing a malicious address (50053 is also written for
#   those). Less often it is a shared app or script retrying old passwords for
#   many accounts.
# custom:
#   patternId: lockout-storm
#   severity: high
#   sources:
#     window: >-
#       30m, the buckets of Elastic's credential_access_entra_id_excessive_account_lockouts.toml
#       (elastic/detection-rules: rules/integrations/azure/).
#     minUsers: >-
#       15 distinct locked accounts, Elastic's excessive account lockouts rule.
#     minEvents: >-
#       20 lockout events, Elastic's excessive account lockouts rule.
#     codes: 50053, the lockout code (Elastic; Sigma's azure_account_lockout.yml).
#     enabled: true
package signin.patterns.lockout_storm

import data.signin.patterns.config
import data.signin.patterns.lib as plib

id := "lockout-storm"

t := config.effective[id]

# METADATA
# title: grouping
# description: Lockouts across the whole tenant (an empty key), in buckets of the window.
grouping := {
	"id": id,
	"by": [[]],
	"window": t.window,
	"codes": t.codes,
	"prune": {"users": t.minUsers, "count": t.minEvents},
} if {
	t.enabled
}

# METADATA
# title: storms
# description: Buckets with at least minUsers locked accounts and minEvents lockouts.
storms contains g if {
	t.enabled
	some g in input.groups[id]
	g.users.count >= t.minUsers
	g.count >= t.minEvents
}

# METADATA
# title: findings
# description: One finding per bucket; Go merges overlapping buckets.
findings contains {
	"patternId": id,
	"group": g.id,
	"title": "Account lockout storm",
	"severity": "high",
	"cause": sprintf(
		"Smart lockout answered %d sign-ins of %d different accounts with 50053 within %s from %s. One locked account is someone who forgot a password; this many at once is a password spray or brute-force campaign tripping the lockout threshold, or Microsoft refusing a known malicious address. %s",
		[g.count, g.users.count, plib.duration_text(g.windowSeconds), g.firstTime, source_text(g)],
	),
	"nextSteps": [
		sprintf("A security admin looks at the addresses behind the lockouts (%s) in Entra ID > Monitoring & health > Sign-in logs (filter error code 50053): one or a few foreign or hosting addresses mean an attack; block them with a blocked named location in Conditional Access.", [plib.values_text(g.ips)]),
		"Check the same addresses for any successful sign-in, and reset the password and revoke the sessions of every account that signed in from them.",
		"If the lockouts come from the company's own addresses and one app, find the script or service retrying old passwords and fix its credentials.",
	],
	"details": {
		"lockouts": g.count,
		"accounts": g.users.count,
		"addresses": g.ips.count,
		"topAddresses": g.ips.values,
		"apps": g.apps.values,
	},
} if {
	some g in storms
}

source_text(g) := sprintf("All of them came from one address, %s.", [g.ips.values[0]]) if {
	g.ips.count == 1
} else := sprintf("They came from %d addresses, the most frequent %s.", [g.ips.count, plib.values_text(g.ips)])
