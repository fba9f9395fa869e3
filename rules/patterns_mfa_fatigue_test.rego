package signin.patterns.mfa_fatigue_test

import data.signin.patterns.fixtures_test as fx
import data.signin.patterns.mfa_fatigue as fatigue

# prompts: n denials over 4 minutes from 192.0.2.140, approved `after` seconds after the last
# one from ip (no approval when after is null).
prompts(n, after, ip) := fx.group(object.union(
	{
		"key": {"user": "kwame@contoso.com"},
		"window": "10m",
		"windowSeconds": 600,
		"count": n,
		"last": fx.start + 240,
		"codes": {"500121": n},
		"ips": {"count": 1, "values": ["192.0.2.140"]},
		"details": {"MFA denied; user declined the authentication": n},
	},
	approval(after, ip),
))

approval(null, _) := {}

approval(after, ip) := {"successAfter": (fx.start + 240) + after, "successAfterTime": "2026-03-02T01:05:00Z", "successAfterIP": ip} if after != null

findings(groups) := fs if {
	fs := fatigue.findings with input as fx.input_of("mfa-fatigue", groups, {})
}

test_denials_under_at_over if {
	count(findings([prompts(6, 20, "192.0.2.140")])) == 0
	count(findings([prompts(7, 20, "192.0.2.140")])) == 1
	count(findings([prompts(8, 20, "192.0.2.140")])) == 1
}

test_an_approval_is_required_within_success_within if {
	count(findings([prompts(7, null, "")])) == 0
	count(findings([prompts(7, 600, "192.0.2.140")])) == 1
	count(findings([prompts(7, 601, "192.0.2.140")])) == 0
}

test_approval_from_the_attackers_address_is_critical if {
	some f in findings([prompts(7, 20, "192.0.2.140")])
	fx.valid_finding(f)
	f.severity == "critical"
	contains(f.cause, "MFA denied; user declined the authentication: 7")
	some g in findings([prompts(7, 20, "100.64.0.9")])
	g.severity == "high"
}

test_denials_alone_when_no_success_is_required if {
	some f in fatigue.findings with input as fx.input_of("mfa-fatigue", [prompts(7, null, "")], {"mfa-fatigue": {"requireSuccess": false}})
	f.severity == "medium"
	fx.valid_finding(f)
}
