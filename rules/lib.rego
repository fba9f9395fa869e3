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
# scope: document
default error_code := 0

error_code := code if {
	code := input.status.errorCode
	is_number(code)
} else := to_number(code) if {
	code := input.status.errorCode
	is_string(code)
	regex.match(`^[0-9]+$`, code)
}

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
# title: is_room_device
# scope: document
# description: |
#   True when the sign-in looks like a shared meeting-room device (Microsoft
#   Teams Rooms, the older Skype Room System, Surface Hub, Teams displays and
#   panels): the app, the user agent (beta), the device name or the resource
#   account's display name says so. Microsoft's fix for such a device failing
#   over basic authentication is to turn on modern authentication on the
#   device, not to block legacy authentication (which is what blocked it).
#   Each field is read by name so that the engine's memo keys on it.
is_room_device if room_text(input.appDisplayName)

is_room_device if room_text(input.userAgent)

is_room_device if room_text(input.deviceDetail.displayName)

is_room_device if room_text(input.userDisplayName)

room_markers := ["teams rooms", "teams room", "skype room", "skyperoomsystem", "surface hub", "teams display", "teams panel"]

room_text(value) if {
	is_string(value)
	some marker in room_markers
	contains(lower(value), marker)
}

# METADATA
# title: modern_auth_steps
# description: |
#   The next steps for a legacy (basic authentication) client that a policy
#   refused: name the client and move it to modern authentication, with the
#   room-device setting when the sign-in looks like one. Empty for a modern
#   client.
# scope: document
default modern_auth_steps := []

modern_auth_steps := array.concat(
	[sprintf("An admin identifies the client behind this sign-in (%s, app %s, IP address %s) and has its owner move it to modern authentication: Outlook or a mail app set up with OAuth, current Exchange PowerShell, or an app password replaced by OAuth for scripts and devices.", [input.clientAppUsed, app_label, object.get(input, "ipAddress", "unknown")])],
	room_steps,
) if {
	is_legacy_client
}

# METADATA
# title: room_links
# description: Microsoft's page on authentication in Teams Rooms, for a sign-in that looks like a room device.
# scope: document
default room_links := []

room_links := [{
	"title": "Microsoft: Authentication in Microsoft Teams Rooms on Windows",
	"url": "https://learn.microsoft.com/microsoftteams/rooms/rooms-authentication",
}] if {
	is_legacy_client
	is_room_device
}

default room_steps := []

room_steps := ["On a Microsoft Teams Rooms (or similar meeting-room) device, an admin turns on modern authentication in the device's Settings > Account, or with ModernAuthEnabled in its SkypeSettings.xml, then signs the room's resource account in again; blocking legacy authentication does not fix the device, it is what refused it."] if {
	is_room_device
}

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

# METADATA
# title: is_interactive / is_non_interactive
# description: |
#   True when isInteractive is exactly true (a user at a sign-in page) or exactly
#   false (a background token request by an app, which cannot show a prompt).
#   Both are false when Graph omits the field.
is_interactive if input.isInteractive == true

is_non_interactive if input.isInteractive == false

# METADATA
# title: app_label
# description: |
#   How to name the sign-in's app in a text: "Display name (app ID)", the display
#   name or the app ID alone, or "the app" when both are missing. Service
#   principal sign-ins (beta) may carry servicePrincipalName instead.
# scope: document
default app_label := "the app"

app_label := sprintf("%s (%s)", [app_name, input.appId]) if {
	app_name != ""
	non_empty(input.appId)
} else := app_name if {
	app_name != ""
} else := input.appId if {
	non_empty(input.appId)
}

default app_name := ""

app_name := input.appDisplayName if {
	non_empty(input.appDisplayName)
} else := input.servicePrincipalName if {
	non_empty(input.servicePrincipalName)
}

# METADATA
# title: non_empty(value)
# description: True when value is a string with something other than white space.
non_empty(value) if {
	is_string(value)
	trim_space(value) != ""
}

# METADATA
# title: risk_events
# description: |
#   The sign-in's risk detections, lower-cased: riskEventTypes_v2 (v1.0 and beta)
#   and the older riskEventTypes (v1.0 only). Empty when Graph omits both, which
#   it does without an Entra ID P2 licence.
risk_events contains lower(event) if {
	some field in ["riskEventTypes_v2", "riskEventTypes"]
	some event in object.get(input, field, [])
	is_string(event)
}

