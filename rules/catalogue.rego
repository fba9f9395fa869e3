# METADATA
# title: AADSTS error code catalogue
# description: |
#   One finding per sign-in whose status.errorCode has an entry in the
#   catalogue: what the code means in plain words, who has to act and where.
#   The catalogue is data, not logic: data.signin.rules.catalogue.entries is
#   one object keyed by the integer code. Each entry is written as
#   entries[<code>] := {...} in the catalogue_*.rego file of its area, so the
#   catalogue can span several files of this package and a sign-in costs one
#   key lookup. To add a code, copy an entry, change the code and the texts;
#   the generic rule below turns it into a finding with ruleId "aadsts-<code>"
#   and a link to Microsoft's lookup page. An entry may carry extra "links"
#   ({title, url}); they are added after the lookup link. Two entries for the
#   same code with different texts are a conflict error, which the tests catch.
#
#   Rules that need more than the code (failure reason text, additional
#   details, client app...) belong in their own signin.rules.* package with
#   kind "contextual".
# custom:
#   covers: >-
#     Every code of Microsoft's "Entra authentication and authorization error
#     codes" reference (350) plus the four codes Microsoft names elsewhere
#     (90025, 500121, 70046 from the sign-in troubleshooting guide; 81014 from
#     the Sign-in Analysis workbook): 354 codes, checked against
#     pkg/engine/testdata/aadsts-codes.tsv by pkg/engine/catalogue_coverage_test.go;
#     plus the 17 codes of Microsoft's retired sign-in activity report error
#     codes page that the reference lacks (40014, 50181, 50201, 53032, 53033,
#     70037, 70044, 80003, 80011, 81001, 130500, 500172, 501291, 530003,
#     530021, 700051, 5000811), checked by catalogue_sign_in_page_test.rego; and 5 codes
#     of Microsoft troubleshooting articles (80004, 81002, 81003, 81008, 81013)
#     (pass-through and Seamless SSO tables); and 500341 (account deleted),
#     frequent in real logs, from the text Entra ID returns as quoted in
#     Microsoft's Viva Goals integration-errors article: 377.
#   files:
#     - catalogue_credentials.rego (credentials: passwords, certificates, app secrets)
#     - catalogue_password_change.rego (credentials: password changes, self-service reset, writeback)
#     - catalogue_sign_in.rego (user-state, mfa)
#     - catalogue_access.rego (conditional-access)
#     - catalogue_device.rego (device: registration, Primary Refresh Tokens, Windows Hello keys)
#     - catalogue_consent_tenant.rego (consent, tenant)
#     - catalogue_app_config.rego (app-config: app registrations, redirect URIs, resources)
#     - catalogue_claims.rego (app-config: signing keys, claims mapping)
#     - catalogue_federation.rego (federation: federated domains, guests' identity providers)
#     - catalogue_hybrid.rego (federation: pass-through authentication, Seamless SSO)
#     - catalogue_protocol_oauth.rego (protocol: OAuth 2.0 and OpenID Connect requests)
#     - catalogue_protocol_messages.rego (protocol: SAML, sign-out, malformed requests)
#     - catalogue_session.rego (token-session)
#     - catalogue_service.rego (service, throttling, other)
#   sources: >-
#     Every entry has a "# source:" line right above it, naming the Microsoft
#     pages it rests on by these short names:
#     reference-error-codes (AADSTS<code> <official name>) is "Microsoft
#     Entra authentication and authorization error codes",
#     https://learn.microsoft.com/entra/identity-platform/reference-error-codes;
#     sign-in-error-codes is the retired "Sign-in activity report error codes"
#     page (MicrosoftDocs/azure-docs
#     articles/active-directory/reports-monitoring/reference-sign-ins-error-codes.md,
#     commit 02a4dd5b, and its last revision of 2020); troubleshoot-sign-in-errors
#     is https://learn.microsoft.com/entra/identity/monitoring-health/howto-troubleshoot-sign-in-errors;
#     sign-in-analysis-workbook is Microsoft's Sign-in Analysis workbook
#     (Azure/Azure-Sentinel Workbooks/AzureActiveDirectorySignins.json).
#     Other pages are named by URL. pkg/engine/catalogue_source_test.go checks
#     that no entry lacks its line. Every entry was also checked against its
#     page by a reviewer (cause, next steps with actor and today's portal
#     path, severity, category, interrupt or failure) and has a line
#     "# reviewed: <YYYY-MM-DD> against <page> (<repository> <commit>)" right
#     above the source line; the same test fails for an entry without it.
#   fields: [title, cause, nextSteps, severity, category, actor]
#   style: >-
#     title under 60 characters and unique; cause in plain words (what
#     happened, not the code's name); each next step names who acts and where
#     (the user, an admin in the Entra admin center > ..., the app developer
#     and which request parameter); severity info for steps of a normal flow,
#     low for transient or one-user problems, medium for problems that block
#     a user or an app until someone acts, high for signs of attack, risk
#     blocks and broken app credentials or signing certificates (an app that
#     worked stops for everyone), critical for a tenant-wide block.
package signin.rules.catalogue

import data.signin.lib

# METADATA
# title: Catalogue finding
# description: |
#   The generic rule: one "catalogue" finding for the entry of the sign-in's
#   error code, if the catalogue has one.
# custom:
#   codes: every key of entries
#   matches: status.errorCode
findings contains finding if {
	code := lib.error_code
	entry := entries[code]
	finding := object.union(entry, {
		"ruleId": sprintf("aadsts-%d", [code]),
		"kind": "catalogue",
		"links": array.concat([lib.lookup_link(code)], object.get(entry, "links", [])),
	})
}
