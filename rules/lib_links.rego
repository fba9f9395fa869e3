# Links into the admin portals (part of signin.lib, described in rules/lib.rego).
# Helpers that build the {title, url} links a finding carries into the Entra admin
# center and the Azure portal of the data source's cloud: the user's profile and
# authentication methods, the app registration's credentials, the enterprise
# application's users and groups, a Conditional Access policy, a device, the sign-in
# log, the risky sign-ins report and a new support request.
#
# Each helper takes the ID the page needs and is undefined when the ID is missing or
# empty, so a rule collects only the links the sign-in can fill:
#   links := array.concat([l | l := lib.user_link(input.userId)], lib.failed_ca_policy_links)
# IDs are escaped for the URL. The hosts come from data.signin.config.portals, which
# the plugin sets from the data source's cloud; without it (opa test) they are the
# public cloud's.
#
# Microsoft does not document the portals' #view/... addresses as such; each form below
# is the one Microsoft's pages or widely used public tools link to, named beside it.
# Linking a rule to row-specific IDs (userId, appId) makes its decision depend on them:
# use them in the rules that need the page, not everywhere.
package signin.lib

# METADATA
# title: admin_center
# description: |
#   The origin of the Entra admin center (or, in a national cloud, the Azure portal,
#   which serves the same Entra pages), e.g. "https://entra.microsoft.com".
# scope: document
default admin_center := "https://entra.microsoft.com"

admin_center := host if {
	host := data.signin.config.portals.adminCenter
	non_empty(host)
}

# METADATA
# title: azure_portal
# description: The origin of the cloud's Azure portal, e.g. "https://portal.azure.com".
# scope: document
default azure_portal := "https://portal.azure.com"

azure_portal := host if {
	host := data.signin.config.portals.azure
	non_empty(host)
}

# METADATA
# title: admin_center_name
# description: |
#   What link titles call the admin center: "Entra admin center", or "Azure portal" in a
#   national cloud, whose links open the Entra pages in the Azure portal.
# scope: document
default admin_center_name := "Entra admin center"

admin_center_name := "Azure portal" if admin_center == azure_portal

# center_title(what) is a link title naming the admin center the link opens.
center_title(what) := sprintf("%s: %s", [admin_center_name, what])

# METADATA
# title: url_id(id)
# description: |
#   An ID escaped for a path segment of a portal address: reserved characters become
#   %XX, a space %20. Undefined for a missing or empty ID.
url_id(id) := replace(urlquery.encode(trim_space(id)), "+", "%20") if non_empty(id)

# portal_link(host, title, path, id) is the link to host/#<path><escaped id>.
portal_link(host, title, path, id) := {"title": title, "url": concat("", [host, "/#", path, url_id(id)])}

# METADATA
# title: user_link(user_id)
# description: |
#   The user's profile (Users > the user > Overview) for the user's object ID (userId).
#   Form: #view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/<id>,
#   as Maester links its users:
#   https://github.com/maester365/maester/blob/main/powershell/internal/Get-GraphObjectMarkdown.ps1
user_link(user_id) := portal_link(
	admin_center, center_title("user's profile"),
	"view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/", user_id,
)

# METADATA
# title: user_auth_methods_link(user_id)
# description: |
#   The user's authentication methods (Users > the user > Authentication methods).
#   Form: #view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/<id>,
#   as Maester's phishing-resistant-method tests link their users:
#   https://github.com/maester365/maester (tests/Maester/Entra, userLinkFormat)
user_auth_methods_link(user_id) := portal_link(
	admin_center, center_title("user's authentication methods"),
	"view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/", user_id,
)

# METADATA
# title: app_credentials_link(app_id)
# description: |
#   The app registration's Certificates & secrets page, for the application (client) ID.
#   Form: #view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/<id>,
#   the page public scripts and READMEs send an admin to renew a secret, e.g. CIPP's and
#   Maester's app checks (https://github.com/maester365/maester).
app_credentials_link(app_id) := portal_link(
	admin_center, center_title("app registration's certificates & secrets"),
	"view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/", app_id,
)

