package signin.patterns.password_cracking_test

import data.signin.patterns.fixtures_test as fx
import data.signin.patterns.password_cracking as cracking

day(attempts, locations) := fx.group({
	"key": {"user": "wei@contoso.com"},
	"window": "24h",
	"windowSeconds": 86400,
	"count": attempts,
	"locations": fx.names("city", locations),
	"ips": fx.names("192.0.2.", 7),
})

findings(groups) := fs if {
	fs := cracking.findings with input as fx.input_of("password-cracking", groups, {})
}

test_attempts_under_at_over if {
	count(findings([day(30, 3)])) == 0
	count(findings([day(31, 3)])) == 1
	count(findings([day(32, 3)])) == 1
}

test_locations_under_at if {
	count(findings([day(40, 2)])) == 0
	count(findings([day(40, 3)])) == 1
}

test_the_finding if {
	some f in findings([day(31, 3)])
	fx.valid_finding(f)
	f.severity == "high"
	contains(f.cause, "from 3 locations (city1, city2 and city3)")
	contains(f.cause, "within 24 hours")
}
