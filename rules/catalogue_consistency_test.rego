# Checks every catalogue entry against the finding contract, so that a copied
# and edited entry cannot ship with a missing field or a misspelt value.
# Each test collects the offending codes and prints them when it fails.
package signin.catalogue_consistency_test

import data.signin.fixtures_test as fx
import data.signin.rules.catalogue

required_fields := {"title", "cause", "nextSteps", "severity", "category", "actor"}

optional_fields := {"links"}

# none(codes) passes when codes is empty, and prints them when it is not.
none(codes) if count(codes) == 0

none(codes) := false if {
	count(codes) > 0
	print("offending catalogue codes:", codes)
}

fields(entry) := object.keys(entry)

test_codes_are_positive_integers if {
	none({code |
		some code, _ in catalogue.entries
		not positive_integer(code)
	})
}

positive_integer(n) if {
	is_number(n)
	n > 0
	round(n) == n
}

test_every_entry_has_all_fields if {
	none({code |
		some code, entry in catalogue.entries
		count(required_fields - fields(entry)) > 0
	})
}

test_no_entry_has_unknown_fields if {
	none({code |
		some code, entry in catalogue.entries
		count(fields(entry) - (required_fields | optional_fields)) > 0
	})
}

test_titles_and_causes_are_non_empty if {
	none({code |
		some code, entry in catalogue.entries
		not texts_ok(entry)
	})
}

texts_ok(entry) if {
	fx.non_empty_text(entry.title)
	fx.non_empty_text(entry.cause)
	count(entry.title) <= 60
}

test_every_entry_has_next_steps if {
	none({code |
		some code, entry in catalogue.entries
		not next_steps_ok(entry.nextSteps)
	})
}

next_steps_ok(steps) if {
	is_array(steps)
	count(steps) >= 1
	every step in steps {
		fx.non_empty_text(step)
	}
}

# The enumerated fields of an entry and their allowed values ("kind" is set by the
# generic catalogue rule, not by the entry).
entry_enums := object.filter(fx.enums, ["severity", "category", "actor"])

test_severity_category_actor_are_valid if {
	none({code |
		some code, entry in catalogue.entries
		not enums_ok(entry, entry_enums)
	})
}

# enums_ok(entry, enums) is true when every field of enums has one of its allowed values in entry.
enums_ok(entry, enums) if {
	every field, allowed in enums {
		entry[field] in allowed
	}
}

test_optional_links_are_valid if {
	none({code |
		some code, entry in catalogue.entries
		some link in object.get(entry, "links", [])
		not link_ok(link)
	})
}

link_ok(link) if {
	fx.non_empty_text(link.title)
	startswith(link.url, "https://")
}

# Entries are spread over several files. Two definitions of the same code with
# different texts are a conflict: reading the catalogue then fails with an
# eval_conflict_error, so this test (and every other one here) errors.
test_catalogue_reads_without_conflict if {
	count(catalogue.entries) >= 354
}

# Interrupts are normal steps of a flow: their entries must exist and must not alarm anyone.
test_interrupt_entries_are_info if {
	none({code |
		some code in data.signin.classify.interrupt_codes
		object.get(catalogue.entries, [code, "severity"], "missing") != "info"
	})
}

# The checks themselves catch a broken entry.
test_checks_catch_a_broken_entry if {
	broken := {"title": "", "cause": "x", "nextSteps": [], "severity": "urgent", "category": "misc", "actor": "nobody", "extra": 1}
	not texts_ok(broken)
	not next_steps_ok(broken.nextSteps)
	not enums_ok(broken, entry_enums)
	count(fields(broken) - (required_fields | optional_fields)) == 1
	count(required_fields - fields(object.remove(broken, ["cause"]))) == 1
}

# Titles are what a table shows: two codes with the same title could not be told apart.
test_titles_are_unique if {
	none({code |
		some code, entry in catalogue.entries
		some other, entry2 in catalogue.entries
		code != other
		entry.title == entry2.title
	})
}

# Causes and steps are sentences, and a cause says more than its title.
test_texts_are_sentences if {
	none({code |
		some code, entry in catalogue.entries
		not sentences_ok(entry)
	})
}

sentences_ok(entry) if {
	endswith(entry.cause, ".")
	count(entry.cause) >= 60
	lower(entry.cause) != lower(entry.title)
	every step in entry.nextSteps {
		endswith(step, ".")
	}
}

# Every next step says who does it (the user, an admin, the app developer...) or that
# nobody needs to act.
who_acts := [
	"the user", "users", "an admin", "admin", "developer", "no action", "desktop support",
	"partner", "reviewer", "operator", "guardian", "organization",
]

test_every_step_names_who_acts if {
	none({code |
		some code, entry in catalogue.entries
		some step in entry.nextSteps
		not names_actor(step)
	})
}

names_actor(step) if {
	some who in who_acts
	contains(lower(step), who)
}

# The actor of an entry has a step of its own.
actor_words := {"user": "user", "admin": "admin", "developer": "developer"}

test_actor_has_a_step if {
	none({code |
		some code, entry in catalogue.entries
		word := actor_words[entry.actor]
		not contains(lower(concat(" ", entry.nextSteps)), word)
	})
}

# The Microsoft Entra admin center paths the steps give start from a known blade.
test_admin_center_paths_are_consistent if {
	none({code |
		some code, entry in catalogue.entries
		some step in entry.nextSteps
		contains(step, "Entra admin center >")
		not regex.match(`Entra admin center > (Entra ID|ID Protection) >`, step)
	})
}

test_checks_catch_bad_texts if {
	not sentences_ok({"title": "X", "cause": "No period", "nextSteps": ["Step."]})
	not names_actor("Reboot the server.")
	names_actor("The app developer fixes the redirect_uri.")
}

# a named location blocks nothing by itself; a step that blocks an address
# with one also names the Conditional Access policy that blocks the location.
test_named_location_blocks_through_a_policy if {
	none({code |
		some code, entry in catalogue.entries
		some step in entry.nextSteps
		contains(step, "named location")
		contains(lower(step), "block")
		not contains(step, "policy")
	})
}
