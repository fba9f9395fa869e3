# METADATA
# title: Sign-in helpers
# description: |
#   Small helpers shared by the classification and the finding rules. The input
#   is one Microsoft Graph signIn object exactly as /auditLogs/signIns returns
#   it. Graph omits or nulls fields freely (status may be {} for a success and
#   errorCode may be absent), so every helper tolerates missing values.
#   Custom rules may import this package: import data.signin.lib
# custom:
#   input: Microsoft Graph signIn resource (v1.0 or beta)
package signin.lib

# METADATA
# title: error_code
# description: |
#   The sign-in's status.errorCode as a number. A missing status, a missing or
#   null errorCode, or anything that is not a number becomes 0 (success), the
#   way Graph reports successes. A numeric string (seen in some exports) is
#   converted.
error_code := code if {
	code := input.status.errorCode
	is_number(code)
} else := to_number(code) if {
	code := input.status.errorCode
	is_string(code)
	regex.match(`^[0-9]+$`, code)
} else := 0

# METADATA
# title: normalize(text)
# description: |
#   Lower-cases text and trims white space and trailing periods, so that log
#   texts compare equal whatever their case and final punctuation
#   ("... Request." and "... request"). Cheap on purpose: it runs for every
#   sign-in.
#   Anything that is not a string becomes "".
normalize(text) := trim_space(trim_right(lower(trim_space(text)), ".")) if {
	is_string(text)
} else := ""

# METADATA
# title: failure_reason
# description: The normalized status.failureReason, or "" when it is absent or null.
failure_reason := normalize(object.get(input, ["status", "failureReason"], ""))

# METADATA
# title: failure_reason_is(text)
# description: |
#   True when status.failureReason equals text after both are normalized
#   (case, surrounding spaces and a trailing period are ignored).
failure_reason_is(text) if {
	failure_reason != ""
	failure_reason == normalize(text)
}

# METADATA
# title: additional_details
# description: The normalized status.additionalDetails, or "" when it is absent or null.
additional_details := normalize(object.get(input, ["status", "additionalDetails"], ""))

# METADATA
# title: additional_details_has(text)
# description: |
#   True when status.additionalDetails contains text, ignoring case
#   (e.g. additional_details_has("fraud")).
additional_details_has(text) if {
	needle := normalize(text)
	needle != ""
	contains(additional_details, needle)
}

# METADATA
# title: legacy_clients
# description: |
#   The clientAppUsed values that mean legacy (basic) authentication: clients
#   that cannot do modern authentication and therefore cannot satisfy MFA or
#   most Conditional Access grant controls. The values are spelled as the
#   sign-in log spells them.
legacy_clients := {
	"Authenticated SMTP",
	"AutoDiscover",
	"Exchange ActiveSync",
	"Exchange Online PowerShell",
	"Exchange Web Services",
	"IMAP4",
	"MAPI Over HTTP",
	"Offline Address Book",
	"Other clients",
	"Outlook Anywhere (RPC over HTTP)",
	"POP3",
	"Reporting Web Services",
	"SMTP",
	"Universal Outlook",
}

# METADATA
# title: is_legacy_client
# description: True when clientAppUsed is one of legacy_clients.
is_legacy_client if input.clientAppUsed in legacy_clients

# METADATA
# title: failed_ca_policies
# description: |
#   Display names of the Conditional Access policies whose result is "failure"
#   for this sign-in. Empty when Graph omits appliedConditionalAccessPolicies
#   (the caller lacks the Conditional Access read permission).
failed_ca_policies contains policy.displayName if {
	some policy in input.appliedConditionalAccessPolicies
	policy.result == "failure"
}

# METADATA
# title: lookup_url(code)
# description: Microsoft's public error lookup page for an AADSTS code.
lookup_url(code) := sprintf("https://login.microsoftonline.com/error?code=%d", [code])

# METADATA
# title: lookup_link(code)
# description: The {title, url} link object for Microsoft's error lookup page of a code.
lookup_link(code) := {"title": "Microsoft error lookup", "url": lookup_url(code)}

# METADATA
# title: troubleshooting_guide
# description: Link to Microsoft's "How to troubleshoot sign-in errors" guide, shared by several rules.
troubleshooting_guide := {
	"title": "Microsoft: How to troubleshoot sign-in errors",
	"url": "https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors",
}
