package signin.lib_links_test

import data.signin.lib

# The portals of the three clouds, as the plugin stores them in data.signin.config.
clouds := {
	"public": {"adminCenter": "https://entra.microsoft.com", "azure": "https://portal.azure.com"},
	"usgov": {"adminCenter": "https://portal.azure.us", "azure": "https://portal.azure.us"},
	"china": {"adminCenter": "https://portal.azure.cn", "azure": "https://portal.azure.cn"},
}

# What a link's title calls the page it opens in each cloud: the national clouds' links open
# the Entra pages in the Azure portal.
center_names := {"public": "Entra admin center: ", "usgov": "Azure portal: ", "china": "Azure portal: "}

# An ID with the characters a path segment must escape; a real ID is a GUID.
odd_id := "a/b c?d#e&f"

odd_escaped := "a%2Fb%20c%3Fd%23e%26f"

guid := "26be570a-ae82-4189-b4e2-a37c6808512d"

# links(id) is each helper's link for id, by name, in the current cloud.
links(id) := {
	"user": lib.user_link(id),
	"auth_methods": lib.user_auth_methods_link(id),
	"app_credentials": lib.app_credentials_link(id),
	"app_registration": lib.app_registration_link(id),
	"enterprise_app": lib.enterprise_app_users_link(id, id),
	"ca_policy": lib.ca_policy_link(id),
	"device": lib.device_link(id),
}

# The documented form of each helper's URL after the host, with <id> for the escaped ID.
forms := {
	"user": "/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/<id>",
	"auth_methods": "/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/<id>",
	"app_credentials": "/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/<id>",
	"app_registration": "/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/<id>",
	"enterprise_app": "/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Users/objectId/<id>/appId/<id>",
	"ca_policy": "/#view/Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/<id>",
	"device": "/#view/Microsoft_AAD_Devices/DeviceDetailsMenuBlade/~/Properties/deviceId/<id>/deviceId/",
}

test_every_helper_has_the_documented_form_in_every_cloud if {
	every cloud, portals in clouds {
		every name, form in forms {
			got := links(odd_id)[name] with data.signin.config.portals as portals
			got.url == concat("", [portals.adminCenter, replace(form, "<id>", odd_escaped)])
			startswith(got.title, center_names[cloud])
		}
	}
}

test_a_guid_is_kept_as_it_is if {
	lib.user_link(guid).url == concat("", ["https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/", guid])
}

test_helpers_are_undefined_without_an_id if {
	every id in [null, "", "  ", 42] {
		not lib.user_link(id)
		not lib.user_auth_methods_link(id)
		not lib.app_credentials_link(id)
		not lib.app_registration_link(id)
		not lib.enterprise_app_users_link(id, guid)
		not lib.enterprise_app_users_link(guid, id)
		not lib.ca_policy_link(id)
		not lib.device_link(id)
	}
}

test_links_without_ids_follow_the_cloud if {
	every portals in clouds {
		lib.sign_in_log_link.url == concat("", [portals.adminCenter, "/#view/Microsoft_AAD_IAM/SignInLogsList.ReactView"]) with data.signin.config.portals as portals
		lib.risky_sign_ins_link.url == concat("", [portals.adminCenter, "/#view/Microsoft_AAD_IAM/IdentityProtectionMenuBlade/~/RiskySignIns"]) with data.signin.config.portals as portals
		lib.support_request_link.url == concat("", [portals.azure, "/#blade/Microsoft_Azure_Support/HelpAndSupportBlade/newsupportrequest"]) with data.signin.config.portals as portals
	}
}

test_public_cloud_without_config if {
	lib.admin_center == "https://entra.microsoft.com"
	lib.azure_portal == "https://portal.azure.com"
	lib.admin_center == "https://entra.microsoft.com" with data.signin.config.portals as {"adminCenter": ""}
}

test_failed_ca_policy_links if {
	sign_in := {"appliedConditionalAccessPolicies": [
		{"id": "6701123a-b4c6-48af-8565-565c8bf7cabc", "displayName": "Block legacy", "result": "failure"},
		{"id": "de7e60eb-ed89-4d73-8205-2227def6b7c9", "displayName": "MFA", "result": "success"},
		{"id": "", "displayName": "No ID", "result": "failure"},
	]}
	lib.failed_ca_policy_links == [{
		"title": "Entra admin center: Conditional Access policy Block legacy",
		"url": "https://entra.microsoft.com/#view/Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/6701123a-b4c6-48af-8565-565c8bf7cabc",
	}] with input as sign_in
	lib.failed_ca_policy_links == [] with input as {}
}

test_step_links_name_the_narrower_page if {
	sign_in := {"userId": guid, "appId": guid}
	[l.title | some l in lib.step_links("An admin opens Entra ID > Users > [user] > Authentication methods.")] == ["Entra admin center: user's authentication methods"] with input as sign_in
	[l.title | some l in lib.step_links("An admin opens Entra ID > Users > [user] > Reset password.")] == ["Entra admin center: user's profile"] with input as sign_in
	[l.title | some l in lib.step_links("An admin rotates it in App registrations > [app] > Certificates & secrets.")] == ["Entra admin center: app registration's certificates & secrets"] with input as sign_in
	[l.title | some l in lib.step_links("An admin checks the redirect URI in App registrations > [app] > Authentication.")] == ["Entra admin center: app registration"] with input as sign_in
	lib.step_links("The user tries again.") == [] with input as sign_in
	lib.step_links("An admin opens Entra ID > Users > [user].") == [] with input as {}
}

test_with_page_links_adds_each_link_once if {
	finding := {"nextSteps": ["Check Sign-in logs.", "Check the Sign-in logs again.", 42], "links": [{"title": "x", "url": "y"}]}
	got := lib.with_page_links(finding)
	got.links == [{"title": "x", "url": "y"}, lib.sign_in_log_link]
	got.nextSteps == ["Check Sign-in logs. (Link: Entra admin center: sign-in logs.)", "Check the Sign-in logs again. (Link: Entra admin center: sign-in logs.)", 42]
	lib.with_page_links({"nextSteps": ["Nothing to link."]}) == {"nextSteps": ["Nothing to link."]}
	lib.with_page_links({"nextSteps": "not a list"}) == {"nextSteps": "not a list"}
}