# METADATA
# title: app_registration_link(app_id)
# description: |
#   The app registration's Overview, for the application (client) ID.
#   Form: #view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/<id>,
#   the same blade as app_credentials_link with the Overview page.
app_registration_link(app_id) := portal_link(
	admin_center, center_title("app registration"),
	"view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/", app_id,
)

# METADATA
# title: enterprise_app_users_link(object_id, app_id)
# description: |
#   The enterprise application's Users and groups, for the service principal's object ID
#   and the application ID. The page needs the object ID, which a user's sign-in does not
#   carry (beta's servicePrincipalId is there for service principal sign-ins only).
#   Form: #view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/<objectId>/appId/<appId>,
#   as public setup guides link an app's role assignments (e.g. Maester's, and Terraform
#   outputs in public repositories).
enterprise_app_users_link(object_id, app_id) := {
	"title": center_title("enterprise application's users and groups"),
	"url": sprintf("%s/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/%s/appId/%s", [admin_center, url_id(object_id), url_id(app_id)]),
}

# METADATA
# title: ca_policy_link(policy_id)
# description: |
#   A Conditional Access policy, for its ID (appliedConditionalAccessPolicies[].id).
#   Form: #view/Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/<id>, as Maester
#   links its policies:
#   https://github.com/maester365/maester/blob/main/powershell/internal/Get-GraphObjectMarkdown.ps1
ca_policy_link(policy_id) := portal_link(
	admin_center, center_title("Conditional Access policy"),
	"view/Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/", policy_id,
)

# METADATA
# title: device_link(device_id)
# description: |
#   The device, for the device ID the sign-in carries (deviceDetail.deviceId, not the
#   device's object ID). Form:
#   #view/Microsoft_AAD_Devices/DeviceDetailsMenuBlade/~/Properties/deviceId/<id>/deviceId/
#   NOT verified against Microsoft: it is the form CIPP links Intune devices with by their
#   Entra device ID (https://github.com/KelvinTegelaar/CIPP); the documented-by-use form
#   (Maester) takes the object ID, which the sign-in log does not have.
device_link(device_id) := {
	"title": center_title("device"),
	"url": sprintf("%s/#view/Microsoft_AAD_Devices/DeviceDetailsMenuBlade/~/Properties/deviceId/%s/deviceId/", [admin_center, url_id(device_id)]),
}

# METADATA
# title: sign_in_log_link
# description: |
#   The sign-in log (Entra ID > Monitoring & health > Sign-in logs). No address form that
#   opens one sign-in or filters by request or correlation ID was found documented, so
#   the step that uses it names the ID to filter by. Form:
#   #view/Microsoft_AAD_IAM/SignInLogsList.ReactView, as public runbooks and mails link
#   the sign-in logs (e.g. https://github.com/maester365/maester and Entra guides).
# scope: document
sign_in_log_link := {
	"title": center_title("sign-in logs"),
	"url": sprintf("%s/#view/Microsoft_AAD_IAM/SignInLogsList.ReactView", [admin_center]),
}

# METADATA
# title: risky_sign_ins_link
# description: |
#   ID Protection's risky sign-ins report. Form:
#   #view/Microsoft_AAD_IAM/IdentityProtectionMenuBlade/~/RiskySignIns, the sibling of the
#   risky users report Maester links (IdentityProtectionMenuBlade/~/UsersAtRiskAlerts):
#   https://github.com/maester365/maester/blob/main/powershell/internal/Get-GraphObjectMarkdown.ps1
# scope: document
risky_sign_ins_link := {
	"title": center_title("risky sign-ins"),
	"url": sprintf("%s/#view/Microsoft_AAD_IAM/IdentityProtectionMenuBlade/~/RiskySignIns", [admin_center]),
}

