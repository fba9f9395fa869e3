# METADATA
# title: Why MFA was not completed (500121 by additional details)
# description: |
#   Code 500121 only says the second factor was not completed. The sign-in's
#   status.additionalDetails tells how, and each answer needs different
#   handling: a report of fraud is a security incident, a denied prompt or a
#   wrong number may be MFA fatigue, an unanswered prompt is mostly harmless,
#   a user without a method must register. Matching is a case-insensitive
#   "contains" (lib.additional_details_has). The answers are exclusive and
#   checked in this order, so each sign-in gets at most one of them: fraud,
#   declined, wrong number, wrong code, no response, duplicate attempt, no
#   method registered.
#   Texts seen in logs and in public detection rules (Sentinel ExplicitMFADeny,
#   MFARejectedbyUser, MFASpammingfollowedbySuccessfullogin; Elastic's TOTP
#   brute-force rule): "MFA denied; user declined the authentication",
#   "MFA denied; user did not respond to mobile app notification",
#   "MFA denied; Phone App Reported Fraud", "MFA denied; Fraud Code Entered",
#   "MFA denied; invalid verification code", "MFA denied; user did not select
#   the correct number", "MFA denied; duplicate authentication attempt".
#   Registration texts vary ("User needs to enroll for second factor
#   authentication", "...has not registered..."), so any mention of
#   registering, enrolling or setting up counts.
# custom:
#   codes: [500121]
package signin.rules.mfa

import data.signin.lib

# 500121: the second factor was not completed.
not_completed if lib.error_code == 500121

# Phrases that say the user has no MFA method to answer with.
registration_phrases := ["register", "enroll", "not set up", "proof up", "proofup", "no method"]

