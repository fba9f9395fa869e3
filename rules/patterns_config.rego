# METADATA
# title: Pattern thresholds
# description: |
#   The numbers the pattern rules (signin.patterns.*) compare the sign-in
#   aggregates with, one object per pattern ID. The rules never hold a number
#   themselves: they read effective[id], which is these defaults with the data
#   source's overrides (jsonData.patternThresholds, passed by the plugin as
#   input.thresholds) laid over them key by key. An override must name a key
#   that exists here and have the same type (a whole number for a whole
#   number, a list of codes for a list of codes, a duration such as "20m",
#   "1h" or "24h" for a window); the plugin rejects anything else with the
#   key's name.
#
#   window is also read by Go: it groups the sign-ins into buckets of that
#   size (two sets, the second shifted by half a window, so a burst no longer
#   than half a window always lands whole in one bucket). codes, clientApps
#   and the like choose the sign-ins a pattern counts. enabled: false turns a
#   pattern off.
#
#   Each pattern's METADATA (rules/patterns_<name>.rego) says where its
#   defaults come from: Microsoft Sentinel, Elastic or Sigma rule files, or
#   this project's own tuning against the demo tenant. They are tuning, not
#   facts: public sources disagree, and a tenant of 50,000 users needs larger
#   absolute numbers than one of 800.
#   Your own pattern adds its defaults here, in a module of this package:
#   thresholds["my-pattern"] := {"enabled": true, "window": "1h", "minUsers": 3}
# custom:
#   overrides: input.thresholds (from jsonData.patternThresholds)
package signin.patterns.config

# bad_credentials are the codes of a rejected password or a lock after too many
# (Sentinel DistribPassCrackAttempt.yaml: 50126, 50053, 50055, 50056).
bad_credentials := [50126, 50053, 50055, 50056]

thresholds["password-spray"] := {
	"enabled": true,
	"window": "20m",
	"minUsers": 5,
	"codes": bad_credentials,
	"moreFailedThanSucceeded": true,
	"asnHostingOnly": true,
	"minASNAddresses": 2,
}

thresholds["brute-force"] := {
	"enabled": true,
	"window": "20m",
	"minAttempts": 10,
	"codes": bad_credentials,
}

thresholds["password-cracking"] := {
	"enabled": true,
	"window": "24h",
	"minAttempts": 31,
	"minLocations": 3,
	"codes": bad_credentials,
}

thresholds["lockout-storm"] := {
	"enabled": true,
	"window": "30m",
	"minUsers": 15,
	"minEvents": 20,
	"codes": [50053],
}

thresholds["mfa-fatigue"] := {
	"enabled": true,
	"window": "10m",
	"minDenials": 7,
	"requireSuccess": true,
	"successWithin": "10m",
	"codes": [500121],
}

thresholds["disabled-account"] := {
	"enabled": true,
	"window": "24h",
	"minApps": 3,
	"codes": [50057],
}

thresholds["legacy-auth"] := {
	"enabled": true,
	"window": "2h",
	"minUsers": 5,
	"moreFailedThanSucceeded": true,
}

thresholds["ca-block-wave"] := {
	"enabled": true,
	"window": "1h",
	"minUsers": 20,
	"codes": [53003, 53000, 53001, 53002, 50005, 50131, 52003],
}

# METADATA
# title: effective
# description: |
#   The thresholds in force for each pattern: the defaults above with
#   input.thresholds[id] (the data source's overrides, checked by the plugin)
#   laid over them key by key.
effective[id] := object.union(defaults, object.get(overrides, id, {})) if {
	some id, defaults in thresholds
}

# overrides are input.thresholds, empty when there is no input.
overrides[id] := keys if {
	some id, keys in input.thresholds
	is_object(keys)
}
