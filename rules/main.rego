# METADATA
# title: Sign-in decision (the engine's entrypoint)
# description: |
#   The only document the engine queries: data.signin.main.decision, once per
#   sign-in, with the Graph signIn object as input. It returns the status from
#   signin.classify and every finding of every signin.rules.* package, each
#   tagged with the package that produced it. A sign-in that is not a success
#   and that no rule explains gets exactly one "unmapped" fallback finding.
#   Every finding gets a link for each admin center page its next steps name
#   (lib.with_page_links), and every finding of a failure ends with the last
#   resort: a support request, with its link.
#
#   A new rule package only has to live under signin.rules and define a
#   partial set "findings"; nothing here needs to change. The fallback is
#   computed here and not in a signin.rules.* package: a rule there that
#   counted the findings of signin.rules would depend on itself.
# custom:
#   entrypoint: data.signin.main.decision
#   output:
#     status: success | interrupted | failure
#     findings: >-
#       set of {ruleId, title, cause, nextSteps, severity, category, actor,
#       kind, links, package}
package signin.main

import data.signin.classify
import data.signin.lib

# METADATA
# title: decision
# description: The status and the findings of one sign-in.
# entrypoint: true
decision := {"status": classify.status, "findings": {finish(f) | some f in findings}}

# finish(f) is a finding as the engine returns it: with its page links and, for a
# failure, the support request step.
finish(f) := with_support(lib.with_page_links(f))

with_support(f) := object.union(f, {
	"nextSteps": array.concat(object.get(f, "nextSteps", []), [support_step]),
	"links": array.concat(object.get(f, "links", []), [lib.support_request_link]),
}) if {
	classify.status == "failure"
	is_array(object.get(f, "nextSteps", []))
	is_array(object.get(f, "links", []))
} else := f

# METADATA
# title: support_step
# description: |
#   The last next step of every failure: Microsoft's troubleshooting guide ends with a
#   support request when nothing else helps, and asks for the sign-in's identifiers, which
#   the row's supportDetails field holds ready to copy.
support_step := "If none of the steps above helps, an admin opens a support request in the Azure portal (Help + support > Create a support request) and pastes the row's support details: request ID, correlation ID, time (UTC), error code, tenant ID and app ID. (Link: Azure portal: new support request.)"

# METADATA
# title: rule_findings
# description: Every finding of every signin.rules.<name> package, with "package" set to <name>.
rule_findings contains object.union(f, {"package": name}) if {
	# Reference iteration evaluates only each package's findings; iterating over
	# the packages themselves would evaluate all of their rules (a test package
	# under signin.rules, for one).
	some name
	f := data.signin.rules[name].findings[_]
}

# METADATA
# title: findings
# description: |
#   The rule findings, or, for a sign-in that is not a success and that no
#   rule explains, the single unmapped fallback.
# scope: document
findings contains f if some f in rule_findings

findings contains fallback if {
	classify.status != "success"
	count(rule_findings) == 0
}

# METADATA
# title: fallback
# description: The "unmapped" finding for a code no rule covers yet.
fallback := {
	"ruleId": "unmapped",
	"title": sprintf("Unmapped error code %d", [lib.error_code]),
	"cause": fallback_cause,
	"nextSteps": [
		sprintf("Look the code up: %s", [lib.lookup_url(lib.error_code)]),
		"Read the failure reason and additional details of the sign-in in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs.",
		sprintf("To explain this code next time, add an entry for %d to the catalogue (rules/catalogue_*.rego, package signin.rules.catalogue) or write a rule in a new signin.rules.<name> package.", [lib.error_code]),
	],
	"severity": "low",
	"category": "other",
	"actor": "admin",
	"kind": "fallback",
	"links": [lib.lookup_link(lib.error_code)],
	"package": "main",
}

fallback_cause := sprintf("No rule covers error code %d yet, so this sign-in has no explanation of its own. Microsoft's failure reason: %s", [
	lib.error_code,
	input.status.failureReason,
]) if {
	is_string(input.status.failureReason)
	trim_space(input.status.failureReason) != ""
} else := sprintf("No rule covers error code %d yet, so this sign-in has no explanation of its own.", [lib.error_code])
