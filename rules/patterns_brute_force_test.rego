package signin.patterns.brute_force_test

import data.signin.patterns.brute_force as brute
import data.signin.patterns.fixtures_test as fx

account(n, fields) := fx.group(object.union(
	{
		"key": {"user": "niamh@contoso.com"},
		"count": n,
		"codes": {"50126": n},
		"ips": {"count": 1, "values": ["100.64.1.179"]},
		"knownIPs": {"count": 0, "values": []},
	},
	fields,
))

findings(groups) := fs if {
	fs := brute.findings with input as fx.input_of("brute-force", groups, {})
}

test_under_at_over_min_attempts if {
	count(findings([account(9, {})])) == 0
	count(findings([account(10, {})])) == 1
	count(findings([account(11, {})])) == 1
}

test_from_a_stranger_address_is_guessing if {
	some f in findings([account(10, {})])
	fx.valid_finding(f)
	f.severity == "high"
	startswith(f.title, "Password guessing against")
}

test_from_its_own_address_is_the_user if {
	some f in findings([account(10, {"knownIPs": {"count": 1, "values": ["100.64.1.179"]}})])
	f.severity == "medium"
	contains(f.title, "from its own addresses")
	contains(f.cause, "most likely the user")
}

test_lockouts_and_a_quick_success_are_told if {
	g := account(18, {"codes": {"50126": 10, "50053": 8}, "successAfter": fx.start + 600, "successAfterTime": "2026-03-02T01:10:00Z", "successAfterIP": "100.64.1.179"})
	some f in findings([g])
	contains(f.cause, "Smart lockout answered 8")
	contains(f.cause, "signed in successfully 5 minutes later")
	f.details.successAfter == "2026-03-02T01:10:00Z"
}

test_a_success_days_later_is_not_afterwards if {
	g := account(10, {"successAfter": fx.start + 86400, "successAfterTime": "2026-03-03T01:00:00Z", "successAfterIP": "100.64.1.179"})
	some f in findings([g])
	contains(f.cause, "No successful interactive sign-in of the account followed within 20 minutes")
	f.details.successAfter == ""
}

test_override if {
	count(brute.findings) == 0 with input as fx.input_of("brute-force", [account(11, {})], {"brute-force": {"minAttempts": 12}})
}
