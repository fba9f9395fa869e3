# METADATA
# title: 16000 by user type and home versus resource tenant
# description: |
#   Microsoft's sign-in activity error page says that 16000 is an internal
#   implementation detail and not an error condition; the error code
#   reference (InteractionRequired) describes the one case where it means
#   something: an account from another organization or identity provider
#   that has no account in the tenant of the resource. Most 16000 rows are
#   members signing in to their own tenant, and a success follows in the
#   same flow. The sign-in (beta) tells the two apart:
#     - userType "member" and homeTenantId equal to resourceTenantId (or no
#       sign of another tenant): a step of the member's own sign-in.
#     - userType "guest", a homeTenantId different from resourceTenantId, or
#       a crossTenantAccessType other than "none": a sign-in across
#       organizations, where a missing guest account is possible.
#   Without any of these fields the catalogue entry explains the row.
# custom:
#   codes: [16000]
#   source: >-
#     https://learn.microsoft.com/entra/identity/monitoring-health/reference-sign-ins-error-codes
#     (MicrosoftDocs/azure-docs articles/active-directory/reports-monitoring/reference-sign-ins-error-codes.md,
#     commit 02a4dd5b) and https://learn.microsoft.com/entra/identity-platform/reference-error-codes
package signin.rules.cross_tenant

import data.signin.lib

account_choice if lib.error_code == 16000

# tenant_text holds the lower-cased beta fields that tell tenants apart, "" when
# absent or not a string. Each field is read by name (never input[field]) so that the
# engine's memo keys on these fields only.
default tenant_text["home"] := ""

tenant_text["home"] := lower(input.homeTenantId) if lib.non_empty(input.homeTenantId)

default tenant_text["resource"] := ""

tenant_text["resource"] := lower(input.resourceTenantId) if lib.non_empty(input.resourceTenantId)

default tenant_text["user_type"] := ""

tenant_text["user_type"] := lower(input.userType) if lib.non_empty(input.userType)

default tenant_text["access"] := ""

tenant_text["access"] := lower(input.crossTenantAccessType) if lib.non_empty(input.crossTenantAccessType)

other_tenant if {
	tenant_text.home != ""
	tenant_text.resource != ""
	tenant_text.home != tenant_text.resource
}

other_tenant if tenant_text.user_type == "guest"

other_tenant if not tenant_text.access in {"", "none"}

own_tenant if {
	tenant_text.user_type == "member"
	not other_tenant
}

own_tenant if {
	tenant_text.home != ""
	tenant_text.home == tenant_text.resource
	not other_tenant
}

# METADATA
# title: Account choice step for a member in their own tenant
# description: A 16000 of a member whose home tenant is the resource tenant.
# custom:
#   severity: info
#   category: tenant
#   codes: [16000]
#   matches:
#     - status.errorCode is 16000
#     - userType is member, or homeTenantId equals resourceTenantId, and nothing points at another tenant
findings contains {
	"ruleId": "tenant-16000-member",
	"title": "Account choice step for a member (not an error)",
	"cause": sprintf("A member of this organization signed in to %s in their own tenant, and Entra ID paused to settle which account or session to use. Microsoft's sign-in activity error page calls 16000 an internal detail, not an error condition; the account exists here, and the flow usually ends in a success a moment later.", [lib.app_label]),
	"nextSteps": [
		"No action when a success of the same user with the same correlation ID follows; leave these rows out of failure counts.",
		"Only if the user reports being stuck, the user signs out of other accounts in the browser (or uses a private window) and signs in again with the work account.",
	],
	"severity": "info",
	"category": "tenant",
	"actor": "none",
	"kind": "contextual",
	"links": [],
} if {
	account_choice
	own_tenant
}

# METADATA
# title: Account choice step in a sign-in across organizations
# description: A 16000 of a guest, or of a user whose home tenant differs from the resource tenant.
# custom:
#   severity: info
#   category: tenant
#   codes: [16000]
#   matches:
#     - status.errorCode is 16000
#     - userType is guest, homeTenantId differs from resourceTenantId, or crossTenantAccessType is not none
findings contains {
	"ruleId": "tenant-16000-external",
	"title": "Account choice step across organizations",
	"cause": sprintf("A user from another organization (or a guest) signed in to %s, and Entra ID paused to settle which account to use in the resource tenant. Usually a success follows in the same flow; if none does, the account from the home organization has no guest account in the resource tenant yet, or the user picked the wrong account.", [lib.app_label]),
	"nextSteps": [
		"No action when a success of the same user with the same correlation ID follows.",
		"If no success follows, the user signs in again and picks the account that was invited to the resource organization.",
		"If the person should have access and has no guest account, an admin of the resource tenant invites them in the Entra admin center > Entra ID > Users > All users > New user > Invite external user, and checks Entra ID > External Identities > Cross-tenant access settings.",
	],
	"severity": "info",
	"category": "tenant",
	"actor": "user",
	"kind": "contextual",
	"links": [],
} if {
	account_choice
	other_tenant
}
