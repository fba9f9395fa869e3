# METADATA
# title: Failure reasons from Microsoft's sign-in troubleshooting guide
# description: |
#   Microsoft's "How to troubleshoot sign-in errors" guide names three common
#   failure reasons. These rules match the status.failureReason TEXT whatever
#   the error code, because the same text appears under several codes and in
#   AD FS (Connect Health) sign-ins. Comparison ignores case, surrounding
#   spaces and a trailing period: the texts below are written the way
#   lib.failure_reason holds the sign-in's reason (lower case, no trailing
#   period), so each rule compares with == or in, and no text is normalized
#   again for every sign-in.
# custom:
#   source: https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors
package signin.rules.troubleshooting

import data.signin.lib

# The guide writes "the strong authentication request"; real logs usually say
# "Authentication failed during strong authentication request." Accept both.
strong_auth_reasons := {
	"authentication failed during the strong authentication request",
	"authentication failed during strong authentication request",
}

# The guide's text for wrong credentials, as lib.failure_reason holds it.
invalid_credentials_reason := "error validating credentials due to invalid username or password"

# has_catalogue_entry: the sign-in's code has its own catalogue entry, whose guidance is
# more specific than a text shared by several codes. A contextual finding outranks a
# catalogue entry (README "Precedence"), so the generic text rules below stay silent
# then: specific over generic. The PRT rule is not generic (its text names AD FS and the
# Primary Refresh Token, more than the device codes' entries say) and keeps matching.
has_catalogue_entry if data.signin.rules.catalogue.entries[lib.error_code]

# prt_device_sentence names the device in the Primary Refresh Token finding, when the
# sign-in describes it, so the admin knows which object to look for.
default prt_device_sentence := ""

prt_device_sentence := sprintf(" Device: %s.", [lib.device_description]) if {
	lib.device_description != ""
}

# METADATA
# title: Strong authentication (MFA) request failed
# description: |
#   The failure reason says the MFA step failed. The guide's advice: the
#   additional details usually say the user did not complete the MFA prompt,
#   so the user signs in again and completes it. Specific over generic: the
#   rule stays silent when the code has its own catalogue entry. 500121, the
#   code the guide lists for this text, has one (with the lost-phone and
#   compromised-password steps this text lacks), and signin.rules.mfa reads
#   its additional details (declined, fraud, wrong number...); as a
#   contextual finding this rule would outrank both the entry and, at equal
#   severity, hide it. It still explains the text under codes the
#   catalogue does not know (AD FS rows).
# custom:
#   severity: medium
#   category: mfa
#   codes: []
#   matches:
#     - status.failureReason is "Authentication failed during (the) strong authentication request"
#     - the code has no catalogue entry of its own
findings contains {
	"ruleId": "reason-strong-auth-failed",
	"title": "MFA step failed",
	"cause": "The password was accepted but the second factor (MFA) did not succeed, so the sign-in stopped. The additional details usually tell why: the prompt was denied or ignored, or the user has no working method yet.",
	"nextSteps": [
		"The user signs in again and completes the MFA prompt; without a working method, the user finishes registration at https://aka.ms/mysecurityinfo.",
		"An admin reads the Additional Details of the sign-in in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs to see which MFA step failed.",
		"If the user did not start the sign-in, an admin resets the password and revokes the user's sessions in Entra ID > Users > [user].",
	],
	"severity": "medium",
	"category": "mfa",
	"actor": "user",
	"kind": "contextual",
	"links": [lib.troubleshooting_guide],
} if {
	lib.failure_reason in strong_auth_reasons
	not has_catalogue_entry
}

# METADATA
# title: Federation Service failed to issue a Primary Refresh Token
# description: |
#   AD FS (seen through Connect Health) could not issue the Primary Refresh
#   Token, which also authenticates the device. AD FS logs this as
#   OAuthNextGenCredsIssuanceFailure (400040); the fix is usually device sync.
#   The cause names the device (deviceDetail) when the sign-in has it. The
#   device rules (signin.rules.device) stay silent for this reason, so the
#   two do not explain the same sign-in twice.
# custom:
#   severity: medium
#   category: federation
#   codes: [400040, 50155, 50097]
#   matches:
#     - status.failureReason is "The Federation Service failed to issue an OAuth Primary Refresh Token", any code
findings contains {
	"ruleId": "reason-federation-prt-failed",
	"title": "AD FS could not issue a Primary Refresh Token",
	"cause": sprintf("The federation server (AD FS) could not issue the Primary Refresh Token for this device. The token also proves the device's identity, so it fails when AD FS cannot match the device, most often because the device object is not synced between Active Directory and Entra ID.%s", [prt_device_sentence]),
	"nextSteps": [
		"An admin checks that the device exists and is enabled in the Entra admin center > Entra ID > Devices > All devices, and that Entra Connect syncs it (device sync, and device writeback where AD FS needs it).",
		"An admin reads the AD FS Admin event log on the server named in the sign-in, using the sign-in's correlation ID.",
		"The user runs dsregcmd /status on the device and reports the AzureAdPrt and device state lines to the help desk.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
	"kind": "contextual",
	"links": [lib.troubleshooting_guide],
} if {
	lib.failure_reason == lib.prt_failure_reason
}

# METADATA
# title: Invalid username or password
# description: |
#   The failure reason says the credentials were wrong. The guide's advice:
#   the user typed something wrong and needs to try again. Specific over
#   generic: the rule stays silent when the code has its own catalogue entry
#   (50126 has, with the password-spray advice this text lacks), because a
#   contextual finding outranks a catalogue one and would hide it. It still
#   explains the text under codes the catalogue does not know (AD FS rows).
# custom:
#   severity: low
#   category: credentials
#   codes: []
#   matches:
#     - status.failureReason is "Error validating credentials due to invalid username or password"
#     - the code has no catalogue entry of its own
findings contains {
	"ruleId": "reason-invalid-credentials",
	"title": "Username or password typed wrong",
	"cause": "The credentials entered could not be validated: the username or the password was typed wrong, or an old saved password was sent.",
	"nextSteps": [
		"The user tries again, checking the keyboard layout and Caps Lock, and updates any saved password on phones and mail clients.",
		"If the user has forgotten the password, the user resets it at https://aka.ms/sspr, or an admin resets it in the Entra admin center > Entra ID > Users > [user] > Reset password.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
	"kind": "contextual",
	"links": [lib.troubleshooting_guide],
} if {
	lib.failure_reason == invalid_credentials_reason
	not has_catalogue_entry
}
