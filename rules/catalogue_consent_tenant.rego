# Catalogue entries for who may use what across organizations: consent to apps,
# tenants, guests and cross-tenant policies, national clouds.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- consent -------------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS65001 DelegationDoesNotExist); sign-in-error-codes
entries[65001] := {
	"title": "Consent needed",
	"cause": "The app asked for permissions that have not been consented to for this user, so the consent prompt is shown; where users may not consent, the sign-in waits for an admin.",
	"nextSteps": [
		"The user accepts the consent prompt if it is shown and the permissions are expected for the app.",
		"If users may not consent, an admin reviews the permissions and grants consent in the Entra admin center > Entra ID > Enterprise apps > [app] > Permissions, or answers the request in Enterprise apps > Activity > Admin consent requests.",
		"The app developer requests only the permissions it needs, and asks for admin consent up front for app-only permissions.",
	],
	"severity": "info",
	"category": "consent",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS52004 DelegationDoesNotExistForLinkedIn); sign-in-error-codes
entries[52004] := {
	"title": "LinkedIn consent needed",
	"cause": "The user has not yet agreed to connect the LinkedIn account with the work account for this app, so the sign-in stops to ask.",
	"nextSteps": [
		"The user accepts or declines the LinkedIn consent prompt.",
		"An admin who does not want LinkedIn account connections turns them off in the Entra admin center > Entra ID > Users > User settings > LinkedIn account connections.",
	],
	"severity": "info",
	"category": "consent",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS65004 UserDeclinedConsent); sign-in-error-codes
entries[65004] := {
	"title": "User declined consent",
	"cause": "The app asked the user to consent to its permissions and the user selected Cancel or declined, so the app got no token.",
	"nextSteps": [
		"If the app is expected and its permissions are reasonable, the user signs in again and accepts.",
		"If users should not decide, an admin reviews the app's permissions and grants consent for everyone in the Entra admin center > Entra ID > Enterprise apps > [app] > Permissions.",
	],
	"severity": "low",
	"category": "consent",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90094 AdminConsentRequired); sign-in-error-codes
entries[90094] := {
	"title": "Admin consent required",
	"cause": "The app asks for permissions that only an admin may grant (or users may not consent to apps at all in this tenant), and no admin has granted them yet.",
	"nextSteps": [
		"An admin reviews the requested permissions and, if the app is trusted, selects Grant admin consent in the Entra admin center > Entra ID > Enterprise apps > [app] > Permissions.",
		"An admin turns on the admin consent workflow (Entra ID > Enterprise apps > Consent and permissions > Admin consent settings) so users can ask instead of failing.",
	],
	"severity": "medium",
	"category": "consent",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS90095 AdminConsentRequiredRequestAccess); sign-in-error-codes
entries[90095] := {
	"title": "Admin approval requested for the app",
	"cause": "The app needs admin consent and the admin consent workflow is on, so the user was shown the request form instead of the app. The sign-in cannot go on until an admin approves.",
	"nextSteps": [
		"The user sends the request with a short reason and waits for the email with the decision.",
		"A reviewer approves or denies the request in the Entra admin center > Entra ID > Enterprise apps > Activity > Admin consent requests.",
	],
	"severity": "info",
	"category": "consent",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90008 TokenForItselfRequiresGraphPermission)
entries[90008] := {
	"title": "App lacks the basic sign-in permission",
	"cause": "The app asks for a token for itself, but nobody has consented to its minimum permission to sign users in and read their profile (Microsoft Graph User.Read).",
	"nextSteps": [
		"The app developer adds the delegated Microsoft Graph permission User.Read in the Entra admin center > Entra ID > App registrations > [app] > API permissions.",
		"An admin grants consent for it in Entra ID > Enterprise apps > [app] > Permissions.",
	],
	"severity": "medium",
	"category": "consent",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90093 GraphUserUnauthorized)
entries[90093] := {
	"title": "Directory refused the consent request",
	"cause": "The directory answered 'forbidden' while processing the request, usually because the signed-in user may not grant the permissions the app asked for (admin-only scopes, or user consent switched off).",
	"nextSteps": [
		"An admin reviews the app's requested permissions and grants admin consent in the Entra admin center > Entra ID > Enterprise apps > [app] > Permissions if the app is trusted.",
		"The app developer requests only the scopes it needs, so that user consent is possible where the tenant allows it.",
	],
	"severity": "medium",
	"category": "consent",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS650056)
entries[650056] := {
	"title": "App permissions misconfigured",
	"cause": "The app asked for access to an API that is not among the permissions on its registration, or an admin has not consented to them, or the request names the wrong app identifier or an invalid certificate.",
	"nextSteps": [
		"The app developer adds the API and scopes it requests to the Entra admin center > Entra ID > App registrations > [app] > API permissions, and checks that client_id and the certificate in the request are this app's.",
		"An admin grants consent for the listed permissions in Entra ID > Enterprise apps > [app] > Permissions.",
	],
	"severity": "medium",
	"category": "consent",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS65002)
