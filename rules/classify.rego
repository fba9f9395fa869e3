# METADATA
# title: Sign-in status classification
# description: |
#   Sorts every sign-in into one of three statuses, the three values of the
#   Entra sign-in log's Status filter:
#     - "success": status.errorCode is 0 or missing (Graph may send status {}).
#     - "interrupted": the code is in interrupt_codes, a normal step of a
#       sign-in flow (stay signed in?, MFA registration, pick an account...)
#       that usually ends in a success a moment later.
#     - "failure": any other code.
#   Microsoft publishes no list of the codes its portal files under
#   "Interrupted". The default list below is the one Microsoft's own
#   "Sign-in Analysis" workbook uses for its "Pending action (Interrupts)" tile,
#   so dashboards built on this plugin count the same way as that workbook.
#   Counting interrupts as failures would inflate failure rates and alerts.
#
#   This is a policy, not a fact: sources disagree on several codes, and
#   "disputed" below records each choice with the Microsoft sources on each
#   side. To change it, edit interrupt_codes (and the code's record in
#   disputed) in this module; everything else reads data.signin.classify.status.
# custom:
#   statuses: [success, interrupted, failure]
#   source: >-
#     Azure/Azure-Sentinel Workbooks/AzureActiveDirectorySignins.json and
#     microsoft/Application-Insights-Workbooks
#     "Workbooks/Azure Active Directory/SignIns/SignIns.workbook"
package signin.classify

import data.signin.lib

# METADATA
# title: interrupt_codes
# description: |
#   The 20 codes Microsoft's "Sign-in Analysis" workbook counts as
#   "Pending user action" rather than failure. Several of them end in
#   "Interrupt" in Microsoft's error reference (50072, 50074, 50125, 50140).
#   The rule for every disputed code (see disputed below): keep the
#   workbook's list, so counts match the portal's own workbook; say in the
#   finding (severity "info", the cause) when a "failure" is in fact a
#   routine step.
# custom:
#   source: Microsoft Sign-in Analysis workbook, "Pending action (Interrupts)" tile
interrupt_codes := {
	16000, 16001, 16003,
	50055, 50058, 50059, 50072, 50074, 50125, 50127, 50129, 50140, 50143, 50144,
	51006, 52004, 65001,
	81010, 81012, 81014,
}

