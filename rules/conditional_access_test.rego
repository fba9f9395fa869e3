# Conditional Access failures named by policy. appliedConditionalAccessPolicies entries have the
# shape of Microsoft's documented example (fixtures_test.rego); enforcedGrantControls values
# ("Block", "Mfa", "RequireCompliantDevice", "RequireDomainJoinedDevice") are the ones the sign-in
# log writes. The 53003 failure reason is the log's text.
package signin.conditional_access_test

import data.signin.fixtures_test as fx
import data.signin.rules.conditional_access

blocked_reason := "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance."

# Microsoft's example sign-in, with its two not-enabled policies, plus the given failed ones.
with_policies(code, reason, failed) := fx.with_fields(fx.failed(code, reason, null), {
	"conditionalAccessStatus": "failure",
	"appliedConditionalAccessPolicies": array.concat(fx.base.appliedConditionalAccessPolicies, failed),
})

rule_ids(sign_in) := {f.ruleId | some f in conditional_access.findings with input as sign_in}

finding(sign_in) := f if {
	some f in conditional_access.findings with input as sign_in
}

test_53003_names_the_blocking_policy if {
	f := finding(with_policies(53003, blocked_reason, [fx.ca_failure("CA004: Block access from high-risk countries", ["Block"])]))
	f.ruleId == "ca-policy-failed"
	f.title == "Blocked by Conditional Access: 'CA004: Block access from high-risk countries'"
	contains(f.cause, "policy 'CA004: Block access from high-risk countries' failed")
	contains(f.cause, "grant controls: block access")
	contains(f.nextSteps[0], "'CA004: Block access from high-risk countries'")
	f.severity == "medium"
	f.category == "conditional-access"
	fx.valid_finding(f)
}

# The policy is named, so the entry's "read the Conditional Access tab" step is left out.
test_policy_step_replaces_the_tab_step if {
	f := finding(with_policies(53003, blocked_reason, [fx.ca_failure("Block legacy", ["Block"])]))
	every step in f.nextSteps {
		not contains(step, "Conditional Access tab")
	}
}

test_53000_lists_every_failed_policy_and_control if {
	f := finding(with_policies(53000, "Device is not in required device state: compliant.", [
		fx.ca_failure("CA003: Require compliant or hybrid joined device for desktop apps", ["RequireCompliantDevice", "RequireDomainJoinedDevice"]),
		fx.ca_failure("Require compliant device for admins", ["RequireCompliantDevice"]),
	]))
	contains(f.cause, "policies 'CA003: Require compliant or hybrid joined device for desktop apps', 'Require compliant device for admins' failed")
	contains(f.cause, "require a Microsoft Entra hybrid joined device, require a compliant device")
	contains(f.cause, "compliant in Intune")
	f.actor == "user"
}

test_unknown_control_is_shown_as_is if {
	f := finding(with_policies(53003, blocked_reason, [fx.ca_failure("Terms", ["TermsOfUse_3f2a"])]))
	contains(f.cause, "grant controls: TermsOfUse_3f2a")
}

test_no_controls_listed if {
	f := finding(with_policies(53003, blocked_reason, [fx.ca_failure("Empty", [])]))
	contains(f.cause, "grant controls: none listed")
}

test_every_ca_code_is_covered if {
	every code, _ in conditional_access.ca_codes {
		rule_ids(with_policies(code, null, [fx.ca_failure("P", ["Block"])])) == {"ca-policy-failed"}
	}
}

# Without a failed policy (not enabled, report-only, or the list omitted for lack of
# permission), the catalogue entry explains the code alone.
test_no_failed_policy_no_finding if {
	count(rule_ids(with_policies(53003, blocked_reason, []))) == 0
	count(rule_ids(with_policies(53003, blocked_reason, [object.union(fx.ca_failure("Report only", ["Block"]), {"result": "reportOnlyFailure"})]))) == 0
	count(rule_ids(object.remove(fx.code_only(53003), ["appliedConditionalAccessPolicies"]))) == 0
}

test_other_codes_do_not_match if {
	count(rule_ids(with_policies(50126, null, [fx.ca_failure("P", ["Block"])]))) == 0
	count(rule_ids(with_policies(0, null, [fx.ca_failure("P", ["Block"])]))) == 0
}
