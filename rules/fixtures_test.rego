# Sign-in inputs shared by the tests. The base object is Microsoft's documented
# example (v1.0 "List signIns", api-reference/v1.0/api/signin-list.md, Example 2,
# reproduced in /work/shared/reference/graph-signins.md section 1.4): a successful
# interactive Graph Explorer sign-in. Tests replace its status (and other fields)
# to build the case they need.
package signin.fixtures_test

base := {
	"id": "66ea54eb-6301-4ee5-be62-ff5a759b0100",
	"createdDateTime": "2020-03-13T19:15:41.6195833Z",
	"userDisplayName": "Test Contoso",
	"userPrincipalName": "testaccount1@contoso.com",
	"userId": "26be570a-ae82-4189-b4e2-a37c6808512d",
	"appId": "de8bc8b5-d9f9-48b1-a8ad-b748da725064",
	"appDisplayName": "Graph explorer",
	"ipAddress": "131.107.159.37",
	"clientAppUsed": "Browser",
	"correlationId": "d79f5bee-5860-4832-928f-3133e22ae912",
	"conditionalAccessStatus": "notApplied",
	"isInteractive": true,
	"riskDetail": "none",
	"riskLevelAggregated": "none",
	"riskLevelDuringSignIn": "none",
	"riskState": "none",
	"riskEventTypes": [],
	"resourceDisplayName": "Microsoft Graph",
	"resourceId": "00000003-0000-0000-c000-000000000000",
	"status": {
		"errorCode": 0,
		"failureReason": null,
		"additionalDetails": null,
	},
	"deviceDetail": {
		"deviceId": "",
		"displayName": null,
		"operatingSystem": "Windows 10",
		"browser": "Edge 80.0.361",
		"isCompliant": null,
		"isManaged": null,
		"trustType": null,
	},
	"location": {
		"city": "Redmond",
		"state": "Washington",
		"countryOrRegion": "US",
		"geoCoordinates": {
			"altitude": null,
			"latitude": 47.68050003051758,
			"longitude": -122.12094116210938,
		},
	},
	"appliedConditionalAccessPolicies": [
		{
			"id": "de7e60eb-ed89-4d73-8205-2227def6b7c9",
			"displayName": "SharePoint limited access for guest workers",
			"enforcedGrantControls": [],
			"enforcedSessionControls": [],
			"result": "notEnabled",
		},
		{
			"id": "6701123a-b4c6-48af-8565-565c8bf7cabc",
			"displayName": "Medium signin risk block",
			"enforcedGrantControls": [],
			"enforcedSessionControls": [],
			"result": "notEnabled",
		},
	],
}

# with_status(status) is the base sign-in with its status object replaced
# (not merged) by status.
with_status(status) := object.union(object.remove(base, ["status"]), {"status": status})

# failed(code, reason, details) is the base sign-in with a failure status.
failed(code, reason, details) := with_status({
	"errorCode": code,
	"failureReason": reason,
	"additionalDetails": details,
})

# code_only(code) is a failed sign-in with only an error code (reason and details null).
code_only(code) := failed(code, null, null)

# without_status is the base sign-in with no status property at all.
without_status := object.remove(base, ["status"])

# The contract of a finding, shared by the shape tests.
severities := {"info", "low", "medium", "high", "critical"}

categories := {
	"app-config", "conditional-access", "consent", "credentials", "device", "federation", "mfa",
	"other", "protocol", "service", "tenant", "throttling", "token-session", "user-state",
}

actors := {"user", "admin", "developer", "none"}

kinds := {"catalogue", "contextual", "fallback"}

# enums maps each enumerated field of a finding to its allowed values.
enums := {"severity": severities, "category": categories, "actor": actors, "kind": kinds}

# valid_finding(f) is true when f has every field of the finding contract with a valid value.
valid_finding(f) if {
	is_string(f.ruleId)
	f.ruleId != ""
	non_empty_text(f.title)
	non_empty_text(f.cause)
	count(f.nextSteps) > 0
	every step in f.nextSteps {
		non_empty_text(step)
	}
	every field, allowed in enums {
		f[field] in allowed
	}
	is_array(f.links)
	every link in f.links {
		non_empty_text(link.title)
		startswith(link.url, "https://")
	}
}

non_empty_text(s) if {
	is_string(s)
	trim_space(s) != ""
}

# with_fields(sign_in, fields) is sign_in with the top-level fields replaced by those in fields.
with_fields(sign_in, fields) := object.union(sign_in, fields)

# legacy(code, reason) is a failed sign-in over IMAP4, a legacy (basic authentication) client.
legacy(code, reason) := with_fields(failed(code, reason, null), {"clientAppUsed": "IMAP4"})

# device(fields) is the base deviceDetail with fields replaced, for device-related cases.
device(fields) := object.union(base.deviceDetail, fields)

# A Microsoft Entra hybrid joined Windows PC, as deviceDetail shows a managed company computer.
hybrid_pc := device({
	"deviceId": "5f8c1b7e-3a2d-4c6e-9b1f-2d7e8a9c0b14",
	"displayName": "CONTOSO-PC-0173",
	"operatingSystem": "Windows 11",
	"isManaged": true,
	"trustType": "Hybrid Azure AD joined",
})

# An Entra-joined laptop (not hybrid).
joined_laptop := device({
	"deviceId": "9a0e4d21-77c3-4f0b-8e5a-61c2b3d4e5f6",
	"displayName": "LAPTOP-RT8Q2M",
	"operatingSystem": "Windows 11",
	"isManaged": true,
	"isCompliant": true,
	"trustType": "Azure AD joined",
})

# A failed Conditional Access evaluation as Graph lists it in appliedConditionalAccessPolicies.
ca_failure(name, controls) := {
	"id": "0b6c8e55-1f2a-4d7b-9c3e-5a4b3c2d1e0f",
	"displayName": name,
	"enforcedGrantControls": controls,
	"enforcedSessionControls": [],
	"result": "failure",
}
