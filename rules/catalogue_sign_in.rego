# Catalogue entries for the user's own sign-in: credentials, account state and MFA.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- credentials ---------------------------------------------------------
entries[50126] := {
	"title": "Wrong username or password",
	"cause": "The password typed does not match the account; for a federated or pass-through domain, the on-premises directory rejected it. One failure is usually a typo; many failures across accounts from one IP address look like password spraying.",
	"nextSteps": [
		"The user signs in again with the correct password, or resets it at https://aka.ms/sspr if self-service password reset is enabled.",
		"If the user is sure the password is right, an admin checks for a recent password change or an expired on-premises password, and the health of password hash sync or the pass-through agents in the Entra admin center > Entra ID > Entra Connect.",
		"If many accounts fail from the same IP address, a security admin treats it as password spraying: review ID Protection > Risky sign-ins and block the address with a named location in Entra ID > Conditional Access.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
	"links": [{
		"title": "Microsoft: How to troubleshoot sign-in errors",
		"url": "https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors",
	}],
}

entries[50055] := {
	"title": "Password expired",
	"cause": "The password was correct but has passed its expiry date, so Entra ID asks the user to choose a new one. Counted as an interrupt: the sign-in normally goes on once the password is changed.",
	"nextSteps": [
		"The user follows the prompt to set a new password, then signs in again and updates it on phones and mail clients.",
		"If the client cannot show the prompt (background or legacy client), an admin resets the password in the Entra admin center > Entra ID > Users > [user] > Reset password.",
		"An admin reviews the expiry policy in the Microsoft 365 admin center > Settings > Org settings > Security & privacy > Password expiration policy.",
	],
	"severity": "info",
	"category": "credentials",
	"actor": "user",
}

entries[50144] := {
	"title": "On-premises password expired",
	"cause": "The user's Active Directory password has expired. With pass-through authentication or federation the cloud sign-in is checked against that password, so it must be changed first.",
	"nextSteps": [
		"The user changes the password when prompted, or on a domain-joined computer with Ctrl+Alt+Del > Change a password.",
		"If the cloud prompt cannot change it, an admin enables password writeback in the Entra admin center > Entra ID > Password reset > On-premises integration, or resets the password in Active Directory.",
	],
	"severity": "info",
	"category": "credentials",
	"actor": "user",
}

entries[50125] := {
	"title": "Password reset or registration step",
	"cause": "The sign-in paused so the user could change a password (for example after an admin reset it with 'must change at next sign-in') or register security info for self-service password reset.",
	"nextSteps": [
		"The user completes the password change or registration shown in the browser and continues to the app.",
		"If users see the registration prompt too often, an admin reviews the re-confirmation period in the Entra admin center > Entra ID > Password reset > Registration.",
	],
	"severity": "info",
	"category": "credentials",
	"actor": "user",
}

# --- user-state ----------------------------------------------------------
entries[50053] := {
	"title": "Account locked by smart lockout",
	"cause": "Entra ID smart lockout locked the account after too many failed sign-ins, or blocked sign-ins from an IP address known to be malicious. The lock is temporary; it is usually caused by an attacker guessing passwords or by a device retrying an old saved password.",
	"nextSteps": [
		"The user waits for the lockout to expire (it grows with each repeated lockout) and signs in once with the correct password, or resets it with self-service password reset.",
		"An admin reviews the user's failed sign-ins in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs: unknown IP addresses or countries mean an attack; one known device means a stale password on a phone, mail client or service.",
		"An admin tunes the lockout threshold and duration in Entra ID > Authentication methods > Password protection.",
	],
	"severity": "medium",
	"category": "user-state",
	"actor": "admin",
}

entries[50057] := {
	"title": "Account disabled",
	"cause": "The account exists but sign-in is blocked for it, in Entra ID or, for a synced account, in on-premises Active Directory. Attempts on disabled accounts also come from leftover devices of former staff and from attackers using old account lists.",
	"nextSteps": [
		"If the person should have access, an admin turns on 'Account enabled' in the Entra admin center > Entra ID > Users > [user] > Edit properties > Settings; for a synced account, enable it in Active Directory and wait for the next Entra Connect sync.",
		"If the account was disabled on purpose, an admin uses the IP address, app and client app of this sign-in to find and retire the device or service still using it.",
		"If the attempts come from unknown IP addresses or across many apps, a security admin investigates them as account probing.",
	],
	"severity": "medium",
	"category": "user-state",
	"actor": "admin",
}

entries[50034] := {
	"title": "User account not found",
	"cause": "No account with this sign-in name exists in the tenant: a typo, a renamed or deleted account, an account of another organization, or an attacker trying names from a list.",
	"nextSteps": [
		"The user checks the username (the full work address) and signs in to the right organization; guests sign in with their home account.",
		"If the account was renamed, an admin confirms the current user principal name in the Entra admin center > Entra ID > Users.",
		"Many unknown names from one IP address point to user enumeration: a security admin blocks the address with a named location in Entra ID > Conditional Access.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "user",
}

# --- mfa -----------------------------------------------------------------
entries[500121] := {
	"title": "MFA not completed",
	"cause": "The password step passed but the second factor did not: the prompt was denied, ignored or answered with a wrong code, or the user never finished setting up a method. The sign-in's additional details say which (see the MFA rules).",
	"nextSteps": [
		"The user signs in again and completes the MFA prompt; without a working method, the user finishes registration at https://aka.ms/mysecurityinfo.",
		"If the user did not start this sign-in, someone else knows the password: an admin resets it and selects Revoke sessions in the Entra admin center > Entra ID > Users > [user].",
		"If the user lost the phone or app, an admin issues a Temporary Access Pass or requires re-registration in Entra ID > Users > [user] > Authentication methods.",
	],
	"severity": "medium",
	"category": "mfa",
	"actor": "user",
	"links": [{
		"title": "Microsoft: How to troubleshoot sign-in errors",
		"url": "https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors",
	}],
}

entries[50074] := {
	"title": "MFA prompt shown",
	"cause": "A policy requires MFA and the user had not passed it yet in this sign-in, so Entra ID interrupted to show the MFA prompt. Normally followed by a success, or by code 500121 if the prompt was not completed.",
	"nextSteps": [
		"No action if a successful sign-in follows within a few minutes.",
		"If no success follows, the user completes the MFA prompt; look for 500121 entries of the same user, which say why MFA failed.",
	],
	"severity": "info",
	"category": "mfa",
	"actor": "user",
}

entries[50076] := {
	"title": "MFA required",
	"cause": "MFA is required (Conditional Access, security defaults, per-user MFA or an unfamiliar location) and the request did not carry it. Common for background token requests, which cannot show a prompt: the app must send the user to an interactive sign-in.",
	"nextSteps": [
		"The user opens the app and signs in interactively to complete MFA.",
		"The app developer handles the MFA requirement (interaction_required or a claims challenge) by starting an interactive sign-in instead of retrying silently.",
		"A legacy client (IMAP, POP3, SMTP, ActiveSync with basic authentication) can never complete MFA: an admin moves the user to a modern-authentication client.",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
}

entries[50079] := {
	"title": "MFA registration required",
	"cause": "MFA is required but the user has no registered method yet, or a federated identity provider did not send the MFA claim, so the sign-in cannot finish until a method is registered.",
	"nextSteps": [
		"The user registers a method at https://aka.ms/mysecurityinfo (Microsoft Authenticator is preferred) and signs in again.",
		"To let a new user register safely, an admin issues a Temporary Access Pass in the Entra admin center > Entra ID > Users > [user] > Authentication methods.",
		"For a federated domain, an admin checks that the federation server sends the MFA claim, or sets the domain's federatedIdpMfaBehavior so Entra ID performs MFA.",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
}

entries[50072] := {
	"title": "MFA registration prompt shown",
	"cause": "The user was asked to register for MFA during an interactive sign-in (security defaults, a registration policy or a registration campaign). The sign-in goes on after registration, or after skipping where skipping is allowed.",
	"nextSteps": [
		"The user completes the security info registration shown, or skips it while the grace period allows.",
		"An admin reviews who is asked and when in the Entra admin center > Entra ID > Authentication methods > Registration campaign.",
	],
	"severity": "info",
	"category": "mfa",
	"actor": "user",
}
