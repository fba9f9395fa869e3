# Catalogue entries for hybrid identity: pass-through authentication agents that check
# passwords against on-premises Active Directory, and Seamless single sign-on (Kerberos).
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- pass-through authentication ------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes and tshoot-connect-pass-through-authentication (entra-docs 07d3251d)
# source: reference-error-codes (AADSTS80001 OnPremiseStoreIsNotAvailable); sign-in-error-codes; https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-pass-through-authentication
entries[80001] := {
	"title": "Pass-through agent cannot reach AD",
	"cause": "The password check could not be done on-premises: the pass-through authentication agent could not contact Active Directory, or (as Microsoft's pass-through troubleshooting article reads the same code) no authentication agent was available at all. While it lasts, every pass-through user's password sign-in fails.",
	"nextSteps": [
		"An admin checks in the Entra admin center > Entra ID > Entra Connect > Connect Sync > Pass-through authentication that at least one agent is Active (installing and registering one if none is), and that the agent servers are joined to the users' forest and can reach a domain controller.",
		"An admin reads the agent's log (Event Viewer > Applications and Services Logs > Microsoft > AzureAdConnect > AuthenticationAgent > Admin).",
	],
	"severity": "high",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS80002 OnPremisePasswordValidatorRequestTimedout); sign-in-error-codes
