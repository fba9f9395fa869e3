package signin.patterns.disabled_account_test

import data.signin.patterns.disabled_account as disabled
import data.signin.patterns.fixtures_test as fx

probes(apps) := fx.group({
	"key": {"user": "leaver@contoso.com", "ip": "100.64.12.2"},
	"window": "24h",
	"windowSeconds": 86400,
	"count": 2 * apps,
	"apps": fx.names("app", apps),
	"codes": {"50057": 2 * apps},
})

findings(groups) := fs if {
	fs := disabled.findings with input as fx.input_of("disabled-account", groups, {})
}

test_apps_under_at_over if {
	count(findings([probes(2)])) == 0
	count(findings([probes(3)])) == 1
	count(findings([probes(4)])) == 1
}

test_the_finding if {
	some f in findings([probes(3)])
	fx.valid_finding(f)
	f.title == "Disabled account leaver@contoso.com tried against 3 apps"
	contains(f.cause, "from 100.64.12.2")
}
