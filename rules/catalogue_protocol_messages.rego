# Catalogue entries for malformed or unsupported protocol messages: SAML requests and
# bindings, sign-out requests, authority discovery, JWT formats, and requests Entra ID
# cannot parse at all. Each says which part of the message is wrong.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- SAML requests from apps ------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS75005 Saml2MessageInvalid); sign-in-error-codes
entries[75005] := {
	"title": "SAML request not supported",
	"cause": "The SAML message the app sent for single sign-on is not one Entra ID supports (wrong message type, version or structure).",
	"nextSteps": ["The app developer sends a SAML 2.0 AuthnRequest with an Issuer equal to the app's Identifier (Entity ID), through HTTP-Redirect or HTTP-POST binding to https://login.microsoftonline.com/<tenant ID>/saml2."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS75001 BindingSerializationError); sign-in-error-codes
entries[75001] := {
	"title": "SAML message binding error",
	"cause": "An error occurred while reading or encoding the SAML message for its binding (for example a Redirect-binding request that is not deflated and base64-encoded correctly).",
	"nextSteps": ["The app developer checks the SAMLRequest encoding: for HTTP-Redirect it must be deflated, base64-encoded, then URL-encoded; for HTTP-POST only base64-encoded."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS75003 UnsupportedBindingError); sign-in-error-codes
entries[75003] := {
	"title": "SAML binding not supported",
	"cause": "The app asked for the SAML response over a binding other than HTTP-POST; Entra ID sends SAML responses by HTTP-POST only.",
	"nextSteps": ["The app developer sets ProtocolBinding to urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST in the AuthnRequest (or leaves it out) and accepts the response as a form POST at its Assertion Consumer Service URL."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS750054)
entries[750054] := {
	"title": "SAML message missing from redirect",
	"cause": "A request for the SAML Redirect binding arrived without a SAMLRequest or SAMLResponse query parameter.",
	"nextSteps": ["The app developer puts the encoded message in the SAMLRequest query string parameter of the redirect URL (and RelayState separately), or uses HTTP-POST binding."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS75008 RequestDeniedError); sign-in-error-codes
entries[75008] := {
	"title": "SAML request has wrong destination",
	"cause": "The Destination attribute of the app's SAML request does not match the Entra ID endpoint that received it, so the request was denied.",
	"nextSteps": ["The app developer sets Destination to the exact sign-on URL shown in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on (Login URL), or leaves Destination out."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS75011 NoMatchedAuthnContextInOutputClaims); sign-in-error-codes
entries[75011] := {
	"title": "Auth method differs from SAML request",
	"cause": "The app's SAML request asked for a specific authentication context (RequestedAuthnContext, for example password only), and the user had signed in another way (Windows, MFA, passwordless), so Entra ID will not issue the assertion.",
	"nextSteps": ["The app developer removes RequestedAuthnContext from the AuthnRequest, or uses Comparison=\"minimum\", so any stronger method is accepted."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS75016 Saml2AuthenticationRequestInvalidNameIDPolicy); sign-in-error-codes
entries[75016] := {
	"title": "SAML NameIDPolicy invalid",
	"cause": "The NameIDPolicy in the app's SAML request asks for a NameID format that Entra ID cannot satisfy for this app.",
	"nextSteps": ["The app developer requests a supported format (unspecified, emailAddress, persistent or transient) that matches the Name ID format configured in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Attributes & Claims, or omits NameIDPolicy."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS76026 RequestIssueTimeExpired)
entries[76026] := {
	"title": "SAML request too old",
	"cause": "The IssueInstant of the app's SAML request is too far in the past: the app server's clock is wrong, or an old request was replayed (for example from a bookmark or the Back button).",
	"nextSteps": [
		"The app's operator syncs the server clock with a reliable time source.",
		"The app developer builds a fresh AuthnRequest for each sign-in; the user starts from the app rather than a bookmarked sign-in URL.",
	],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS900236 InvalidRequestSamlPropertyUnsupported)
entries[900236] := {
	"title": "Unsupported SAML request property",
	"cause": "The app's SAML authentication request sets a property Entra ID does not support (the failure reason names it); such properties must not be set.",
	"nextSteps": ["The app developer removes the named attribute or element from the AuthnRequest."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS7500529)
entries[7500529] := {
	"title": "SAML request ID starts with a digit",
	"cause": "The ID attribute of the app's SAML request is not a valid XML ID (it starts with a digit). Entra ID copies it into InResponseTo, so it must be valid.",
	"nextSteps": ["The app developer prefixes the request ID with letters or an underscore (for example 'id' followed by a GUID)."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# --- sign-out ------------------------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50061 SignoutInvalidRequest); sign-in-error-codes
entries[50061] := {
	"title": "Sign-out request invalid",
	"cause": "The sign-out request could not be processed because it is malformed. The user's Entra ID session may still be active even though the app shows them signed out.",
	"nextSteps": ["The app developer sends OpenID Connect sign-out to /oauth2/v2.0/logout with a registered post_logout_redirect_uri, or a well-formed SAML LogoutRequest, and tests that the Entra session really ends."],
	"severity": "low",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50068 SignoutInitiatorNotParticipant)
entries[50068] := {
	"title": "Sign-out from an app not in the session",
	"cause": "An app asked to end a session it never took part in, so the sign-out request was refused.",
	"nextSteps": ["The app developer sends the sign-out request with the same app identifier (Issuer or client_id) that signed the user in, and only for sessions the app created."],
	"severity": "low",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50070 SignoutUnknownSessionIdentifier)
entries[50070] := {
	"title": "Sign-out for an unknown session",
	"cause": "The SAML sign-out request named a user (NameID) or session that does not match any current session, so nothing was signed out.",
	"nextSteps": ["The app developer sends in the LogoutRequest the exact NameID (and SessionIndex) received in the user's SAML assertion."],
	"severity": "low",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50071 SignoutMessageExpired)
entries[50071] := {
	"title": "Sign-out request expired",
	"cause": "The sign-out request arrived too long after it was issued, so Entra ID did not honour it.",
	"nextSteps": ["The app developer builds the LogoutRequest at the moment of sign-out and checks the app server's clock."],
	"severity": "low",
	"category": "protocol",
	"actor": "developer",
}

# --- authority discovery and redirects -----------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50049 NoSuchInstanceForDiscovery)
entries[50049] := {
	"title": "Unknown instance in discovery",
	"cause": "An authority discovery (instance discovery) request named a sign-in host or instance that Entra ID does not know.",
	"nextSteps": ["The app developer checks the authority host in the app's configuration (login.microsoftonline.com or the national cloud's host) and turns off instance discovery only for trusted custom authorities."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50050 MalformedDiscoveryRequest); sign-in-error-codes
entries[50050] := {
	"title": "Malformed discovery request",
	"cause": "The authority discovery request is not well formed, so Entra ID could not answer which endpoints to use.",
	"nextSteps": ["The app developer checks the authority URL format (https://login.microsoftonline.com/<tenant>/v2.0) and updates the authentication library, which builds discovery requests itself."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS51005 TemporaryRedirect); MicrosoftDocs/azure-docs issue 9337 (Microsoft docs team: an internal implementation detail, not an error condition)
entries[51005] := {
	"title": "Temporary redirect",
	"cause": "Entra ID answered with a temporary redirect (like HTTP 307): the request must be repeated at the address in the Location header. It is a routing step, not an error of the user or app.",
	"nextSteps": [
		"No action if the client follows the redirect.",
		"The app developer makes the HTTP client follow the Location header, repeating a POST as a POST.",
	],
	"severity": "info",
	"category": "protocol",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50029); sign-in-error-codes
entries[50029] := {
	"title": "Invalid characters in a URI's domain",
	"cause": "A URI in the request or the app's configuration has a host name with invalid characters (for example an underscore or a space).",
	"nextSteps": [
		"An admin who manages the app corrects the host name of the redirect URI, identifier or other URI involved in the Entra admin center > Entra ID > App registrations > [app] (for a SAML app, Entra ID > Enterprise apps > [app] > Single sign-on).",
		"If the URI comes from the request itself, the app developer fixes the value the app sends.",
	],
	"severity": "medium",
	"category": "protocol",
	"actor": "admin",
}

# --- JWTs and signatures -----------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50006 InvalidSignature); sign-in-error-codes
entries[50006] := {
	"title": "Signature verification failed",
	"cause": "A signature in the request (a signed SAML request, a client assertion or another signed token) does not verify against the key Entra ID has for its signer.",
	"nextSteps": ["The app developer checks that the message is signed with the private key of the certificate registered for the app (Certificates & secrets, or the SAML verification certificate), with a supported algorithm (RS256, or RSA-SHA256 for SAML), and that nothing re-encodes the message after signing."],
	"severity": "high",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50098)
entries[50098] := {
	"title": "JWT missing a required field",
	"cause": "A JWT in the request (a client assertion or user assertion) lacks a field that must be present, such as aud, iss, sub, exp or jti.",
	"nextSteps": ["The app developer includes aud (token endpoint URL), iss and sub (client ID), exp, nbf and a unique jti in the client assertion, or lets MSAL build it."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50120 ThresholdJwtInvalidJwtFormat); sign-in-error-codes
entries[50120] := {
	"title": "JWT header not recognised",
	"cause": "The JWT presented has a header Entra ID cannot interpret (unknown typ or alg, or a missing key identifier), so it cannot tell what kind of credential it is.",
	"nextSteps": ["The app developer sends a JWT with alg RS256 (or PS256), typ JWT and the certificate's x5t or x5t#S256 (or kid) in the header."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS90010 NotSupported); sign-in-error-codes
entries[90010] := {
	"title": "Request or algorithm not supported",
	"cause": "The request is of a kind Entra ID does not support here: it uses a cryptographic algorithm Entra ID cannot create or does not accept (for example in a JWT header or SAML signature), or, as the sign-in error page adds, an HTTP method the endpoint does not take (the token endpoint accepts only POST).",
	"nextSteps": ["The app developer sends token requests as POST and switches to a supported algorithm: RS256 or PS256 for JWTs, RSA-SHA256 for SAML signatures."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90014 MissingRequiredField); sign-in-error-codes
entries[90014] := {
	"title": "Credential missing a required field",
	"cause": "A field that must be present in the credential (for example in a client assertion or a token used as a grant) is missing.",
	"nextSteps": ["The app developer reads the field name in the failure reason and adds it to the credential; MSAL and other maintained libraries build these messages correctly."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90022 AuthenticatedInvalidPrincipalNameFormat)
entries[90022] := {
	"title": "Principal name format invalid",
	"cause": "A principal name in the request is not in the expected name[/host][@realm] form.",
	"nextSteps": ["The app developer sends the principal name in the form name[/host][@realm] (for example a service principal name without extra slashes or spaces)."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# --- malformed or unreadable requests ---------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90004 InvalidRequestFormat)
entries[90004] := {
	"title": "Malformed request",
	"cause": "The request's structure is not valid, so Entra ID could not read it (wrong content type, broken encoding, or parameters in the wrong place).",
	"nextSteps": ["The app developer sends form parameters as application/x-www-form-urlencoded in the POST body, URL-encodes every value, and compares the request with the protocol's documentation or MSAL's."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90023 InvalidRequest)
entries[90023] := {
	"title": "Invalid authentication request",
	"cause": "The request to the authentication service is not valid: a parameter combination the flow does not allow, or a value out of range. The failure reason usually says which.",
	"nextSteps": ["The app developer reads the failure reason and fixes the named parameter; a request built by an outdated library is updated to a current MSAL version."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS9002313 InvalidRequest)
entries[9002313] := {
	"title": "Request malformed or invalid",
	"cause": "The request is malformed or has invalid parameters (for example a missing client_id or response_type on the authorize request, or a duplicated parameter).",
	"nextSteps": ["The app developer checks the authorize request for client_id, response_type, redirect_uri, scope and state, each sent once and URL-encoded, and reads the failure reason for the parameter named."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90117 InvalidRequestInput)
entries[90117] := {
	"title": "Request input invalid",
	"cause": "Entra ID rejected part of the request's input as invalid. The failure reason usually names the field; typically the app built a malformed value.",
	"nextSteps": ["The app developer reads the failure reason for the field involved and sends a valid value; if the request comes from a library, updates it."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90121 InvalidEmptyRequest)
entries[90121] := {
	"title": "Empty request",
	"cause": "The request reached Entra ID with no content where parameters were expected (for example an empty POST body to the token endpoint).",
	"nextSteps": ["The app developer checks that the HTTP client sends the form body and Content-Type: application/x-www-form-urlencoded, and that no proxy strips it."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS165900 InvalidApiRequest)
entries[165900] := {
	"title": "Invalid API request",
	"cause": "A call to one of Entra ID's sign-in APIs was rejected as invalid: a required value is missing or malformed, usually because the client built the request by hand or with an outdated library.",
	"nextSteps": ["The app developer reads the failure reason and checks the request against the API's documentation; requests built by a library are retried with a current version."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90107 InvalidXml)
entries[90107] := {
	"title": "Invalid characters in request XML",
	"cause": "An XML message in the request (SAML or WS-Federation) contains characters that are not valid XML, so it cannot be read.",
	"nextSteps": ["The app developer escapes or removes invalid characters (control characters, unescaped &) in the XML before encoding it."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90015 QueryStringTooLong)
entries[90015] := {
	"title": "Query string too long",
	"cause": "The request URL's query string is longer than Entra ID accepts, usually because of a very large state value, many scopes or an embedded claims parameter.",
	"nextSteps": ["The app developer keeps state small (store data server-side and send a key) and trims scopes, so the authorize URL stays well under the limit."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90007 InvalidSessionId)
entries[90007] := {
	"title": "Session ID not readable",
	"cause": "A session identifier passed in the request (such as the sid parameter) could not be parsed.",
	"nextSteps": ["The app developer passes the sid claim from the ID token unchanged, or leaves the parameter out."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90051 InvalidNationalCloudId); sign-in-error-codes
entries[90051] := {
	"title": "Invalid national cloud identifier",
	"cause": "The request names a national cloud identifier that is not valid.",
	"nextSteps": ["The app developer corrects the cloud or instance setting of the authentication library (for example AzureUSGovernment, AzureChinaCloud) and the matching authority host."],
	"severity": "medium",
	"category": "protocol",
	"actor": "developer",
}