entries[65002] := {
	"title": "Microsoft app ID reused for an API",
	"cause": "The request used the client ID of an app owned by Microsoft to get a token for an API that has not pre-authorized that app. Microsoft's own apps must be pre-approved by the API; most often a script borrowed a Microsoft client ID.",
	"nextSteps": ["The app developer registers the tool as its own app in the Entra admin center > Entra ID > App registrations, adds the API permissions it needs, and uses that client ID instead of Microsoft's."],
	"severity": "medium",
	"category": "consent",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90099)
entries[90099] := {
	"title": "App not authorized for partner admins",
	"cause": "A partner's delegated admin used an app that the customer tenant has not authorized. Apps used through delegated admin privileges must be consented in the customer tenant first.",
	"nextSteps": ["The partner pre-consents the app for the customer tenant through the Partner Center consent API, or a customer admin grants consent to it in the Entra admin center > Entra ID > Enterprise apps."],
	"severity": "medium",
	"category": "consent",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50015 ViralUserLegalAgeConsentRequiredState)
entries[50015] := {
	"title": "Legal age consent required",
	"cause": "The account belongs to a user whose age group requires consent from a parent or guardian (or the organization) before this app may be used.",
	"nextSteps": [
		"The user's guardian or the organization provides the required consent.",
		"An admin records it in the Entra admin center > Entra ID > Users > [user] > Properties > Settings (Consent provided for minor).",
	],
	"severity": "low",
	"category": "consent",
	"actor": "user",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50150)
entries[50150] := {
	"title": "Consent approval data missing",
	"cause": "The credentials presented did not carry valid proof that the user had approved the consent the request depends on, so the app cannot continue silently.",
	"nextSteps": [
		"The user signs in to the app again interactively and accepts the consent prompt.",
		"The app developer falls back to an interactive sign-in with prompt=consent when it gets this error.",
	],
	"severity": "low",
	"category": "consent",
	"actor": "user",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS9002341)
entries[9002341] := {
	"title": "Single sign-on permission needed",
	"cause": "The user has to allow single sign-on for this app (on platforms with a sign-in broker, the user is asked to permit the app to use the existing session) before a token can be issued.",
	"nextSteps": [
		"The user accepts the prompt that allows single sign-on.",
		"The app developer handles this error by showing the interactive consent screen instead of retrying silently.",
	],
	"severity": "info",
	"category": "consent",
	"actor": "user",
}

