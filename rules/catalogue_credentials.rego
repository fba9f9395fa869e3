# Catalogue entries for credentials: user passwords, certificates used to sign in, and
# the secrets and certificates apps authenticate with (password changes and
# self-service reset are in catalogue_password_change.rego).
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- user passwords ------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50126 InvalidUserNameOrPassword); sign-in-error-codes
entries[50126] := {
	"title": "Wrong username or password",
	"cause": "The password typed does not match the account; for a federated or pass-through domain, the on-premises directory rejected it. One failure is usually a typo; many failures across accounts from one IP address look like password spraying.",
	"nextSteps": [
		"The user signs in again with the correct password, or resets it at https://aka.ms/sspr if self-service password reset is enabled.",
		"If the user is sure the password is right, an admin checks for a recent password change or an expired on-premises password, and the health of password hash sync or the pass-through agents in the Entra admin center > Entra ID > Entra Connect.",
		"If many accounts fail from the same IP address, a security admin treats it as password spraying: review ID Protection > Risky sign-ins, add the address to a named location in Entra ID > Conditional Access > Named locations and block that location with a Conditional Access policy (a named location alone blocks nothing).",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
	"links": [{
		"title": "Microsoft: How to troubleshoot sign-in errors",
		"url": "https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors",
	}],
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50064 CredentialAuthenticationError)
entries[50064] := {
	"title": "Username or password not validated",
	"cause": "Entra ID could not validate the username and password pair it was given. It is logged like a wrong password and has the same usual causes: a typo, an old saved password, or someone guessing.",
	"nextSteps": [
		"The user signs in again with the current password and updates it in mail clients and phones that store it.",
		"If it repeats for many accounts from one IP address, a security admin reviews the sign-ins as a possible password spray in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50056); sign-in-error-codes
entries[50056] := {
	"title": "Empty password, or no password stored",
	"cause": "The request carried an empty password, or the account has no password in Entra ID to compare with: a synced account whose password hash never reached the cloud, or an account created for passwordless sign-in only.",
	"nextSteps": [
		"The user signs in again and types the password; a script or client that sends an empty password must be fixed by whoever runs it.",
		"For a synced account, an admin checks that password hash sync covers the user in the Entra admin center > Entra ID > Entra Connect > Connect Sync, or resets the password in Entra ID > Users > [user] > Reset password.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50055 InvalidPasswordExpiredPassword); sign-in-error-codes
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50144 InvalidPasswordExpiredOnPremPassword); sign-in-error-codes
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50125 PasswordResetRegistrationRequiredInterrupt); sign-in-error-codes
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

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50135 PasswordChangeCompromisedPassword); sign-in-error-codes
entries[50135] := {
	"title": "Password change forced by user risk",
	"cause": "ID Protection rates the account as risky (for example its password was found in a leak, or an attacker may have used it), and a user risk policy requires a secure password change before the sign-in can go on.",
	"nextSteps": [
		"The user completes MFA and sets a new password when prompted; the risk is then remediated automatically.",
		"If the user has no MFA method to prove who they are, an admin resets the password in the Entra admin center > Entra ID > Users > [user] > Reset password and confirms the outcome in ID Protection > Risky users.",
		"A security admin reads the risk detections of the user in ID Protection > Risky users to decide whether the account was really compromised.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50137)
entries[50137] := {
	"title": "Password change required by a security rule",
	"cause": "A security rule of the tenant requires this user to change the password before signing in, for example a 'change password at next sign-in' flag set by an admin or a policy reacting to a weak or exposed password.",
	"nextSteps": [
		"The user changes the password when prompted and signs in again.",
		"If the client cannot show the prompt (a background app or a legacy mail client), the user signs in once in a browser at https://myaccount.microsoft.com, or an admin resets the password in the Entra admin center > Entra ID > Users > [user] > Reset password.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# --- user keys and certificates -------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS17003 CredentialKeyProvisioningFailed)
entries[17003] := {
	"title": "Credential key provisioning failed",
	"cause": "Entra ID could not create or store a credential key for the user, such as the key Windows Hello for Business sets up on a device. It is a failure on the service side, not a user mistake.",
	"nextSteps": [
		"The user retries the setup later (for Windows Hello for Business, sign out and sign in again to restart provisioning).",
		"If it keeps failing, an admin checks Microsoft 365 service health and opens a support request with the sign-in's correlation ID and time.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "none",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50141)
entries[50141] := {
	"title": "Protected key of another user",
	"cause": "The device presented a protected credential key (for example a Windows Hello key) that belongs to a different user than the one signing in, which happens on shared devices or after an account switch.",
	"nextSteps": [
		"The user signs out of Windows or the app and signs in again with their own account; on a shared device each person uses their own Windows profile.",
		"If it repeats for one device, desktop support removes and sets up Windows Hello again for the user on that device.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50192 RawCredentialExpectedNotFound)
entries[50192] := {
	"title": "No certificate or credential presented",
	"cause": "The sign-in expected a credential in the request itself (for certificate-based authentication, the client certificate) and got none: the user cancelled the certificate picker, no smart card was inserted, or a proxy that inspects TLS removed the certificate.",
	"nextSteps": [
		"The user inserts the smart card or picks the certificate when the browser asks, and signs in again.",
		"An admin excludes the certificate endpoint (certauth.login.microsoftonline.com and the other certauth host names) from TLS inspection on the proxy or firewall.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50017 CertificateValidationFailed); sign-in-error-codes
entries[50017] := {
	"title": "Certificate validation failed",
	"cause": "The certificate presented for certificate-based authentication could not be validated: its issuing certificate authority is not trusted by the tenant, the chain is incomplete, or its revocation list could not be checked.",
	"nextSteps": [
		"An admin checks that the root and intermediate certificate authorities of the user's certificate are uploaded to the tenant's certificate authority list used by certificate-based authentication, with a reachable CRL URL.",
		"The user uses a certificate issued by the organization's trusted authority, and renews it if it expired.",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS220501 InvalidCrlDownload)
entries[220501] := {
	"title": "Certificate revocation list not usable",
	"cause": "For certificate-based authentication Entra ID downloaded the certificate revocation list (CRL) of the issuing authority, and the file was invalid: unreachable, expired, too large or malformed. Without it, the certificate is refused.",
	"nextSteps": [
		"An admin checks that the CRL distribution point configured for the certificate authority is reachable from the internet over HTTP and serves a current CRL.",
		"An admin publishes a fresh CRL on the issuing authority and confirms its URL in the tenant's certificate authority settings.",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "admin",
}

# --- app secrets, certificates and client assertions ----------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS7000215); sign-in-error-codes
entries[7000215] := {
	"title": "Invalid client secret",
	"cause": "The app presented a client secret that matches none on its registration: the secret ID copied instead of the value, a secret of another app, or a secret already removed.",
	"nextSteps": [
		"The app developer compares the configured secret with the Entra admin center > Entra ID > App registrations > [app] > Certificates & secrets; the app needs the secret value (shown once, at creation), not the secret ID.",
		"If the value is lost, the developer adds a new secret, updates the app's configuration or key vault, and deletes the unused one.",
		"An admin considers moving the app to a certificate or a managed identity, which have no secret to mistype.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS7000222 InvalidClientSecretExpiredKeysProvided)
entries[7000222] := {
	"title": "Client secret expired",
	"cause": "The app's client secret has passed its end date, so the app gets no tokens: every request of this app fails until the secret is replaced.",
	"nextSteps": [
		"The app developer adds a new secret in the Entra admin center > Entra ID > App registrations > [app] > Certificates & secrets, deploys it to the app or its key vault, and removes the expired one.",
		"An admin tracks app credential end dates (Entra ID recommendations flag expiring ones) and prefers certificates or managed identities.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS70002 InvalidClient); sign-in-error-codes
entries[70002] := {
	"title": "App credential rejected",
	"cause": "The client credential the app sent (the client_secret, or a certificate assertion) does not match what its app registration holds, so the app was not authenticated and gets no token.",
	"nextSteps": [
		"The app developer checks that the request's client_id and client_secret (or client_assertion) belong to the same app registration, in the Entra admin center > Entra ID > App registrations > [app] > Certificates & secrets.",
		"If the credential was rotated, the developer deploys the new value everywhere the app runs; a public client (desktop or mobile app) sends no secret at all.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS7000218); sign-in-error-codes
entries[7000218] := {
	"title": "App sent no client credential",
	"cause": "The token request had neither a client_secret nor a client_assertion, but the app registration is treated as a confidential client that must prove its identity. Typical for desktop scripts using the device code or username/password flow against an app not set up as a public client.",
	"nextSteps": [
		"For a server-side app, the app developer adds the client_secret or a signed client_assertion to the token request (POST body).",
		"For a desktop, mobile or script client that cannot keep a secret, an admin sets 'Allow public client flows' to Yes in the Entra admin center > Entra ID > App registrations > [app] > Authentication.",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50012 AuthenticationFailed); sign-in-error-codes
entries[50012] := {
	"title": "App certificate or assertion rejected",
	"cause": "The certificate or signed client assertion the app used could not be accepted: the certificate is not the one uploaded to the app, its chain or subject is wrong, its thumbprint does not match, or the signature does not verify.",
	"nextSteps": [
		"The app developer checks that the certificate whose private key signs the client_assertion is uploaded in the Entra admin center > Entra ID > App registrations > [app] > Certificates & secrets and has not expired.",
		"The developer checks the assertion itself: header x5t (or x5t#S256) is that certificate's thumbprint, aud is the token endpoint URL, iss and sub are the app's client ID, and exp is in the future.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700027)
entries[700027] := {
	"title": "Client assertion signature invalid",
	"cause": "The client_assertion JWT the app sent is not signed by the private key of any certificate registered for the app, so the signature check failed. Usually the certificate was renewed on one side only.",
	"nextSteps": [
		"The app developer uploads the public part of the signing certificate in the Entra admin center > Entra ID > App registrations > [app] > Certificates & secrets, or points the app at the certificate that is registered.",
		"The developer checks that the assertion header's x5t or kid names that certificate and that the JWT is signed with RS256 or PS256 by its private key.",
	],
	"severity": "high",
	"category": "credentials",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700030)
entries[700030] := {
	"title": "Certificate subject not authorized",
	"cause": "The app authenticated with a certificate identified by subject name and issuer, and that subject is not one the app registration trusts, so the certificate was refused.",
	"nextSteps": [
		"The app developer adds the certificate's subject to trustedCertificateSubjects in the app manifest (Entra admin center > Entra ID > App registrations > [app] > Manifest), where subject-name authentication is supported.",
		"Otherwise the developer uploads the certificate itself in [app] > Certificates & secrets and stops sending the x5c chain.",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50032 WeakRsaKey)
entries[50032] := {
	"title": "Weak RSA key refused",
	"cause": "The app signed its request with an RSA key shorter than Entra ID accepts (under 2048 bits), so the credential was refused.",
	"nextSteps": ["The app developer creates a new certificate with an RSA key of at least 2048 bits, uploads it in the Entra admin center > Entra ID > App registrations > [app] > Certificates & secrets, switches the app to it and removes the weak one."],
	"severity": "medium",
	"category": "credentials",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50048 SubjectMismatchesIssuer); sign-in-error-codes
entries[50048] := {
	"title": "Assertion subject differs from issuer",
	"cause": "In the client_assertion JWT the app sent, the sub claim and the iss claim differ. For an app authenticating as itself both must be its client ID.",
	"nextSteps": ["The app developer sets both iss and sub of the client_assertion to the app's application (client) ID, and aud to the token endpoint URL of the tenant."],
	"severity": "medium",
	"category": "credentials",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS700229 ForbiddenTokenType)
entries[700229] := {
	"title": "Federated credential needs an app-only token",
	"cause": "The app used a token as a federated identity credential (client_assertion) that was issued for a user (delegated). Only app-only tokens, such as a managed identity's token, may be exchanged this way.",
	"nextSteps": ["The app developer obtains the assertion token with the client credentials flow or a managed identity (no user), requesting the api://AzureADTokenExchange audience, and sends that as client_assertion."],
	"severity": "medium",
	"category": "credentials",
	"actor": "developer",
}
