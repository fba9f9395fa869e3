# METADATA
# title: Account lockout (50053) - the user's own retries or an attack
# description: |
#   Smart lockout answers 50053 in two different situations: the account was
#   locked after too many bad passwords, or the sign-in came from an IP address
#   Microsoft knows as malicious (the account itself may not be locked). And a
#   lockout after bad passwords can be the user's own doing (a forgotten or
#   changed password, a device retrying an old one) or an attacker guessing.
#   Each case has its own next steps. The variants are exclusive, checked in
#   this order:
#     1. malicious IP: failure reason or additional details mention a
#        malicious IP address (one of the texts Entra writes for 50053);
#     2. suspected attack: lib.attack_signals is not empty: an attack-type risk
#        detection (riskEventTypes_v2 / riskEventTypes: passwordSpray,
#        maliciousIPAddress, anonymizedIPAddress...), sign-in risk medium or
#        high, or a hosting-provider network (beta autonomousSystemNumber);
#     3. own bad passwords: no attack signal and something that vouches for
#        the user: a device known to Entra ID (deviceDetail.deviceId) or a
#        sign-in risk evaluated as "none".
#   With none of these (for example risk data hidden by the licence and an
#   unknown device) only the catalogue entry applies: it describes both.
# custom:
#   codes: [50053]
package signin.rules.lockout

import data.signin.lib

locked if lib.error_code == 50053

variant := "malicious_ip" if {
	locked
	some text in [lib.failure_reason, lib.additional_details]
	contains(text, "malicious")
} else := "attack" if {
	locked
	count(lib.attack_signals) > 0
} else := "own" if {
	locked
	vouched
}

vouched if lib.non_empty(input.deviceDetail.deviceId)

vouched if {
	input.riskLevelDuringSignIn == "none"
	count(lib.risk_events) == 0
}

# legacy_sentence mentions a legacy client, whose lockouts blocking legacy authentication prevents.
default legacy_sentence := ""

legacy_sentence := sprintf(" The sign-in used %s, a legacy protocol that sends the password with every request and cannot do MFA; blocking legacy authentication with Conditional Access stops this kind of attempt.", [input.clientAppUsed]) if {
	lib.is_legacy_client
}

# device_text names the device for a cause, or says it is unknown.
default device_text := "a device not registered with Entra ID"

device_text := sprintf("the device %s", [input.deviceDetail.displayName]) if {
	lib.non_empty(input.deviceDetail.displayName)
} else := sprintf("a registered device (ID %s)", [input.deviceDetail.deviceId]) if {
	lib.non_empty(input.deviceDetail.deviceId)
}

# METADATA
# title: Sign-in blocked from a malicious IP address
# description: Smart lockout refused the sign-in because its IP address is known for malicious activity.
# custom:
#   severity: high
#   category: user-state
#   codes: [50053]
#   matches:
#     - status.errorCode is 50053
#     - status.failureReason or additionalDetails mentions "malicious" (e.g. "Sign-in was blocked because it came from an IP address with malicious activity.")
findings contains {
	"ruleId": "lockout-malicious-ip",
	"title": "Sign-in blocked from a malicious IP address",
	"cause": sprintf("Smart lockout refused this sign-in because its IP address is known to Microsoft's threat intelligence for malicious activity. The account itself may not be locked; what matters is that someone there is trying this account, probably with a list of stolen or guessed passwords.%s", [legacy_sentence]),
	"nextSteps": [
		"An admin confirms with the user that the address is not theirs (a VPN or hotel network can share addresses with attackers).",
		"If it is not the user's, an admin checks the user's sign-ins from the same address for any success in the Entra admin center > Entra ID > Monitoring & health > Sign-in logs, and resets the password and revokes sessions in Entra ID > Users > [user] if one succeeded.",
		"A security admin checks which other accounts the address tried, adds it to a named location in Entra ID > Conditional Access > Named locations and blocks that location with a Conditional Access policy.",
	],
	"severity": "high",
	"category": "user-state",
	"actor": "admin",
	"kind": "contextual",
	"links": [],
} if {
	variant == "malicious_ip"
}

# METADATA
# title: Account locked during a suspected attack
# description: |
#   The account is locked and the sign-in carries signs of an attacker: an
#   attack-type risk detection, medium or high sign-in risk, or a hosting network.
# custom:
#   severity: high
#   category: user-state
#   codes: [50053]
#   matches:
#     - status.errorCode is 50053
#     - lib.attack_signals is not empty (risk detections, riskLevelDuringSignIn, autonomousSystemNumber)
findings contains {
	"ruleId": "lockout-suspected-attack",
	"title": "Account locked during a suspected attack",
	"cause": sprintf("Smart lockout locked the account after repeated bad passwords, and this sign-in shows signs of an attacker rather than the user: %s. Someone is most likely guessing or spraying passwords against this account from this sign-in's IP address; the lockout is doing its job.%s", [concat(", ", sort(lib.attack_signals)), legacy_sentence]),
	"nextSteps": [
		"An admin checks whether any sign-in of this user from the same IP address succeeded (Entra admin center > Entra ID > Monitoring & health > Sign-in logs); if so, resets the password and revokes sessions in Entra ID > Users > [user].",
		"A security admin reviews the user in ID Protection > Risky users and the address's other targets; many accounts from one address is password spraying: add it to a named location in Entra ID > Conditional Access > Named locations and block that location with a Conditional Access policy.",
		"The user keeps using the correct password: smart lockout tells familiar sign-in locations from unfamiliar ones, so the user is usually still let in while the attacker stays locked, and every lock expires by itself.",
	],
	"severity": "high",
	"category": "user-state",
	"actor": "admin",
	"kind": "contextual",
	"links": [],
} if {
	variant == "attack"
}

# METADATA
# title: Account locked after the user's own bad passwords
# description: |
#   The account is locked, no attack signal is present, and the sign-in comes
#   from a device registered with Entra ID or was evaluated as risk-free: most
#   likely the user or one of the user's devices kept sending a wrong password.
# custom:
#   severity: medium
#   category: user-state
#   codes: [50053]
#   matches:
#     - status.errorCode is 50053
#     - lib.attack_signals is empty
#     - deviceDetail.deviceId is set, or riskLevelDuringSignIn is "none" with no risk detections
findings contains {
	"ruleId": "lockout-own-bad-passwords",
	"title": "Account locked after the user's own bad passwords",
	"cause": sprintf("Smart lockout locked the account after repeated bad passwords, and nothing in this sign-in suggests an attacker: it came from %s with no risk detected. Most likely the user forgot or recently changed the password, or a phone, mail client or service keeps retrying an old saved password.%s", [device_text, legacy_sentence]),
	"nextSteps": [
		"The user waits for the lock to expire (it lasts longer after each repeated lockout), then signs in once with the correct password, or resets it at https://aka.ms/sspr.",
		"The user updates the password on every phone, tablet, mail client and mapped drive that stores it; otherwise the lock comes back.",
		"If the user cannot wait, an admin resets the password in the Entra admin center > Entra ID > Users > [user] > Reset password; for a synced account, the lockout may also exist in on-premises Active Directory.",
	],
	"severity": "medium",
	"category": "user-state",
	"actor": "user",
	"kind": "contextual",
	"links": [],
} if {
	variant == "own"
}