# METADATA
# title: disputed
# description: |
#   The codes on which Microsoft's own sources disagree about interrupt
#   versus failure, each with the choice made here ("status", which must
#   agree with interrupt_codes: a test checks it), the sources on each side
#   and the reason. To change a choice, move the code into or out of
#   interrupt_codes and update its record here; the tests then hold the two
#   together. The sources, by short name:
#     - workbook: Microsoft's "Sign-in Analysis" workbook (Azure/Azure-Sentinel
#       Workbooks/AzureActiveDirectorySignins.json; microsoft/Application-Insights-Workbooks
#       "Workbooks/Azure Active Directory/SignIns/SignIns.workbook"), tile
#       "Pending action (Interrupts)": 20 codes; every other code is a failure.
#     - reference: "Microsoft Entra authentication and authorization error
#       codes", https://learn.microsoft.com/entra/identity-platform/reference-error-codes
#       (its official names and descriptions).
#     - sign-in page: the retired "Sign-in activity report error codes" page,
#       MicrosoftDocs/azure-docs articles/active-directory/reports-monitoring/reference-sign-ins-error-codes.md
#       (commit 02a4dd5b and its last 2020 revision).
#     - troubleshoot workbook: Microsoft's "Troubleshoot sign-ins" workbook
#       (and its Sentinel copy), which leaves some codes out of its error counts.
#     - spray rule: Microsoft Sentinel's password spray analytics rule, which
#       lists codes meaning "the password was right, something later stopped it".
#   5048 (left out of the troubleshoot workbook's errors, in no reference) and
#   50148 (left out by the Sentinel copy of that workbook; an app bug when
#   frequent) stay failures and are not recorded here.
# custom:
#   fields: [status, interrupt_side, failure_side, why]
disputed := {
	50055: {
		"status": "interrupted",
		"interrupt_side": "workbook (in its interrupt list)",
		"failure_side": "spray rule (a failure whose password was right); Elastic's brute-force rule",
		"why": "The user is sent to change the expired password and then signs in; keeping the workbook's choice.",
	},
	50076: {
		"status": "failure",
		"interrupt_side": "reference (UserStrongAuthClientAuthNRequired: MFA required, retry interactively, a normal step); spray rule (password was right)",
		"failure_side": "workbook (not in its interrupt list)",
		"why": "Counts match the workbook; signin.rules.mfa_required makes a background request info and an interactive one a low step for the user.",
	},
	50079: {
		"status": "failure",
		"interrupt_side": "reference (UserStrongAuthEnrollmentRequired: register security info); spray rule (password was right)",
		"failure_side": "workbook",
		"why": "Same reasoning and same split by flow as 50076.",
	},
	50097: {
		"status": "failure",
		"interrupt_side": "reference (DeviceAuthenticationRequired, a challenge for the device identity that a success usually follows)",
		"failure_side": "workbook; sign-in page (device authentication required, claims null or no device found)",
		"why": "Counts match the workbook; its catalogue entry is info.",
	},
	50158: {
		"status": "failure",
		"interrupt_side": "reference (ExternalSecurityChallenge: terms of use or external MFA pending, not necessarily a failure); spray rule",
		"failure_side": "workbook; sign-in page (external security challenge was not satisfied)",
		"why": "Counts match the workbook; the entry says that a success often follows.",
	},
	50199: {
		"status": "failure",
		"interrupt_side": "reference (CmsiInterrupt: the user confirms the app, a step of the flow)",
		"failure_side": "workbook (not in its list)",
		"why": "Counts match the workbook; the entry is info. The strongest candidate for interrupt_codes.",
	},
	50201: {
		"status": "failure",
		"interrupt_side": "sign-in page (a message prompt interrupt shown when the user must be given more information)",
		"failure_side": "workbook (not in its list)",
		"why": "Counts match the workbook; the entry is info with no action when a success follows.",
	},
	1000002: {
		"status": "failure",
		"interrupt_side": "reference (BindCompleteInterruptError: the bind succeeded, the user is informed)",
		"failure_side": "workbook (not in its list)",
		"why": "Counts match the workbook; the entry is info. A candidate for interrupt_codes like 50199.",
	},
	90095: {
		"status": "failure",
		"interrupt_side": "reference (AdminConsentRequiredRequestAccess: an interrupt showing the admin consent request form)",
		"failure_side": "workbook; sign-in page (the user may not consent and was shown the request form)",
		"why": "The user cannot go on until an admin approves, which may take days; entry info with the reviewer as actor.",
	},
	70043: {
		"status": "failure",
		"interrupt_side": "reference (BadTokenDueToSignInFrequency: the policy working as designed, the app asks the user again)",
		"failure_side": "workbook; sign-in page (Conditional Access session management forces the session to expire)",
		"why": "The token request was refused and the app must start a new sign-in; entry info.",
	},
	70044: {
		"status": "failure",
		"interrupt_side": "the twin of 70043: sign-in frequency working as designed",
		"failure_side": "workbook; sign-in page (Conditional Access session management forces the session to expire)",
		"why": "Same as 70043; entry info.",
	},
	51005: {
		"status": "failure",
		"interrupt_side": "Microsoft's docs team in MicrosoftDocs/azure-docs issue 9337 (an internal implementation detail, not an error condition)",
		"failure_side": "workbook (not in its list)",
		"why": "Counts match the workbook; the entry is info with no action when a success follows.",
	},
	50089: {
		"status": "failure",
		"interrupt_side": "reference (flow token expired, expected; the user signs in again)",
		"failure_side": "workbook; sign-in page (flow token expired, authentication failed)",
		"why": "The sign-in ended without success; entry info.",
	},
	700082: {
		"status": "failure",
		"interrupt_side": "reference (refresh token expired after inactivity, normal lifecycle)",
		"failure_side": "workbook",
		"why": "The token request failed and the user must sign in again; entry info.",
	},
	900561: {
		"status": "failure",
		"interrupt_side": "reference (wrong HTTP method, often the browser's Back button, expected)",
		"failure_side": "workbook",
		"why": "The request failed; entry info.",
	},
}

# METADATA
# title: status
# description: |
#   "success" when the error code is 0 or missing, "interrupted" when it is in
#   interrupt_codes, otherwise "failure".
# scope: document
default status := "failure"

status := "success" if {
	lib.error_code == 0
} else := "interrupted" if {
	lib.error_code in interrupt_codes
}
