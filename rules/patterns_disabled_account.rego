# METADATA
# title: Disabled account tried against many apps
# description: |
#   A disabled account (50057) is tried against several different apps from
#   one address within a day. One attempt is a former employee's old phone
#   or a bookmark; several apps in a row from one place is someone with the
#   account's credentials looking for anything that still lets them in, or a
#   leaver who still expects access.
# custom:
#   patternId: disabled-account
#   severity: medium
#   sources:
#     window: >-
#       24h, Sentinel's DisabledAccountSigninsAcrossManyApplications.yaml (Azure/Azure-Sentinel:
#       Solutions/Microsoft Entra ID/Analytic Rules/) looks at one day.
#     minApps: >-
#       3 distinct apps per account and address, Sentinel's
#       DisabledAccountSigninsAcrossManyApplications.yaml.
#     codes: 50057 (the user account is disabled), Sentinel's rule and Sigma's azure_login_to_disabled_account.yml.
#     enabled: true
package signin.patterns.disabled_account

import data.signin.patterns.config
import data.signin.patterns.lib as plib

id := "disabled-account"

t := config.effective[id]

# METADATA
# title: grouping
# description: Sign-ins of disabled accounts per account and address, in day-long buckets.
grouping := {
	"id": id,
	"by": [["user", "ip"]],
	"window": t.window,
	"codes": t.codes,
	"prune": {"apps": t.minApps},
} if {
	t.enabled
}

# METADATA
# title: probed
# description: Account and address pairs with attempts against at least minApps apps in one bucket.
probed contains g if {
	t.enabled
	some g in input.groups[id]
	g.key.user
	g.apps.count >= t.minApps
}

# METADATA
# title: findings
# description: One finding per account, address and bucket.
findings contains {
	"patternId": id,
	"group": g.id,
	"title": sprintf("Disabled account %s tried against %d apps", [g.key.user, g.apps.count]),
	"severity": "medium",
	"cause": sprintf(
		"The disabled account %s was used %d times against %d different apps (%s) from %s within %s from %s. One attempt is usually a leaver's old phone or a bookmark; several apps in a row from one place is someone who has the account's password looking for anything that still lets them in.",
		[g.key.user, g.count, g.apps.count, plib.values_text(g.apps), g.key.ip, plib.duration_text(g.windowSeconds), g.firstTime],
	),
	"nextSteps": [
		sprintf("An admin checks in Entra admin center > Entra ID > Users whether %s should stay disabled, and who its manager was; a leaver still trying is a conversation for HR, an unknown person is a security incident.", [g.key.user]),
		sprintf("A security admin checks whether %s tried other accounts (Monitoring & health > Sign-in logs, filter IP address) and blocks it with a blocked named location in Conditional Access if it is not a company address.", [g.key.ip]),
		"Reset the disabled account's password and revoke its sessions, so that the credentials are worthless if the account is ever enabled again; delete it when the retention period ends.",
	],
	"details": {
		"attempts": g.count,
		"apps": g.apps.values,
	},
} if {
	some g in probed
}