# answer is the one reading of the additional details, first match wins.
answer := "fraud" if {
	not_completed
	lib.additional_details_has("fraud")
} else := "declined" if {
	not_completed
	lib.additional_details_has("declined")
} else := "wrong_number" if {
	not_completed
	lib.additional_details_has("correct number")
} else := "wrong_code" if {
	not_completed
	lib.additional_details_has("invalid verification code")
} else := "no_response" if {
	not_completed
	lib.additional_details_has("did not respond")
} else := "duplicate" if {
	not_completed
	lib.additional_details_has("duplicate authentication")
} else := "not_registered" if {
	not_completed
	some phrase in registration_phrases
	lib.additional_details_has(phrase)
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
#     - status.additionalDetails contains "fraud" (e.g. "MFA denied; Phone App Reported Fraud", "MFA denied; Fraud Code Entered")
findings contains {
	"ruleId": "mfa-fraud-reported",
	"title": "User reported the MFA prompt as fraud",
	"cause": "The user received an MFA prompt they did not expect and reported it as fraud instead of approving it. Someone else most likely knows the user's password and tried to sign in with it.",
	"nextSteps": [
		"An admin contacts the user by a trusted channel to confirm they did not start this sign-in.",
		"An admin resets the user's password and selects Revoke sessions in the Entra admin center > Entra ID > Users > [user], and reviews the user's other recent sign-ins from the same IP address.",
		"A security admin checks the user in ID Protection > Risky users (a fraud report raises the user's risk when 'Report suspicious activity' is enabled in Entra ID > Authentication methods > Settings) and, if the source IP address is not the user's, adds it to a named location in Entra ID > Conditional Access > Named locations and blocks that location with a Conditional Access policy.",
	],
	"severity": "high",
	"category": "mfa",
	"actor": "admin",
	"kind": "contextual",
	"links": [],
} if {
	answer == "fraud"
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
	answer == "declined"
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
#     - status.additionalDetails contains "did not respond" and none of the texts checked before it (e.g. "MFA denied; user did not respond to mobile app notification")
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
	answer == "no_response"
}

# METADATA
# title: Wrong number picked in the MFA prompt
# description: |
#   With number matching, the user picked a number other than the one shown on
#   the sign-in screen. A slip when the user started the sign-in; a guess when
#   the prompt came from someone else's sign-in (MFA fatigue against number
#   matching).
# custom:
#   severity: medium
#   category: mfa
#   codes: [500121]
#   matches:
#     - status.errorCode is 500121
#     - status.additionalDetails contains "correct number" (e.g. "MFA denied; user did not select the correct number")
findings contains {
	"ruleId": "mfa-wrong-number",
	"title": "Wrong number picked in the MFA prompt",
	"cause": "The Authenticator prompt asked the user to enter the number shown on the sign-in screen, and the number entered was wrong. A user who started the sign-in simply mistyped; a user who could not see any sign-in screen was guessing at a prompt started by someone else who has the password.",
	"nextSteps": [
		"The user signs in again and enters the number shown on the screen of the device where they are signing in.",
		"If the user was not signing in at that moment, an admin resets the password and selects Revoke sessions in the Entra admin center > Entra ID > Users > [user], and reviews the user's recent sign-ins for prompts from unknown IP addresses.",
		"An admin shows the application name and location in Authenticator notifications (Entra ID > Authentication methods > Microsoft Authenticator > Configure) so users can tell a foreign prompt from their own.",
	],
	"severity": "medium",
	"category": "mfa",
	"actor": "user",
	"kind": "contextual",
	"links": [],
} if {
	answer == "wrong_number"
}

# METADATA
# title: Wrong one-time code entered
# description: |
#   The user typed a verification code (text message, voice, Authenticator or
#   hardware OATH token) that was wrong or too old. Many of them in a short
#   time for one user are the brute-force pattern of Elastic's TOTP rule.
# custom:
#   severity: low
#   category: mfa
#   codes: [500121]
#   matches:
#     - status.errorCode is 500121
#     - status.additionalDetails contains "invalid verification code"
findings contains {
	"ruleId": "mfa-wrong-code",
	"title": "Wrong MFA verification code",
	"cause": "The verification code entered for MFA was wrong or had already expired: a typo, an old text message, or a hardware or app token whose clock has drifted. Dozens of wrong codes for one user in minutes mean someone with the password is guessing codes.",
	"nextSteps": [
		"The user signs in again with a fresh code (codes change every 30 seconds), or picks another method with 'Sign in another way'.",
		"If an app or hardware token is always rejected, the user checks the phone's automatic time setting, or an admin re-syncs or reassigns the OATH token in the Entra admin center > Entra ID > Authentication methods > OATH tokens.",
		"If many wrong codes arrive for one user from unknown IP addresses, an admin resets the password and revokes sessions in Entra ID > Users > [user].",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
	"kind": "contextual",
	"links": [],
} if {
	answer == "wrong_code"
}

# METADATA
# title: Duplicate MFA attempt
# description: |
#   A second MFA request was made while one was still open (two sign-ins at
#   once, a double click, an app retrying), and Entra ID refused the duplicate.
# custom:
#   severity: info
#   category: mfa
#   codes: [500121]
#   matches:
#     - status.errorCode is 500121
#     - status.additionalDetails contains "duplicate authentication" (e.g. "MFA denied; duplicate authentication attempt")
findings contains {
	"ruleId": "mfa-duplicate-attempt",
	"title": "Duplicate MFA attempt refused",
	"cause": "An MFA request was made while another one for the same user was still open (two sign-ins at the same time, a double submit, or an app retrying), so the extra one was refused. The other attempt usually succeeds.",
	"nextSteps": [
		"No action if the user signed in successfully at about the same time.",
		"If it repeats, the user answers one prompt and waits, and the app developer checks that the app does not start two sign-ins at once.",
	],
	"severity": "info",
	"category": "mfa",
	"actor": "none",
	"kind": "contextual",
	"links": [],
} if {
	answer == "duplicate"
}

# METADATA
# title: No MFA method registered
# description: |
#   MFA was required, but the user has not set up any method to answer with,
#   so the second step could not start.
# custom:
#   severity: low
#   category: mfa
#   codes: [500121]
#   matches:
#     - status.errorCode is 500121
#     - status.additionalDetails mentions registering, enrolling or setting up a method (e.g. "User needs to enroll for second factor authentication")
findings contains {
	"ruleId": "mfa-not-registered",
	"title": "MFA required, no method set up",
	"cause": "The password was accepted and MFA is required, but the user has no usable MFA method registered (a new account, a new phone, or methods removed), so the sign-in stopped at the second step.",
	"nextSteps": [
		"The user registers a method at https://aka.ms/mysecurityinfo (Microsoft Authenticator is preferred) and signs in again.",
		"If the user cannot register without already having MFA, an admin issues a Temporary Access Pass in the Entra admin center > Entra ID > Users > [user] > Authentication methods.",
		"An admin checks that the user is included in the MFA registration campaign or policy (Entra ID > Authentication methods > Registration campaign).",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
	"kind": "contextual",
	"links": [],
} if {
	answer == "not_registered"
}
