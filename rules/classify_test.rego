package signin.classify_test

import data.signin.classify
import data.signin.fixtures_test as fx

# The 20 codes of Microsoft's Sign-in Analysis workbook, "Pending action (Interrupts)" tile
# (Azure/Azure-Sentinel Workbooks/AzureActiveDirectorySignins.json), in the workbook's order;
# see /work/shared/reference/interrupts.md.
workbook_interrupts := [
	50058, 50140, 51006, 50059, 65001, 52004, 50055, 50144, 50072, 50074,
	16000, 16001, 16003, 50127, 50125, 50129, 50143, 81010, 81014, 81012,
]

test_interrupt_codes_are_the_workbook_list if {
	count(workbook_interrupts) == 20
	classify.interrupt_codes == {c | some c in workbook_interrupts}
}

test_every_workbook_interrupt_is_interrupted if {
	every code in workbook_interrupts {
		classify.status == "interrupted" with input as fx.code_only(code)
	}
}

test_error_code_zero_is_success if {
	classify.status == "success" with input as fx.base
}

test_missing_status_is_success if {
	classify.status == "success" with input as fx.without_status
}

test_empty_status_is_success if {
	# The 2020 beta example shows "status": {} for a successful sign-in.
	classify.status == "success" with input as fx.with_status({})
}

test_null_error_code_is_success if {
	classify.status == "success" with input as fx.code_only(null)
}

test_failure_code_is_failure if {
	classify.status == "failure" with input as fx.failed(50126, "Error validating credentials due to invalid username or password.", null)
}

test_unknown_code_is_failure if {
	classify.status == "failure" with input as fx.code_only(9999999)
}

# Disputed codes stay failures by default, as in Microsoft's workbook (the choice for each
# is written in classify.rego's metadata); 50055 is the one disputed interrupt.
test_disputed_codes_default_to_failure if {
	every code in [50076, 50079, 50097, 50158, 5048, 50148, 50199, 50089, 700082, 900561, 90095, 1000002, 53003, 500121] {
		classify.status == "failure" with input as fx.code_only(code)
	}
	classify.status == "interrupted" with input as fx.code_only(50055)
}

# A disputed code classified as failure but routine has an "info" catalogue entry, so it
# does not alarm anyone even though it counts as a failure. (5048 has no entry: unmapped.)
test_routine_failures_have_info_entries if {
	every code in [50097, 50199, 50089, 700082, 900561, 90095, 1000002] {
		data.signin.rules.catalogue.entries[code].severity == "info"
	}
}

test_numeric_string_code_is_classified if {
	classify.status == "interrupted" with input as fx.code_only("50058")
}

test_users_can_override_the_list if {
	classify.status == "interrupted" with input as fx.code_only(50076)
		with classify.interrupt_codes as {50076}
	classify.status == "failure" with input as fx.code_only(50058)
		with classify.interrupt_codes as {50076}
}

# every disputed code carries its choice and the sources on each side, and the
# choice is the one interrupt_codes applies.
test_disputed_codes_record_both_sides if {
	every code in [50199, 1000002, 90095, 50201, 70043, 70044, 50076, 50079, 50097, 50158, 50055] {
		record := classify.disputed[code]
		record.interrupt_side != ""
		record.failure_side != ""
		record.why != ""
	}
}

test_disputed_choices_agree_with_interrupt_codes if {
	every code, record in classify.disputed {
		record.status == classify.status with input as fx.code_only(code)
	}
}

# A routine failure does not alarm anyone: each disputed code has an info or low entry.
test_disputed_codes_have_calm_entries if {
	every code, _ in classify.disputed {
		data.signin.rules.catalogue.entries[code].severity in {"info", "low"}
	}
}