# METADATA
# title: support_request_link
# description: |
#   A new support request in the cloud's Azure portal (Help + support > Create a support
#   request: https://learn.microsoft.com/azure/azure-portal/supportability/how-to-create-azure-support-request).
#   Form: #blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest, the address
#   Microsoft's own Azure articles link "create a support request" to
#   (https://github.com/MicrosoftDocs/azure-docs).
# scope: document
support_request_link := {
	"title": "Azure portal: new support request",
	"url": sprintf("%s/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest", [azure_portal]),
}

# METADATA
# title: failed_ca_policy_links
# description: |
#   A link to each Conditional Access policy whose result is "failure" for this sign-in,
#   named after the policy, ordered by policy ID. Empty when Graph omits
#   appliedConditionalAccessPolicies.
failed_ca_policy_links := [object.union(ca_policy_link(id), {"title": center_title(sprintf("Conditional Access policy %s", [failed_ca_policy_names[id]]))}) |
	some id in sort(object.keys(failed_ca_policy_names))
]

# failed_ca_policy_names are the display names (or else the IDs) of the failed policies, by ID.
failed_ca_policy_names[policy.id] := object.get(policy, "displayName", policy.id) if {
	some policy in input.appliedConditionalAccessPolicies
	policy.result == "failure"
	non_empty(policy.id)
}

# METADATA
# title: step_links(step)
# description: |
#   The links for the admin center pages a next step names, in the form the catalogue
#   writes them ("Entra ID > Users > [user] > Authentication methods", "App registrations >
#   [app] > Certificates & secrets", "Conditional Access", "Sign-in logs", "Risky sign-ins",
#   "Devices > All devices"), filled with this sign-in's IDs. A page whose ID the sign-in
#   lacks gets no link. The sign-in's IDs are read only for a step that names their page.
step_links(step) := [l |
	some kind in step_pages(lower(step))
	some l in page_links[kind]
]

# step_pages(text) are the kinds of page a lower-cased step names; the narrower page wins
# where two share a path (a user's authentication methods over the user's profile).
step_pages(text) := [kind |
	some [marker, kind, unless] in page_markers
	contains(text, marker)
	not names_page(text, unless)
]

names_page(text, marker) if {
	marker != ""
	contains(text, marker)
}

page_markers := [
	["users > [user] > authentication methods", "auth_methods", ""],
	["users > [user]", "user", "users > [user] > authentication methods"],
	["certificates & secrets", "app_credentials", ""],
	["app registrations", "app_registration", "certificates & secrets"],
	["conditional access", "ca_policy", ""],
	["devices > all devices", "device", ""],
	["risky sign-ins", "risky_sign_ins", ""],
	["sign-in logs", "sign_in_log", ""],
]

page_links["auth_methods"] := [l | l := user_auth_methods_link(input.userId)]

page_links["user"] := [l | l := user_link(input.userId)]

page_links["app_credentials"] := [l | l := app_credentials_link(input.appId)]

page_links["app_registration"] := [l | l := app_registration_link(input.appId)]

page_links["ca_policy"] := failed_ca_policy_links

page_links["device"] := [l | l := device_link(input.deviceDetail.deviceId)]

page_links["risky_sign_ins"] := [risky_sign_ins_link]

page_links["sign_in_log"] := [sign_in_log_link]

# METADATA
# title: with_page_links(finding)
# description: |
#   The finding with a link for every admin center page its next steps name
#   (step_links): each such step ends by naming its link, and the links are added after
#   the finding's own, once each. A finding whose next steps name no page is unchanged.
with_page_links(finding) := object.union(finding, {
	"nextSteps": [linked_step(step) | some step in finding.nextSteps],
	"links": array.concat(own, [l | some i, l in added; not l in array.slice(added, 0, i)]),
}) if {
	is_array(finding.nextSteps)
	own := object.get(finding, "links", [])
	added := [l |
		some step in finding.nextSteps
		is_string(step)
		some l in step_links(step)
		not l in own
	]
	count(added) > 0
} else := finding

linked_step(step) := sprintf("%s (Link: %s.)", [step, concat("; ", [l.title | some l in step_links(step)])]) if {
	is_string(step)
	count(step_links(step)) > 0
} else := step
