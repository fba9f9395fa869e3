package signin.patterns.password_spray_test

import data.signin.patterns.fixtures_test as fx
import data.signin.patterns.password_spray as spray

# address is an address's group with n failing accounts and `succeeded` successful ones.
address(n, succeeded) := fx.group({
	"key": {"ip": "192.0.2.77"},
	"count": n,
	"users": fx.names("user", n),
	"successUsers": fx.names("ok", succeeded),
	"clientApps": {"count": 2, "values": ["IMAP4", "Browser"]},
})

findings(groups) := fs if {
	fs := spray.findings with input as fx.input_of("password-spray", groups, {})
}

test_under_at_over_min_users if {
	count(findings([address(4, 0)])) == 0
	count(findings([address(5, 0)])) == 1
	count(findings([address(6, 0)])) == 1
}

test_the_finding if {
	some f in findings([address(5, 0)])
	fx.valid_finding(f)
	f.patternId == "password-spray"
	f.severity == "high"
	f.title == "Password spray from 192.0.2.77"
	contains(f.cause, "5 different accounts")
	some step in f.nextSteps
	contains(step, "legacy authentication")
}

test_an_office_with_more_successes_is_left_out if {
	count(findings([address(5, 5)])) == 0
	count(findings([address(5, 4)])) == 1
}

test_a_success_from_the_address_is_critical if {
	some f in findings([address(300, 1)])
	f.severity == "critical"
	contains(f.cause, "ok1")
}

test_overrides if {
	count(spray.findings) == 0 with input as fx.input_of("password-spray", [address(6, 0)], {"password-spray": {"minUsers": 10}})
	count(spray.findings) == 1 with input as fx.input_of("password-spray", [address(5, 5)], {"password-spray": {"moreFailedThanSucceeded": false}})
	count(spray.findings) == 0 with input as fx.input_of("password-spray", [address(6, 0)], {"password-spray": {"enabled": false}})
}

network(asn, addresses) := fx.group({
	"key": {"asn": asn},
	"count": 6,
	"users": fx.names("user", 6),
	"ips": fx.names("192.0.2.", addresses),
})

test_a_hosting_network_over_several_addresses if {
	some f in findings([network("14061", 2)])
	f.title == "Password spray from hosting network AS14061"
	fx.valid_finding(f)
}

test_one_address_or_a_home_network_is_not_a_network_spray if {
	count(findings([network("14061", 1)])) == 0
	count(findings([network("7922", 2)])) == 0
	count(spray.findings) == 1 with input as fx.input_of("password-spray", [network("7922", 2)], {"password-spray": {"asnHostingOnly": false}})
}

test_grouping_follows_the_thresholds if {
	spray.grouping.window == "20m"
	spray.grouping.prune.users == 5
	g := spray.grouping with input as {"thresholds": {"password-spray": {"window": "30m", "minUsers": 15}}}
	g.window == "30m"
	g.prune.users == 15
	not spray.grouping with input as {"thresholds": {"password-spray": {"enabled": false}}}
}
