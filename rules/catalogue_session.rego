# Catalogue entries for sessions and tokens: single sign-on sessions, refresh tokens and
# their lifetimes, assertions presented by apps, and the account picker.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- token-session -------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50058 UserInformationNotProvided); sign-in-error-codes
entries[50058] := {
	"title": "No signed-in session yet",
	"cause": "A silent sign-in (no prompt allowed) found no usable session: the user has not signed in yet in this browser or app, cookies were cleared or blocked, or the session ended. Because the user never finished signing in, the log may show an object ID or zeros instead of a user name.",
	"nextSteps": [
		"No action if an interactive sign-in of the same user follows.",
		"If it repeats, the user signs in once interactively and allows cookies for login.microsoftonline.com in the browser.",
		"The app developer falls back to an interactive sign-in when a silent request (prompt=none) returns this error.",
	],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
	"links": [{
		"title": "Microsoft: How to troubleshoot sign-in errors",
		"url": "https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors",
	}],
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50140 KmsiInterrupt); sign-in-error-codes
entries[50140] := {
	"title": "'Stay signed in?' prompt shown",
	"cause": "Entra ID asked the user whether to stay signed in. This is an expected step, not an error: the sign-in goes on after the answer.",
	"nextSteps": [
		"No action needed.",
		"An admin who wants to hide the question sets 'Show option to remain signed in' in the Entra admin center > Entra ID > Custom branding > Sign-in form.",
	],
	"severity": "info",
	"category": "token-session",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS51006 ForceReauthDueToInsufficientAuth); sign-in-error-codes
entries[51006] := {
	"title": "Windows integrated sign-in needed again",
	"cause": "The existing session lacks the Windows integrated authentication claim that the request asks for, so the user must sign in again.",
	"nextSteps": ["The user signs in again when prompted; on a domain-joined computer inside the company network this usually completes without typing anything."],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50143); sign-in-error-codes
entries[50143] := {
	"title": "Session belongs to another tenant",
	"cause": "The browser session is for a different organization than the one the request targets (through a domain hint), so the user is asked to pick or sign in with the right account.",
	"nextSteps": [
		"The user picks the account of the right organization, or signs out of the other one.",
		"The app developer checks that the domain_hint it sends matches the tenant it targets.",
	],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS16001 UserAccountSelectionInvalid)
entries[16001] := {
	"title": "Account choice rejected",
	"cause": "The account picked in the account chooser cannot be used for this request, so the user is asked to pick another account or sign in again.",
	"nextSteps": ["The user picks another account, or selects 'Use another account' and signs in."],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50173 FreshTokenNeeded); sign-in-error-codes
entries[50173] := {
	"title": "Session revoked, fresh sign-in needed",
	"cause": "The refresh token was revoked, usually by a password change or reset, an admin's Revoke sessions or a security action, so the app needs a new sign-in.",
	"nextSteps": [
		"The user signs in again with the current password; if a mobile or desktop app keeps prompting, remove and re-add the account in it.",
		"If the user did not change the password, an admin looks for a reset or session revocation in the Entra admin center > Entra ID > Monitoring & health > Audit logs.",
	],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50133 SsoArtifactRevoked); sign-in-error-codes
