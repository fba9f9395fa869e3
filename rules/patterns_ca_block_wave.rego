# METADATA
# title: Conditional Access block wave
# description: |
#   One Conditional Access policy blocks many different accounts (53003 and
#   the other codes of a policy that is not satisfied) within an hour. Waves
#   like this follow a change: a new policy, a report-only policy switched on,
#   a group or named location edited, rarely an attack. The aggregate is per
#   policy that failed (appliedConditionalAccessPolicies, result failure);
#   when the data source cannot read Conditional Access results, all blocks
#   land in one group without a policy name.
# custom:
#   patternId: ca-block-wave
#   severity: medium
#   sources:
#     window: >-
#       1h, this project's choice. Sentinel's UserAccounts-CABlockedSigninSpikes.yaml
#       (Azure/Azure-Sentinel: Solutions/Microsoft Entra ID/Analytic Rules/) looks for a
#       daily anomaly over 14 days; an hour shows a wave while it happens.
#     minUsers: >-
#       20 accounts per policy and hour, this project's choice for a tenant of about 1,000
#       users (Sentinel's rule needs a daily baseline over 50; Sigma's
#       azure_conditional_access_failure.yml says to define a baseline). Scale it with the
#       tenant.
#     codes: >-
#       53003 (Sigma's azure_user_login_blocked_by_conditional_access.yml) and 53000, 53001,
#       53002, 50005, 50131, 52003 from Sentinel's UserAccounts-CABlockedSigninSpikes.yaml.
#     enabled: true
package signin.patterns.ca_block_wave

import data.signin.patterns.config
import data.signin.patterns.lib as plib

id := "ca-block-wave"

t := config.effective[id]

# METADATA
# title: grouping
# description: Conditional Access blocks per failed policy, in buckets of the window.
grouping := {
	"id": id,
	"by": [["policy"]],
	"window": t.window,
	"codes": t.codes,
	"prune": {"users": t.minUsers},
} if {
	t.enabled
}

# METADATA
# title: waves
# description: Policies that blocked at least minUsers accounts in one bucket.
waves contains g if {
	t.enabled
	some g in input.groups[id]
	is_string(g.key.policy)
	g.users.count >= t.minUsers
}

# METADATA
# title: findings
# description: One finding per policy and bucket; Go merges the buckets of one wave.
findings contains {
	"patternId": id,
	"group": g.id,
	"title": title(g),
	"severity": "medium",
	"cause": sprintf(
		"%s blocked %d sign-ins of %d different accounts within %s from %s (codes %s), in %s. Blocks of this many people at once follow a change more often than an attack: a new policy, a report-only policy switched on, or an edited group, named location or device filter.",
		[policy_text(g), g.count, g.users.count, plib.duration_text(g.windowSeconds), g.firstTime, plib.code_text(g.codes), plib.values_text(g.apps)],
	),
	"nextSteps": [
		sprintf("An admin opens %s and its recent changes: Entra admin center > Entra ID > Monitoring & health > Audit logs, category Policy, activity \"Update conditional access policy\".", [policy_text(g)]),
		"If the change was a mistake, switch the policy to Report-only (Conditional Access > Policies > [policy] > Enable policy) and check with the What If tool which users it should cover.",
		"If the policy is right, tell the blocked users (or their managers) what it requires, for example a compliant device or a managed browser, before the helpdesk gets the calls.",
	],
	"details": {
		"policy": g.key.policy,
		"blocks": g.count,
		"accounts": g.users.count,
		"apps": g.apps.values,
		"codes": g.codes,
	},
} if {
	some g in waves
}

title(g) := sprintf("Conditional Access block wave: %s", [g.key.policy]) if {
	g.key.policy != ""
} else := "Conditional Access block wave"

policy_text(g) := sprintf("The Conditional Access policy %q", [g.key.policy]) if {
	g.key.policy != ""
} else := "Conditional Access (the policy is not known: the data source cannot read appliedConditionalAccessPolicies, which needs the Policy.Read.All or Policy.Read.ConditionalAccess permission)"
