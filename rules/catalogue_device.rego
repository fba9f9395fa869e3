# Catalogue entries for the device's identity: device authentication and
# registration, Primary Refresh Tokens and Windows Hello keys. Moved out of
# catalogue_access.rego when that file outgrew Regal's file-length limit.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- device --------------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50127 BrokerAppNotInstalled); sign-in-error-codes
entries[50127] := {
	"title": "Broker app must be installed",
	"cause": "The resource needs a broker app to pass the device identity (Microsoft Authenticator on iOS, Intune Company Portal on Android) and it is not installed, so the user is sent to install it.",
	"nextSteps": ["The user installs Microsoft Authenticator (iOS) or Intune Company Portal (Android) from the app store and signs in again."],
	"severity": "info",
	"category": "device",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
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

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50156)
entries[50156] := {
	"title": "Device token not accepted here",
	"cause": "The request tried to use a device token for a resource or endpoint that does not accept device tokens (resources reached through the v2.0 endpoint).",
	"nextSteps": ["The app developer requests a user or app token for this resource instead of relying on a device-only token, or uses the endpoint the resource supports."],
	"severity": "medium",
	"category": "device",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90114 InvalidExpiryDate)
entries[90114] := {
	"title": "Bulk enrollment token expiry invalid",
	"cause": "A bulk enrollment (provisioning package) token was requested with an expiry that would make it expired on issue, so no token was created.",
	"nextSteps": ["An admin creates a new provisioning package in Windows Configuration Designer and requests a new bulk token with a future expiry date (at most 180 days)."],
	"severity": "low",
	"category": "device",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS220450 UnsupportedAndroidWebViewVersion)
entries[220450] := {
	"title": "Android WebView too old",
	"cause": "The Android device's Chrome WebView, which apps use to show the sign-in page, is a version that Entra ID no longer supports.",
	"nextSteps": ["The user updates Android System WebView and Google Chrome from the Play Store (or installs the device's pending system updates), then signs in again."],
	"severity": "low",
	"category": "device",
	"actor": "user",
}
