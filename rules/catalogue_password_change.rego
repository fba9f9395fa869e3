# Catalogue entries for password changes and self-service password reset, including
# password writeback to Active Directory. Moved out of catalogue_credentials.rego when
# that file outgrew Regal's file-length limit.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- password change and self-service reset -----------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120000 PasswordChangeIncorrectCurrentPassword)
entries[120000] := {
	"title": "Password change: current password wrong",
	"cause": "The user tried to change the password but typed the current (old) password wrong, so nothing was changed.",
	"nextSteps": [
		"The user tries again with the current password; a user who no longer knows it resets it at https://aka.ms/sspr instead.",
		"If the attempts come from an unknown device or place, a security admin reviews them as a possible takeover attempt in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120002 PasswordChangeInvalidNewPasswordWeak)
entries[120002] := {
	"title": "Password change: new password too weak",
	"cause": "The new password the user chose is too short or too simple for the password rules, so the change was refused.",
	"nextSteps": ["The user picks a longer password (a passphrase of several words works well) that follows the organization's password rules, and tries again."],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120003 PasswordChangeInvalidNewPasswordContainsMemberName)
entries[120003] := {
	"title": "Password change: password contains the name",
	"cause": "The new password contains the user's name or account name, which the password rules forbid, so the change was refused.",
	"nextSteps": ["The user picks a password that does not include any part of their name or username, and tries again."],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120004 PasswordChangeOnPremComplexity)
entries[120004] := {
	"title": "Password change: on-premises rules not met",
	"cause": "The new password is written back to Active Directory, and Active Directory refused it: too short, not complex enough, used before (history), or changed again too soon (minimum password age).",
	"nextSteps": [
		"The user picks a new password that has not been used before and meets the company's complexity rules; after a recent change, the user waits for the minimum password age (often one day).",
		"An admin checks the domain password policy or fine-grained password policy that applies to the user in Active Directory.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120005 PasswordChangeOnPremSuccessCloudFail)
entries[120005] := {
	"title": "Password changed on-premises, cloud update failed",
	"cause": "Password writeback changed the password in Active Directory, but updating the cloud copy failed. The new password usually starts working in the cloud with the next password hash sync; until then the user may see both passwords behave differently.",
	"nextSteps": [
		"The user waits a few minutes and signs in with the new password; the old one should not be used again.",
		"If the new password still fails after about 30 minutes, an admin checks password hash sync and writeback in the Entra admin center > Entra ID > Entra Connect > Connect Sync, and the Application event log of the Entra Connect server.",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120008 PasswordChangeAsyncJobStateTerminated)
entries[120008] := {
	"title": "Password change job failed for good",
	"cause": "The background job that writes the new password back to Active Directory ended with an error that a retry will not fix, so the password was not changed.",
	"nextSteps": [
		"The user tries the change once more later; if it fails again, the user asks the help desk for a reset.",
		"An admin reads the password writeback events (source PasswordResetService) in the Application event log of the Entra Connect server and checks writeback in the Entra admin center > Entra ID > Password reset > On-premises integration.",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120011 PasswordChangeAsyncUpnInferenceFailed)
entries[120011] := {
	"title": "Password change: user name not resolved",
	"cause": "The password change service could not work out which on-premises user the request is for, so it could not write the password back.",
	"nextSteps": [
		"An admin checks that the user is synced by Entra Connect and that the user principal name in Entra ID matches the on-premises account (Entra ID > Users > [user] > Properties > On-premises).",
		"Meanwhile an admin or the on-premises help desk resets the password in Active Directory.",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120012 PasswordChangeNeedsToHappenOnPrem)
entries[120012] := {
	"title": "Password must be changed on-premises",
	"cause": "The account's password is managed in on-premises Active Directory and the cloud is not allowed to change it (password writeback is off for this case), so the change has to be made on-premises.",
	"nextSteps": [
		"The user changes the password on a domain-joined computer (Ctrl+Alt+Del > Change a password) or through the company's usual on-premises tool, then waits for the next sync.",
		"An admin who wants cloud password changes to work turns on password writeback in Entra Connect and in the Entra admin center > Entra ID > Password reset > On-premises integration.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120013 PasswordChangeOnPremisesConnectivityFailure)
entries[120013] := {
	"title": "Password change: on-premises unreachable",
	"cause": "The password change had to be written back to Active Directory, but the cloud service could not reach the on-premises side (the Entra Connect server or its writeback connection was down).",
	"nextSteps": [
		"The user tries again later, or changes the password on a domain-joined computer.",
		"An admin checks that the Entra Connect server is running and that writeback shows as healthy in the Entra admin center > Entra ID > Password reset > On-premises integration, then reads the server's Application event log.",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120014 PasswordChangeOnPremUserAccountLockedOutOrDisabled)
entries[120014] := {
	"title": "Password change: on-premises account locked",
	"cause": "The password could not be written back because the user's Active Directory account is locked out or disabled.",
	"nextSteps": [
		"An admin unlocks or enables the account in Active Directory (Active Directory Users and Computers > [user] > Account), if it should be usable.",
		"If the account is locked by repeated bad passwords, an admin finds the device or service that keeps sending the old password before unlocking it.",
	],
	"severity": "medium",
	"category": "user-state",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120015 PasswordChangeADAdminActionRequired)
entries[120015] := {
	"title": "Password change needs an AD admin",
	"cause": "Active Directory refused the password writeback because the Entra Connect service account lacks the right to change this user's password, which is common for members of protected admin groups.",
	"nextSteps": [
		"An admin grants the Entra Connect AD DS connector account the 'Reset password' and 'Change password' permissions on the user's organizational unit.",
		"For members of protected groups (AdminSDHolder), an admin changes the password on-premises instead; self-service writeback is not meant for them.",
	],
	"severity": "medium",
	"category": "credentials",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120016 PasswordChangeUserNotFoundBySspr)
entries[120016] := {
	"title": "Self-service reset could not find the user",
	"cause": "Self-service password reset did not find the account the user gave: a typo, a renamed account, or an account that is not synced or not in scope for password reset.",
	"nextSteps": [
		"The user checks the username (the full work address) and tries again.",
		"An admin confirms that the account exists in the Entra admin center > Entra ID > Users and is in scope of Entra ID > Password reset > Properties.",
	],
	"severity": "low",
	"category": "user-state",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120018 PasswordChangePasswordDoesnotComplyFuzzyPolicy)
entries[120018] := {
	"title": "Password change: banned password",
	"cause": "The new password is too close to a banned password (a common password, or a term on the organization's custom banned list), so Entra Password Protection refused it.",
	"nextSteps": [
		"The user picks a password that does not contain common words, the company name or simple patterns, and tries again.",
		"An admin reviews the custom banned password list in the Entra admin center > Entra ID > Authentication methods > Password protection.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS120020 PasswordChangeFailure)
entries[120020] := {
	"title": "Password change failed",
	"cause": "The password change did not go through, and the log gives no more precise reason.",
	"nextSteps": [
		"The user tries the change again, making sure the new password meets the rules.",
		"If it keeps failing, an admin reads the password change events of the user in the Entra admin center > Entra ID > Monitoring & health > Audit logs (category: self-service password management), or resets the password.",
	],
	"severity": "low",
	"category": "credentials",
	"actor": "user",
}