entries[50133] := {
	"title": "Session ended by password change",
	"cause": "The session was revoked because the password expired or was changed recently; apps that still hold the old session must sign the user in again.",
	"nextSteps": ["The user signs in again with the new password and updates it on every phone, mail client or service that still stores the old one."],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against troubleshoot-sign-in-errors
# source: troubleshoot-sign-in-errors (AADSTS70046)
entries[70046] := {
	"title": "Session expired or reauthentication failed",
	"cause": "The session expired, or a reauthentication check failed, for example one required by a Conditional Access policy for a given sign-in risk level.",
	"nextSteps": [
		"The user signs in again and completes any MFA or password change asked for.",
		"If it repeats, an admin reads the Conditional Access tab of the sign-in and reviews policies with sign-in frequency 'Every time' or sign-in risk conditions in the Entra admin center > Entra ID > Conditional Access > Policies.",
	],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
	"links": [{
		"title": "Microsoft: How to troubleshoot sign-in errors",
		"url": "https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors",
	}],
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS16002 AppSessionSelectionInvalid)
entries[16002] := {
	"title": "Requested session not available",
	"cause": "The app asked to continue a specific session (sid parameter), and that session cannot be used for this request, so a silent sign-in is not possible.",
	"nextSteps": ["The app developer falls back to an interactive sign-in (prompt=select_account or no prompt) when a request naming a session fails."],
	"severity": "low",
	"category": "token-session",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS160021 AppSessionSelectionInvalidSessionNotExist)
entries[160021] := {
	"title": "Requested session does not exist",
	"cause": "The app asked for a user session that does not exist (any more) in this browser, for example after sign-out or cleared cookies.",
	"nextSteps": [
		"The user signs in again when the app asks.",
		"The app developer starts an interactive sign-in when the session it names is gone.",
	],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50132 SsoArtifactInvalidOrExpired); sign-in-error-codes
entries[50132] := {
	"title": "Session invalid or too old",
	"cause": "The session is no longer valid: the password expired or was changed recently, the single sign-on session expired, or it is not fresh enough for this app (the sign-in error page also names a silent request made with an expired session). The user must sign in again.",
	"nextSteps": [
		"The user signs in again with the current password and updates it in every app and device that stores it.",
		"The app developer falls back to an interactive sign-in when a silent request gets this error.",
	],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50089); sign-in-error-codes
entries[50089] := {
	"title": "Sign-in page timed out",
	"cause": "The user took too long on the sign-in page (the flow token behind it expired), for example by leaving the page open before entering the password or the MFA answer. Expected now and then.",
	"nextSteps": ["The user starts the sign-in again from the app and completes it without a long pause."],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70008 ExpiredOrRevokedGrant); sign-in-error-codes
entries[70008] := {
	"title": "Refresh token expired or revoked",
	"cause": "The refresh token or authorization code the app used has expired (unused for too long) or was revoked, so the app must sign the user in again.",
	"nextSteps": [
		"The user signs in again when the app asks.",
		"The app developer starts an interactive sign-in on invalid_grant instead of retrying the same token.",
	],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700082 ExpiredOrRevokedGrantInactiveToken)
entries[700082] := {
	"title": "Refresh token expired after inactivity",
	"cause": "The app's refresh token was not used for a long time (by default 90 days) and expired. This is the normal end of a token's life, not an attack or a misconfiguration.",
	"nextSteps": ["The user signs in again when the app asks; no other action is needed."],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700084)
entries[700084] := {
	"title": "Single-page app token lifetime ended",
	"cause": "The refresh token was issued to a single-page (browser) app and has reached its fixed lifetime (24 hours), which cannot be extended, so the app must send the user through sign-in again.",
	"nextSteps": [
		"The user signs in again; with an active session this usually happens without typing anything.",
		"The app developer handles this error by redirecting to the sign-in page (or a hidden iframe with prompt=none) rather than showing an error.",
	],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700020 InteractionRequired)
entries[700020] := {
	"title": "User interaction required",
	"cause": "The app asked for a token silently, but the access needs the user to do something first (consent, MFA, accept terms), which only an interactive sign-in can show.",
	"nextSteps": [
		"The user opens the app and signs in interactively.",
		"The app developer catches interaction_required and starts an interactive sign-in, passing along any claims challenge.",
	],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70000 InvalidGrant); sign-in-error-codes
entries[70000] := {
	"title": "Grant rejected",
	"cause": "The refresh token or authorization code the app presented was rejected as invalid, for example because the token-binding proof sent with it is missing or does not match, or the grant was issued for another client.",
	"nextSteps": [
		"The app developer discards the cached token and signs the user in interactively, and checks that the same client_id redeems the grant it received.",
		"The user signs in again if the app asks.",
	],
	"severity": "low",
	"category": "token-session",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70019 CodeExpired); sign-in-error-codes
entries[70019] := {
	"title": "Device code expired",
	"cause": "The code shown for the device sign-in was not used in time (it is valid for about 15 minutes), so the device must ask for a new one.",
	"nextSteps": ["The user starts the sign-in again on the device and enters the new code promptly at https://microsoft.com/devicelogin."],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50085); sign-in-error-codes
entries[50085] := {
	"title": "Social sign-in needed again",
	"cause": "The refresh token depends on a sign-in with a social identity provider (such as Google or Facebook), which must be done again before a new token can be issued.",
	"nextSteps": ["The user signs in again through the social identity provider with their username and password."],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50139 SessionMissingMsaOAuth2RefreshToken)
entries[50139] := {
	"title": "Session missing external refresh token",
	"cause": "The session is missing a refresh token from the external account provider that it depends on, so it cannot be used silently.",
	"nextSteps": ["The user signs in again interactively."],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90086 OrgIdWsTrustDaTokenExpired)
entries[90086] := {
	"title": "Device authentication token expired",
	"cause": "The user's device authentication (DA) token, used by older Microsoft sign-in clients, has expired.",
	"nextSteps": ["The user signs in again; if an old client keeps failing, the user updates the app to a version with modern authentication."],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50136 RedirectMsaSessionToApp); sign-in-error-codes
entries[50136] := {
	"title": "Redirected to app with Microsoft account session",
	"cause": "Entra ID found a single personal Microsoft account session in the browser and redirected the user to the app with it. A routing step, not an error.",
	"nextSteps": ["No action needed; if the user wanted another account, the user signs out of the personal account first."],
	"severity": "info",
	"category": "token-session",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50168 ChromeBrowserSsoInterruptRequired)
entries[50168] := {
	"title": "Browser SSO token missing",
	"cause": "The browser can pass the Windows sign-in to Entra ID through an extension (Windows Accounts or Microsoft Single Sign On for Chrome), but sent no token or an expired one, so the sign-in was interrupted to get one.",
	"nextSteps": [
		"No action if the sign-in then goes on.",
		"If it repeats, the user installs or enables the Microsoft Single Sign On extension in Chrome, or signs in to Microsoft Edge with the work account.",
	],
	"severity": "info",
	"category": "token-session",
	"actor": "none",
}

# --- assertions and tokens presented by apps ------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50013 InvalidAssertion); sign-in-error-codes
entries[50013] := {
	"title": "Assertion invalid",
	"cause": "A token the app presented as an assertion was refused: its issuer does not match, it has expired or is not yet valid, it is malformed, or it is a refresh token that is not a Primary Refresh Token.",
	"nextSteps": ["The app developer checks the assertion: for on-behalf-of, send the user's current access token issued for this API (aud = its client ID); for federated credentials, check issuer, subject and audience against the app's federated credential."],
	"severity": "low",
	"category": "token-session",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS500133); sign-in-error-codes
entries[500133] := {
	"title": "Assertion token expired",
	"cause": "The token the app passed as user assertion (for example in an on-behalf-of request) is outside its validity period, usually expired by the time the API used it.",
	"nextSteps": ["The app developer makes the client refresh its access token before calling the API, and the API exchange it promptly; a cached user token must not be reused after expiry."],
	"severity": "low",
	"category": "token-session",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50027 InvalidJwtToken); sign-in-error-codes
entries[50027] := {
	"title": "JWT rejected",
	"cause": "A JWT in the request was refused: a claim is missing (nonce, sub), the issuer or audience is unexpected, it is outside its time range, it is malformed, or its signature does not verify.",
	"nextSteps": ["The app developer decodes the token (for example at https://jwt.ms) and checks iss, aud, exp, nbf and the signing key against what the flow requires."],
	"severity": "medium",
	"category": "token-session",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS900384)
entries[900384] := {
	"title": "JWT signature validation failed",
	"cause": "A JWT presented to Entra ID failed signature validation: it was signed with a key Entra ID does not trust for that issuer, or altered after signing.",
	"nextSteps": ["The app developer checks which key signs the token (kid header) and that it is the key registered for the issuer (app certificate, federated credential issuer's JWKS)."],
	"severity": "medium",
	"category": "token-session",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90016 MissingRequiredClaim)
entries[90016] := {
	"title": "Token missing a required claim",
	"cause": "The access token presented lacks a claim the request needs, so it cannot be used.",
	"nextSteps": ["The app developer requests the token with the scopes and optional claims the flow needs, and checks the failure reason for the claim named."],
	"severity": "medium",
	"category": "token-session",
	"actor": "developer",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50164)
entries[50164] := {
	"title": "Token used for the wrong purpose",
	"cause": "An access token was presented for a purpose it was not issued for (for example a token for one API used as a grant in another flow).",
	"nextSteps": ["The app developer obtains a token issued for the exact purpose (audience and flow) rather than reusing one meant for something else."],
	"severity": "medium",
	"category": "token-session",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS140001 InvalidSessionKey)
entries[140001] := {
	"title": "Session key invalid",
	"cause": "The session key supplied with the request (as used by Primary Refresh Token and broker requests) was rejected.",
	"nextSteps": [
		"On a Windows device, the user signs out and back in so the device gets a fresh Primary Refresh Token; dsregcmd /status shows its state.",
		"The app developer of a custom broker updates to a current library.",
	],
	"severity": "medium",
	"category": "token-session",
	"actor": "developer",
}

# --- codes of Microsoft's sign-in activity error page ------------

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[70037] := {
	"title": "Wrong answer to a remote sign-in challenge",
	"cause": "A sign-in that is completed on another device (a remote authentication session) was answered with the wrong challenge response, so Entra ID refused the session.",
	"nextSteps": [
		"The user starts the sign-in again and completes it on the device it points to, without reusing an old prompt.",
		"If the user did not start it, an admin reviews the user's sign-ins in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs and revokes sessions in Entra ID > Users > [user].",
	],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}
