# Catalogue entries for the app side of a sign-in: the app registration and its
# enterprise application (client ID, redirect URIs, supported accounts, allowed
# flows), the resource it asks for, and whether it may be used at all.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- who may use the app ---------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50105 EntitlementGrantsNotFound); sign-in-error-codes
entries[50105] := {
	"title": "User not assigned to the app",
	"cause": "The enterprise application requires assignment and neither the user nor any of the user's groups is assigned to it.",
	"nextSteps": [
		"If the user should have access, an admin assigns the user or a group in the Entra admin center > Entra ID > Enterprise apps > [app] > Users and groups.",
		"If every user should have access, an admin sets 'Assignment required?' to No in Entra ID > Enterprise apps > [app] > Properties.",
		"The user requests access through the organization's usual channel (My Apps access request or help desk).",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes and https://learn.microsoft.com/troubleshoot/entra/entra-id/app-integration/error-code-AADSTS70001-app-not-found-in-directory
# source: reference-error-codes (AADSTS70001 UnauthorizedClient); sign-in-error-codes; https://learn.microsoft.com/troubleshoot/entra/entra-id/app-integration/error-code-AADSTS70001-app-not-found-in-directory
entries[70001] := {
	"title": "App not found or disabled",
	"cause": "Entra ID found no usable app for the request. Most often a SAML app's request names an Issuer that matches no Identifier (Entity ID) configured for the app, so Entra ID reports that no application with that identifier exists; otherwise the enterprise application is disabled for sign-in in this tenant, so no tokens are issued for it, to anyone.",
	"nextSteps": [
		"For a SAML app, an admin compares the Issuer in the app's request (the failure reason names it) with the Identifier in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Basic SAML Configuration, trailing slash included, and can use 'Test this application' on that page to see the difference.",
		"If the app should be usable, an admin sets 'Enabled for users to sign-in?' to Yes in Entra ID > Enterprise apps > [app] > Properties.",
		"If it was disabled on purpose (for example a suspicious or retired app), the user stops using it; the audit log shows who disabled it and when.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS7000112 UnauthorizedClientApplicationDisabled)
entries[7000112] := {
	"title": "Client app disabled",
	"cause": "The application that asked for the token is disabled (by an admin of this tenant, or by Microsoft for a policy violation), so every token request from it is refused.",
	"nextSteps": [
		"An admin checks 'Enabled for users to sign-in?' in the Entra admin center > Entra ID > Enterprise apps > [app] > Properties and the app's audit history.",
		"If Microsoft disabled the app, its publisher must resolve it with Microsoft; the user uses another app meanwhile.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS1000031)
entries[1000031] := {
	"title": "App not accessible right now",
	"cause": "The application cannot be reached at this time: it is disabled, being removed, or blocked for the organization.",
	"nextSteps": [
		"The user contacts the help desk, naming the app and the time.",
		"An admin checks the app's state in the Entra admin center > Entra ID > Enterprise apps > [app] > Properties and its recent changes in Monitoring & health > Audit logs.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# --- the client app's identity -----------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700016 UnauthorizedClient_DoesNotMatchRequest); sign-in-error-codes
entries[700016] := {
	"title": "Application not found in the tenant",
	"cause": "The client ID in the request matches no application in this tenant: a typo in the app ID, an app registered in another tenant, a multi-tenant app never added here, or a deleted app.",
	"nextSteps": [
		"The app developer checks the client ID and the tenant in the app's authority URL against the Entra admin center > Entra ID > App registrations.",
		"For a third-party multi-tenant app, an admin adds it to the tenant by granting its admin consent, then finds it in Entra ID > Enterprise apps.",
		"If the app was deleted in the last 30 days, an admin restores it from Entra ID > App registrations > Deleted applications.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700011 UnauthorizedClientAppNotFoundInOrgIdTenant)
entries[700011] := {
	"title": "Client app ID not in the directory",
	"cause": "The client_id in the request names no application known to this tenant: a typo, an app registered in another tenant, or a multi-tenant app never added here.",
	"nextSteps": [
		"The app developer checks the client_id against the Application (client) ID in the Entra admin center > Entra ID > App registrations > [app] > Overview, and the tenant in the authority URL.",
		"For a third-party multi-tenant app, an admin adds it by granting admin consent, then finds it in Entra ID > Enterprise apps.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS650059)
entries[650059] := {
	"title": "Single-tenant app used from another tenant",
	"cause": "The app is registered for accounts of its own organization only (sign-in audience AzureADMyOrg), and it was used from another tenant, where it has no enterprise application.",
	"nextSteps": [
		"If the app should serve other organizations, the app developer sets Supported account types to multitenant in the Entra admin center > Entra ID > App registrations > [app] > Authentication.",
		"Otherwise the user signs in with an account of the app's own organization, or the developer points the authority at the app's home tenant.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50194); sign-in-error-codes
entries[50194] := {
	"title": "Single-tenant app called through /common",
	"cause": "A single-tenant app sent its sign-in to the shared /common endpoint, which such apps may no longer use; the request must name the tenant.",
	"nextSteps": ["The app developer changes the authority from https://login.microsoftonline.com/common to https://login.microsoftonline.com/<tenant ID>, or makes the app multitenant in the Entra admin center > Entra ID > App registrations > [app] > Authentication."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90130 NonConvergedAppV2GlobalEndpointNotSupported)
entries[90130] := {
	"title": "App not supported on the shared endpoints",
	"cause": "The app (an older, non-converged registration) cannot be used through the /common or /consumers endpoints.",
	"nextSteps": ["The app developer uses the tenant-specific endpoint (https://login.microsoftonline.com/<tenant ID>/...) or re-registers the app in App registrations so it supports the v2.0 shared endpoints."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS9002332)
entries[9002332] := {
	"title": "Work-only app called through /consumers",
	"cause": "The app accepts only work or school (Entra ID) accounts, but the request used the /consumers endpoint, which serves personal Microsoft accounts only.",
	"nextSteps": ["The app developer uses /organizations or the tenant-specific endpoint instead of /consumers, or changes Supported account types if personal accounts should be allowed."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700025 InvalidClientPublicClientWithCredential)
entries[700025] := {
	"title": "Public client sent a secret",
	"cause": "The app is registered as a public client (desktop or mobile) but its token request carried a client_secret or client_assertion, which public clients must not send.",
	"nextSteps": [
		"For a desktop or mobile app, the app developer removes client_secret and client_assertion from the token request.",
		"For a server-side app, the developer registers its redirect URI under the Web platform and sets 'Allow public client flows' to No in the Entra admin center > Entra ID > App registrations > [app] > Authentication.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS900382)
entries[900382] := {
	"title": "Confidential client not allowed cross-cloud",
	"cause": "A confidential client (an app with a secret or certificate) made a request across Microsoft clouds, which is only supported for public clients.",
	"nextSteps": ["The app developer registers the app in the same cloud as the tenant it calls (for example in the US Government cloud) and uses that cloud's sign-in host."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes (2020 revision)
# source: reference-error-codes (AADSTS900432); sign-in-error-codes
entries[900432] := {
	"title": "Cross-cloud request from confidential client",
	"cause": "The request crossed Microsoft clouds (global to national or the reverse) from a confidential client, which Entra ID does not support.",
	"nextSteps": ["The app developer uses an app registered in the target cloud, with that cloud's authority, instead of reaching across clouds."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# --- redirect URIs and response types ----------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50011 InvalidReplyTo); sign-in-error-codes
entries[50011] := {
	"title": "Redirect URI not registered",
	"cause": "The redirect_uri (reply URL) in the request does not exactly match any URI registered for the app, or none was sent, so Entra ID will not send the token there. Scheme, host, port, path, trailing slash and case all count.",
	"nextSteps": [
		"The app developer copies the redirect_uri value from the failing request and adds it, exactly, under the right platform in the Entra admin center > Entra ID > App registrations > [app] > Authentication.",
		"For a SAML app, an admin sets the Reply URL (Assertion Consumer Service URL) in Entra ID > Enterprise apps > [app] > Single sign-on to the URL the app posts to.",
		"Behind a reverse proxy, the developer makes the app build its redirect URI from the public host name, not the internal one.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70004 InvalidRedirectUri); sign-in-error-codes
entries[70004] := {
	"title": "Redirect URI does not match",
	"cause": "The redirect URI the app sent does not match any address registered for it (or allowed for OpenID Connect), so the authorization response cannot be returned.",
	"nextSteps": ["The app developer registers the exact redirect_uri sent (same scheme, host, port and path) in the Entra admin center > Entra ID > App registrations > [app] > Authentication, under the platform the app really is (Web, SPA or Mobile and desktop)."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS900971)
entries[900971] := {
	"title": "No reply address",
	"cause": "The request did not say where to send the response (no redirect_uri) and the app has no reply address to fall back on.",
	"nextSteps": ["The app developer registers a redirect URI in the Entra admin center > Entra ID > App registrations > [app] > Authentication and sends it as redirect_uri in the authorize request."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70005 UnsupportedResponseType); sign-in-error-codes
entries[70005] := {
	"title": "Response type not allowed for the app",
	"cause": "The authorize request asked for a response_type the app registration does not allow: 'token' or 'id_token' through the implicit flow without implicit grant enabled, or 'id_token' without the openid scope.",
	"nextSteps": [
		"The app developer switches to response_type=code (authorization code flow with PKCE), which needs no implicit grant.",
		"If the app must use the implicit flow, an admin ticks Access tokens and/or ID tokens under Implicit grant in the Entra admin center > Entra ID > App registrations > [app] > Authentication; an id_token request must include scope=openid.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700054)
entries[700054] := {
	"title": "ID token implicit grant not enabled",
	"cause": "The app asked the authorize endpoint for an id_token, but the app registration does not enable ID tokens for the implicit or hybrid flow.",
	"nextSteps": ["The app developer ticks 'ID tokens' under Implicit grant and hybrid flows in the Entra admin center > Entra ID > App registrations > [app] > Authentication, or requests response_type=code and reads the ID token from the token endpoint."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50010 AudienceUriValidationFailed); sign-in-error-codes
entries[50010] := {
	"title": "No token audience configured",
	"cause": "The app (typically a SAML or WS-Federation app) has no identifier configured to use as the token's audience, so the audience check failed and no token was issued.",
	"nextSteps": [
		"An admin sets the Identifier (Entity ID) in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Basic SAML Configuration, matching the Issuer the app sends.",
		"For an app registration, the app developer sets the Application ID URI in App registrations > [app] > Expose an API.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS76021 ApplicationRequiresSignedRequests)
entries[76021] := {
	"title": "SAML request must be signed",
	"cause": "The enterprise application requires signed SAML authentication requests, and the app sent an unsigned one.",
	"nextSteps": [
		"The app developer signs the SAML AuthnRequest with the certificate uploaded as verification certificate for the app.",
		"If signing is not needed, an admin turns off 'Require verification certificates' in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Verification certificates.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# --- the resource (API) asked for --------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50001 InvalidResource); sign-in-error-codes
entries[50001] := {
	"title": "Resource disabled or not found",
	"cause": "The resource the app asked a token for (the resource parameter, or the prefix of a scope) is disabled or does not exist, often because its App ID URI is misspelt.",
	"nextSteps": ["The app developer checks the requested resource or scope (for example https://graph.microsoft.com/.default) against the API's Application ID URI in the Entra admin center > Entra ID > App registrations > [API] > Expose an API."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS500011 InvalidResourceServicePrincipalNotFound); sign-in-error-codes
entries[500011] := {
	"title": "Resource not present in the tenant",
	"cause": "The API the app wants a token for has no service principal in this tenant: it was never installed or consented here, the resource identifier is misspelt, or the request went to the wrong tenant.",
	"nextSteps": [
		"The app developer checks the resource identifier in the scope or resource parameter and the tenant in the authority URL.",
		"For a multi-tenant API, an admin adds it to the tenant by granting admin consent to it (or to a client app that requires it), then finds it in the Entra admin center > Entra ID > Enterprise apps.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against sign-in-error-codes (the code is no longer on reference-error-codes at entra-docs 04f65548)
# source: reference-error-codes (AADSTS500014 InvalidResourceServicePrincipalDisabled); sign-in-error-codes
entries[500014] := {
	"title": "Resource disabled in the tenant",
	"cause": "The API's service principal exists in the tenant but is disabled, or the subscription that provides it has lapsed, so no token is issued for it.",
	"nextSteps": [
		"An admin checks the API's enterprise application in the Entra admin center > Entra ID > Enterprise apps > [API] > Properties ('Enabled for users to sign-in?').",
		"For a Microsoft service, an admin checks that the subscription that includes it is active in the Microsoft 365 admin center > Billing > Your products.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS65005 MisconfiguredApplication); sign-in-error-codes
entries[65005] := {
	"title": "App misconfigured for the resource",
	"cause": "The app asked for access to a resource that is not in its list of required permissions, or the resource could not be found; for a SAML app, the Identifier (Entity ID) sent does not match the app's configuration.",
	"nextSteps": [
		"The app developer adds the resource and scopes to the Entra admin center > Entra ID > App registrations > [app] > API permissions, and an admin grants consent.",
		"For a SAML app, an admin compares the Issuer in the app's SAML request with the Identifier (Entity ID) in Entra ID > Enterprise apps > [app] > Single sign-on.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS650054)
entries[650054] := {
	"title": "Permission on a removed resource",
	"cause": "The app asks for permissions on an API that has been removed or is not available in this tenant any more, so its permission request cannot be granted.",
	"nextSteps": ["The app developer removes the stale API from the Entra admin center > Entra ID > App registrations > [app] > API permissions, or makes sure the API exists in the tenant the app signs in to."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS650057)
entries[650057] := {
	"title": "Resource not in the app's permissions",
	"cause": "The app requested access to an API that is not listed among the permissions of its app registration, so Entra ID refused the token.",
	"nextSteps": [
		"The app developer adds the API and the needed scopes in the Entra admin center > Entra ID > App registrations > [app] > API permissions.",
		"An admin grants consent for the added permissions in the same blade or in Enterprise apps > [app] > Permissions.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90009 TokenForItselfMissingIdenticalAppIdentifier)
entries[90009] := {
	"title": "Token for itself needs the app's GUID",
	"cause": "The app asked for a token for itself (it is both client and resource) but named itself by App ID URI; this case only works with the GUID application ID as the resource.",
	"nextSteps": ["The app developer requests the scope as <application (client) ID>/.default (or resource=<client ID>) instead of the App ID URI."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS221000 DeviceOnlyTokensNotSupportedByResource)
entries[221000] := {
	"title": "Resource does not accept device-only tokens",
	"cause": "The request asked for a token that represents only the device (no user) for a resource that is not configured to accept device-only tokens.",
	"nextSteps": ["The app developer requests a token with a signed-in user for this resource, or the resource's owner enables device-only tokens where that is supported."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS67003 ActorNotValidServiceIdentity)
entries[67003] := {
	"title": "Actor is not a service identity",
	"cause": "The request carried an actor token (an app acting on behalf of another identity) that does not come from a valid service identity (service principal or managed identity).",
	"nextSteps": ["The app developer obtains the actor token as the app itself (client credentials or managed identity) and checks the token request's actor parameters against the flow's documentation."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS7000114)
entries[7000114] := {
	"title": "App may not do app-only on-behalf-of",
	"cause": "The app tried an on-behalf-of exchange using an app-only token (no user), which this app is not allowed to do.",
	"nextSteps": ["The app developer passes a user's access token as the assertion of the on-behalf-of request, or uses the client credentials flow to call the downstream API as the app itself."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}
