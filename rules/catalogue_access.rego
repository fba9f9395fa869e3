# Catalogue entries for access decisions around the sign-in: Conditional Access,
# security defaults, and the device's identity (registration, Windows Hello keys).
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- conditional-access --------------------------------------------------
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

# source: reference-error-codes (AADSTS50170 MissingExternalClaimsProviderMapping)
entries[50170] := {
	"title": "External control mapping missing",
	"cause": "A Conditional Access policy uses an external (custom) control, and the mapping that tells Entra ID how to call that provider and read its answer is missing.",
	"nextSteps": ["An admin checks the custom control's JSON definition in the Entra admin center > Entra ID > Conditional Access > Custom controls against the provider's instructions, or moves the policy to an external authentication method."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS50172); sign-in-error-codes
entries[50172] := {
	"title": "External claims provider not approved",
	"cause": "A policy sent the user to an external claims provider (a custom control or external authentication method) that the tenant has not approved, so Entra ID refused to use it.",
	"nextSteps": ["An admin checks the external provider's configuration and approval in the Entra admin center > Entra ID > Authentication methods (external methods) or Conditional Access > Custom controls, or removes the control from the policy."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS50176)
entries[50176] := {
	"title": "External control definition missing",
	"cause": "A Conditional Access policy refers to an external (custom) control whose definition no longer exists or is incomplete, so the control cannot be evaluated and the sign-in fails.",
	"nextSteps": ["An admin opens the policies listed on the sign-in's Conditional Access tab and either restores the custom control in the Entra admin center > Entra ID > Conditional Access > Custom controls or removes it from the policy."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS50177 ExternalChallengeNotSupportedForPassthroughUsers); sign-in-error-codes
entries[50177] := {
	"title": "External control unsupported for pass-through user",
	"cause": "The user signs in as a pass-through user from another tenant (for example a partner's delegated admin), and a Conditional Access policy asks for an external (custom) control, which such users cannot satisfy.",
	"nextSteps": ["An admin excludes pass-through and partner users from the policy with the custom control, or replaces the control with built-in MFA, in the Entra admin center > Entra ID > Conditional Access > Policies."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS50178 SessionControlNotSupportedForPassthroughUsers); sign-in-error-codes
entries[50178] := {
	"title": "Session control unsupported for pass-through user",
	"cause": "The user signs in as a pass-through user from another tenant, and a Conditional Access policy applies a session control that cannot be enforced for such users.",
	"nextSteps": ["An admin excludes pass-through and partner users from the policy's session controls in the Entra admin center > Entra ID > Conditional Access > Policies."],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "admin",
}

# --- device --------------------------------------------------------------
# source: reference-error-codes (AADSTS50097 DeviceAuthenticationRequired); sign-in-error-codes
entries[50097] := {
	"title": "Device authentication required",
	"cause": "The resource or a Conditional Access policy needs the device's identity and the request did not present it yet, so Entra ID asked the client to authenticate the device. Usually a normal step that a success follows.",
	"nextSteps": [
		"No action if a successful sign-in from the same device follows.",
		"If it keeps failing, the user checks that the device is registered or joined (Windows: Settings > Accounts > Access work or school, or dsregcmd /status) and uses a browser that passes the device identity.",
		"An admin confirms the device exists and is enabled in the Entra admin center > Entra ID > Devices > All devices.",
	],
	"severity": "info",
	"category": "device",
	"actor": "user",
}

# source: reference-error-codes (AADSTS50155 DeviceAuthenticationFailed); sign-in-error-codes
entries[50155] := {
	"title": "Device authentication failed",
	"cause": "The device presented an identity that Entra ID could not verify: the device object is disabled or deleted, its certificate no longer matches, or a hybrid device has not synced yet.",
	"nextSteps": [
		"An admin finds the device in the Entra admin center > Entra ID > Devices > All devices and checks that it is enabled; a deleted device must register again.",
		"The user or desktop support re-registers the device: remove and re-add the work account in Settings > Accounts > Access work or school, or on a joined PC run dsregcmd /leave and join again.",
		"For a hybrid device, an admin checks that its organizational unit is in the Entra Connect sync scope.",
	],
	"severity": "medium",
	"category": "device",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS50127 BrokerAppNotInstalled); sign-in-error-codes
entries[50127] := {
	"title": "Broker app must be installed",
	"cause": "The resource needs a broker app to pass the device identity (Microsoft Authenticator on iOS, Intune Company Portal on Android) and it is not installed, so the user is sent to install it.",
	"nextSteps": ["The user installs Microsoft Authenticator (iOS) or Intune Company Portal (Android) from the app store and signs in again."],
	"severity": "info",
	"category": "device",
	"actor": "user",
}

# source: reference-error-codes (AADSTS50129 DeviceIsNotWorkplaceJoined); sign-in-error-codes
entries[50129] := {
	"title": "Device registration needed",
	"cause": "The device must be registered (workplace joined) to continue and it is not yet, so the user is asked to register it.",
	"nextSteps": [
		"The user registers the device when prompted (Company Portal, or on Windows Settings > Accounts > Access work or school > Connect).",
		"If registration fails, an admin checks that users may register devices in the Entra admin center > Entra ID > Devices > Device settings.",
	],
	"severity": "info",
	"category": "device",
	"actor": "user",
}

# source: reference-error-codes (AADSTS50187 DeviceInformationNotProvided)
entries[50187] := {
	"title": "Device authentication could not be done",
	"cause": "Entra ID needed to authenticate the device but could not get the device's proof from the client (the browser or app did not pass it, or the device is not registered).",
	"nextSteps": [
		"The user signs in again from a registered device with a browser that passes the device identity (Microsoft Edge signed in with the work profile, or Chrome with the Microsoft Single Sign On extension).",
		"If it keeps failing, the user runs dsregcmd /status on Windows and sends the device state section to the help desk.",
	],
	"severity": "low",
	"category": "device",
	"actor": "user",
}

# source: reference-error-codes (AADSTS50099 PKeyAuthInvalidJwtUnauthorized); sign-in-error-codes
entries[50099] := {
	"title": "Device proof signature invalid",
	"cause": "The client answered the device authentication challenge (PKeyAuth) with a JWT whose signature does not verify against the device's registered key, usually because the registration on the device is stale or was replaced.",
	"nextSteps": [
		"The user or desktop support re-registers the device (remove and re-add the work account in Settings > Accounts > Access work or school, or leave and rejoin on a joined PC).",
		"An admin checks that the device object is present and enabled in the Entra admin center > Entra ID > Devices > All devices.",
	],
	"severity": "medium",
	"category": "device",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS50156)
entries[50156] := {
	"title": "Device token not accepted here",
	"cause": "The request tried to use a device token for a resource or endpoint that does not accept device tokens (resources reached through the v2.0 endpoint).",
	"nextSteps": ["The app developer requests a user or app token for this resource instead of relying on a device-only token, or uses the endpoint the resource supports."],
	"severity": "medium",
	"category": "device",
	"actor": "developer",
}

# source: reference-error-codes (AADSTS135011)
entries[135011] := {
	"title": "Device is disabled",
	"cause": "The device used to sign in is disabled in Entra ID, so it cannot authenticate: an admin or a cleanup process disabled it, for example after it was reported lost or found stale.",
	"nextSteps": [
		"If the device is legitimate and in use, an admin enables it in the Entra admin center > Entra ID > Devices > All devices > [device] > Enable.",
		"If it was disabled on purpose, the user moves to a current company device; a disabled device that keeps trying should be wiped or retired.",
	],
	"severity": "medium",
	"category": "device",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS135010 KeyNotFound)
entries[135010] := {
	"title": "Device key not found",
	"cause": "A key the device needs for its identity is not on the device any more (lost in a reset, a TPM clear or a profile migration), so its registration no longer works.",
	"nextSteps": [
		"The user or desktop support re-registers the device: remove and re-add the work account in Settings > Accounts > Access work or school, or leave and rejoin a joined PC.",
		"An admin deletes the stale device object afterwards in the Entra admin center > Entra ID > Devices > All devices.",
	],
	"severity": "medium",
	"category": "device",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS130004 NgcKeyNotFound)
entries[130004] := {
	"title": "Windows Hello key not found",
	"cause": "The device tried to sign the user in with a Windows Hello for Business key that Entra ID does not have for this user (never registered, deleted, or the account was re-created).",
	"nextSteps": [
		"The user signs in with the password or another method, then sets up Windows Hello again (Settings > Accounts > Sign-in options > PIN > I forgot my PIN or Remove, then set it up again).",
		"An admin checks the user's registered Windows Hello keys in the Entra admin center > Entra ID > Users > [user] > Authentication methods.",
	],
	"severity": "low",
	"category": "device",
	"actor": "user",
}

# source: reference-error-codes (AADSTS130005 NgcInvalidSignature)
entries[130005] := {
	"title": "Windows Hello signature invalid",
	"cause": "The Windows Hello for Business key's signature did not match the public key registered for the user, so the key sign-in was refused.",
	"nextSteps": [
		"The user resets the Windows Hello PIN (Settings > Accounts > Sign-in options > PIN > I forgot my PIN) so a new key is registered.",
		"If many users see it on one device model, desktop support checks the device's TPM and Windows updates.",
	],
	"severity": "low",
	"category": "device",
	"actor": "user",
}

# source: reference-error-codes (AADSTS130006 NgcTransportKeyNotFound)
entries[130006] := {
	"title": "Windows Hello transport key missing",
	"cause": "The device's transport key, which Windows Hello for Business needs to receive tokens securely, is missing from the device registration, so the key sign-in cannot finish.",
	"nextSteps": [
		"Desktop support re-registers the device (dsregcmd /leave, then join again, or remove and re-add the work account), then the user sets up Windows Hello again.",
		"An admin checks the device in the Entra admin center > Entra ID > Devices > All devices.",
	],
	"severity": "medium",
	"category": "device",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS130007 NgcDeviceIsDisabled)
entries[130007] := {
	"title": "Windows Hello device disabled",
	"cause": "The user's Windows Hello for Business key belongs to a device that is disabled in Entra ID, so the key cannot be used.",
	"nextSteps": [
		"If the device is legitimate, an admin enables it in the Entra admin center > Entra ID > Devices > All devices > [device] > Enable.",
		"Otherwise the user signs in on a current device; the old one should be retired.",
	],
	"severity": "medium",
	"category": "device",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS130008 NgcDeviceIsNotFound)
entries[130008] := {
	"title": "Windows Hello device not found",
	"cause": "The user's Windows Hello for Business key points to a device that no longer exists in Entra ID (deleted, or cleaned up as stale), so the key is orphaned.",
	"nextSteps": [
		"Desktop support registers or joins the device again, then the user sets up Windows Hello again.",
		"An admin checks the device cleanup rules and the deleted device in the Entra admin center > Entra ID > Devices > All devices.",
	],
	"severity": "medium",
	"category": "device",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS240001 BulkAADJTokenUnauthorized)
entries[240001] := {
	"title": "User may not register devices",
	"cause": "The user tried to join or register a device, but is not allowed to: the device settings limit who may join devices, or the user reached the maximum number of devices.",
	"nextSteps": [
		"An admin checks 'Users may join devices to Microsoft Entra' and 'Maximum number of devices per user' in the Entra admin center > Entra ID > Devices > Device settings.",
		"If the user hit the device limit, an admin deletes the user's old devices in Entra ID > Devices > All devices.",
	],
	"severity": "low",
	"category": "device",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS90114 InvalidExpiryDate)
entries[90114] := {
	"title": "Bulk enrollment token expiry invalid",
	"cause": "A bulk enrollment (provisioning package) token was requested with an expiry that would make it expired on issue, so no token was created.",
	"nextSteps": ["An admin creates a new provisioning package in Windows Configuration Designer and requests a new bulk token with a future expiry date (at most 180 days)."],
	"severity": "low",
	"category": "device",
	"actor": "admin",
}

# source: reference-error-codes (AADSTS220450 UnsupportedAndroidWebViewVersion)
entries[220450] := {
	"title": "Android WebView too old",
	"cause": "The Android device's Chrome WebView, which apps use to show the sign-in page, is a version that Entra ID no longer supports.",
	"nextSteps": ["The user updates Android System WebView and Google Chrome from the Play Store (or installs the device's pending system updates), then signs in again."],
	"severity": "low",
	"category": "device",
	"actor": "user",
}

# --- codes of Microsoft's sign-in activity error page (issue 16) ------------

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

# source: sign-in-error-codes
entries[530021] := {
	"title": "App does not meet the approved-app requirement",
	"cause": "A Conditional Access policy requires an approved client app or an app protection policy for this resource, and the app used did not meet the requirement, for example a third-party mail app instead of Outlook.",
	"nextSteps": [
		"The user installs and signs in with the app the organization approves (Outlook, Teams, OneDrive...); on Android, Intune Company Portal must be installed as the broker.",
		"An admin checks the failed grant control on the sign-in's Conditional Access tab and the policy in the Entra admin center > Entra ID > Conditional Access > Policies.",
	],
	"severity": "medium",
	"category": "conditional-access",
	"actor": "user",
}

# source: sign-in-error-codes
entries[53032] := {
	"title": "Account blocked by ID Protection",
	"cause": "A risk policy of ID Protection blocked the account because the user or the sign-in was rated risky, for example after leaked credentials or a suspicious sign-in were detected.",
	"nextSteps": [
		"A security admin reviews the user in the Entra admin center > ID Protection > Risky users and the detections behind the risk.",
		"If the risk is real, an admin resets the password and revokes sessions; if it is not, an admin confirms the user compromised or dismisses the risk so the user can sign in.",
		"The user signs in again once an admin has cleared the risk.",
	],
	"severity": "high",
	"category": "conditional-access",
	"actor": "admin",
}

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
