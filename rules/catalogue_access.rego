# Catalogue entries for access decisions around the sign-in: Conditional Access and
# security defaults (the device's identity is in catalogue_device.rego).
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- conditional-access --------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS53003 BlockedByConditionalAccess); sign-in-error-codes
entries[53003] := {
	"title": "Blocked by Conditional Access",
	"cause": "A Conditional Access policy with the Block control matched this sign-in (user, app, location, client app, device platform or risk), so no token was issued. Retrying the same way gives the same result.",
	"nextSteps": [
		"An admin opens this sign-in in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs and reads the Conditional Access tab to see which policy blocked it and why.",
		"If the block is intended (legacy authentication, blocked country, unmanaged device), the user signs in from an allowed location, device or app.",
		"If it is not intended, an admin changes the policy's conditions or exclusions in Entra ID > Conditional Access > Policies, checking the change with the What If tool first.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS53000 DeviceNotCompliant); sign-in-error-codes
entries[53000] := {
	"title": "Device not compliant",
	"cause": "A Conditional Access policy requires a compliant device and this device is not marked compliant: not enrolled in Intune, failing a compliance setting, or not reported yet. It also happens when the browser does not pass the device identity.",
	"nextSteps": [
		"The user enrolls the device with the Company Portal app, or fixes what Company Portal reports as non-compliant, then signs in again.",
		"An admin checks the device's compliance state and failing settings in the Microsoft Intune admin center > Devices > All devices.",
		"On a device that is compliant, the user signs in with a browser that passes the device identity (Microsoft Edge signed in with the work profile, or Chrome with the Microsoft Single Sign On extension).",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS53001 DeviceNotDomainJoined); sign-in-error-codes
entries[53001] := {
	"title": "Device not hybrid joined",
	"cause": "A Conditional Access policy requires a Microsoft Entra hybrid joined device and this device is not one: a personal device, a device not yet registered, or one whose registration is still pending.",
	"nextSteps": [
		"The user signs in from a company computer joined to the domain, or from a device the policy also accepts (for example a compliant one).",
		"An admin finds the device in the Entra admin center > Entra ID > Devices > All devices: the join type must be Microsoft Entra hybrid joined and Registered must not be Pending.",
		"If it stays Pending, an admin checks that Entra Connect syncs the device's organizational unit, and the user runs dsregcmd /status on the device.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70043 BadTokenDueToSignInFrequency); sign-in-error-codes
entries[70043] := {
	"title": "Sign-in frequency reached",
	"cause": "The session is older than the sign-in frequency set by a Conditional Access policy, so the app must ask the user to sign in again. The policy is working as designed.",
	"nextSteps": [
		"The user signs in again when prompted.",
		"If users find the prompts too frequent, an admin reviews the Sign-in frequency session control in the Entra admin center > Entra ID > Conditional Access > Policies.",
	],
	"severity": "info",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50158 ExternalSecurityChallenge); sign-in-error-codes
entries[50158] := {
	"title": "External security challenge not satisfied",
	"cause": "A control outside the core sign-in was still pending: terms of use to accept, or an external MFA provider (custom control or external authentication method) that had not answered yet. Often a step that a success follows.",
	"nextSteps": [
		"The user completes the challenge (accepts the terms, finishes the external provider's prompt) and signs in again.",
		"If it keeps failing, an admin checks the terms of use or external method used by the policy in the Entra admin center > Entra ID > Conditional Access, and the external provider's own logs.",
	],
	"severity": "low",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and https://learn.microsoft.com/entra/identity/conditional-access/migrate-approved-client-app
# source: reference-error-codes (AADSTS53002 ApplicationUsedIsNotAnApprovedApp); sign-in-error-codes; https://learn.microsoft.com/entra/identity/conditional-access/migrate-approved-client-app
entries[53002] := {
	"title": "App not approved by Conditional Access",
	"cause": "A Conditional Access policy requires an app protected by an Intune app protection policy (or, in older policies, an approved client app) for this resource, and the app used is not one, for example the phone's built-in mail app instead of Outlook.",
	"nextSteps": [
		"The user installs and signs in with the protected app (Outlook, Teams, OneDrive...) from the app store; the broker must be installed too: Intune Company Portal on Android, Microsoft Authenticator on iOS.",
		"An admin checks which grant control failed on the sign-in's Conditional Access tab, and the policy in the Entra admin center > Entra ID > Conditional Access > Policies.",
		"Microsoft stopped enforcing the 'Require approved client app' grant in March 2026: an admin moves policies that still use it to 'Require app protection policy', following Microsoft's migration guide.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "user",
	"links": [{
		"title": "Microsoft: Migrate approved client app to application protection policy in Conditional Access",
		"url": "https://learn.microsoft.com/entra/identity/conditional-access/migrate-approved-client-app",
	}],
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50005 DevicePolicyError); sign-in-error-codes
entries[50005] := {
	"title": "Device platform not supported by policy",
	"cause": "A Conditional Access policy requires something of the device (compliance, join state, an approved app) that cannot be checked on this device platform, or the platform could not be recognised, so the sign-in is refused.",
	"nextSteps": [
		"The user signs in from a supported device: Windows, macOS, iOS or Android with the organization's management in place.",
		"An admin reviews the Device platforms condition of the policies listed on the sign-in's Conditional Access tab in the Entra admin center > Entra ID > Conditional Access > Policies, and decides whether unknown platforms should be blocked or excluded.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50131 ConditionalAccessFailed); sign-in-error-codes
entries[50131] := {
	"title": "Conditional Access check failed",
	"cause": "A Conditional Access or security decision refused the sign-in: a bad device state, a request judged suspicious, or a policy decision. The sign-in's Conditional Access tab tells which.",
	"nextSteps": [
		"An admin opens the sign-in in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs and reads the Conditional Access and Authentication details tabs.",
		"If a policy blocked it by mistake, an admin adjusts the policy in Entra ID > Conditional Access > Policies after testing the change with the What If tool.",
		"The user retries from a managed device and a usual location once the admin confirms the cause.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50142)
entries[50142] := {
	"title": "Password change required by policy",
	"cause": "A Conditional Access policy with the 'Require password change' grant applies, usually because ID Protection rates the user as risky, so the user must change the password after MFA before continuing.",
	"nextSteps": [
		"The user completes MFA and sets a new password when prompted.",
		"If the user has no MFA method, an admin resets the password in the Entra admin center > Entra ID > Users > [user] > Reset password, and a security admin reviews the user in ID Protection > Risky users.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes#aadsts530032 (BlockedByConditionalAccessOnSecurityPolicy: a tenant-level security policy; check the policies defined at tenant level); sign-in error page ("Blocked by security policy"); MicrosoftDocs/azure-docs issue 24434 (a user blocked with no risk flagged)
entries[530032] := {
	"title": "Blocked by a tenant security policy",
	"cause": "A security policy set at the level of the whole tenant refused the request. Microsoft's pages say only that much and do not name the policy; it is not security defaults (530035) and not an ordinary per-app Conditional Access block (53003), and admins have reported it for users with no risk flagged, so the sign-in's own details are the place to find which policy it was.",
	"nextSteps": [
		"An admin opens the sign-in in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs and reads the Conditional Access tab and the additional details for the policy or flow that blocked it.",
		"An admin reviews the tenant-wide policies: those that restrict authentication flows (device code, authentication transfer) in Entra ID > Conditional Access > Policies, and the cross-tenant access settings in Entra ID > External Identities when the user came from another organization.",
		"If nothing in the tenant explains it, an admin opens a Microsoft support request with the sign-in's correlation ID and time.",
		"If the block is intended, the user signs in with an allowed method, for example a browser sign-in instead of a device code.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS530035 BlockedBySecurityDefaults)
entries[530035] := {
	"title": "Blocked by security defaults",
	"cause": "Security defaults are on for the tenant, and they refused this request: it used legacy authentication (basic authentication) or was judged unsafe.",
	"nextSteps": [
		"The user switches to an app that uses modern authentication (current Outlook, mail apps with OAuth) instead of IMAP, POP, SMTP or other basic-auth clients.",
		"An admin finds the client and protocol in the sign-in's Client app field; security defaults cannot be tuned per app, so a tenant that needs exceptions moves to Conditional Access policies (Entra admin center > Entra ID > Overview > Properties > Manage security defaults).",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50170 MissingExternalClaimsProviderMapping)
entries[50170] := {
	"title": "External control mapping missing",
	"cause": "A Conditional Access policy uses an external (custom) control, and the mapping that tells Entra ID how to call that provider and read its answer is missing.",
	"nextSteps": ["An admin checks the custom control's JSON definition in the Entra admin center > Entra ID > Conditional Access > Custom controls against the provider's instructions, or moves the policy to an external authentication method."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# reviewed: 2026-12-07 against sign-in-error-codes (the code is no longer on reference-error-codes at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50172); sign-in-error-codes
entries[50172] := {
	"title": "External claims provider not approved",
	"cause": "A policy sent the user to an external claims provider (a custom control or external authentication method) that the tenant has not approved, so Entra ID refused to use it.",
	"nextSteps": ["An admin checks the external provider's configuration and approval in the Entra admin center > Entra ID > Authentication methods (external methods) or Conditional Access > Custom controls, or removes the control from the policy."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50176)
entries[50176] := {
	"title": "External control definition missing",
	"cause": "A Conditional Access policy refers to an external (custom) control whose definition no longer exists or is incomplete, so the control cannot be evaluated and the sign-in fails.",
	"nextSteps": ["An admin opens the policies listed on the sign-in's Conditional Access tab and either restores the custom control in the Entra admin center > Entra ID > Conditional Access > Custom controls or removes it from the policy."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50177 ExternalChallengeNotSupportedForPassthroughUsers); sign-in-error-codes
entries[50177] := {
	"title": "External control unsupported for pass-through user",
	"cause": "The user signs in as a pass-through user from another tenant (for example a partner's delegated admin), and a Conditional Access policy asks for an external (custom) control, which such users cannot satisfy.",
	"nextSteps": ["An admin excludes pass-through and partner users from the policy with the custom control, or replaces the control with built-in MFA, in the Entra admin center > Entra ID > Conditional Access > Policies."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50178 SessionControlNotSupportedForPassthroughUsers); sign-in-error-codes
entries[50178] := {
	"title": "Session control unsupported for pass-through user",
	"cause": "The user signs in as a pass-through user from another tenant, and a Conditional Access policy applies a session control that cannot be enforced for such users.",
	"nextSteps": ["An admin excludes pass-through and partner users from the policy's session controls in the Entra admin center > Entra ID > Conditional Access > Policies."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# --- codes of Microsoft's sign-in activity error page ------------

# reviewed: 2026-12-07 against sign-in-error-codes
# source: sign-in-error-codes
entries[70044] := {
	"title": "Session ended by sign-in frequency (app side)",
	"cause": "A Conditional Access session control (sign-in frequency) made the session older than allowed, and the app's token was refused, so the app must ask the user to sign in again. It is the twin of 70043 and the policy working as designed.",
	"nextSteps": [
		"The user signs in again when the app prompts.",
		"If prompts come too often, an admin reviews the Sign-in frequency session control of the policies applied to this sign-in in the Entra admin center > Entra ID > Conditional Access > Policies.",
	],
	"severity": "info",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[530003] := {
	"title": "Device must be managed for this resource",
	"cause": "A Conditional Access policy (or an app's own rule) accepts only managed devices, that is compliant or Microsoft Entra hybrid joined, and this sign-in did not come from one, or the browser did not pass the device's identity.",
	"nextSteps": [
		"The user signs in from a company-managed device, or enrolls this one with the Company Portal app, then signs in again.",
		"On a managed device, the user signs in with a browser that passes the device identity (Microsoft Edge signed in with the work profile, or Chrome with the Microsoft Single Sign On extension).",
		"An admin reads the sign-in's Conditional Access tab and the device's state in the Entra admin center > Entra ID > Devices > All devices.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5) and https://learn.microsoft.com/entra/identity/conditional-access/migrate-approved-client-app
# source: sign-in-error-codes; https://learn.microsoft.com/entra/identity/conditional-access/migrate-approved-client-app
entries[530021] := {
	"title": "App does not meet the approved-app requirement",
	"cause": "A Conditional Access policy requires an app protected by an Intune app protection policy (or, in older policies, an approved client app) for this resource, and the app used did not meet the requirement, for example a third-party mail app instead of Outlook.",
	"nextSteps": [
		"The user installs and signs in with the protected app (Outlook, Teams, OneDrive...); the broker must be installed too: Intune Company Portal on Android, Microsoft Authenticator on iOS.",
		"An admin checks the failed grant control on the sign-in's Conditional Access tab and the policy in the Entra admin center > Entra ID > Conditional Access > Policies.",
		"Microsoft stopped enforcing the 'Require approved client app' grant in March 2026: an admin moves policies that still use it to 'Require app protection policy'.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[53032] := {
	"title": "Account blocked by ID Protection",
	"cause": "A risk policy of ID Protection blocked the account because the user or the sign-in was rated risky, for example after leaked credentials or a suspicious sign-in were detected.",
	"nextSteps": [
		"A security admin reviews the user in the Entra admin center > ID Protection > Risky users and the detections behind the risk.",
		"If the risk is real, an admin confirms the user compromised, resets the password and revokes sessions; if it is not, an admin dismisses the user's risk so the user can sign in.",
		"The user signs in again once an admin has cleared the risk.",
	],
	"severity": "high",
	"category": "conditional-access",
	"actor": "admin",
}

# The 2020 revision of the page added this row; the reference has no entry for it.
# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes (2020 revision: "Remote device flow blocked due to device based conditional access")
entries[53033] := {
	"title": "Device code sign-in blocked by a device policy",
	"cause": "The sign-in used a remote device flow (a code shown on one device and entered on another), and a Conditional Access policy for the resource requires a compliant or joined device. The device that receives the token is not the one where the user signs in, so its state cannot be proven and the request is refused.",
	"nextSteps": [
		"The user signs in directly on a managed device with the app's normal sign-in instead of a device code.",
		"An admin reads the sign-in's Conditional Access tab in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs to see which policy refused it; if the device code flow is not needed, the admin blocks it with the Authentication flows condition in Entra ID > Conditional Access > Policies rather than exempting it from the device policy.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "user",
}

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[501291] := {
	"title": "App protection needs a registered device",
	"cause": "The app is protected by an Intune app protection policy and signed in through a broker, but the device is not registered with Entra ID, so the app cannot be used until it is.",
	"nextSteps": [
		"The user registers the device by signing in to Microsoft Authenticator (iOS) or Intune Company Portal (Android) with the work account, then opens the app again.",
		"If registration fails, an admin checks that users may register devices in the Entra admin center > Entra ID > Devices > Device settings.",
	],
	"severity": "low",
	"category": "device",
	"actor": "user",
}
