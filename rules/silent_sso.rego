# METADATA
# title: Silent single sign-on probe without a user (50058)
# description: |
#   Apps often ask Entra ID silently (prompt=none, a hidden iframe or a
#   background request) whether someone is already signed in, before they know
#   who the user is. When nobody is, Entra ID answers 50058 and the log has no
#   user name: userPrincipalName is empty, or holds a GUID (an object ID, or
#   all zeros) instead of a name. That is an app's probe, not a person failing
#   to sign in, so it is severity "info" with actor "none". 50058 rows that
#   name a real user keep the catalogue entry.
# custom:
#   codes: [50058]
package signin.rules.silent_sso

import data.signin.lib

# A GUID, or its first groups: Microsoft's troubleshooting guide says the User ID of such a
# row "shows up like 00000000-0000-0000", and exports cut GUIDs the same way.
guid_pattern := `^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){1,3}(-[0-9a-fA-F]{12})?$`

default upn := ""

upn := trim_space(input.userPrincipalName) if {
	is_string(input.userPrincipalName)
}

no_named_user if upn == ""

no_named_user if regex.match(guid_pattern, upn)

default shown_as := "no user name"

shown_as := sprintf("the ID %s", [upn]) if {
	upn != ""
}

# METADATA
# title: Silent sign-in probe by an app, no user yet
# description: A 50058 whose userPrincipalName is empty or a GUID.
# custom:
#   severity: info
#   category: token-session
#   codes: [50058]
#   matches:
#     - status.errorCode is 50058
#     - userPrincipalName is missing, empty or a GUID
findings contains {
	"ruleId": "sso-probe-no-user",
	"title": "Silent sign-in check by an app, no user yet",
	"cause": sprintf("%s checked silently whether someone was already signed in, before any user had identified themselves, and found no session. The log shows %s instead of a user name because nobody signed in: this is the app's probe, not a user's failed sign-in.", [lib.app_label, shown_as]),
	"nextSteps": [
		"No action: the app shows the sign-in page next, and the user's real sign-in appears as its own row.",
		"If one app produces these in large numbers without any sign-in following, the app developer checks that it falls back to an interactive sign-in instead of repeating the silent request.",
		"To keep dashboards about people, filter rows with this rule out of user failure counts.",
	],
	"severity": "info",
	"category": "token-session",
	"actor": "none",
	"kind": "contextual",
	"links": [lib.troubleshooting_guide],
} if {
	lib.error_code == 50058
	no_named_user
}
