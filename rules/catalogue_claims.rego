# Catalogue entries for how Entra ID builds the token for an app: signing and encryption
# certificates, claims mapping and transformations (SAML attributes & claims), pairwise
# identifiers. These errors break single sign-on to one app, usually for every user.
# One entry per code; see catalogue.rego for the fields and how they become a finding.
package signin.rules.catalogue

# Each entry: entries[<code>] := {title, cause, nextSteps, severity, category, actor}
# plus optional links. Copy one, change the code and the texts.

# --- signing and encryption keys -----------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50003 MissingSigningKey); sign-in-error-codes
entries[50003] := {
	"title": "App has no signing certificate",
	"cause": "Entra ID has no signing key or certificate to sign this app's SAML token with: none was created, or the active one expired, so single sign-on to the app fails for every user.",
	"nextSteps": ["An admin creates or activates a SAML signing certificate in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > SAML Certificates, then gives its public part (or the federation metadata URL) to the app."],
	"severity": "high",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50146 MissingCustomSigningKey); sign-in-error-codes
entries[50146] := {
	"title": "App-specific signing key required",
	"cause": "The app gets custom (mapped) claims in its tokens, which requires either a signing key of its own or the app to declare that it accepts mapped claims. It has neither, or its key expired or is not valid yet.",
	"nextSteps": [
		"The app developer sets acceptMappedClaims to true in the Entra admin center > Entra ID > App registrations > [app] > Manifest (only for an audience that is the app's GUID or on a verified domain).",
		"Otherwise the developer configures a custom signing key for the app and renews it before it expires.",
	],
	"severity": "high",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS501461)
