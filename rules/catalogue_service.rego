# Catalogue entries for the Entra ID service itself and its limits: transient and
# internal errors, throttling and loops, and a few codes that fit no other area.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- service -------------------------------------------------------------
# reviewed: 2026-12-07 against troubleshoot-sign-in-errors
# source: troubleshoot-sign-in-errors (AADSTS90025)
entries[90025] := {
	"title": "Entra service retries exhausted",
	"cause": "An internal Entra ID service used up its retries while signing the user in. It is a transient service problem, not a user or configuration error; Microsoft's troubleshooting guide says it usually resolves itself, and clients often retry without the user noticing.",
	"nextSteps": [
		"No action for a single row: the user signs in again, and the retry usually succeeds.",
		"If it persists for an hour or more, or many users are affected, an admin checks the Microsoft 365 admin center > Health > Service health, then opens a support request with the sign-in's correlation ID and time.",
	],
	"severity": "low",
	"category": "service",
	"actor": "none",
	"links": [{
		"title": "Microsoft: How to troubleshoot sign-in errors",
		"url": "https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors",
	}],
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50000 TokenIssuanceError); sign-in-error-codes
entries[50000] := {
	"title": "Sign-in service error",
	"cause": "The sign-in service had an internal problem issuing the token. It is not caused by the user or the app's settings.",
	"nextSteps": [
		"The user signs in again.",
		"If it persists or affects many users, an admin checks the Microsoft 365 admin center > Health > Service health and opens a support request with the sign-in's correlation ID and time.",
	],
	"severity": "medium",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50033 RetryableError)
entries[50033] := {
	"title": "Transient service error",
	"cause": "A temporary error occurred inside Entra ID while processing the sign-in. A retry usually succeeds.",
	"nextSteps": [
		"The user signs in again.",
		"If many users are affected, an admin checks the Microsoft 365 admin center > Health > Service health.",
	],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50138)
entries[50138] := {
	"title": "Encryption key environment invalid",
	"cause": "Entra ID hit an internal error with its encryption keys while processing the request. It is a service problem.",
	"nextSteps": [
		"The user signs in again later.",
		"If it persists, an admin opens a support request with the correlation ID and time.",
	],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70012 MsaServerError); sign-in-error-codes
entries[70012] := {
	"title": "Personal account service error",
	"cause": "A server error occurred while authenticating a personal Microsoft account. It is usually temporary.",
	"nextSteps": ["The user signs in again; if it persists, the user checks the Microsoft account service status."],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90006 ExternalServerRetryableError)
entries[90006] := {
	"title": "Service temporarily unavailable",
	"cause": "A service Entra ID depends on was temporarily unavailable. A retry usually succeeds.",
	"nextSteps": [
		"The user signs in again.",
		"If many users are affected, an admin checks the Microsoft 365 admin center > Health > Service health.",
	],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90012 RequestTimeout)
entries[90012] := {
	"title": "Sign-in request timed out",
	"cause": "Processing the sign-in took longer than allowed inside Entra ID, so it was abandoned. Usually temporary.",
	"nextSteps": [
		"The user signs in again.",
		"If it repeats for a federated or pass-through domain, an admin checks the on-premises components' response times as well as Service health.",
	],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90024 RequestBudgetExceededError)
entries[90024] := {
	"title": "Request budget exceeded (transient)",
	"cause": "The request used up its internal processing budget because of a temporary condition in the service. A retry usually succeeds.",
	"nextSteps": ["The user signs in again; the app developer retries with exponential backoff."],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90033 MsodsServiceUnavailable)
entries[90033] := {
	"title": "Directory service unavailable",
	"cause": "The directory store behind Entra ID was temporarily unavailable, so the user or app could not be looked up.",
	"nextSteps": [
		"The user signs in again in a few minutes.",
		"If it lasts, an admin checks the Microsoft 365 admin center > Health > Service health.",
	],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90036 MsodsServiceUnretryableFailure)
entries[90036] := {
	"title": "Directory service failure (not retryable)",
	"cause": "The directory store behind Entra ID returned an unexpected error that retrying will not fix.",
	"nextSteps": ["An admin opens a support request with Microsoft, giving the sign-in's correlation ID, request ID and time."],
	"severity": "medium",
	"category": "service",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90090 GraphRetryableError)
entries[90090] := {
	"title": "Directory graph error (retryable)",
	"cause": "Entra ID's internal directory graph was temporarily unavailable while processing the sign-in.",
	"nextSteps": ["The user signs in again; no configuration change is needed."],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90091 GraphServiceUnreachable)
entries[90091] := {
	"title": "Directory graph unreachable",
	"cause": "Entra ID could not reach its internal directory graph service while processing the sign-in. Usually temporary.",
	"nextSteps": [
		"The user signs in again.",
		"If many users are affected, an admin checks the Microsoft 365 admin center > Health > Service health.",
	],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90092 GraphNonRetryableError)
entries[90092] := {
	"title": "Directory graph error (not retryable)",
	"cause": "Entra ID's internal directory graph returned an error that a retry will not fix.",
	"nextSteps": ["If it repeats, an admin opens a support request with the sign-in's correlation ID and time."],
	"severity": "medium",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120021 PartnerServiceSsprInternalServiceError)
entries[120021] := {
	"title": "Password reset service error",
	"cause": "A service used by self-service password reset had an internal error, so the reset or change could not complete.",
	"nextSteps": [
		"The user tries the password reset again later.",
		"If it persists, an admin resets the password in the Entra admin center > Entra ID > Users > [user] > Reset password and checks Service health.",
	],
	"severity": "low",
	"category": "service",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS230109 CachedCredentialNonGWAuthNRequestsNotSupported)
