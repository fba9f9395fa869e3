# METADATA
# title: Device authentication failures, by what the log knows of the device
# description: |
#   The device codes (50097, 50129, 50155, 50187, 50099, 135010, 135011 and the
#   Windows Hello device codes 130006-130008) say that the device's identity
#   was missing or refused. deviceDetail tells which device and how it is
#   joined, and that decides who fixes it where:
#     - a Microsoft Entra hybrid joined (domain joined) device gets its
#       identity through Entra Connect sync: a device not synced, pending, or
#       re-imaged with a new certificate fails until sync catches up;
#     - another device with a deviceId was identified and refused (disabled,
#       deleted, stale registration on the device);
#     - no deviceId at all: the device is not registered, or the browser did
#       not pass its identity (Chrome without the single sign-on extension,
#       Firefox without Windows single sign-on).
#     - 135011 (device disabled) with no deviceId: Entra ID recognised the
#       device in order to refuse it, so it is registered; only the log
#       leaves out its ID. It must not be told "not registered" on the same
#       row that says "disabled".
#   The variants are exclusive in that order. For 50097 and 50129, which are
#   normal challenges that a success usually follows, only the last variant
#   applies (it adds the browser advice). When the failure reason is AD FS's
#   "failed to issue an OAuth Primary Refresh Token", the troubleshooting rule
#   explains it instead and these rules stay silent. Severity and the
#   code-specific steps come from the code's catalogue entry.
# custom:
#   codes: [50097, 50129, 50155, 50187, 50099, 135010, 135011, 130006, 130007, 130008]
package signin.rules.device

import data.signin.lib
import data.signin.rules.catalogue

# Codes where the device presented (or should have presented) an identity that was refused.
refused_codes := {50155, 50187, 50099, 135010, 135011, 130006, 130007, 130008}

# Codes that Entra ID can only return after it recognised the device: an empty deviceId
# there means the log left the ID out, not that the device is unregistered.
identified_codes := {135011}

# Challenges: the device is asked for its identity; a success usually follows.
challenge_codes := {50097, 50129}

code := lib.error_code

entry := catalogue.entries[code]

# The deviceDetail fields are read one by one (not deviceDetail as a whole), so the
# engine's memo keys on them only.
has_device if is_string(input.deviceDetail.deviceId)

# known_id is the device ID the log gives, when it gives one.
known_id := id if {
	id := object.get(input, ["deviceDetail", "deviceId"], "")
	lib.non_empty(id)
}

trust := lower(object.get(input, ["deviceDetail", "trustType"], "")) if {
	is_string(object.get(input, ["deviceDetail", "trustType"], ""))
}

hybrid_joined if contains(trust, "hybrid")

hybrid_joined if contains(trust, "domain joined")

variant := "hybrid" if {
	code in refused_codes
	not prt_reason
	hybrid_joined
} else := "known" if {
	code in refused_codes
	not prt_reason
	known_id
} else := "unnamed" if {
	code in identified_codes
	not prt_reason
	not known_id
} else := "unregistered" if {
	code in (refused_codes | challenge_codes)
	not prt_reason
	has_device
	not known_id
}

# AD FS's Primary Refresh Token failure is explained by signin.rules.troubleshooting.
prt_reason if lib.failure_reason == lib.prt_failure_reason

# --- how to name the device in a text ------------------------------------------
default name_part := ""

name_part := name if {
	name := object.get(input, ["deviceDetail", "displayName"], "")
	lib.non_empty(name)
}

default os := ""

os := value if {
	value := object.get(input, ["deviceDetail", "operatingSystem"], "")
	lib.non_empty(value)
}

default description := "not described in the log"

description := lib.device_description if {
	lib.device_description != ""
}

# short_name is the device's name, else its ID, else the operating system.
default short_name := "the device"

short_name := name_part if {
	name_part != ""
} else := known_id if {
	known_id
} else := sprintf("the %s device", [os]) if {
	os != ""
}

default browser_text := "the browser"

browser_text := value if {
	value := object.get(input, ["deviceDetail", "browser"], "")
	lib.non_empty(value)
}

browser := lower(browser_text)

# browser_step is the advice for passing the device identity from this browser.
default browser_step := "The user signs in from a registered device with a browser or app that passes the device identity (Microsoft Edge with the work profile, or Chrome with the Microsoft Single Sign On extension)."

browser_step := "On Windows, Chrome passes the device identity only with the Microsoft Single Sign On extension: the user installs it from the Chrome Web Store (or an admin deploys it), or uses Microsoft Edge signed in with the work profile." if {
	contains(browser, "chrome")
	contains(lower(os), "windows")
} else := "On macOS, the device identity is passed by the Microsoft Enterprise SSO plug-in (installed with Intune Company Portal) and, for Chrome, the Microsoft Single Sign On extension: the user installs Company Portal and registers the Mac." if {
	contains(lower(os), "mac")
} else := "Firefox passes the device identity only with 'Allow Windows single sign-on for Microsoft, work, and school accounts' (Settings > Privacy & Security): the user turns it on, or uses Microsoft Edge." if {
	contains(browser, "firefox")
}