# --- tenant --------------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50059 MissingTenantRealmAndNoUserInformationProvided); sign-in-error-codes
entries[50059] := {
	"title": "Tenant not known yet",
	"cause": "Entra ID could not tell which organization the sign-in is for: the request used a shared endpoint (common or organizations) and no username had been given yet. Usually the next step asks for it.",
	"nextSteps": [
		"No action if a sign-in of the same user follows.",
		"The app developer sends a tenant-specific authority, or a login_hint when it knows the user.",
	],
	"severity": "info",
	"category": "tenant",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: Microsoft Entra sign-in activity report error codes (learn.microsoft.com, "reference-sign-ins-error-codes", MicrosoftDocs/azure-docs 02a4dd5b) calls 16000 an internal detail, not an error; the Entra error code reference (InteractionRequired) describes the cross-tenant case.
entries[16000] := {
	"title": "Account choice step during sign-in",
	"cause": "Entra ID paused the sign-in to settle which account or session to use. Microsoft's sign-in activity error page calls this code an internal detail and not an error condition: it is logged mostly for members in their own organization, and the same flow usually ends in a success a moment later. Only for a person from another organization with no account in this tenant does it mean that access is missing.",
	"nextSteps": [
		"No action when a success of the same user with the same correlation ID follows.",
		"If no success follows, the user signs in again and picks the organization's own account, or uses a private browser window.",
		"If no success follows for a person from another organization, an admin checks that the person has a guest account in Entra ID > Users before inviting them.",
	],
	"severity": "info",
	"category": "tenant",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS16003 SsoUserAccountNotFoundInResourceTenant)
entries[16003] := {
	"title": "User never added to the resource tenant",
	"cause": "The app belongs to another organization's tenant and the user's account was never added there as a guest.",
	"nextSteps": [
		"An admin of the resource tenant invites the user as a guest (Entra admin center > Entra ID > Users > All users > New user > Invite external user) and checks Entra ID > External Identities > Cross-tenant access settings.",
		"The user then signs in with the account that was invited.",
	],
	"severity": "info",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50020 UserUnauthorized); sign-in-error-codes
entries[50020] := {
	"title": "External user not in the tenant",
	"cause": "The user signed in with an account from another identity provider or organization that has no guest account here, or with a personal Microsoft account where only work accounts are accepted.",
	"nextSteps": [
		"If the person should have access, an admin invites them in the Entra admin center > Entra ID > Users > All users > New user > Invite external user, and the user redeems the invitation.",
		"The user signs in with the account that was invited, or with a work account of the organization.",
	],
	"severity": "low",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50128); sign-in-error-codes
entries[50128] := {
	"title": "Unknown domain in the username",
	"cause": "The domain part of the sign-in name (after the @) is not a verified domain of any Entra tenant, so Entra ID does not know where to send the user. Usually a typo or a personal address.",
	"nextSteps": [
		"The user checks the domain in the username and signs in with the full work address.",
		"If a company domain is involved, an admin checks that it is verified in the Entra admin center > Entra ID > Domain names.",
	],
	"severity": "low",
	"category": "tenant",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90126 DebugModeEnrollTenantNotInferred)
entries[90126] := {
	"title": "Tenant not inferred from username",
	"cause": "The endpoint used cannot work out the user's organization from the username given (for example an account type this endpoint does not serve).",
	"nextSteps": [
		"The user enters the full work or school address, or opens the app through the organization's own sign-in link.",
		"The app developer uses a tenant-specific authority (https://login.microsoftonline.com/<tenant ID>) for organizational users.",
	],
	"severity": "low",
	"category": "tenant",
	"actor": "user",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50160)
entries[50160] := {
	"title": "Another tenant is preferred",
	"cause": "The sign-in started against one organization, but the user's account points to a different preferred target tenant, so Entra ID redirected the request. Usually a routing step, not a failure.",
	"nextSteps": [
		"No action if the user reaches the app afterwards.",
		"If the user ends up in the wrong organization, the user picks the right account, and the app developer checks the tenant in its authority URL.",
	],
	"severity": "info",
	"category": "tenant",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90002 InvalidTenantName)
entries[90002] := {
	"title": "Tenant not found",
	"cause": "The tenant named in the request (ID or domain in the authority URL) does not exist in this cloud: a typo, a deleted tenant, a domain that is not verified, or a tenant of another national cloud.",
	"nextSteps": [
		"The app developer checks the authority URL (https://login.microsoftonline.com/<tenant>) against the Directory (tenant) ID on the Entra admin center > Entra ID > Overview page.",
		"For a national cloud tenant, the developer uses that cloud's sign-in host (for example login.microsoftonline.us).",
	],
	"severity": "medium",
	"category": "tenant",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90019 MissingTenantRealm)
entries[90019] := {
	"title": "Tenant not identified in the request",
	"cause": "The request gave no way to tell which organization it is for: it used a shared endpoint (common or organizations) without a user the tenant could be derived from, in a flow where that is required.",
	"nextSteps": ["The app developer sends the request to a tenant-specific authority (https://login.microsoftonline.com/<tenant ID or domain>), especially for client credentials and other flows without a user."],
	"severity": "low",
	"category": "tenant",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90038 NationalCloudTenantRedirection)
entries[90038] := {
	"title": "Tenant is in another national cloud",
	"cause": "The tenant lives in a different national cloud (for example US Government or China) that this endpoint cannot reach, so the sign-in cannot be served here.",
	"nextSteps": ["The app developer uses the sign-in host and Graph endpoint of the tenant's cloud (for example login.microsoftonline.us for US Government, login.partner.microsoftonline.cn for China)."],
	"severity": "medium",
	"category": "tenant",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90043 NationalCloudAuthCodeRedirection)
entries[90043] := {
	"title": "Cross-cloud code redirection disabled",
	"cause": "The request relied on redirecting an authorization code between national clouds, and that feature is off, so the code cannot be issued here.",
	"nextSteps": ["The app developer sends the whole flow (authorize and token requests) to the sign-in host of the tenant's own national cloud."],
	"severity": "medium",
	"category": "tenant",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90072 PassThroughUserMfaError); sign-in-error-codes
entries[90072] := {
	"title": "External account cannot do MFA here",
	"cause": "The account used to sign in does not exist in this tenant (no guest account), so it cannot satisfy this tenant's MFA requirement. For synced users the same happens when the on-premises ImmutableID (sourceAnchor) no longer matches the cloud account.",
	"nextSteps": [
		"If the person is external, an admin invites them as a guest in the Entra admin center > Entra ID > Users > All users > New user > Invite external user.",
		"For a synced user, an admin compares the sourceAnchor of the on-premises account with the cloud user's on-premises immutable ID and fixes the match in Entra Connect.",
	],
	"severity": "medium",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90085 OrgIdWsFederationSltRedemptionFailed)
entries[90085] := {
	"title": "Organization not provisioned yet",
	"cause": "The organization's directory object is still being created (a new tenant or subscription), so no token can be issued for it yet.",
	"nextSteps": [
		"The user waits and signs in again later; provisioning usually finishes within an hour.",
		"If it persists for a day, an admin opens a support request with the correlation ID.",
	],
	"severity": "low",
	"category": "tenant",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50002 NotAllowedTenant); sign-in-error-codes
entries[50002] := {
	"title": "Blocked by tenant restrictions on the proxy",
	"cause": "The company's proxy adds tenant restrictions to sign-in traffic, and the tenant this sign-in targets is not on the allowed list, so access to it from the company network is blocked.",
	"nextSteps": [
		"If the tenant should be reachable, the network admin adds it to the Restrict-Access-To-Tenants list on the proxy.",
		"If the block is intended, the user uses an account of an allowed organization.",
	],
	"severity": "medium",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS500021); sign-in-error-codes
entries[500021] := {
	"title": "Tenant not allowed by tenant restrictions",
	"cause": "Tenant restrictions are in force on the user's network, and the tenant the user tried to reach is not in the list of allowed tenants sent by the proxy, so access was denied.",
	"nextSteps": [
		"If the tenant should be allowed, the network admin adds its domain or ID to the Restrict-Access-To-Tenants header on the proxy.",
		"If not, the user accesses the other organization's resources from a network or device outside the restriction, as the company's rules allow.",
	],
	"severity": "medium",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS500022)
entries[500022] := {
	"title": "Tenant restrictions policy denies access",
	"cause": "Tenant restrictions deny the user access to the target tenant from this network or device. Microsoft's reference describes it in the same words as 500021: the tenant is not in the allowed list that the company proxy sends in the Restrict-Access-To-Tenants header; where the organization uses tenant restrictions version 2, the list is its cross-tenant access policy instead.",
	"nextSteps": [
		"If the access should be allowed, the network admin adds the target tenant's domain or ID to the Restrict-Access-To-Tenants header on the proxy.",
		"With tenant restrictions version 2, an admin of the user's organization allows the target tenant, users or apps in the Entra admin center > Entra ID > External Identities > Cross-tenant access settings (Tenant restrictions).",
	],
	"severity": "medium",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS500212 NotAllowedByOutboundPolicyTenant)
entries[500212] := {
	"title": "Blocked by home tenant's outbound policy",
	"cause": "The user's own organization has an outbound cross-tenant access policy that does not allow its users into the resource tenant (or into this app there).",
	"nextSteps": ["If the collaboration is approved, an admin of the user's home tenant allows the resource tenant in the Entra admin center > Entra ID > External Identities > Cross-tenant access settings > [organization] > Outbound access."],
	"severity": "medium",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS500213 NotAllowedByInboundPolicyTenant)
entries[500213] := {
	"title": "Blocked by resource tenant's inbound policy",
	"cause": "The resource tenant's inbound cross-tenant access policy does not admit users of the user's organization (or this user or app), so the guest access was refused.",
	"nextSteps": ["If the collaboration is approved, an admin of the resource tenant allows the user's organization in the Entra admin center > Entra ID > External Identities > Cross-tenant access settings > [organization] > Inbound access."],
	"severity": "medium",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS1000104 XCB2BResourceCloudNotAllowedOnIdentityTenant)
entries[1000104] := {
	"title": "Cross-cloud B2B not enabled",
	"cause": "The user's home tenant is in a different Microsoft cloud than the resource, and the cross-cloud collaboration settings do not allow that cloud, so the guest sign-in was refused.",
	"nextSteps": ["Admins of both tenants enable the other cloud in the Entra admin center > Entra ID > External Identities > Cross-tenant access settings > Microsoft cloud settings, then add each other as organizations."],
	"severity": "medium",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS650052)
entries[650052] := {
	"title": "Service not enabled for the organization",
	"cause": "The app needs a Microsoft service that the organization has not subscribed to or has switched off (its service principal is missing or disabled), so the app cannot use it.",
	"nextSteps": [
		"An admin checks that the organization has a subscription that includes the service in the Microsoft 365 admin center > Billing > Your products.",
		"An admin checks that the service's enterprise application exists and is enabled for sign-in in the Entra admin center > Entra ID > Enterprise apps (filter: Microsoft applications).",
	],
	"severity": "medium",
	"category": "tenant",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS5000224 NotAllowedTenantBlockedTenantFraud)
entries[5000224] := {
	"title": "Tenant blocked for suspected fraud",
	"cause": "Microsoft has blocked the tenant because it suspects fraudulent activity, so its resources are unavailable to everyone. No user or app setting can fix this.",
	"nextSteps": [
		"A Global Administrator of the blocked tenant opens a support request with Microsoft at once, with the correlation ID and time of this sign-in.",
		"If the tenant belongs to another organization, the user contacts that organization.",
	],
	"severity": "critical",
	"category": "tenant",
	"actor": "admin",
}
