# Catalogue entries for access decisions around the sign-in: Conditional Access,
# devices, app registrations, consent and Seamless SSO.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- conditional-access --------------------------------------------------
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

# --- device --------------------------------------------------------------
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

entries[50127] := {
	"title": "Broker app must be installed",
	"cause": "The resource needs a broker app to pass the device identity (Microsoft Authenticator on iOS, Intune Company Portal on Android) and it is not installed, so the user is sent to install it.",
	"nextSteps": ["The user installs Microsoft Authenticator (iOS) or Intune Company Portal (Android) from the app store and signs in again."],
	"severity": "info",
	"category": "device",
	"actor": "user",
}

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

# --- app-config ----------------------------------------------------------
entries[50105] := {
	"title": "User not assigned to the app",
	"cause": "The enterprise application requires assignment and neither the user nor any of the user's groups is assigned to it.",
	"nextSteps": [
		"If the user should have access, an admin assigns the user or a group in the Entra admin center > Entra ID > Enterprise apps > [app] > Users and groups.",
		"If every user should have access, an admin sets 'Assignment required?' to No in Entra ID > Enterprise apps > [app] > Properties.",
		"The user requests access through the organization's usual channel (My Apps access request or help desk).",
	],
	"severity": "low",
	"category": "app-config",
	"actor": "admin",
}

entries[700016] := {
	"title": "Application not found in the tenant",
	"cause": "The client ID in the request matches no application in this tenant: a typo in the app ID, an app registered in another tenant, a multi-tenant app never added here, or a deleted app.",
	"nextSteps": [
		"The app developer checks the client ID and the tenant in the app's authority URL against the Entra admin center > Entra ID > App registrations.",
		"For a third-party multi-tenant app, an admin adds it to the tenant by granting its admin consent, then finds it in Entra ID > Enterprise apps.",
		"If the app was deleted in the last 30 days, an admin restores it from Entra ID > App registrations > Deleted applications.",
	],
	"severity": "high",
	"category": "app-config",
	"actor": "developer",
}

entries[7000215] := {
	"title": "Invalid client secret",
	"cause": "The app presented a client secret that matches none on its registration: the secret ID copied instead of the value, a secret of another app, or a secret already removed.",
	"nextSteps": [
		"The app developer compares the configured secret with the Entra admin center > Entra ID > App registrations > [app] > Certificates & secrets; the app needs the secret value (shown once, at creation), not the secret ID.",
		"If the value is lost, the developer adds a new secret, updates the app's configuration or key vault, and deletes the unused one.",
		"An admin considers moving the app to a certificate or a managed identity, which have no secret to mistype.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "developer",
}

entries[7000222] := {
	"title": "Client secret expired",
	"cause": "The app's client secret has passed its end date, so the app gets no tokens: every request of this app fails until the secret is replaced.",
	"nextSteps": [
		"The app developer adds a new secret in the Entra admin center > Entra ID > App registrations > [app] > Certificates & secrets, deploys it to the app or its key vault, and removes the expired one.",
		"An admin tracks app credential end dates (Entra ID recommendations flag expiring ones) and prefers certificates or managed identities.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "developer",
}

# --- consent -------------------------------------------------------------
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

# --- federation (Seamless SSO) -------------------------------------------
entries[81010] := {
	"title": "Seamless SSO ticket invalid",
	"cause": "Seamless single sign-on could not use the Kerberos ticket from the user's computer (expired, or issued with an old key), so the user falls back to the normal sign-in prompt.",
	"nextSteps": [
		"No action for an occasional event; the user signs in with the normal prompt.",
		"If many users are affected, an admin rolls over the Kerberos decryption key of the AZUREADSSOACC computer account and checks Seamless single sign-on in the Entra admin center > Entra ID > Entra Connect > Connect Sync.",
		"The user checks that the computer's clock is right and that it can reach a domain controller.",
	],
	"severity": "info",
	"category": "federation",
	"actor": "none",
}

entries[81012] := {
	"title": "Seamless SSO account differs from Windows account",
	"cause": "The user is signed in to Windows with one account but is signing in to the app with another, so Seamless single sign-on cannot use the Windows session.",
	"nextSteps": ["The user signs in with the same account as on Windows, or types the password of the other account when asked."],
	"severity": "info",
	"category": "federation",
	"actor": "user",
}

entries[81014] := {
	"title": "Seamless SSO step (undocumented)",
	"cause": "Microsoft's error reference does not describe this code. It is in the 810xx range used by Seamless single sign-on (Kerberos) errors, and Microsoft's Sign-in Analysis workbook counts it as an interrupt: the user usually goes on with the normal sign-in prompt.",
	"nextSteps": [
		"No action for an occasional event.",
		"If many users are affected, an admin checks Seamless single sign-on in the Entra admin center > Entra ID > Entra Connect > Connect Sync and the current text of the code on Microsoft's lookup page.",
	],
	"severity": "info",
	"category": "federation",
	"actor": "none",
}
