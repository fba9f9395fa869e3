package signin.patterns.lib_test

import data.signin.patterns.fixtures_test as fx
import data.signin.patterns.lib as plib

test_duration_text if {
	plib.duration_text(1200) == "20 minutes"
	plib.duration_text(3600) == "1 hour"
	plib.duration_text(86400) == "24 hours"
	plib.duration_text(60) == "1 minute"
	plib.duration_text(90) == "90 seconds"
}

test_values_text if {
	plib.values_text({"count": 0, "values": []}) == "none"
	plib.values_text(fx.names("a", 1)) == "a1"
	plib.values_text(fx.names("a", 2)) == "a1 and a2"
	plib.values_text(fx.names("a", 4)) == "a1, a2, a3 and a4"
	plib.values_text(fx.names("a", 5)) == "a1, a2, a3 and 2 more"
	plib.values_text(fx.names("a", 300)) == "a1, a2, a3 and 297 more"
}

test_code_text if {
	plib.code_text({"50126": 280, "50053": 90}) == "50053 (90), 50126 (280)"
}

test_seconds_and_minutes if {
	plib.seconds("10m") == 600
	plib.round_minutes(10) == 60
	plib.round_minutes(61) == 120
}

test_success_count_of_a_missing_set_is_zero if {
	plib.success_count(fx.group({}), "successUsers") == 0
	plib.success_count(fx.group({"successUsers": fx.names("u", 2)}), "successUsers") == 2
}
