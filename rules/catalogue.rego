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
#     The four codes of Microsoft's sign-in troubleshooting guide (50058, 90025,
#     500121, 50126), the 20 interrupt codes of Microsoft's Sign-in Analysis
#     workbook, and the codes a tenant's sign-in log commonly shows: bad
#     credentials and lockouts, disabled accounts, MFA, Conditional Access,
#     device, app registration, consent, session and tenant errors.
#   files:
#     - catalogue_sign_in.rego (credentials, user-state, mfa)
#     - catalogue_access.rego (conditional-access, device, app-config, consent, federation)
#     - catalogue_session.rego (token-session, tenant, service)
#   fields: [title, cause, nextSteps, severity, category, actor]
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
