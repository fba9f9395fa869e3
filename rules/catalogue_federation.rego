# Catalogue entries for sign-ins that depend on another identity provider: federated
# domains (AD FS or another SAML / WS-Federation server), identity providers of guests
# (SAML, WS-Federation, OpenID Connect, social), and external claims providers.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- federated domains: AD FS and other SAML / WS-Federation servers ------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50008 InvalidSamlToken); sign-in-error-codes
entries[50008] := {
	"title": "SAML token from federation server invalid",
	"cause": "The federation server (AD FS or another identity provider of a federated domain) sent a SAML token that Entra ID could not accept: it is missing, signed with a certificate Entra ID does not know, or lacks required claims such as the user's ImmutableID.",
	"nextSteps": [
		"An admin compares the federation server's current token-signing certificate with the one stored for the domain in Entra ID (Get-MgDomainFederationConfiguration) and updates the domain if it was renewed.",
		"An admin checks the claim rules of the Microsoft 365 relying party trust on the federation server: the UPN and ImmutableID claims must be issued for this user.",
		"An admin reads the federation server's event log (AD FS Admin log) at the time of the sign-in.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50107 InvalidRealmUri); sign-in-error-codes
entries[50107] := {
	"title": "Federation realm not found",
	"cause": "The token from the federation server names an issuer (realm) that matches no federated domain in Entra ID, usually because the issuer URI configured on the federation server differs from the one stored for the domain, for example after adding a second domain.",
	"nextSteps": [
		"An admin compares the issuer URI of the federation server with the domain's federation settings in Entra ID (Get-MgDomainFederationConfiguration).",
		"When several domains share one AD FS farm, an admin checks that the domains were federated with the multiple-domain option so each gets its own issuer.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS20001 WsFedSignInResponseError); sign-in-error-codes
entries[20001] := {
	"title": "Federation server's response failed",
	"cause": "The identity provider of the federated domain returned a faulty WS-Federation sign-in response, so Entra ID could not complete the sign-in. The problem is on the identity provider's side.",
	"nextSteps": [
		"An admin of the identity provider (for example AD FS) reads its event log at the time of the sign-in, using the sign-in's correlation ID where it appears.",
		"An admin checks the relying party trust for Microsoft 365 and the token-signing certificate on the identity provider.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS20012 WsFedMessageInvalid); sign-in-error-codes
entries[20012] := {
	"title": "Invalid WS-Federation message from the IdP",
	"cause": "The federated identity provider sent a WS-Federation message that does not follow the protocol, so Entra ID rejected it.",
	"nextSteps": ["An admin of the identity provider checks its WS-Federation settings for Microsoft 365 and its logs at the time of the sign-in, and updates or reconfigures the relying party trust."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS20033 FedMetadataInvalidTenantName); sign-in-error-codes
entries[20033] := {
	"title": "Invalid tenant name in federation metadata",
	"cause": "The federation metadata the identity provider uses carries a tenant name Entra ID does not accept, which points to a configuration problem on the identity provider's side.",
	"nextSteps": ["An admin of the identity provider refreshes or reimports the Microsoft 365 federation metadata and checks the tenant name configured there."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90020)
entries[90020] := {
	"title": "SAML 1.1 assertion lacks ImmutableID",
	"cause": "The federation server sent a SAML 1.1 assertion without the user's ImmutableID as the name identifier, so Entra ID cannot tell which cloud user signed in.",
	"nextSteps": ["An admin of the federation server adds a claim rule to the Microsoft 365 relying party trust that issues the user's ImmutableID (the sourceAnchor synced by Entra Connect) as the NameIdentifier."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS7500514)
entries[7500514] := {
	"title": "No SAML Response or Assertion found",
	"cause": "The SAML message posted to Entra ID contained neither a SAML 2.0 Response nor an Assertion element in the expected XML namespaces, so there was nothing to read.",
	"nextSteps": ["An admin of the identity provider (or the developer of the component that posts SAML) checks that it sends a samlp:Response (urn:oasis:names:tc:SAML:2.0:protocol) or saml:Assertion (urn:oasis:names:tc:SAML:2.0:assertion), base64 encoded in the SAMLResponse form field."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90081 OrgIdWsFederationMessageInvalid)
entries[90081] := {
	"title": "Invalid WS-Federation message",
	"cause": "A WS-Federation message in the request is malformed or incomplete (for example a missing or wrong wa or wtrealm parameter), so it could not be processed.",
	"nextSteps": ["The app developer checks the WS-Federation request: wa=wsignin1.0, wtrealm set to the app's identifier (App ID URI) and wreply to a registered reply URL."],
	"severity": "medium",
	"category": "federation",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90082 OrgIdWsFederationNotSupported)
entries[90082] := {
	"title": "WS-Federation policy not supported",
	"cause": "The WS-Federation request asked for an authentication policy that Entra ID does not support, so no token was issued.",
	"nextSteps": ["The app developer removes the unsupported policy parameter from the WS-Federation request (wauth or similar) or uses OpenID Connect or SAML 2.0 instead."],
	"severity": "medium",
	"category": "federation",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90087 OrgIdWsFederationMessageCreationFromUriFailed)
entries[90087] := {
	"title": "WS-Federation message not built from URL",
	"cause": "Entra ID could not build a WS-Federation message from the request URL: its query string is malformed or wrongly encoded.",
	"nextSteps": ["The app developer URL-encodes the WS-Federation parameters (wa, wtrealm, wreply, wctx) and checks that the request URL is not truncated."],
	"severity": "medium",
	"category": "federation",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50169 InvalidRequestBadRealm); sign-in-error-codes
entries[50169] := {
	"title": "Realm not configured",
	"cause": "The realm (the app identifier, wtrealm or SAML issuer) in the request is not configured for any app in this tenant, so Entra ID does not know which app the request is for.",
	"nextSteps": [
		"The app developer checks the realm the app sends against the app's Identifier (Entity ID) or App ID URI in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on, or App registrations > [app] > Expose an API.",
		"An admin adds the missing identifier to the app if it is the right app.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90123 IdentityProviderAccessDenied)
entries[90123] := {
	"title": "Identity provider refused the request",
	"cause": "An identity provider or claims provider involved in the sign-in (a federation server, a guest's identity provider, or an external MFA provider) refused the request, so no token could be issued.",
	"nextSteps": [
		"An admin checks which provider took part (Authentication details tab of the sign-in) and reads that provider's logs for the time of the sign-in.",
		"The user contacts the help desk with the correlation ID if the provider belongs to the user's own organization.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# --- identity providers of guests: OAuth, OpenID Connect, SAML ------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS40008 OAuth2IdPUnretryableServerError); sign-in-error-codes
entries[40008] := {
	"title": "External identity provider error",
	"cause": "The external identity provider the user signs in with (for example Google, Facebook or another OAuth provider) returned a server error that a retry will not fix.",
	"nextSteps": [
		"The user tries again later; if it persists, with another sign-in option such as a one-time passcode.",
		"An admin checks the identity provider's configuration (client ID, secret) in the Entra admin center > Entra ID > External Identities > All identity providers, and the provider's status page.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS40010 OAuth2IdPRetryableServerError)
entries[40010] := {
	"title": "External identity provider error (retryable)",
	"cause": "The external identity provider returned a temporary server error. Nothing is wrong with the account or the configuration as far as this sign-in shows.",
	"nextSteps": [
		"The user signs in again.",
		"If many users are affected, an admin checks the identity provider's status page.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS40009 OAuth2IdPRefreshTokenRedemptionUserError); sign-in-error-codes
entries[40009] := {
	"title": "External IdP refresh token not redeemed",
	"cause": "Entra ID tried to renew the session with the external identity provider using its refresh token, and the provider refused it (expired, revoked, or the user's account changed there).",
	"nextSteps": [
		"The user signs in again with the external identity provider.",
		"If it repeats for many users, an admin checks the identity provider's app configuration and secret in the Entra admin center > Entra ID > External Identities > All identity providers.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS40015 OAuth2IdPAuthCodeRedemptionUserError)
entries[40015] := {
	"title": "External IdP authorization code not redeemed",
	"cause": "The external identity provider refused to redeem the authorization code Entra ID received for the user, often because the provider's client secret on the Entra side is wrong or expired, or the code was used twice.",
	"nextSteps": [
		"The user signs in again.",
		"If it fails for everyone, an admin renews the client secret of the identity provider configuration in the Entra admin center > Entra ID > External Identities > All identity providers.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS5001256)
entries[5001256] := {
	"title": "External IdP sent an invalid ID token",
	"cause": "The external identity provider returned an ID token that Entra ID could not validate (bad signature, issuer or audience, or expired).",
	"nextSteps": ["An admin checks the identity provider's configuration in the Entra admin center > Entra ID > External Identities > All identity providers: issuer, client ID and metadata URL must match the provider's current settings."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS399284 InboundIdTokenIssuerInvalid)
entries[399284] := {
	"title": "Inbound ID token issuer invalid",
	"cause": "An ID token from a federated OpenID Connect provider has an empty issuer, or one that does not match the issuer configured for that provider, so it was rejected.",
	"nextSteps": ["An admin compares the issuer in the provider's discovery document with the issuer configured for it in the Entra admin center > Entra ID > External Identities > All identity providers, and fixes whichever is wrong."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS900612)
entries[900612] := {
	"title": "Provider signing keys malformed",
	"cause": "The signing keys (JWKS) published by the federated OpenID Connect provider are not in the format Entra ID expects, so its tokens cannot be verified.",
	"nextSteps": ["An admin checks the provider's jwks_uri document (keys with kty, kid, n and e, or x5c) and asks the provider's owner to correct it; until then sign-ins through that provider fail."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS901014 NoExternalIdentifierCollectedFromExternalOidcIDP)
entries[901014] := {
	"title": "External IdP token lacks a user identifier",
	"cause": "The ID token from the external OpenID Connect provider does not contain the claim used to identify the user (such as sub), so Entra ID cannot link it to an account.",
	"nextSteps": ["An admin checks the claim mapping of the OpenID Connect provider in the Entra admin center > Entra ID > External Identities > All identity providers, and the provider's token configuration."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS901011 NoEmailAddressCollectedFromExternalOidcIDP)
entries[901011] := {
	"title": "External IdP shared no email address",
	"cause": "The external OpenID Connect provider returned no email address for the user, typically because the user chose to hide it (for example with a private relay option) when consenting there.",
	"nextSteps": ["The user signs in again and allows the identity provider to share the email address, or uses another sign-in option such as an email one-time passcode."],
	"severity": "low",
	"category": "federation",
	"actor": "user",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS901012 EmailAddressCollectedFromExternalOidcIDPNotVerified)
entries[901012] := {
	"title": "External IdP email not verified",
	"cause": "The external OpenID Connect provider reports the user's email address as not verified, so it cannot be used to identify the user here.",
	"nextSteps": ["The user verifies the email address with that identity provider (follow its verification email) and signs in again."],
	"severity": "low",
	"category": "federation",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS5000819 InvalidSamlTokenEmailMissingOrInvalid)
entries[5000819] := {
	"title": "Guest's SAML token lacks a valid email",
	"cause": "The SAML or WS-Federation identity provider of a guest's organization sent an assertion without an email claim, or with an email whose domain does not match the federated domain configured for it.",
	"nextSteps": [
		"The guest organization's admin configures its identity provider to send the user's email address claim with the federated domain.",
		"An admin of this tenant checks the domain names of the SAML/WS-Fed identity provider in the Entra admin center > Entra ID > External Identities > All identity providers.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS1000000 UserNotBoundError)
entries[1000000] := {
	"title": "External sign-in not completed yet",
	"cause": "The request tried to link the user's account with an external identity provider before the user had signed in with that provider, so the link cannot be made yet.",
	"nextSteps": ["The user completes the sign-in with the external identity provider when prompted, then continues."],
	"severity": "low",
	"category": "federation",
	"actor": "user",
}

# --- external claims providers (custom controls, external MFA) ------------
# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50159)
entries[50159] := {
	"title": "External provider sent too few claims",
	"cause": "An external provider used by a Conditional Access policy (a custom control or external authentication method) answered without the claims Entra ID needs to accept its result.",
	"nextSteps": ["An admin checks the provider's configuration and its expected claims in the Entra admin center > Entra ID > Conditional Access > Custom controls, or Authentication methods for an external method, and the provider's own logs."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548), sign-in-error-codes and https://learn.microsoft.com/entra/identity/authentication/concept-authentication-external-method-provider
# source: reference-error-codes (AADSTS50161 InvalidExternalSecurityChallengeConfiguration); sign-in-error-codes; https://learn.microsoft.com/entra/identity/authentication/concept-authentication-external-method-provider
entries[50161] := {
	"title": "External provider's configuration not valid",
	"cause": "The configuration of an external claims provider (an external authentication method or a custom control) does not work. With an external authentication method the usual reason is that Entra ID could not validate the provider's authorization URL: the authorization_endpoint of the provider's discovery document is not a redirect URL of the provider's app registration. The reference also names claims the provider sent back that are not enough, or a requested claim that is missing.",
	"nextSteps": [
		"An admin (or the provider, for a multitenant provider app) adds the authorization_endpoint of the provider's discovery document as a redirect URL of the provider's app registration, as Microsoft's external authentication method guide requires.",
		"An admin checks the method's client ID, discovery URL and app ID in the Entra admin center > Entra ID > Authentication methods > Policies (external method), or the custom control in Entra ID > Conditional Access > Custom controls.",
		"If the configuration matches the provider's documentation, an admin asks the provider why its answer lacked the requested claims.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50166 ExternalClaimsProviderThrottled); sign-in-error-codes
entries[50166] := {
	"title": "External claims provider unreachable",
	"cause": "Entra ID could not send the request to the external claims provider (a custom control, an external MFA or OpenID Connect provider), because it did not answer or throttled the call.",
	"nextSteps": [
		"The user tries again in a few minutes.",
		"If it keeps failing, an admin checks the provider's status and its configured endpoint in the Entra admin center > Entra ID > Authentication methods or Conditional Access > Custom controls.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# --- codes of Microsoft's sign-in activity error page ------------

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[40014] := {
	"title": "Federation server sent an unusable answer",
	"cause": "The identity provider of a federated domain (AD FS or another SAML or WS-Federation server) answered the sign-in with something Entra ID could not accept, so the sign-in stopped on the federation side rather than at Entra ID.",
	"nextSteps": [
		"An admin of the federation server reads its event log for this user and time (the AD FS Admin log, with the sign-in's correlation ID) and checks its token-signing certificate and claim rules for the Microsoft 365 relying party.",
		"An admin checks the federated domain's settings in the Entra admin center > Entra ID > Entra Connect, or with Get-MgDomainFederationConfiguration, against the federation server's current metadata.",
		"The user retries once the federation server is fixed; nothing on the user's side changes the result.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}
