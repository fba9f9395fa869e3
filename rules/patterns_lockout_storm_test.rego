package signin.patterns.lockout_storm_test

import data.signin.patterns.fixtures_test as fx
import data.signin.patterns.lockout_storm as storm

bucket(accounts, events) := fx.group({
	"window": "30m",
	"windowSeconds": 1800,
	"count": events,
	"users": fx.names("user", accounts),
	"codes": {"50053": events},
})

findings(groups) := fs if {
	fs := storm.findings with input as fx.input_of("lockout-storm", groups, {})
}

test_accounts_and_events if {
	count(findings([bucket(14, 20)])) == 0
	count(findings([bucket(15, 19)])) == 0
	count(findings([bucket(15, 20)])) == 1
	count(findings([bucket(16, 21)])) == 1
}

test_the_finding if {
	some f in findings([bucket(15, 20)])
	fx.valid_finding(f)
	f.title == "Account lockout storm"
	contains(f.cause, "20 sign-ins of 15 different accounts")
	contains(f.cause, "one address, 192.0.2.1")
}