# METADATA
# title: Device authentication failed on a hybrid joined device
# description: |
#   A refused device whose trustType says hybrid (domain) joined: the fix is in
#   Entra Connect sync and the device's registration state. Severity is the
#   code's catalogue entry's (medium for most device codes).
# custom:
#   severity: medium
#   category: device
#   codes: [50155, 50187, 50099, 135010, 135011, 130006, 130007, 130008]
#   matches:
#     - status.errorCode is one of the codes
#     - deviceDetail.trustType contains "hybrid" or "domain joined"
#     - status.failureReason is not AD FS's Primary Refresh Token failure
findings contains {
	"ruleId": "device-hybrid-joined",
	"title": sprintf("%s (hybrid joined device)", [entry.title]),
	"cause": sprintf("%s for %s. A Microsoft Entra hybrid joined device gets its identity in Entra ID from Active Directory through Entra Connect, so a device that is not synced yet, whose registration is still pending, that was disabled, or that was re-imaged with a new certificate is refused until sync and registration catch up.", [entry.title, description]),
	"nextSteps": [
		sprintf("An admin searches for %s in the Entra admin center > Entra ID > Devices > All devices: it must be enabled, with join type Microsoft Entra hybrid joined and Registered not 'Pending'.", [short_name]),
		"An admin checks that the computer's organizational unit is in the Entra Connect sync scope and that the last sync run succeeded (Entra ID > Entra Connect > Connect Sync).",
		"On the device, desktop support runs dsregcmd /status: AzureAdJoined, DomainJoined and AzureAdPrt should say YES; if the registration is broken, dsregcmd /leave as administrator and a restart register it again at the next sign-in.",
	],
	"severity": entry.severity,
	"category": "device",
	"actor": "admin",
	"kind": "contextual",
	"links": [lib.lookup_link(code)],
} if {
	variant == "hybrid"
}

# METADATA
# title: Device authentication failed on a known device
# description: |
#   A refused device that the log identifies by deviceId (not hybrid joined):
#   the finding names it so an admin can find it in the device list. Severity
#   and actor are the code's catalogue entry's (medium for most device codes).
# custom:
#   severity: medium
#   category: device
#   codes: [50155, 50187, 50099, 135010, 135011, 130006, 130007, 130008]
#   matches:
#     - status.errorCode is one of the codes
#     - deviceDetail.deviceId is set and trustType is not hybrid
#     - status.failureReason is not AD FS's Primary Refresh Token failure
findings contains {
	"ruleId": "device-known-refused",
	"title": sprintf("%s: %s", [entry.title, short_name]),
	"cause": sprintf("%s The device is %s.", [entry.cause, description]),
	"nextSteps": array.concat(
		[sprintf("An admin searches for device ID %s in the Entra admin center > Entra ID > Devices > All devices: if it is disabled and still in legitimate use, the admin enables it; if it is missing (deleted), the device has to register again.", [known_id])],
		entry.nextSteps,
	),
	"severity": entry.severity,
	"category": "device",
	"actor": entry.actor,
	"kind": "contextual",
	"links": [lib.lookup_link(code)],
} if {
	variant == "known"
}

# METADATA
# title: No device identity in the sign-in
# description: |
#   The device code came with no deviceId: the device is not registered, or
#   the browser did not pass its identity. Adds browser-specific advice.
#   Severity is the code's catalogue entry's: info for the 50097 and 50129
#   challenges, low or medium for the refusals.
# custom:
#   severity: info
#   category: device
#   codes: [50097, 50129, 50155, 50187, 50099, 135010, 135011, 130006, 130007, 130008]
#   matches:
#     - status.errorCode is one of the codes
#     - deviceDetail is present and its deviceId is empty
#     - status.failureReason is not AD FS's Primary Refresh Token failure
findings contains {
	"ruleId": "device-identity-missing",
	"title": sprintf("%s: no device identity sent", [entry.title]),
	"cause": sprintf("%s The sign-in carried no device ID (device: %s; browser: %s): the device is not registered with Entra ID, its registration was deleted, or %s did not pass the device's identity.", [entry.cause, description, browser_text, browser_text]),
	"nextSteps": array.concat(entry.nextSteps, [browser_step]),
	"severity": entry.severity,
	"category": "device",
	"actor": "user",
	"kind": "contextual",
	"links": [lib.lookup_link(code)],
} if {
	variant == "unregistered"
}

# METADATA
# title: Recognised device refused, its ID not in the log
# description: |
#   135011 (device disabled) with an empty or missing deviceId: the device was
#   recognised (it could not be found disabled otherwise), so the finding
#   helps find it among the user's devices instead of calling it unregistered.
# custom:
#   severity: medium
#   category: device
#   codes: [135011]
#   matches:
#     - status.errorCode is 135011
#     - deviceDetail.deviceId is empty or missing, and trustType is not hybrid
#     - status.failureReason is not AD FS's Primary Refresh Token failure
findings contains {
	"ruleId": "device-recognised-no-id",
	"title": sprintf("%s (ID not in the log)", [entry.title]),
	"cause": sprintf("%s Entra ID recognised the device in order to refuse it, so it is registered; the sign-in log only leaves out its ID (device: %s).", [entry.cause, description]),
	"nextSteps": array.concat(
		["An admin finds the device among the user's devices in the Entra admin center > Entra ID > Users > [user] > Devices, or in Entra ID > Devices > All devices filtered on Enabled: No, using the operating system and last activity of this sign-in."],
		entry.nextSteps,
	),
	"severity": entry.severity,
	"category": "device",
	"actor": entry.actor,
	"kind": "contextual",
	"links": [lib.lookup_link(code)],
} if {
	variant == "unnamed"
}