entries[230109] := {
	"title": "Backup auth service called directly",
	"cause": "The request was sent straight to Entra ID's backup authentication service, which only accepts traffic routed through Entra ID's own gateway.",
	"nextSteps": ["The app developer sends sign-in requests to the documented host (login.microsoftonline.com or the national cloud's host), never to an internal or backup host name, and does not pin IP addresses."],
	"severity": "medium",
	"category": "service",
	"actor": "developer",
}

# --- throttling ----------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50088)
entries[50088] := {
	"title": "Phone call or text limit reached",
	"cause": "The limit on MFA phone calls or text messages for this user was reached, so no more are sent for a while. A user who did not ask for them may be the target of someone with the password.",
	"nextSteps": [
		"The user waits a few minutes and tries again, or uses the Microsoft Authenticator app instead of calls or texts.",
		"If the user did not start these sign-ins, an admin resets the password in the Entra admin center > Entra ID > Users > [user] and reviews recent sign-ins.",
	],
	"severity": "low",
	"category": "throttling",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50196 LoopDetected)
entries[50196] := {
	"title": "Client loop detected",
	"cause": "The app sent the same request too many times in a short period, so Entra ID stopped answering it: the app does not cache its tokens or retries an error in a tight loop.",
	"nextSteps": [
		"The app developer caches tokens until they expire (MSAL does this), and stops retrying errors that need user interaction or a configuration change.",
		"An admin finds the app and the users affected in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs (filter on this code).",
	],
	"severity": "medium",
	"category": "throttling",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90055 TenantThrottlingError)
entries[90055] := {
	"title": "Tenant throttled for too many requests",
	"cause": "The tenant sent so many requests that Entra ID throttles it; sign-ins of the tenant are refused until the load drops. One misbehaving app or script is the usual source.",
	"nextSteps": [
		"An admin finds the app that sends the most requests in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs (including service principal and non-interactive sign-ins) and stops or fixes it.",
		"The app developer caches tokens and retries with exponential backoff instead of requesting a token per call.",
	],
	"severity": "high",
	"category": "throttling",
	"actor": "developer",
}

# --- other ---------------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50199 CmsiInterrupt)
entries[50199] := {
	"title": "User asked to confirm the app",
	"cause": "For security, the user was asked to confirm that they meant to sign in to this app, which happens when a native app signs in through the system browser and is redirected to a custom scheme. The sign-in goes on after the confirmation.",
	"nextSteps": [
		"The user selects Continue if the app is the one they opened.",
		"The app developer avoids the prompt by using a broker or a redirect URI that Entra ID can verify for the app.",
	],
	"severity": "info",
	"category": "other",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS1000002 BindCompleteInterruptError)
entries[1000002] := {
	"title": "Account link completed",
	"cause": "The account was linked with the external identity provider, and Entra ID interrupts once to tell the user. It marks a success, not a failure.",
	"nextSteps": ["No action needed."],
	"severity": "info",
	"category": "other",
	"actor": "none",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50157)
entries[50157] := {
	"title": "Redirected for routing",
	"cause": "The user had to be redirected to another location to continue the sign-in, for example to the right region or cloud. A routing step, not an error.",
	"nextSteps": ["No action needed if the sign-in goes on; the app developer makes sure the client follows redirects."],
	"severity": "info",
	"category": "other",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS51000 RequiredFeatureNotEnabled)
entries[51000] := {
	"title": "Required feature not enabled",
	"cause": "The request depends on a feature that is turned off for the tenant or the app, so it cannot be served.",
	"nextSteps": ["An admin reads the failure reason for the feature named and decides whether to enable it in the Entra admin center; the app developer avoids the feature otherwise."],
	"severity": "medium",
	"category": "other",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90013 InvalidUserInput)
entries[90013] := {
	"title": "Invalid input from the user",
	"cause": "Something the user typed on the sign-in page was not valid for that field.",
	"nextSteps": ["The user checks what was typed (the full work address as username, digits only for a code) and tries again."],
	"severity": "low",
	"category": "other",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90101 InvalidEmailAddress)
entries[90101] := {
	"title": "Not a valid email address",
	"cause": "The value entered where an email address is expected is not a valid address.",
	"nextSteps": ["The user types a complete address (name@domain) and tries again."],
	"severity": "low",
	"category": "other",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS165004)
entries[165004] := {
	"title": "Runtime error, see exception message",
	"cause": "The sign-in failed with an error whose details depend on the runtime; the code itself says nothing more, the message returned to the app does.",
	"nextSteps": ["The app developer logs and reads the full error message and correlation ID returned to the app, and searches for its text; an admin reads the failure reason of the sign-in."],
	"severity": "low",
	"category": "other",
	"actor": "developer",
}

# --- codes of Microsoft's sign-in activity error page ------------

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[50201] := {
	"title": "Information message shown during sign-in",
	"cause": "Entra ID stopped the sign-in to show the user a message with extra information before going on. Microsoft's sign-in activity error page names this a message prompt interrupt: a step of the flow, not a failure.",
	"nextSteps": [
		"No action when a success of the same user with the same correlation ID follows.",
		"If the user reports being stuck on the message, the user reads it and continues; an admin reads the sign-in's additional details in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs.",
	],
	"severity": "info",
	"category": "other",
	"actor": "none",
}
