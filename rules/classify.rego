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
#   Disputed codes, and why the default is what it is:
#     - 50055 (password expired) is an interrupt here, as in the workbook, but a
#       failure in Sentinel's password spray rule and in Elastic's brute-force
#       rule. Kept: the user is sent to change the password and then succeeds;
#       remove it if expired passwords should count as failures.
#     - 50076 / 50079 (MFA required / MFA registration required), 50097 (device
#       authentication required) and 50158 (external security challenge) are
#       described by Microsoft's reference as normal steps of a flow, yet the
#       workbook counts them as failures. Left out (so "failure") to match the
#       workbook; add them if your tenant sees them mostly as steps that a
#       success follows.
#     - 5048 and 50148 are excluded from the error counts of Microsoft's
#       "Troubleshoot sign-in" workbook (and its Sentinel version); 50199,
#       50089, 700082 and 900561 are called expected by the reference. None of
#       them is in the Sign-in Analysis list, so they default to "failure".
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
default status := "failure"

status := "success" if {
	lib.error_code == 0
} else := "interrupted" if {
	lib.error_code in interrupt_codes
}
