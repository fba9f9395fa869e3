# Catalogue entries for the user's own sign-in: account state and MFA.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- user-state ----------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50053 IdsLocked); sign-in-error-codes
entries[50053] := {
	"title": "Account locked by smart lockout",
	"cause": "Entra ID smart lockout locked the account after too many failed sign-ins, or blocked sign-ins from an IP address known to be malicious. The lock is temporary; it is usually caused by an attacker guessing passwords or by a device retrying an old saved password.",
	"nextSteps": [
		"The user waits for the lockout to expire (it grows with each repeated lockout) and signs in once with the correct password, or resets it with self-service password reset.",
		"An admin reads the failure reason of the sign-in in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs, which tells the two causes apart (account locked, or sign-in from a malicious IP address), and reviews the user's other failed sign-ins: unknown IP addresses or countries mean an attack; one known device means a stale password on a phone, mail client or service.",
		"An admin tunes the lockout threshold and duration in Entra ID > Authentication methods > Password protection.",
	],
	"severity": "medium",
	"category": "user-state",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50057 UserDisabled); sign-in-error-codes
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

# Not in Microsoft's error-code reference, but frequent in real logs after offboarding; the
# text is the one Entra ID returns ("AADSTS500341: The user account {id} has been deleted
# from the {tenant} directory. To sign into this application, the account must be added to
# the directory."), quoted in Microsoft's Viva Goals article on integration errors.
# reviewed: 2026-12-07 against https://learn.microsoft.com/viva/goals/integration-aad-errors (MicrosoftDocs/Viva b61b18a3)
# source: https://learn.microsoft.com/viva/goals/integration-aad-errors (AADSTS500341, the account was deleted from the directory)
entries[500341] := {
	"title": "User account deleted",
	"cause": "The account that signed in, or whose token an app tried to refresh, has been deleted from this tenant. Usually after someone left: a phone, mail client, service or integration set up with the account keeps trying with its old token or password. Signing in again cannot fix it.",
	"nextSteps": [
		"If the account was deleted by mistake, an admin restores it within 30 days in the Entra admin center > Entra ID > Users > Deleted users; a synced account is restored in Active Directory and comes back with the next sync.",
		"If the deletion was intended, an admin uses the app, IP address and client app of this sign-in to find the device, service or integration still using the account, and removes it or sets it up again under another account.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50034 UserAccountNotFound); sign-in-error-codes
entries[50034] := {
	"title": "User account not found",
	"cause": "No account with this sign-in name exists in the tenant: a typo, a renamed or deleted account, an account of another organization, or an attacker trying names from a list.",
	"nextSteps": [
		"The user checks the username (the full work address) and signs in to the right organization; guests sign in with their home account.",
		"If the account was renamed, an admin confirms the current user principal name in the Entra admin center > Entra ID > Users.",
		"Many unknown names from one IP address point to user enumeration: a security admin adds the address to a named location in the Entra admin center > Entra ID > Conditional Access > Named locations and blocks that location with a Conditional Access policy (a named location alone blocks nothing).",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50014 GuestUserInPendingState)
entries[50014] := {
	"title": "Guest invitation not redeemed yet",
	"cause": "The account is a guest whose invitation has not been accepted yet (or whose account is not fully created), so it cannot sign in to this tenant's apps.",
	"nextSteps": [
		"The user opens the invitation email and accepts it, or signs in once through the app's link with the invited address.",
		"If the invitation was lost or expired, an admin selects Resend invitation on the user in the Entra admin center > Entra ID > Users > [user] > Overview (B2B collaboration).",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS51004 UserAccountNotInDirectory); sign-in-error-codes
entries[51004] := {
	"title": "User not in the directory",
	"cause": "The account that tried to sign in does not exist in this tenant: the user signed in to the wrong organization, or is an external person who was never invited.",
	"nextSteps": [
		"The user signs in to the right organization (an app link with the organization's tenant, or the account picker).",
		"If the person should have access, an admin invites them as a guest in the Entra admin center > Entra ID > Users > All users > New user > Invite external user.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50197 ConflictingIdentities)
entries[50197] := {
	"title": "Conflicting identities for the user",
	"cause": "Entra ID found more than one identity that could match the sign-in name and could not tell which one is meant, so it treated the user as not found.",
	"nextSteps": [
		"The user signs in again, picking the account explicitly (Use another account) and typing the full user principal name.",
		"If it repeats, an admin looks for two objects sharing the same address (for example a guest and a member with the same email, or a duplicate proxy address) in the Entra admin center > Entra ID > Users and removes the duplicate.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90125 DebugModeEnrollTenantNotFound)
entries[90125] := {
	"title": "User not found: check the username",
	"cause": "No account matches the username that was entered; most often a typo in the name or domain.",
	"nextSteps": [
		"The user checks the spelling of the whole address and signs in again.",
		"An admin confirms the user's current user principal name in the Entra admin center > Entra ID > Users.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "user",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS500207)
entries[500207] := {
	"title": "Account type not allowed for this resource",
	"cause": "The kind of account used (for example a personal Microsoft account, or a work account where the resource only accepts personal accounts) cannot sign in to the resource requested.",
	"nextSteps": [
		"The user signs in with the other kind of account: a work or school account for organizational apps, a personal account for consumer services.",
		"If the app should accept both, the app developer checks the app registration's supported account types in the Entra admin center > Entra ID > App registrations > [app] > Authentication.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS500208)
entries[500208] := {
	"title": "Domain not valid for this account type",
	"cause": "The account does not have the type this tenant or app expects: most often the tenant accepts only work or school accounts and the user signed in with a personal Microsoft account, frequently one whose address uses a domain the organization owns.",
	"nextSteps": [
		"The user signs in with the work or school account issued by the organization rather than a personal account, even one with the same address.",
		"An admin who sees this often reminds users that personal Microsoft accounts on company domains should be renamed to another address.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS80012 OnPremisePasswordValidationAccountLogonInvalidHours); sign-in-error-codes
entries[80012] := {
	"title": "Outside allowed logon hours",
	"cause": "The user's on-premises Active Directory account has logon hours set, and this sign-in (checked through pass-through authentication) came outside them.",
	"nextSteps": [
		"The user signs in during the allowed hours.",
		"If the user must work at other times, an admin changes Logon Hours on the account in Active Directory Users and Computers > [user] > Account.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS90084 OrgIdWsFederationGuestNotAllowed)
entries[90084] := {
	"title": "Guest accounts not allowed on this site",
	"cause": "The site or service the user reached accepts only members of the organization, and the user signed in as a guest.",
	"nextSteps": [
		"The user signs in with a member account of the organization, if they have one.",
		"If guests should use the service, an admin checks whether the service supports guest access at all before changing its sharing settings.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "user",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS500141)
entries[500141] := {
	"title": "Invitation redeemed outside the app",
	"cause": "The guest finished accepting the invitation, but the request that followed did not come from the app the invitation was for, so there is nothing to continue to. The account itself is fine.",
	"nextSteps": ["The user opens the app again from its normal link or from https://myapps.microsoft.com, signing in with the invited account."],
	"severity": "info",
	"category": "user-state",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS54000 MinorUserBlockedLegalAgeGroupRule)
entries[54000] := {
	"title": "Minor blocked by age rules",
	"cause": "The account is marked as a minor, and the legal age group rules in effect block minors from this app until the required consent is recorded.",
	"nextSteps": ["If the user may use the app, an admin sets Age group and 'Consent provided for minor' on the account in the Entra admin center > Entra ID > Users > [user] > Properties > Settings."],
	"severity": "low",
	"category": "user-state",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS53011)
entries[53011] := {
	"title": "Blocked by risk in the home tenant",
	"cause": "The user is a guest, and their home organization's ID Protection considers the account risky. This tenant's policy blocks risky users, so access is refused until the home organization clears the risk.",
	"nextSteps": [
		"The user contacts the help desk of their own organization, which remediates the risk there (secure password reset, or dismissing the risk after checking).",
		"An admin of this tenant reviews the Conditional Access policy with the user risk condition that applies to guests in the Entra admin center > Entra ID > Conditional Access > Policies.",
	],
	"severity": "high",
	"category": "user-state",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS530034 DelegatedAdminBlockedDueToSuspiciousActivity)
entries[530034] := {
	"title": "Delegated admin blocked for account risk",
	"cause": "A partner's delegated admin (GDAP or DAP) tried to manage this tenant, and the admin's own account is marked risky in the partner's tenant, so the delegated access was blocked.",
	"nextSteps": [
		"The partner's admin remediates the risk on the account in their own tenant (ID Protection > Risky users: secure password reset, or confirm safe after checking).",
		"An admin of this tenant reviews the partner relationship and recent partner activity in the Microsoft 365 admin center > Settings > Partner relationships.",
	],
	"severity": "high",
	"category": "user-state",
	"actor": "admin",
}

# --- mfa -----------------------------------------------------------------
# reviewed: 2026-12-07 against troubleshoot-sign-in-errors
# source: troubleshoot-sign-in-errors (AADSTS500121); sign-in-error-codes
entries[500121] := {
	"title": "MFA not completed",
	"cause": "The password step passed but the second factor did not: the prompt was denied, ignored or answered with a wrong code, or the user never finished setting up a method. The sign-in's additional details say which (see the MFA rules).",
	"nextSteps": [
		"The user signs in again and completes the MFA prompt; without a working method, the user finishes registration at https://aka.ms/mysecurityinfo.",
		"If the user did not start this sign-in, someone else knows the password: an admin resets it and selects Revoke sessions in the Entra admin center > Entra ID > Users > [user].",
		"If the user lost the phone or app, an admin issues a Temporary Access Pass or requires re-registration in Entra ID > Users > [user] > Authentication methods.",
		"To see which MFA step failed, an admin reads the sign-in's Additional Details in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs.",
	],
	"severity": "medium",
	"category": "mfa",
	"actor": "user",
	"links": [{
		"title": "Microsoft: How to troubleshoot sign-in errors",
		"url": "https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors",
	}],
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50074 UserStrongAuthClientAuthNRequiredInterrupt); sign-in-error-codes
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50076 UserStrongAuthClientAuthNRequired); sign-in-error-codes
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50079 UserStrongAuthEnrollmentRequired); sign-in-error-codes
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50072 UserStrongAuthEnrollmentRequiredInterrupt); sign-in-error-codes
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50078 UserStrongAuthExpired); sign-in-error-codes
entries[50078] := {
	"title": "MFA too old, prompted again",
	"cause": "The user had completed MFA before, but that proof is older than the admin's policy allows (sign-in frequency or a 'remember MFA' period ended), so MFA is asked again.",
	"nextSteps": [
		"The user completes the MFA prompt again.",
		"If prompts come too often, an admin reviews the sign-in frequency session control in the Entra admin center > Entra ID > Conditional Access > Policies.",
	],
	"severity": "info",
	"category": "mfa",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50086 SasNonRetryableError)
entries[50086] := {
	"title": "MFA service error (not retryable)",
	"cause": "The MFA service failed in a way that retrying the same method will not fix, often because of the user's registered method (a phone number that cannot receive calls or texts, or a broken Authenticator registration).",
	"nextSteps": [
		"The user tries another method ('Sign in another way') or re-registers the method at https://aka.ms/mysecurityinfo.",
		"An admin checks the user's methods in the Entra admin center > Entra ID > Users > [user] > Authentication methods and issues a Temporary Access Pass if no method works.",
		"If many users are affected, an admin checks Microsoft 365 service health.",
	],
	"severity": "medium",
	"category": "mfa",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50087 SasRetryableError)
entries[50087] := {
	"title": "MFA service error (retryable)",
	"cause": "The MFA service had a temporary problem while checking the second factor. It is not the user's fault and usually passes on retry.",
	"nextSteps": [
		"The user signs in again.",
		"If many users are affected, an admin checks the Microsoft 365 admin center > Health > Service health.",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS53004 ProofUpBlockedDueToRisk); sign-in-error-codes
entries[53004] := {
	"title": "MFA registration blocked by risk",
	"cause": "The user must register MFA methods, but Entra ID detected risk on this sign-in or account, so registration is blocked: an attacker with the password must not be able to add their own phone.",
	"nextSteps": [
		"The user contacts the help desk; the user cannot fix this alone.",
		"A security admin reviews the user in ID Protection > Risky users and Risky sign-ins, resets the password if the account may be compromised, and then dismisses the risk.",
		"An admin lets the user register safely with a Temporary Access Pass in the Entra admin center > Entra ID > Users > [user] > Authentication methods.",
	],
	"severity": "high",
	"category": "mfa",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS53010 ProofUpBlockedDueToSecurityInfoAcr)
entries[53010] := {
	"title": "Security info registration not allowed here",
	"cause": "A Conditional Access policy on the 'Register security information' user action allows MFA registration only from certain places or devices (for example the office network or a compliant device), and this attempt came from elsewhere.",
	"nextSteps": [
		"The user registers from an allowed location or device, such as the office network.",
		"For remote users, an admin issues a Temporary Access Pass in the Entra admin center > Entra ID > Users > [user] > Authentication methods, or reviews the policy in Entra ID > Conditional Access > Policies.",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
}

# --- codes of Microsoft's sign-in activity error page ------------

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[50181] := {
	"title": "One-time code failed during sign-in",
	"cause": "A one-time passcode step of the sign-in failed: the code sent by text message, call or email was wrong, expired, or could not be delivered.",
	"nextSteps": [
		"The user requests a new code, enters it before it expires, and checks that the phone number or email address on file is current.",
		"If the user keeps failing, an admin checks the user's methods in the Entra admin center > Entra ID > Users > [user] > Authentication methods.",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
}

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[130500] := {
	"title": "Phone sign-in blocked by credential policy",
	"cause": "The user tried passwordless phone sign-in with Microsoft Authenticator, and the authentication methods policy does not allow that method for this user.",
	"nextSteps": [
		"The user signs in with another method the organization allows (password and MFA, or a passkey).",
		"If phone sign-in should be allowed, an admin enables passwordless sign-in for the user's group in the Entra admin center > Entra ID > Authentication methods > Policies > Microsoft Authenticator.",
	],
	"severity": "low",
	"category": "mfa",
	"actor": "user",
}

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[500172] := {
	"title": "Sign-in certificate outside its validity dates",
	"cause": "The user signed in with a certificate (certificate-based authentication or a smart card) whose validity period does not include the current time: it has expired or is not valid yet.",
	"nextSteps": [
		"The user renews the certificate or smart card through the organization's usual process and signs in again.",
		"An admin checks the certificate's dates and the issuing authority's renewal process; for many users at once, an admin checks the clock and certificate distribution.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}
