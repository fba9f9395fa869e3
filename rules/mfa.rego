# METADATA
# title: Why MFA was not completed (500121 by additional details)
# description: |
#   Code 500121 only says the second factor was not completed. The sign-in's
#   status.additionalDetails tells how, and each answer needs different
#   handling: a report of fraud is a security incident, a denied prompt may be
#   MFA fatigue, an unanswered prompt is mostly harmless. Matching is a
#   case-insensitive "contains" (lib.additional_details_has); a fraud report
#   wins over the other two so that each sign-in gets exactly one of them.
#   Texts seen in logs and in public detection rules (Sentinel ExplicitMFADeny,
#   MFARejectedbyUser): "MFA denied; user declined the authentication",
#   "MFA denied; user did not respond to mobile app notification",
#   "MFA denied; Phone App Reported Fraud".
# custom:
#   codes: [500121]
package signin.rules.mfa

import data.signin.lib

# 500121: the second factor was not completed.
mfa_not_completed if lib.error_code == 500121

# The three answers are exclusive: fraud first, then declined, then no response.
fraud_reported if {
	mfa_not_completed
	lib.additional_details_has("fraud")
}

declined if {
	mfa_not_completed
	not fraud_reported
	lib.additional_details_has("declined")
}

# METADATA
# title: MFA prompt reported as fraud
# description: The user answered the MFA prompt by reporting it as fraud.
# custom:
#   severity: high
#   category: mfa
#   codes: [500121]
#   matches:
#     - status.errorCode is 500121
#     - status.additionalDetails contains "fraud" (e.g. "MFA denied; Phone App Reported Fraud")
findings contains {
	"ruleId": "mfa-fraud-reported",
	"title": "User reported the MFA prompt as fraud",
	"cause": "The user received an MFA prompt they did not expect and reported it as fraud instead of approving it. Someone else most likely knows the user's password and tried to sign in with it.",
	"nextSteps": [
		"An admin contacts the user by a trusted channel to confirm they did not start this sign-in.",
		"An admin resets the user's password and selects Revoke sessions in the Entra admin center > Entra ID > Users > [user], and reviews the user's other recent sign-ins from the same IP address.",
		"A security admin checks the user in ID Protection > Risky users (a fraud report raises the user's risk when 'Report suspicious activity' is enabled in Entra ID > Authentication methods > Settings) and blocks the source IP address with a named location if it is not the user's.",
	],
	"severity": "high",
	"category": "mfa",
	"actor": "admin",
	"kind": "contextual",
	"links": [],
} if {
	fraud_reported
}

# METADATA
# title: MFA prompt declined by the user
# description: The user answered the MFA prompt with Deny.
# custom:
#   severity: medium
#   category: mfa
#   codes: [500121]
#   matches:
#     - status.errorCode is 500121
#     - status.additionalDetails contains "declined" and not "fraud" (e.g. "MFA denied; user declined the authentication")
findings contains {
	"ruleId": "mfa-denied-by-user",
	"title": "User declined the MFA prompt",
	"cause": "The password was right and the user was sent an MFA prompt, which the user denied. Either the user tapped Deny by mistake, or the user did not start this sign-in and someone else has the password; repeated denials in a short time are typical of MFA fatigue attacks.",
	"nextSteps": [
		"The user signs in again and approves the prompt if it was a mistake.",
		"If the user did not start the sign-in, an admin resets the password and revokes sessions in the Entra admin center > Entra ID > Users > [user].",
		"An admin turns on the application name and geographic location in Microsoft Authenticator notifications (Entra ID > Authentication methods > Microsoft Authenticator > Configure) so users can tell an attacker's prompt from their own, and reviews the user's recent sign-ins for repeated prompts from one IP address.",
	],
	"severity": "medium",
	"category": "mfa",
	"actor": "admin",
	"kind": "contextual",
	"links": [],
} if {
	declined
}

# METADATA
# title: MFA prompt not answered
# description: The user did not respond to the MFA notification before it timed out.
# custom:
#   severity: low
#   category: mfa
#   codes: [500121]
#   matches:
#     - status.errorCode is 500121
#     - status.additionalDetails contains "did not respond" and neither "fraud" nor "declined" (e.g. "MFA denied; user did not respond to mobile app notification")
findings contains {
	"ruleId": "mfa-no-response",
	"title": "MFA prompt not answered",
	"cause": "An MFA notification was sent to the user's device and nobody answered it before it timed out. Usually the phone was not at hand, had no network, or notifications of the Authenticator app are off; many unanswered prompts the user did not ask for can mean someone else has the password.",
	"nextSteps": [
		"The user signs in again with the phone at hand, checks that the Authenticator app may show notifications, or picks another method ('Sign in another way').",
		"If the user lost the phone or changed it, an admin requires re-registration or issues a Temporary Access Pass in the Entra admin center > Entra ID > Users > [user] > Authentication methods.",
		"If the user did not start these sign-ins, an admin resets the password and revokes sessions in Entra ID > Users > [user].",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
	"kind": "contextual",
	"links": [],
} if {
	mfa_not_completed
	not fraud_reported
	not declined
	lib.additional_details_has("did not respond")
}
