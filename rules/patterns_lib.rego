# METADATA
# title: Pattern helpers
# description: |
#   Helpers shared by the pattern rules. A pattern rule reads the aggregates Go
#   built for it, input.groups[<pattern id>], a list of objects, one per key
#   (an address, an account, an account and address, a policy, or the whole
#   tenant) and time bucket:
#
#     id            number that ties a finding back to its group (copy it into "group")
#     key           {"ip": "192.0.2.77"}, {"user": "...", "ip": "..."}, {} for the tenant
#     window        the bucket size, e.g. "20m"; windowSeconds the same in seconds
#     start, end    the bucket, unix seconds; offset 0 or 1 (the half-window shift)
#     count         sign-ins counted; first, last (unix seconds), firstTime, lastTime (RFC 3339)
#     users, ips, apps, locations, clientApps (and asns, policies when read):
#                   {"count": distinct values, "values": the most frequent first, at most 20}
#     codes         {"50126": 12, ...}; details: {"<additionalDetails>": n, ...}
#     successUsers  (keys with an ip) accounts that signed in successfully from the
#                   address anywhere in the queried range, {"count", "values"}
#     knownIPs      (keys with a user) the group's addresses the account also signed in
#                   successfully from in the queried range
#     successAfter, successAfterTime, successAfterIP
#                   (keys with a user) the account's first interactive success at or after
#                   the group's first sign-in, when there is one
#     requestIds    the first request IDs, at most 10
#
#   A rule emits findings with patternId, group, title, severity, cause,
#   nextSteps and details; Go fills the entities, counts, times and evidence
#   from the group, and merges findings of overlapping buckets of one key.
package signin.patterns.lib

# METADATA
# title: duration_text(seconds)
# description: A duration in words, e.g. "20 minutes", "1 hour", "24 hours", "90 seconds".
duration_text(seconds) := unit_text(seconds / 3600, "hour") if {
	seconds >= 3600
	seconds % 3600 == 0
} else := unit_text(seconds / 60, "minute") if {
	seconds >= 60
	seconds % 60 == 0
} else := unit_text(seconds, "second")

# METADATA
# title: unit_text(n, unit)
# description: '"1 hour", "2 hours": n and the unit, plural unless n is 1.'
unit_text(n, unit) := sprintf("%d %s", [n, unit]) if n == 1

else := sprintf("%d %ss", [n, unit])

# METADATA
# title: round_minutes(seconds)
# description: Seconds rounded up to whole minutes (in seconds), at least one minute, for texts.
round_minutes(seconds) := max([60, ceil(seconds / 60) * 60])

# METADATA
# title: seconds(duration)
# description: A duration string such as "10m" in seconds.
seconds(duration) := time.parse_duration_ns(duration) / 1000000000

# METADATA
# title: values_text(set)
# description: |
#   The values of a distinct set ({"count", "values"}) as text:
#   "a, b and c", or "a, b, c and 17 more" when the set holds more than it shows.
values_text(set) := "none" if {
	count(set.values) == 0
} else := set.values[0] if {
	set.count == 1
} else := sprintf("%s and %s", [concat(", ", array.slice(set.values, 0, n - 1)), set.values[n - 1]]) if {
	n := count(set.values)
	set.count == n
	n <= 4
} else := sprintf("%s and %d more", [concat(", ", shown), set.count - count(shown)]) if {
	shown := array.slice(set.values, 0, 3)
}

# METADATA
# title: code_text(codes)
# description: 'The error codes of a group with their counts: "50126 (280), 50053 (90)".'
code_text(codes) := concat(", ", [sprintf("%s (%d)", [code, codes[code]]) | some code in sort(object.keys(codes))])

# METADATA
# title: success_count(group, field)
# description: The count of an optional distinct set (successUsers, knownIPs), 0 when the group has none.
success_count(group, field) := object.get(group, [field, "count"], 0)
