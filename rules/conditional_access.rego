# METADATA
# title: Conditional Access failures named by policy
# description: |
#   The Conditional Access codes say what kind of control failed, not which
#   policy. When Graph returns appliedConditionalAccessPolicies (it needs a
#   Conditional Access read permission, Policy.Read.All or
#   Policy.Read.ConditionalAccess, else it omits the list), the entries whose
#   result is "failure" name the policy and its enforcedGrantControls. This
#   rule puts them in the finding, so an admin can open that policy directly.
#   Report-only results ("reportOnlyFailure") do not count: they did not block
#   anything. Without a failed policy in the list, only the code's catalogue
#   entry applies.
#
#   The finding takes its severity and actor from the code's catalogue entry and
#   puts the policy step in front of the entry's next steps (leaving out the
#   entry's "read the Conditional Access tab" step: the policy is named already).
#   For a legacy (basic authentication) client, lib.modern_auth_steps follow
#   the policy step: the client is named and moved to modern authentication,
#   with the device setting for meeting-room devices.
# custom:
#   codes: [50005, 50131, 53000, 53001, 53002, 53003, 53004, 53010, 530032]
package signin.rules.conditional_access

import data.signin.lib
import data.signin.rules.catalogue

# What the failed control means, per code, in one sentence.
ca_codes := {
	50005: "The policy's requirement could not be checked on this device platform, so the sign-in was refused.",
	50131: "The policy's decision (or a related security check on device state or suspicious activity) refused the sign-in.",
	53000: "The policy requires a device marked compliant in Intune, and this device is not (not enrolled, failing a setting, or not reported yet).",
	53001: "The policy requires a Microsoft Entra hybrid joined device, and this device is not one (personal, not registered yet, or registration pending).",
	53002: "The policy requires an approved client app or an app protection policy, and the app used does not qualify.",
	53003: "The policy blocks access for the conditions this sign-in met (user, app, location, client app, platform or risk), so no token was issued; retrying the same way gives the same result.",
	53004: "The policy governs security info registration, and registration is blocked because risk was detected on this sign-in or user.",
	53010: "The policy restricts where or from which devices security info may be registered, and this attempt did not qualify.",
	530032: "The policy is a tenant-level security policy that refused the request.",
}

# Readable names of grant controls as Graph writes them; others are shown as they are.
control_names := {
	"Block": "block access",
	"Mfa": "require multifactor authentication",
	"RequireCompliantDevice": "require a compliant device",
	"RequireDomainJoinedDevice": "require a Microsoft Entra hybrid joined device",
	"RequireApprovedApp": "require an approved client app",
	"RequireCompliantApp": "require an app protection policy",
	"PasswordChange": "require a password change",
	"RequireAuthenticationStrength": "require an authentication strength",
}

failed_policies := [policy |
	some policy in input.appliedConditionalAccessPolicies
	policy.result == "failure"
]

policy_names := sort({sprintf("'%s'", [object.get(policy, "displayName", "(unnamed)")]) | some policy in failed_policies})

controls := sort({object.get(control_names, control, control) |
	some policy in failed_policies
	some control in object.get(policy, "enforcedGrantControls", [])
	is_string(control)
})

default controls_text := "none listed"

controls_text := concat(", ", controls) if {
	count(controls) > 0
}

# legacy_sentence names a legacy client: the legacy_auth rule steps back for this finding.
default legacy_sentence := ""

legacy_sentence := sprintf(" The client used, %s, is a legacy protocol with basic authentication, which cannot satisfy MFA or device controls.", [input.clientAppUsed]) if {
	lib.is_legacy_client
}

policies_text := sprintf("policy %s", [policy_names[0]]) if {
	count(policy_names) == 1
} else := sprintf("policies %s", [concat(", ", policy_names)])

# METADATA
# title: Conditional Access policy failed, by name
# description: |
#   A Conditional Access code and at least one policy with result "failure" in
#   appliedConditionalAccessPolicies: the finding names the policy (or
#   policies) and their grant controls. Severity and actor are the code's
#   catalogue entry's (medium for most codes, high for 53004).
# custom:
#   severity: medium
#   category: conditional-access
#   codes: [50005, 50131, 53000, 53001, 53002, 53003, 53004, 53010, 530032]
#   matches:
#     - status.errorCode is one of the codes
#     - appliedConditionalAccessPolicies has an entry with result "failure"
findings contains {
	"ruleId": "ca-policy-failed",
	"title": sprintf("%s: %s", [entry.title, concat(", ", policy_names)]),
	"cause": sprintf("Conditional Access %s failed for this sign-in (grant controls: %s). %s%s", [policies_text, controls_text, meaning, legacy_sentence]),
	"nextSteps": array.flatten([
		[sprintf("An admin opens %s in the Entra admin center > Entra ID > Conditional Access > Policies and checks that it should apply to this user, app and conditions; if not, the admin changes its assignments or exclusions after testing with the What If tool.", [policies_text])],
		lib.modern_auth_steps,
		[step | some step in entry.nextSteps; not contains(step, "Conditional Access tab")],
	]),
	"severity": entry.severity,
	"category": "conditional-access",
	"actor": entry.actor,
	"kind": "contextual",
	"links": [lib.lookup_link(code)],
} if {
	code := lib.error_code
	meaning := ca_codes[code]
	count(failed_policies) > 0
	entry := catalogue.entries[code]
}
