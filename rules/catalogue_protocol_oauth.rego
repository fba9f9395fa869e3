# Catalogue entries for OAuth 2.0 and OpenID Connect request errors: scopes and
# resources, grant types, authorization codes, PKCE, the device code flow, endpoints
# and request parameters. Each says which parameter is wrong and what to send instead.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- scope and resource ------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS70011 InvalidScope); sign-in-error-codes
entries[70011] := {
	"title": "Invalid scope",
	"cause": "The scope parameter contains a value Entra ID does not accept: a permission name without its resource, a misspelt API URI, a mix of .default with named scopes, or a scope the API does not expose.",
	"nextSteps": ["The app developer sends scopes as <resource URI>/<permission> (for example https://graph.microsoft.com/User.Read), or <resource URI>/.default alone for the client credentials flow, and checks the names in the API's Expose an API blade."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS28002)
entries[28002] := {
	"title": "Scope not valid for an access token",
	"cause": "The scope value sent with the access token request is not valid for that request, for example an unknown permission or a scope format the endpoint does not accept.",
	"nextSteps": ["The app developer sends scope values of the form <resource URI>/<permission> or <resource URI>/.default, exactly as the API exposes them, and keeps openid, profile and offline_access only alongside a resource scope."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS28003)
entries[28003] := {
	"title": "Empty scope when redeeming a code",
	"cause": "The app redeemed an authorization code at the token endpoint with an empty scope parameter, which the v2.0 endpoint does not allow.",
	"nextSteps": ["The app developer sends the same scope in the token request (POST body) as in the authorize request, for example scope=openid offline_access https://graph.microsoft.com/User.Read."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700022 InvalidMultipleResourcesScope)
entries[700022] := {
	"title": "Scope names more than one resource",
	"cause": "The scope parameter asks for permissions on two or more APIs at once; an access token is issued for one resource only.",
	"nextSteps": ["The app developer requests one token per API: put only one resource's scopes in each token request (others may be consented up front with extra scopes on the authorize request)."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700023 InvalidResourcelessScope)
entries[700023] := {
	"title": "Scope names no resource",
	"cause": "The access token request carried only scopes that belong to no API (such as openid, profile or email), so there is no resource to issue the access token for.",
	"nextSteps": ["The app developer adds a resource scope (for example https://graph.microsoft.com/User.Read or <API URI>/.default) to the token request."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS901002)
entries[901002] := {
	"title": "'resource' parameter not supported",
	"cause": "The app sent the v1.0 'resource' parameter to the v2.0 endpoint, which only understands scopes.",
	"nextSteps": ["The app developer removes resource=<URI> and sends scope=<URI>/.default (or the specific scopes) instead, or uses the v1.0 endpoint consistently."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50117)
entries[50117] := {
	"title": "Claims parameter not readable",
	"cause": "The request's claims parameter (a JSON claims request or a claims challenge) could not be parsed.",
	"nextSteps": ["The app developer passes the claims challenge received from the API unchanged (base64-decoded if it came encoded), URL-encoded as one claims= parameter, and validates any JSON it builds itself."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against sign-in-error-codes (the code is no longer on reference-error-codes at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50130); sign-in-error-codes
entries[50130] := {
	"title": "Claim value not a known auth method",
	"cause": "The request asked (through the claims parameter, acr_values or a SAML authentication context) for an authentication method value that Entra ID does not recognise.",
	"nextSteps": ["The app developer removes the unknown acr or amr value, or uses an authentication context ID configured in Conditional Access (c1 to c99)."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# --- grant types and authorization codes ---------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70003 UnsupportedGrantType); sign-in-error-codes
entries[70003] := {
	"title": "Grant type not supported",
	"cause": "The token request's grant_type is not one Entra ID supports for this app and endpoint (a typo, a custom value, or a flow the account type cannot use, such as the password grant with personal accounts).",
	"nextSteps": ["The app developer sends a supported grant_type (authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code, urn:ietf:params:oauth:grant-type:jwt-bearer) and checks that the flow is allowed for the app's account types."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS9001023)
entries[9001023] := {
	"title": "Grant type not allowed on shared endpoints",
	"cause": "The grant type used (for example client credentials or the password grant) cannot be sent to the /common or /consumers endpoint, because those do not say which tenant issues the token.",
	"nextSteps": ["The app developer sends the token request to https://login.microsoftonline.com/<tenant ID>/oauth2/v2.0/token (or /organizations where a user signs in)."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS54005)
entries[54005] := {
	"title": "Authorization code already redeemed",
	"cause": "The app tried to redeem an authorization code that had already been exchanged for tokens. A code is single-use; a second use is usually a retry, a page reload, or two servers handling the same callback.",
	"nextSteps": [
		"The app developer redeems each code once and uses the refresh token it got for later tokens; a failed callback should restart the sign-in rather than replay the code.",
		"The user signs in again if the app shows an error.",
	],
	"severity": "low",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700005 InvalidGrantRedeemAgainstWrongTenant)
entries[700005] := {
	"title": "Code redeemed at another tenant",
	"cause": "The authorization code was issued for one tenant and redeemed at a different tenant's token endpoint (for example authorize on /common, token on a specific tenant of another organization).",
	"nextSteps": ["The app developer uses the same authority (/common, /organizations or /<tenant ID>) for the authorize and the token request, or redeems at the tenant in the ID token's tid claim."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90056 BadResourceRequest)
entries[90056] := {
	"title": "Code not redeemed with POST /token",
	"cause": "The app did not send the authorization code to the token endpoint as a POST request, which is the only way to redeem it.",
	"nextSteps": ["The app developer sends grant_type=authorization_code with code, redirect_uri, client_id and the code_verifier as a form POST (application/x-www-form-urlencoded) to /oauth2/v2.0/token."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS900144)
entries[900144] := {
	"title": "Required parameter missing from body",
	"cause": "The token request body lacks a parameter the flow needs (the failure reason names it): typically grant_type, client_id, code, redirect_uri, scope or code_verifier.",
	"nextSteps": ["The app developer adds the named parameter to the form-encoded POST body (not the query string) of the token request."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS240002 RequiredClaimIsMissing)
entries[240002] := {
	"title": "ID token used as a JWT-bearer grant",
	"cause": "The app sent an ID token as the assertion of an on-behalf-of (jwt-bearer) request. Only an access token issued for the app itself can be exchanged.",
	"nextSteps": ["The app developer sends the access token the client obtained for this API (audience = the API's client ID) as the assertion parameter, not the ID token."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS240003)
entries[240003] := {
	"title": "Unexpected authorize endpoint result",
	"cause": "A client or broker called the authorize endpoint as part of a flow and got back a result it did not expect, so the flow could not continue.",
	"nextSteps": ["The app developer logs the authorize response (error and error_description) and checks the authorize parameters (client_id, redirect_uri, response_type=code, scope) and the broker or library version."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS240004)
entries[240004] := {
	"title": "No code from the authorize endpoint",
	"cause": "The flow expected an authorization code back from the authorize endpoint and received none, for example because the response went to another redirect URI or carried an error instead.",
	"nextSteps": ["The app developer checks that response_type=code is sent and that the redirect URI the app listens on is the one registered and sent, and reads any error in the authorize response."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# --- PKCE ------------------------------------------------------------------------
# reviewed: 2026-12-07 against sign-in-error-codes (the code is no longer on reference-error-codes at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50148); sign-in-error-codes
entries[50148] := {
	"title": "PKCE code_verifier does not match",
	"cause": "The code_verifier sent to redeem the authorization code does not match the code_challenge sent with the authorize request. An occasional case comes from a user restarting sign-in in another tab; a steady rate is an app bug.",
	"nextSteps": [
		"The app developer keeps one code_verifier per authorize request (stored with its state value) and sends exactly that one to the token endpoint; the code_challenge must be BASE64URL(SHA256(code_verifier)) with code_challenge_method=S256.",
		"The user signs in again from the app's start page, in one tab.",
	],
	"severity": "low",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS501481)
entries[501481] := {
	"title": "PKCE verifier mismatch at code redemption",
	"cause": "At code redemption, the code_verifier did not match the code_challenge of the authorize request that produced the code (a verifier from another sign-in attempt, or one altered by encoding).",
	"nextSteps": ["The app developer stores the code_verifier with the request's state, sends it unchanged to the token endpoint, and computes the code_challenge as BASE64URL(SHA256(verifier)) without padding."],
	"severity": "low",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50147 MissingCodeChallenge)
entries[50147] := {
	"title": "PKCE code_challenge wrong size",
	"cause": "The code_challenge parameter of the authorize request does not have a valid length.",
	"nextSteps": ["The app developer generates a code_verifier of 43 to 128 characters and sends code_challenge = BASE64URL(SHA256(verifier)) (43 characters, no padding) with code_challenge_method=S256."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS501491 InvalidCodeChallengeMethodInvalidSize)
entries[501491] := {
	"title": "PKCE challenge invalid for its method",
	"cause": "The code_challenge does not have a valid size for the code_challenge_method given (S256 needs a 43-character base64url value).",
	"nextSteps": ["The app developer sends code_challenge_method=S256 with a base64url-encoded SHA-256 hash of the verifier (no padding, no + or / characters)."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50149)
entries[50149] := {
	"title": "Invalid PKCE code_challenge_method",
	"cause": "The authorize request's code_challenge_method has a value Entra ID does not support.",
	"nextSteps": ["The app developer sends code_challenge_method=S256 (recommended) or plain, exactly in that spelling."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# --- device code flow ---------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS70016 AuthorizationPending)
entries[70016] := {
	"title": "Device code sign-in still pending",
	"cause": "The app using the device code flow polled for its token while the user had not finished signing in on the other device yet. It is an expected answer while the app waits.",
	"nextSteps": [
		"No action: the app keeps polling until the user completes the sign-in or the code expires.",
		"The app developer polls no faster than the interval returned with the device code.",
	],
	"severity": "info",
	"category": "protocol",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70018 BadVerificationCode); sign-in-error-codes
entries[70018] := {
	"title": "Wrong device code entered",
	"cause": "The user typed a code on the device sign-in page (microsoft.com/devicelogin) that does not match any pending request. Repeated wrong codes are also a sign of device code phishing attempts being tested.",
	"nextSteps": [
		"The user copies the code again from the device or app that shows it, and types it before it expires.",
		"If the user did not start a device sign-in, the user must not enter codes received by email or chat; a security admin considers blocking the device code flow with Conditional Access (Authentication flows condition).",
	],
	"severity": "low",
	"category": "protocol",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90119 InvalidUserCode)
entries[90119] := {
	"title": "Device code empty",
	"cause": "The device sign-in page (microsoft.com/devicelogin) was submitted with an empty user code, so there was nothing to match to a waiting device.",
	"nextSteps": ["The user types the code shown by the device or app on https://microsoft.com/devicelogin and continues."],
	"severity": "low",
	"category": "protocol",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90120 InvalidDeviceFlowRequest)
entries[90120] := {
	"title": "Device code already used",
	"cause": "The device code entered was already approved or declined, so it cannot be used again.",
	"nextSteps": ["The user starts the sign-in again on the device or app to get a new code."],
	"severity": "low",
	"category": "protocol",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50134 DeviceFlowAuthorizeWrongDatacenter)
entries[50134] := {
	"title": "Device code approved in another region",
	"cause": "The device code sign-in was approved on a server in a different datacenter from the one where the device started the request, so the approval could not be matched.",
	"nextSteps": ["The user starts the device sign-in again and enters the new code promptly; if it repeats, the user completes the sign-in from a network in the same region as the device."],
	"severity": "low",
	"category": "protocol",
	"actor": "user",
}

# --- endpoints and authorities ------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90124 V1ResourceV2GlobalEndpointNotSupported)
entries[90124] := {
	"title": "Resource not served on shared endpoints",
	"cause": "The resource asked for cannot be used through the /common or /consumers endpoints; the request must go to a tenant (or /organizations).",
	"nextSteps": ["The app developer uses https://login.microsoftonline.com/organizations or /<tenant ID> as the authority for this resource."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90027)
entries[90027] := {
	"title": "Personal accounts need the v2.0 endpoint",
	"cause": "The app asked for a token for a personal Microsoft account through the v1.0 protocol, which cannot issue tokens for consumer accounts.",
	"nextSteps": ["The app developer moves to the v2.0 endpoints (/oauth2/v2.0/authorize and /oauth2/v2.0/token) with scopes, for example by using MSAL."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS100007)
entries[100007] := {
	"title": "Regional endpoint not allowed for this app",
	"cause": "The request went to a regional Entra ID endpoint, which serves only managed identities and a few Microsoft-internal app scenarios.",
	"nextSteps": ["The app developer removes the region setting (for example MSAL's azureRegion) so the app uses the global endpoint login.microsoftonline.com."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS900561 BadResourceRequestInvalidRequest)
entries[900561] := {
	"title": "Wrong HTTP method for the endpoint",
	"cause": "The endpoint received a request with an HTTP method it does not accept (for example GET where only POST works). Usually the user pressed the browser's Back button or opened a bookmarked sign-in page; a steady rate from one app is a bug.",
	"nextSteps": [
		"The user opens the app from its normal address instead of the Back button or a saved sign-in page.",
		"If one app causes it often, the app developer checks that it POSTs to the token endpoint and does not link users to intermediate sign-in URLs.",
	],
	"severity": "info",
	"category": "protocol",
	"actor": "user",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50171)
entries[50171] := {
	"title": "Audience needs a mutual-TLS request",
	"cause": "The token was requested for an audience that only issues tokens through mutual-TLS (certificate-bound) token requests, and this request was not one.",
	"nextSteps": ["The app developer requests the token from the mutual-TLS token endpoint presenting the client certificate, as the resource requires."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50167)
entries[50167] := {
	"title": "Invalid proof-of-possession key",
	"cause": "The request asked for a proof-of-possession token but the public key (JWK in req_cnf) it sent is invalid.",
	"nextSteps": ["The app developer sends a valid RSA public JWK (kty, n, e, kid) base64url-encoded in req_cnf, or lets MSAL build the proof-of-possession request."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS140000 InvalidRequestNonce)
entries[140000] := {
	"title": "Request nonce missing",
	"cause": "The request needed a nonce obtained from Entra ID beforehand (as in Primary Refresh Token and other signed broker requests), and none was provided.",
	"nextSteps": ["The app developer first requests a nonce (grant_type=srv_challenge) and includes it in the signed request, or uses an up-to-date broker or library that does so."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# --- request parameters ---------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90100 InvalidRequestParameter)
entries[90100] := {
	"title": "Empty or invalid parameter",
	"cause": "A request parameter is empty or has an invalid value; the failure reason names it.",
	"nextSteps": ["The app developer reads the parameter name in the failure reason and sends a valid, URL-encoded value for it (or leaves it out if optional)."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90102 InvalidUriParameter)
entries[90102] := {
	"title": "URI parameter not absolute",
	"cause": "A parameter that must be a URI (typically redirect_uri, post_logout_redirect_uri or a resource) has a relative or malformed value.",
	"nextSteps": ["The app developer sends an absolute URI including scheme and host (for example https://app.contoso.com/signin-oidc), URL-encoded."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS90112)
entries[90112] := {
	"title": "App identifier must be a GUID",
	"cause": "An application identifier in the request (usually client_id) is not a GUID, for example an app name or App ID URI sent instead.",
	"nextSteps": ["The app developer sends the Application (client) ID GUID from the Entra admin center > Entra ID > App registrations > [app] > Overview as client_id."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90005 InvalidRequestWithMultipleRequirements)
entries[90005] := {
	"title": "Identifier and login hint combined",
	"cause": "The request carried both a user identifier and a login_hint, which cannot be used together.",
	"nextSteps": ["The app developer sends only one way of naming the user: login_hint for a hint the user can change, or the identifier parameter the flow requires."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS51001 DomainHintMustbePresent); sign-in-error-codes
entries[51001] := {
	"title": "Domain hint missing",
	"cause": "The request named the user by on-premises security identifier or on-premises UPN without a domain_hint, which Entra ID needs to find the right tenant.",
	"nextSteps": ["The app developer adds domain_hint=<the organization's verified domain> to the request, or names the user by the cloud user principal name."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70007 UnsupportedResponseMode); sign-in-error-codes
entries[70007] := {
	"title": "Unsupported response_mode",
	"cause": "The authorize request's response_mode has a value Entra ID does not support, or one that does not fit the response type (tokens cannot be returned in the query string).",
	"nextSteps": ["The app developer sends response_mode=query (code only), fragment or form_post (recommended for web apps), or leaves it out to get the default."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# --- codes of Microsoft's sign-in activity error page ------------

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[700051] := {
	"title": "Implicit access tokens not enabled for the app",
	"cause": "The app asked for an access token directly from the authorization endpoint (response_type token, the implicit flow), and its registration does not allow issuing access tokens that way.",
	"nextSteps": [
		"The app developer moves the app to the authorization code flow with PKCE, which needs no implicit grant.",
		"Until then, an admin or the app developer enables Access tokens under Implicit grant in the Entra admin center > Entra ID > App registrations > [app] > Authentication.",
	],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}
