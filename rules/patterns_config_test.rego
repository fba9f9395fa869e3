package signin.patterns.config_test

import data.signin.patterns.config

test_effective_is_the_defaults_without_overrides if {
	config.effective == config.thresholds
}

test_an_override_replaces_one_key if {
	spray := config.effective["password-spray"] with input as {"thresholds": {"password-spray": {"minUsers": 10}}}
	spray.minUsers == 10
	spray.window == config.thresholds["password-spray"].window
	config.effective["brute-force"] == config.thresholds["brute-force"] with input as {"thresholds": {"password-spray": {"minUsers": 10}}}
}

test_every_pattern_has_a_window_and_can_be_turned_off if {
	every id, t in config.thresholds {
		is_string(id)
		time.parse_duration_ns(t.window) >= 60000000000
		t.enabled == true
	}
}
