# Catalogue entries for sessions and tokens, tenant selection and the Entra service itself.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- token-session -------------------------------------------------------
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

entries[51006] := {
	"title": "Windows integrated sign-in needed again",
	"cause": "The existing session lacks the Windows integrated authentication claim that the request asks for, so the user must sign in again.",
	"nextSteps": ["The user signs in again when prompted; on a domain-joined computer inside the company network this usually completes without typing anything."],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
}

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

entries[16001] := {
	"title": "Account choice rejected",
	"cause": "The account picked in the account chooser cannot be used for this request, so the user is asked to pick another account or sign in again.",
	"nextSteps": ["The user picks another account, or selects 'Use another account' and signs in."],
	"severity": "info",
	"category": "token-session",
	"actor": "user",
}

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

entries[50133] := {
	"title": "Session ended by password change",
	"cause": "The session was revoked because the password expired or was changed recently; apps that still hold the old session must sign the user in again.",
	"nextSteps": ["The user signs in again with the new password and updates it on every phone, mail client or service that still stores the old one."],
	"severity": "low",
	"category": "token-session",
	"actor": "user",
}

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

# --- tenant --------------------------------------------------------------
entries[50059] := {
	"title": "Tenant not known yet",
	"cause": "Entra ID could not tell which organization the sign-in is for: the request used a shared endpoint (common or organizations) and no username had been given yet. Usually the next step asks for it.",
	"nextSteps": [
		"No action if a sign-in of the same user follows.",
		"The app developer sends a tenant-specific authority, or a login_hint when it knows the user.",
	],
	"severity": "info",
	"category": "tenant",
	"actor": "user",
}

entries[16000] := {
	"title": "Account not in this tenant",
	"cause": "The user is signed in with an account from another organization or identity provider that has no guest account in this tenant, or with several accounts and must choose one that exists here.",
	"nextSteps": [
		"The user picks the account that belongs to this organization, or signs out of the others.",
		"If the person should have access as an external user, an admin invites them in the Entra admin center > Entra ID > Users > All users > New user > Invite external user.",
	],
	"severity": "info",
	"category": "tenant",
	"actor": "admin",
}

entries[16003] := {
	"title": "User never added to the resource tenant",
	"cause": "The app belongs to another organization's tenant and the user's account was never added there as a guest.",
	"nextSteps": [
		"An admin of the resource tenant invites the user as a guest (Entra admin center > Entra ID > Users > All users > New user > Invite external user) and checks Entra ID > External Identities > Cross-tenant access settings.",
		"The user then signs in with the account that was invited.",
	],
	"severity": "info",
	"category": "tenant",
	"actor": "admin",
}

# --- service -------------------------------------------------------------
entries[90025] := {
	"title": "Entra service retries exhausted",
	"cause": "An internal Entra ID service used up its retries while signing the user in. It is a transient service problem, not a user or configuration error, and often goes unnoticed because clients retry.",
	"nextSteps": [
		"The user signs in again; the retry usually succeeds.",
		"If it persists or many users are affected, an admin checks the Microsoft 365 admin center > Health > Service health, then opens a support request with the sign-in's correlation ID and time.",
	],
	"severity": "medium",
	"category": "service",
	"actor": "none",
	"links": [{
		"title": "Microsoft: How to troubleshoot sign-in errors",
		"url": "https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors",
	}],
}