# METADATA
# title: attack_risk_events
# description: |
#   Risk detections that point at someone other than the user: password spray,
#   known-bad or anonymous IP addresses, leaked credentials, threat intelligence.
#   "unfamiliarFeatures" and "unlikelyTravel" are left out: a user's own travel
#   or new laptop raises them too.
attack_risk_events := {
	"passwordspray",
	"maliciousipaddress",
	"suspiciousipaddress",
	"malwareinfectedipaddress",
	"anonymizedipaddress",
	"leakedcredentials",
	"investigationsthreatintelligence",
	"attackerinthemiddle",
	"adversaryinthemiddle",
}

# METADATA
# title: hosting_asns
# description: |
#   Autonomous system numbers of large hosting and VPS providers. Employees
#   rarely sign in from them; password sprays and MFA fatigue attacks often do.
#   Microsoft's own network (AS8075) is left out on purpose: Microsoft 365 and
#   Azure services sign in from it on users' behalf. This is tuning, not fact:
#   extend the list for your tenant. The ASN is in the beta
#   autonomousSystemNumber field only.
hosting_asns := {
	14061, # DigitalOcean
	16276, # OVH
	24940, # Hetzner
	20473, # Vultr (Choopa)
	9009, # M247
	16509, # Amazon AWS
	14618, # Amazon AWS
	396982, # Google Cloud
	63949, # Akamai Linode
	51167, # Contabo
	60781, # Leaseweb
	12876, # Scaleway
	45102, # Alibaba Cloud
	132203, # Tencent Cloud
	31898, # Oracle Cloud
}

# METADATA
# title: from_hosting_network
# description: True when the beta autonomousSystemNumber is one of hosting_asns.
from_hosting_network if input.autonomousSystemNumber in hosting_asns

# METADATA
# title: attack_signals
# description: |
#   Plain-word reasons to think that this sign-in came from an attacker rather
#   than from the user: an attack-type risk detection, a medium or high sign-in
#   risk, a hosting-provider network, or a failure text that mentions a
#   malicious IP address. Empty when none applies (or the tenant's licence
#   hides risk data). Used by the lockout and password rules.
# scope: document
attack_signals contains sprintf("ID Protection detection %s", [event]) if {
	some event in risk_events
	event in attack_risk_events
}

attack_signals contains sprintf("sign-in risk %s", [input.riskLevelDuringSignIn]) if {
	input.riskLevelDuringSignIn in {"medium", "high"}
}

attack_signals contains sprintf("a hosting-provider network (AS%d)", [input.autonomousSystemNumber]) if {
	from_hosting_network
}

attack_signals contains "a failure text that names a malicious IP address" if {
	some text in [failure_reason, additional_details]
	contains(text, "malicious")
}

# METADATA
# title: prt_failure_reason
# description: |
#   The failure reason AD FS writes when it cannot issue a Primary Refresh
#   Token (Microsoft's sign-in troubleshooting guide), written the way
#   failure_reason holds it (normalized: lower case, no trailing period), so
#   that rules compare it with failure_reason == prt_failure_reason and the
#   text is not normalized again for every sign-in. failure_reason_is accepts
#   it too.
prt_failure_reason := "the federation service failed to issue an oauth primary refresh token"

# METADATA
# title: device_description
# description: |
#   The sign-in's device in words, from what deviceDetail holds: display name,
#   device ID, operating system and join type, e.g. "LAPTOP-7, device ID
#   6f1c..., Windows 10, join type Hybrid Azure AD joined". "" when the log
#   says nothing about the device.
device_description := concat(", ", [part |
	some part in [
		text_or_empty(device_text.display_name, "%s"),
		text_or_empty(device_text.device_id, "device ID %s"),
		text_or_empty(device_text.operating_system, "%s"),
		text_or_empty(device_text.trust_type, "join type %s"),
	]
	part != ""
])

# device_text holds the deviceDetail fields used above, "" when absent or null. Each
# field is read by name (not deviceDetail as a whole) so that the engine's memo keys on
# these fields only.
default device_text["display_name"] := ""

device_text["display_name"] := v if {
	v := input.deviceDetail.displayName
	is_string(v)
}

default device_text["device_id"] := ""

device_text["device_id"] := v if {
	v := input.deviceDetail.deviceId
	is_string(v)
}

default device_text["operating_system"] := ""

device_text["operating_system"] := v if {
	v := input.deviceDetail.operatingSystem
	is_string(v)
}

default device_text["trust_type"] := ""

device_text["trust_type"] := v if {
	v := input.deviceDetail.trustType
	is_string(v)
}

# text_or_empty(value, format) formats a non-empty string value, else gives "".
text_or_empty(value, format) := sprintf(format, [value]) if {
	non_empty(value)
} else := ""