entries[80002] := {
	"title": "Pass-through password check timed out",
	"cause": "The pass-through authentication agent did not finish validating the password in time: the agent or a domain controller was slow or unreachable.",
	"nextSteps": [
		"The user signs in again.",
		"An admin checks the status of all agents in the Entra admin center > Entra ID > Entra Connect > Connect Sync > Pass-through authentication and the load and network latency between the agents and the domain controllers.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS80005 OnPremisePasswordValidatorUnpredictableWebException); sign-in-error-codes
entries[80005] := {
	"title": "Pass-through agent error (retryable)",
	"cause": "An unexpected error occurred while handling the pass-through authentication agent's answer. It is usually transient.",
	"nextSteps": [
		"The user signs in again.",
		"If it repeats, an admin checks the agents' status in the Entra admin center > Entra ID > Entra Connect > Connect Sync > Pass-through authentication.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS80007 OnPremisePasswordValidatorErrorOccurredOnPrem); sign-in-error-codes
entries[80007] := {
	"title": "Pass-through agent could not validate",
	"cause": "The pass-through authentication agent hit an error in the on-premises environment while validating the password, so the sign-in could not be decided.",
	"nextSteps": ["An admin reads the agent's Admin event log (Applications and Services Logs > Microsoft > AzureAdConnect > AuthenticationAgent) on the agent servers at the time of the sign-in, and checks the agent service is running."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS80010 OnPremisePasswordValidationEncryptionException); sign-in-error-codes
entries[80010] := {
	"title": "Pass-through agent could not decrypt",
	"cause": "The pass-through authentication agent could not decrypt the password sent to it, which points to a broken or outdated agent certificate.",
	"nextSteps": ["An admin restarts the Microsoft Entra Connect Authentication Agent service and, if it persists, reinstalls or re-registers the agent so it gets a fresh certificate; the agent list in the Entra admin center > Entra ID > Entra Connect shows which one is unhealthy."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS80013 OnPremisePasswordValidationTimeSkew); sign-in-error-codes
entries[80013] := {
	"title": "Clock skew on pass-through agent",
	"cause": "The clock of the pass-through authentication agent's server differs too much from Active Directory's, so the Kerberos-based password check failed.",
	"nextSteps": ["An admin syncs the agent server's time with the domain hierarchy (w32tm /resync) and checks the domain's time source."],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS80014 OnPremisePasswordValidationAuthenticationAgentTimeout); sign-in-error-codes
entries[80014] := {
	"title": "Pass-through agent answered too late",
	"cause": "The pass-through authentication agent sent its answer after the maximum time allowed for a password check, so the answer was ignored and the sign-in failed.",
	"nextSteps": [
		"The user signs in again.",
		"An admin checks the agents' health and server load, adds an agent if few are installed, and opens a support request if it persists.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# --- Seamless single sign-on (Kerberos) -----------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50180 WindowsIntegratedAuthMissing); sign-in-error-codes
entries[50180] := {
	"title": "Windows integrated authentication needed",
	"cause": "The request asked for integrated Windows authentication, which in Entra ID needs Seamless single sign-on, and Seamless single sign-on is not enabled for the tenant.",
	"nextSteps": ["An admin enables Seamless single sign-on with Entra Connect and checks it in the Entra admin center > Entra ID > Entra Connect > Connect Sync, or the app developer stops requiring integrated Windows authentication."],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS81004 DesktopSsoIdentityInTicketIsNotAuthenticated)
entries[81004] := {
	"title": "Seamless SSO Kerberos sign-in failed",
	"cause": "Seamless single sign-on received a Kerberos ticket but could not authenticate the user with it, so the user is asked for credentials instead.",
	"nextSteps": [
		"No action for an occasional event; the user signs in with the normal prompt.",
		"If many users are affected, an admin checks the AZUREADSSOACC computer account in Active Directory and rolls over its Kerberos decryption key with the Entra Connect PowerShell module.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS81005 DesktopSsoAuthenticationPackageNotSupported); sign-in-error-codes
entries[81005] := {
	"title": "Seamless SSO got NTLM, not Kerberos",
	"cause": "The browser answered the Seamless single sign-on challenge with an authentication package other than Kerberos (typically NTLM), which Seamless single sign-on does not accept.",
	"nextSteps": [
		"An admin checks that https://autologon.microsoftazuread-sso.com is in the browsers' Local intranet zone through Group Policy, and that the computer can get a Kerberos ticket (klist shows a ticket for HTTP/autologon.microsoftazuread-sso.com).",
		"The user signs in with the normal prompt meanwhile.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS81006 DesktopSsoNoAuthorizationHeader)
entries[81006] := {
	"title": "Seamless SSO: no Kerberos ticket sent",
	"cause": "Seamless single sign-on was tried but the browser sent no Kerberos ticket: the computer is not domain-joined, cannot reach a domain controller (off the corporate network), or the browser is not set up for it. The user then gets the normal prompt.",
	"nextSteps": [
		"No action for users outside the corporate network or on personal devices.",
		"If domain-joined computers on the network see it, an admin adds https://autologon.microsoftazuread-sso.com to the Local intranet zone with Group Policy.",
	],
	"severity": "info",
	"category": "federation",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS81007 DesktopSsoTenantIsNotOptIn); sign-in-error-codes
entries[81007] := {
	"title": "Seamless SSO not enabled for the tenant",
	"cause": "The browser attempted Seamless single sign-on, but the tenant has not enabled it, so the user falls back to the normal prompt.",
	"nextSteps": ["If single sign-on from domain-joined computers is wanted, an admin enables Seamless single sign-on in Entra Connect; otherwise an admin removes the autologon URL from the browsers' intranet zone settings."],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS81009 DesktopSsoAuthorizationHeaderValueWithBadFormat)
entries[81009] := {
	"title": "Seamless SSO ticket malformed",
	"cause": "Seamless single sign-on could not validate the format of the Kerberos ticket the browser sent, for example a ticket encrypted with an unsupported algorithm.",
	"nextSteps": ["An admin checks that the AZUREADSSOACC computer account supports AES encryption and rolls over its Kerberos decryption key with the Entra Connect PowerShell module."],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS81011 DesktopSsoLookupUserBySidFailed)
entries[81011] := {
	"title": "Seamless SSO user not found by SID",
	"cause": "The Kerberos ticket names an on-premises user (by security identifier) that has no matching synced user in Entra ID: not synced, or synced with a different identifier.",
	"nextSteps": ["An admin checks that the user's organizational unit is in the Entra Connect sync scope and that the cloud user shows the same on-premises security identifier (Entra admin center > Entra ID > Users > [user] > Properties > On-premises)."],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS81010 DesktopSsoAuthTokenInvalid)
entries[81010] := {
	"title": "Seamless SSO ticket invalid",
	"cause": "Seamless single sign-on could not use the Kerberos ticket from the user's computer (expired, or issued with an old key), so the user falls back to the normal sign-in prompt.",
	"nextSteps": [
		"No action for an occasional event; the user signs in with the normal prompt.",
		"If many users are affected, an admin rolls over the Kerberos decryption key of the AZUREADSSOACC computer account and checks Seamless single sign-on in the Entra admin center > Entra ID > Entra Connect > Connect Sync.",
		"The user checks that the computer's clock is right and that it can reach a domain controller.",
	],
	"severity": "info",
	"category": "federation",
	"actor": "none",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS81012 DesktopSsoMismatchBetweenTokenUpnAndChosenUpn); sign-in-error-codes
entries[81012] := {
	"title": "Seamless SSO account differs from Windows account",
	"cause": "The user is signed in to Windows with one account but is signing in to the app with another, so Seamless single sign-on cannot use the Windows session.",
	"nextSteps": ["The user signs in with the same account as on Windows, or types the password of the other account when asked."],
	"severity": "info",
	"category": "federation",
	"actor": "user",
}

# reviewed: 2026-12-07 against sign-in-analysis-workbook (its interrupt list; the reference has no text for the code)
# source: sign-in-analysis-workbook (AADSTS81014)
entries[81014] := {
	"title": "Seamless SSO step (undocumented)",
	"cause": "Microsoft's error reference does not describe this code. It is in the 810xx range used by Seamless single sign-on (Kerberos) errors, and Microsoft's Sign-in Analysis workbook counts it as an interrupt: the user usually goes on with the normal sign-in prompt.",
	"nextSteps": [
		"No action for an occasional event.",
		"If many users are affected, an admin checks Seamless single sign-on in the Entra admin center > Entra ID > Entra Connect > Connect Sync and the current text of the code on Microsoft's lookup page.",
	],
	"severity": "info",
	"category": "federation",
	"actor": "none",
}

# --- codes of Microsoft's sign-in activity error page ------------

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[80003] := {
	"title": "Pass-through agent got an invalid answer from AD",
	"cause": "A pass-through authentication agent asked on-premises Active Directory to check the password and got an answer it could not read, so the sign-in failed for a reason on the on-premises side, not because of the password.",
	"nextSteps": [
		"An admin reads the agent's Admin event log (Applications and Services Logs > Microsoft > AzureAdConnect > AuthenticationAgent) on the servers listed in the Entra admin center > Entra ID > Entra Connect > Connect Sync > Pass-through authentication, at the time of this sign-in.",
		"An admin checks that each agent's server reaches a domain controller of the user's domain and that the agents run the current version.",
		"The user retries later; if it persists, an admin opens a Microsoft support request with the correlation ID.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[80011] := {
	"title": "Pass-through agent could not get its key",
	"cause": "The pass-through authentication agent could not retrieve the key it needs to read the encrypted password, so it could not validate any password it received. Every user whose sign-in reaches that agent fails until it is fixed.",
	"nextSteps": [
		"An admin checks the agents' status in the Entra admin center > Entra ID > Entra Connect > Connect Sync > Pass-through authentication and reads the Admin event log of the failing agent.",
		"An admin re-registers or reinstalls the failing agent (its certificate may have expired or been removed), and keeps at least two healthy agents.",
		"Users retry after the fix; no change on the user's side helps.",
	],
	"severity": "medium",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[81001] := {
	"title": "Kerberos ticket too large for Seamless SSO",
	"cause": "Seamless single sign-on received the user's Kerberos ticket but it was too large to use, usually because the user belongs to very many groups. The user is then asked for a password instead of being signed in silently.",
	"nextSteps": [
		"The user signs in with the password when prompted; this works even though silent sign-in failed.",
		"An admin reduces the user's group memberships in Active Directory (nested and unused groups count too) so the Kerberos ticket shrinks.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# --- codes of Microsoft's troubleshooting articles ------------------

# reviewed: 2026-12-07 against tshoot-connect-pass-through-authentication (entra-docs 07d3251d)
# source: tshoot-connect-pass-through-authentication (https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-pass-through-authentication, MicrosoftDocs/entra-docs 07d3251d, sign-in failure reasons table)
entries[80004] := {
	"title": "Wrong username sent to the pass-through agent",
	"cause": "The pass-through authentication agent received a sign-in name that on-premises Active Directory does not accept as a user principal name, so it could not check the password. Usually the user typed another form of the name, or the cloud and on-premises names differ.",
	"nextSteps": [
		"The user signs in again with the full work username, the same one used for Microsoft 365.",
		"If the name is right, an admin compares the user's cloud and on-premises user principal names (Entra admin center > Entra ID > Users > [user] > Properties > On-premises) and the UPN suffix routing in Active Directory.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "user",
}

# reviewed: 2026-12-07 against tshoot-connect-sso (entra-docs 0affd933)
# source: tshoot-connect-sso (https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sso, MicrosoftDocs/entra-docs 0affd933, sign-in failure reasons table)
entries[81002] := {
	"title": "Seamless SSO could not validate the ticket",
	"cause": "Seamless single sign-on received the user's Kerberos ticket but could not validate it, so the user is asked for a password instead of being signed in silently. Microsoft's troubleshooting article sends admins to its checklist for this code.",
	"nextSteps": [
		"The user signs in with the password when prompted; nothing is blocked.",
		"An admin works through the Seamless SSO troubleshooting checklist: the feature is enabled in Entra ID > Entra Connect, the AZUREADSSOACC computer account exists in each forest, the sign-in URL is in the intranet zone, and the device's clock is within five minutes of the domain controllers.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against tshoot-connect-sso (entra-docs 0affd933)
# source: tshoot-connect-sso (https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sso, MicrosoftDocs/entra-docs 0affd933, sign-in failure reasons table)
entries[81003] := {
	"title": "Seamless SSO ticket not accepted",
	"cause": "Seamless single sign-on could not validate the user's Kerberos ticket (a second code Microsoft's troubleshooting article lists with the same failure reason), so silent sign-in fell back to a password prompt.",
	"nextSteps": [
		"The user signs in with the password when prompted.",
		"An admin follows the Seamless SSO troubleshooting checklist and, if the decryption key of the AZUREADSSOACC account was changed or is old, rolls it over with the Entra Connect PowerShell module.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against tshoot-connect-sso (entra-docs 0affd933)
# source: tshoot-connect-sso (https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sso, MicrosoftDocs/entra-docs 0affd933, sign-in failure reasons table)
entries[81008] := {
	"title": "Seamless SSO ticket could not be checked",
	"cause": "Seamless single sign-on could not validate the Kerberos ticket the device sent (one of the codes Microsoft's troubleshooting article maps to this failure reason), so the user had to sign in with a password.",
	"nextSteps": [
		"The user signs in with the password when prompted; on a domain-joined device inside the network, the user can run klist purge and try again.",
		"An admin follows the Seamless SSO troubleshooting checklist in Microsoft's article and reads the domain controllers' event 4769 for the AZUREADSSOACC account.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}

# reviewed: 2026-12-07 against tshoot-connect-sso (entra-docs 0affd933)
# source: tshoot-connect-sso (https://learn.microsoft.com/entra/identity/hybrid/connect/tshoot-connect-sso, MicrosoftDocs/entra-docs 0affd933, sign-in failure reasons table)
entries[81013] := {
	"title": "Seamless SSO user not found from the ticket",
	"cause": "The Kerberos ticket names an on-premises user for whom Entra ID found no matching synced user, so Seamless single sign-on could not sign the user in and asked for a password.",
	"nextSteps": [
		"The user signs in with the password when prompted.",
		"An admin checks that the user is synced by Entra Connect (in sync scope, no sync errors) in the Entra admin center > Entra ID > Entra Connect > Connect Sync.",
	],
	"severity": "low",
	"category": "federation",
	"actor": "admin",
}
