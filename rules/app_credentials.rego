# METADATA
# title: Wrong or expired client secret, named by app (7000215, 7000222)
# description: |
#   A wrong or expired client secret breaks every token request of one app
#   until its registration or its configuration is fixed. The catalogue entry
#   says what to do in general; this rule names the app registration (from
#   appDisplayName, or servicePrincipalName, and appId) so the developer can go
#   straight to its Certificates & secrets blade. It needs an appId.
# custom:
#   codes: [7000215, 7000222]
package signin.rules.app_credentials

import data.signin.lib

app_id := input.appId if lib.non_empty(input.appId)

blade := sprintf("the Entra admin center > Entra ID > App registrations > All applications, search for %s, then Certificates & secrets", [app_id])

# METADATA
# title: App sent an invalid client secret
# description: 7000215 for a sign-in that names its app.
# custom:
#   severity: high
#   category: credentials
#   codes: [7000215]
#   matches:
#     - status.errorCode is 7000215
#     - appId is set
findings contains {
	"ruleId": "app-secret-invalid",
	"title": sprintf("Invalid client secret for %s", [lib.app_label]),
	"cause": sprintf("The app %s authenticated with a client secret that matches none of the secrets on its app registration: most often the secret ID was configured instead of the secret value, a secret of another app or environment was deployed, or the secret was deleted. Every token request of this app fails until it is fixed.", [lib.app_label]),
	"nextSteps": [
		sprintf("The app's developer or owner opens %s and compares the secrets listed (description, start and end dates, first characters of the value) with what the app is configured with.", [blade]),
		"If the value is lost, the developer adds a new secret there, copies its Value (shown once), updates the app's configuration or key vault, restarts the app, and deletes the old secret.",
		"An admin considers a certificate or, for apps running in Azure, a managed identity or federated credential, which removes the secret altogether.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "developer",
	"kind": "contextual",
	"links": [lib.lookup_link(7000215)],
} if {
	lib.error_code == 7000215
	app_id
}

# METADATA
# title: App's client secret expired
# description: 7000222 for a sign-in that names its app.
# custom:
#   severity: high
#   category: credentials
#   codes: [7000222]
#   matches:
#     - status.errorCode is 7000222
#     - appId is set
findings contains {
	"ruleId": "app-secret-expired",
	"title": sprintf("Client secret expired for %s", [lib.app_label]),
	"cause": sprintf("The client secret used by the app %s has passed its end date, so the app gets no tokens: everything it does with Entra ID or Microsoft Graph fails until a new secret is deployed.", [lib.app_label]),
	"nextSteps": [
		sprintf("The app's developer or owner opens %s, adds a new client secret, and copies its Value.", [blade]),
		"The developer deploys the new value to the app's configuration or key vault and restarts the app, then deletes the expired secret.",
		"An admin lists the app's owners (App registrations > [app] > Owners) so that expiry warnings reach someone, and plans rotation before the next end date, or moves the app to a certificate or managed identity.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "developer",
	"kind": "contextual",
	"links": [lib.lookup_link(7000222)],
} if {
	lib.error_code == 7000222
	app_id
}
