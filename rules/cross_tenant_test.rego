# 16000 by context. Microsoft's sign-in activity error page calls
# 16000 an internal detail, not an error condition; the old catalogue entry
# called it "Account not in this tenant" and asked an admin to invite a guest.
package signin.cross_tenant_test

import data.signin.fixtures_test as fx
import data.signin.main
import data.signin.rules.catalogue

tenant := "3f2504e0-4f89-41d3-9a0c-0305e82c3301"

other := "9c1b3e5a-7d2f-4a6b-8e0c-1d2f3a4b5c6d"

sign_in(fields) := fx.with_fields(fx.failed(16000, "Either multiple user identities are available for the current request or selected account is not supported for the scenario.", null), fields)

findings(fields) := fs if {
	fs := {f.ruleId: f | some f in main.decision.findings} with input as sign_in(fields)
}

test_member_in_own_tenant_is_a_step_not_an_invite if {
	fs := findings({"userType": "member", "homeTenantId": tenant, "resourceTenantId": tenant})
	f := fs["tenant-16000-member"]
	f.severity == "info"
	not fs["tenant-16000-external"]
	every step in f.nextSteps {
		not contains(lower(step), "invite")
	}
	main.decision.status == "interrupted" with input as sign_in({"userType": "member"})
}

test_guest_or_other_home_tenant_is_external if {
	every fields in [
		{"userType": "guest"},
		{"userType": "member", "homeTenantId": other, "resourceTenantId": tenant},
		{"crossTenantAccessType": "b2bCollaboration"},
	] {
		fs := findings(fields)
		fs["tenant-16000-external"].severity == "info"
		not fs["tenant-16000-member"]
	}
}

test_no_context_keeps_the_catalogue_entry_only if {
	object.keys(findings({})) == {"aadsts-16000"}
}

# The entry no longer claims that the account is missing, and its first step is no action.
test_catalogue_entry_is_not_a_missing_account if {
	entry := catalogue.entries[16000]
	entry.severity == "info"
	not contains(lower(entry.title), "not in this tenant")
	startswith(entry.nextSteps[0], "No action")
}
