# Device authentication failures by deviceDetail. deviceDetail values follow Graph's deviceDetail
# (trustType "Hybrid Azure AD joined", "Azure AD joined"; deviceId "" for an unregistered device,
# as in Microsoft's example); failure reasons are the log's texts for 50155 and 50097.
package signin.device_test

import data.signin.fixtures_test as fx
import data.signin.rules.device

on(code, reason, detail) := fx.with_fields(fx.failed(code, reason, null), {"deviceDetail": detail})

rule_ids(sign_in) := {f.ruleId | some f in device.findings with input as sign_in}

finding(sign_in) := f if {
	some f in device.findings with input as sign_in
}

test_hybrid_joined_device if {
	f := finding(on(50155, "Device authentication failed for this user.", fx.hybrid_pc))
	f.ruleId == "device-hybrid-joined"
	f.actor == "admin"
	f.severity == "medium"
	contains(f.cause, "CONTOSO-PC-0173, device ID 5f8c1b7e-3a2d-4c6e-9b1f-2d7e8a9c0b14, Windows 11, join type Hybrid Azure AD joined")
	contains(f.nextSteps[0], "CONTOSO-PC-0173")
	fx.valid_finding(f)
}

test_known_device_refused if {
	f := finding(on(135011, "Device used during the authentication is disabled.", fx.joined_laptop))
	f.ruleId == "device-known-refused"
	f.title == "Device is disabled: LAPTOP-RT8Q2M"
	contains(f.nextSteps[0], "device ID 9a0e4d21-77c3-4f0b-8e5a-61c2b3d4e5f6")
	fx.valid_finding(f)
}

test_no_device_identity_chrome_on_windows if {
	f := finding(on(50155, "Device authentication failed for this user.", fx.device({"browser": "Chrome 131.0.0"})))
	f.ruleId == "device-identity-missing"
	f.actor == "user"
	fx.valid_finding(f)
	some step in f.nextSteps
	contains(step, "Microsoft Single Sign On extension")
}

test_no_device_identity_firefox if {
	f := finding(on(50187, null, fx.device({"browser": "Firefox 133.0"})))
	some step in f.nextSteps
	contains(step, "Allow Windows single sign-on")
}

# 50097 is a normal challenge: only the "no identity" advice, at the entry's info severity.
test_50097_challenge if {
	f := finding(on(50097, "Device authentication is required.", fx.base.deviceDetail))
	f.ruleId == "device-identity-missing"
	f.severity == "info"
	count(rule_ids(on(50097, "Device authentication is required.", fx.joined_laptop))) == 0
	count(rule_ids(on(50097, "Device authentication is required.", fx.hybrid_pc))) == 0
}

# AD FS's Primary Refresh Token failure is the troubleshooting rule's: no second explanation.
test_prt_reason_is_left_to_troubleshooting if {
	count(rule_ids(on(50155, "The Federation Service failed to issue an OAuth Primary Refresh Token.", fx.hybrid_pc))) == 0
}

test_no_device_detail_no_finding if {
	count(rule_ids(object.remove(fx.code_only(50155), ["deviceDetail"]))) == 0
}

test_other_codes_do_not_match if {
	count(rule_ids(on(50126, null, fx.hybrid_pc))) == 0
	count(rule_ids(on(53000, null, fx.joined_laptop))) == 0
}

# A hybrid join type without name or ID still gets a finding that says what it can.
test_hybrid_without_name_or_id if {
	f := finding(on(50155, null, fx.device({"trustType": "Hybrid Azure AD joined", "deviceId": ""})))
	f.ruleId == "device-hybrid-joined"
	contains(f.nextSteps[0], "the Windows 10 device")
}

# with an empty deviceId, 135011 said "disabled" and then "not registered" on one row.
# Entra ID found the device disabled, so it is registered: the finding says so and gives no
# "not registered" or browser advice.
test_135011_without_device_id_is_not_unregistered if {
	every detail in [fx.base.deviceDetail, fx.device({"browser": "Chrome 131.0.0"})] {
		f := finding(on(135011, "Device used during the authentication is disabled.", detail))
		f.ruleId == "device-recognised-no-id"
		not contains(f.cause, "not registered")
		not contains(f.title, "no device identity")
		fx.valid_finding(f)
		every step in f.nextSteps {
			not contains(step, "Single Sign On extension")
		}
	}
	rule_ids(on(135011, null, fx.base.deviceDetail)) == {"device-recognised-no-id"}
}
