package signin.patterns.ca_block_wave_test

import data.signin.patterns.ca_block_wave as wave
import data.signin.patterns.fixtures_test as fx

blocks(accounts, policy) := fx.group({
	"key": {"policy": policy},
	"window": "1h",
	"windowSeconds": 3600,
	"count": accounts,
	"users": fx.names("user", accounts),
	"codes": {"53003": accounts},
})

findings(groups) := fs if {
	fs := wave.findings with input as fx.input_of("ca-block-wave", groups, {})
}

test_accounts_under_at_over if {
	count(findings([blocks(19, "CA010")])) == 0
	count(findings([blocks(20, "CA010")])) == 1
	count(findings([blocks(21, "CA010")])) == 1
}

test_the_finding_names_the_policy if {
	some f in findings([blocks(20, "CA010: Block unmanaged")])
	fx.valid_finding(f)
	f.title == "Conditional Access block wave: CA010: Block unmanaged"
	f.details.policy == "CA010: Block unmanaged"
}

test_without_conditional_access_data if {
	some f in findings([blocks(20, "")])
	f.title == "Conditional Access block wave"
	contains(f.cause, "Policy.Read.All")
}
