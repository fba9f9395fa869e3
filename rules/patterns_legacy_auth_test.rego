package signin.patterns.legacy_auth_test

import data.signin.patterns.fixtures_test as fx
import data.signin.patterns.legacy_auth as legacy

address(accounts, succeeded) := fx.group({
	"key": {"ip": "192.0.2.30"},
	"window": "2h",
	"windowSeconds": 7200,
	"count": accounts,
	"users": fx.names("user", accounts),
	"clientApps": {"count": 2, "values": ["IMAP4", "POP3"]},
	"codes": {"50126": accounts},
	"successUsers": fx.names("ok", succeeded),
})

findings(groups) := fs if {
	fs := legacy.findings with input as fx.input_of("legacy-auth", groups, {})
}

test_accounts_under_at_over if {
	count(findings([address(4, 0)])) == 0
	count(findings([address(5, 0)])) == 1
	count(findings([address(6, 0)])) == 1
}

test_an_office_is_left_out if {
	count(findings([address(5, 5)])) == 0
}

test_the_finding if {
	some f in findings([address(5, 0)])
	fx.valid_finding(f)
	f.severity == "medium"
	contains(f.cause, "over legacy protocols (IMAP4 and POP3) for 5 accounts within 2 hours")
	some g in findings([address(5, 1)])
	g.severity == "high"
}

test_the_grouping_reads_the_legacy_client_list if {
	"IMAP4" in legacy.grouping.clientApps
	not "Browser" in legacy.grouping.clientApps
}