entries[501461] := {
	"title": "AcceptMappedClaims needs a verified audience",
	"cause": "The app accepts mapped claims (acceptMappedClaims), which Entra ID only allows when the token audience is the app's GUID or a URI on one of the tenant's verified domains, or when the app has its own signing key.",
	"nextSteps": ["The app developer changes the Application ID URI to api://<client ID> or a URI on a verified domain (App registrations > [app] > Expose an API), or configures an app-specific signing key instead."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50007 PartnerEncryptionCertificateMissing); sign-in-error-codes
entries[50007] := {
	"title": "App's encryption certificate missing",
	"cause": "Token encryption is configured for the app, but the encryption certificate it refers to cannot be found, so Entra ID cannot encrypt the token.",
	"nextSteps": [
		"An admin checks the active certificate in the Entra admin center > Entra ID > Enterprise apps > [app] > Token encryption, uploads a valid one, or turns token encryption off if the app does not use it.",
		"If the configuration looks right, an admin opens a support request with the correlation ID.",
	],
	"severity": "high",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50165)
entries[50165] := {
	"title": "Token encryption algorithm not supported",
	"cause": "The app asked for its token to be encrypted with an algorithm that is not supported for this kind of token.",
	"nextSteps": ["The app developer configures a supported encryption algorithm for the app's tokens (for SAML, the defaults set in Enterprise apps > [app] > Token encryption) and removes the unsupported one from the request or manifest."],
	"severity": "medium",
	"category": "app-config",
	"actor": "developer",
}

# --- pairwise identifiers -------------------------------------------------------
# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50042 UnableToGeneratePairwiseIdentifierWithMissingSalt); sign-in-error-codes
entries[50042] := {
	"title": "Pairwise identifier salt missing",
	"cause": "Entra ID needed a salt value to compute a pairwise (per-app) user identifier for this token, and none was found. This is a problem in the service's configuration for the app, not in the request.",
	"nextSteps": ["An admin opens a support request with the app ID, the sign-in's correlation ID and time."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS50043 UnableToGeneratePairwiseIdentifierWithMultipleSalts)
entries[50043] := {
	"title": "Several salts for pairwise identifier",
	"cause": "Entra ID found more than one salt value for computing the pairwise user identifier of this app, so it could not decide which to use.",
	"nextSteps": ["An admin opens a support request with the app ID, the sign-in's correlation ID and time."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# --- claims mapping and transformations ---------------------------------------
# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50100)
entries[50100] := {
	"title": "Claims transformation error",
	"cause": "An error occurred while applying the app's claims mapping (the attributes and claims configured for its tokens), so no token could be built.",
	"nextSteps": ["An admin reviews the app's claims in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Attributes & Claims (or its claims mapping policy) and removes or fixes the last transformation that was changed."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50101)
entries[50101] := {
	"title": "Unknown claims transformer",
	"cause": "The claims configuration of the app (or of the user principal) names a claims transformer that Entra ID does not know.",
	"nextSteps": ["An admin recreates the claim with a transformation chosen from the list in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Attributes & Claims, or fixes the transformation name in the claims mapping policy."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50102)
entries[50102] := {
	"title": "Custom claims transformer failed to load",
	"cause": "A custom claims transformer configured for the app could not be loaded, so the token could not be built.",
	"nextSteps": ["An admin reviews the app's claims mapping policy and custom claims provider configuration and removes the transformer that does not load, then tests sign-in with the Test button in Enterprise apps > [app] > Single sign-on."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50103)
entries[50103] := {
	"title": "Claims transformation failed at run time",
	"cause": "A claims transformation configured for the app failed while running for this user (for example on an unexpected attribute value).",
	"nextSteps": [
		"An admin reads the failure reason of the sign-in, which carries the transformation's message, and checks the user's attributes used by the claim.",
		"An admin fixes the transformation in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Attributes & Claims.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50108)
entries[50108] := {
	"title": "Claims configuration not retrieved",
	"cause": "Entra ID could not read the claims transformation configuration of the app while building the token. It may be transient or a broken configuration.",
	"nextSteps": [
		"The user signs in again.",
		"If it persists, an admin opens the app's Attributes & Claims in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on, saves it again, and opens a support request if that does not help.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50109)
entries[50109] := {
	"title": "Unknown claims transformation in configuration",
	"cause": "The app's claims configuration contains a transformation that Entra ID does not recognise.",
	"nextSteps": ["An admin removes the unknown transformation from the app's claims mapping policy or Attributes & Claims and recreates the claim with a supported transformation."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50111)
entries[50111] := {
	"title": "Unknown claims transformation requested",
	"cause": "Building the token required a claims transformation that Entra ID does not know.",
	"nextSteps": ["An admin checks the transformations used by the app's claims (Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Attributes & Claims) and replaces the unknown one."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50123)
entries[50123] := {
	"title": "Unknown transformation method",
	"cause": "A claims transformation configured for the app uses a transformation method that does not exist.",
	"nextSteps": ["An admin corrects the method name in the app's claims mapping policy, or recreates the claim from the list of transformations in Attributes & Claims."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548) and sign-in-error-codes
# source: reference-error-codes (AADSTS50124 ClaimsTransformationInvalidInputParameter); sign-in-error-codes
entries[50124] := {
	"title": "Invalid claims transformation input",
	"cause": "A claims transformation of the app has an invalid input parameter, for example a regular expression that does not compile or an input claim that does not exist.",
	"nextSteps": ["An admin fixes the transformation's parameters (test a regular expression before saving) in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Attributes & Claims."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS501241)
entries[501241] := {
	"title": "Required claim input missing",
	"cause": "An input that the app's SAML response cannot do without is empty for this user, most often the attribute chosen as the NameID source (for example employeeid or onPremisesSamAccountName is blank).",
	"nextSteps": [
		"An admin fills in the attribute on the user (Entra ID > Users > [user] > Properties, or on-premises for a synced user), then the user signs in again.",
		"If the attribute is often empty, an admin picks another NameID source or adds a fallback in Enterprise apps > [app] > Single sign-on > Attributes & Claims.",
	],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50162)
entries[50162] := {
	"title": "Claims transformation timed out",
	"cause": "Building the app's claims took too long: there are too many transformations, or they are too complex.",
	"nextSteps": ["An admin simplifies the app's claims (fewer transformations, simpler expressions) in the Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on > Attributes & Claims."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against reference-error-codes (entra-docs 04f65548)
# source: reference-error-codes (AADSTS501621 ClaimsTransformationTimeoutRegularExpressionTimeout)
entries[501621] := {
	"title": "Regex claims transformation timed out",
	"cause": "A regular expression used in one of the app's claims transformations took too long to run, usually because it backtracks heavily.",
	"nextSteps": ["An admin rewrites the regular expression more simply (anchored, without nested wildcards) in the app's Attributes & Claims and tests it with sample values."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS50163)
entries[50163] := {
	"title": "Regex replacement made a claim too long",
	"cause": "A regular-expression replacement in the app's claims produced a value longer than a claim may be.",
	"nextSteps": ["An admin changes the replacement pattern so the output stays short, in the app's Attributes & Claims (Entra admin center > Entra ID > Enterprise apps > [app] > Single sign-on)."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS501631)
entries[501631] := {
	"title": "Regex replacement matched too often",
	"cause": "A regular-expression replacement in the app's claims made more replacements than allowed.",
	"nextSteps": ["An admin narrows the regular expression so it matches once (anchor it), in the app's Attributes & Claims."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# reviewed: 2026-12-07 against the code table (pkg/engine/testdata/aadsts-codes.tsv, from an earlier reference-error-codes; the code is no longer on it at entra-docs 04f65548)
# source: reference-error-codes (AADSTS501632)
entries[501632] := {
	"title": "Regex replacement has too many parameters",
	"cause": "A regular-expression replacement in the app's claims uses more substitution parameters (capture groups) than allowed.",
	"nextSteps": ["An admin reduces the number of capture groups used in the replacement pattern, in the app's Attributes & Claims."],
	"severity": "medium",
	"category": "app-config",
	"actor": "admin",
}

# --- codes of Microsoft's sign-in activity error page ------------

# reviewed: 2026-12-07 against sign-in-error-codes (2020 revision, Don-Fuego2/azure-docs 4e508ab5)
# source: sign-in-error-codes
entries[5000811] := {
	"title": "SAML token signed with an unknown key",
	"cause": "Entra ID could not verify the signature of a SAML token it received: the key that signed it does not match any key registered for the sender, usually after the sender's signing certificate was renewed and the new one was not registered here.",
	"nextSteps": [
		"An admin updates the registered signing certificate: for a federated domain in the Entra admin center > Entra ID > Entra Connect (or with the federation configuration cmdlets), for a SAML identity provider of guests in Entra ID > External Identities > All identity providers.",
		"The app developer or the identity provider's operator confirms which certificate currently signs its tokens.",
	],
	"severity": "high",
	"category": "app-config",
	"actor": "admin",
}
