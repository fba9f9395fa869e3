# Every code of Microsoft's retired "Sign-in activity report error codes" page must have a
# catalogue entry (16 of them had none, and their rows fell back to "unmapped").
# The list is the union of the page's revisions: MicrosoftDocs/azure-docs
# articles/active-directory/reports-monitoring/reference-sign-ins-error-codes.md (2018 and
# 2019 revisions, e.g. commit 02a4dd5b) and its last revision (2020), kept in Microsoft's
# localized docs repositories, which added 50194, 53032, 53033, 130500, 500014, 500172, 501291,
# 530003 and 700051 (53033 was still missing after a first pass; the English 2020
# revision is read in the Don-Fuego2/azure-docs fork @ 4e508ab5).
package signin.catalogue_sign_in_page_test

import data.signin.rules.catalogue

sign_in_page_codes := {
	16000, 20001, 20012, 20033, 40008, 40009, 40014,
	50000, 50001, 50002, 50003, 50005, 50006, 50007, 50008, 50010, 50011, 50012, 50013, 50017,
	50020, 50027, 50029, 50034, 50042, 50048, 50050, 50053, 50055, 50056, 50057, 50058, 50059,
	50061, 50072, 50074, 50076, 50078, 50079, 50085, 50089, 50097, 50099, 50105, 50107, 50120,
	50124, 50125, 50126, 50127, 50128, 50129, 50130, 50131, 50132, 50133, 50135, 50136, 50140,
	50143, 50144, 50146, 50148, 50155, 50158, 50161, 50166, 50169, 50172, 50173, 50177, 50178,
	50180, 50181, 50194, 50201, 51001, 51004, 51006, 52004, 53000, 53001, 53002, 53003, 53004,
	53032, 53033, 65001, 65004, 65005, 70000, 70001, 70002, 70003, 70004, 70005, 70007, 70008, 70011,
	70012, 70018, 70019, 70037, 70043, 70044, 75001, 75003, 75005, 75008, 75011, 75016, 80001,
	80002, 80003, 80005, 80007, 80010, 80011, 80012, 80013, 80014, 81001, 81005, 81007, 81012,
	90010, 90014, 90051, 90072, 90094, 90095, 130500, 500011, 500014, 500021, 500121, 500133,
	500172, 501291, 530003, 530021, 530032, 700016, 700051, 900432, 5000811, 7000215, 7000218,
}

test_every_sign_in_page_code_has_an_entry if {
	missing := {code | some code in sign_in_page_codes; not catalogue.entries[code]}
	count(missing) == 0
}

# The codes the issue names, spelled out so a removal shows by name.
test_codes_named_by_the_issue_have_entries if {
	every code in [70044, 530003, 50201, 530021, 81001, 40014, 50181, 70037, 80003, 80011] {
		catalogue.entries[code]
	}
}

# 70044 is the twin of 70043 (Conditional Access session management expiring the session).
test_70044_matches_70043 if {
	catalogue.entries[70044].severity == catalogue.entries[70043].severity
	catalogue.entries[70044].category == catalogue.entries[70043].category
}

# Codes of Microsoft's troubleshooting articles' "sign-in failure reasons" tables
# (pass-through authentication and Seamless SSO, MicrosoftDocs/entra-docs) and 51005, which
# Microsoft's docs team called an internal detail (MicrosoftDocs/azure-docs issue 9337).
test_troubleshooting_article_codes_have_entries if {
	every code in [50144, 80001, 80002, 80003, 80004, 80005, 80007, 80010, 80011, 80014, 81001, 81002, 81003, 81004, 81008, 81009, 81010, 81011, 81012, 81013, 51005] {
		catalogue.entries[code]
	}
	catalogue.entries[51005].severity == "info"
}
