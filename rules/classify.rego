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
#   This is a policy, not a fact: sources disagree on several codes (see the
#   description of interrupt_codes). To change it, edit interrupt_codes (or
#   the status rule) in this module; everything else reads
#   data.signin.classify.status.
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
#
#   Disputed codes, one by one, and the choice made (the source of each
#   claim is /work/shared/reference/interrupts.md and detection-patterns.md).
#   The rule for all of them: keep the workbook's list, so counts match the
#   portal's own workbook; say in the finding (severity "info", the cause)
#   when a "failure" is in fact a routine step.
#     - 50055 password expired: INTERRUPTED. In the workbook list; a failure
#       in Sentinel's password spray rule and Elastic's brute-force rule. The
#       user is sent to change the password and then succeeds. Remove it here
#       if expired passwords should count as failures.
#     - 50076 MFA required: FAILURE. The reference describes a normal step,
#       but the workbook counts it as a failure. The finding tells the two
#       flows apart (signin.rules.mfa_required): a background request is
#       "info" for nobody, an interactive one a "low" step for the user.
#     - 50079 MFA registration required: FAILURE, same reasoning and same
#       split by flow as 50076.
#     - 50097 device authentication required: FAILURE (workbook). Its
#       catalogue entry is "info": a challenge that a success usually follows.
#     - 50158 external security challenge (terms of use, external MFA):
#       FAILURE (workbook); the entry says that a success often follows.
#     - 5048: FAILURE. Left out of the error counts of Microsoft's
#       "Troubleshoot sign-in" workbook, but it is in no error-code reference,
#       so it has no catalogue entry either: its rows get the "unmapped"
#       finding with Microsoft's lookup link.
#     - 50148 PKCE code_verifier mismatch: FAILURE. The Sentinel version of
#       the Troubleshoot workbook leaves it out of failures, but it is an app
#       bug when it is frequent (severity "low" in its entry).
#     - 50199 CmsiInterrupt (confirm the app): FAILURE. Named an interrupt by
#       the reference, not in the workbook list; its entry is "info". The
#       strongest candidate for adding here.
#     - 50089 flow token expired: FAILURE. The reference calls it expected;
#       the sign-in did end without success, and the entry is "info".
#     - 700082 refresh token expired after inactivity: FAILURE. Expected
#       lifecycle per the reference; entry "info".
#     - 900561 wrong HTTP method (often the browser's Back button): FAILURE.
#       Expected per the reference; entry "info".
#     - 90095 admin consent workflow: FAILURE. The reference calls it an
#       interrupt, but the user cannot go on until an admin approves, which
#       may take days; entry "info" with the reviewer as actor.
#     - 1000002 BindCompleteInterrupt: FAILURE. Named an interrupt by the
#       reference, not in the workbook list; entry "info". A candidate for
#       adding here, like 50199.
#     - Sentinel's spray rule treats 50057, 50155, 50105, 50133, 50173, 53003,
#       53000, 53001 and others as "password was right", which says nothing
#       about success: they stay failures here.
# custom:
#   source: Microsoft Sign-in Analysis workbook, "Pending action (Interrupts)" tile
interrupt_codes := {
	16000, 16001, 16003,
	50055, 50058, 50059, 50072, 50074, 50125, 50127, 50129, 50140, 50143, 50144,
	51006, 52004, 65001,
	81010, 81012, 81014,
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
