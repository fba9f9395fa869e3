# Aggregates shaped like the ones Go builds (rules/patterns_lib.rego documents the fields),
# for the pattern rules' tests. A test starts from group(...) and changes what it needs.
package signin.patterns.fixtures_test

# start is 2026-03-02T01:00:00Z, a bucket boundary of every default window, where group()
# buckets begin.
start := 1772413200

# group is a one-sign-in aggregate in a 20-minute bucket from start, with the given fields
# laid over it.
group(fields) := object.union(
	{
		"id": 0,
		"key": {},
		"window": "20m",
		"windowSeconds": 1200,
		"offset": 0,
		"start": 1772413200,
		"end": 1772413200 + 1200,
		"count": 1,
		"first": 1772413200,
		"last": 1772413200 + 300,
		"firstTime": "2026-03-02T01:00:00Z",
		"lastTime": "2026-03-02T01:05:00Z",
		"users": names("user", 1),
		"ips": names("192.0.2.", 1),
		"apps": {"count": 1, "values": ["OfficeHome"]},
		"locations": {"count": 1, "values": ["Lisbon, PT"]},
		"clientApps": {"count": 1, "values": ["Browser"]},
		"codes": {"50126": 1},
		"details": {},
		"requestIds": ["req-1"],
	},
	fields,
)

# names is a distinct set of n values prefix1, prefix2, ... (at most 20 listed, as Go does).
names(prefix, n) := {"count": n, "values": [sprintf("%s%d", [prefix, i]) | some i in numbers.range(1, 20); i <= n]}

# input_of is the input for one pattern's groups, with threshold overrides.
input_of(pattern, groups, overrides) := {"groups": {pattern: groups}, "thresholds": overrides}

# valid_finding holds for a finding with every field Go reads.
valid_finding(f) if {
	is_string(f.patternId)
	is_number(f.group)
	non_empty(f.title)
	f.severity in {"info", "low", "medium", "high", "critical"}
	non_empty(f.cause)
	count(f.nextSteps) > 0
	every step in f.nextSteps {
		non_empty(step)
	}
	is_object(f.details)
}

non_empty(s) if {
	is_string(s)
	trim_space(s) != ""
}
