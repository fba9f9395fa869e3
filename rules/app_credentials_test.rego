# Client secret errors named by app. The failure reasons are the log's texts for 7000215 and 7000222.
package signin.app_credentials_test

import data.signin.fixtures_test as fx
import data.signin.rules.app_credentials

payroll(code, reason) := fx.with_fields(fx.failed(code, reason, null), {
	"appDisplayName": "Contoso Payroll Sync",
	"appId": "7c4d2e91-5b3a-4f60-8d17-2a9e6b1c3f05",
	"isInteractive": false,
})

rule_ids(sign_in) := {f.ruleId | some f in app_credentials.findings with input as sign_in}

finding(sign_in) := f if {
	some f in app_credentials.findings with input as sign_in
}

test_invalid_secret_names_the_app if {
	f := finding(payroll(7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to the app."))
	f.ruleId == "app-secret-invalid"
	f.title == "Invalid client secret for Contoso Payroll Sync (7c4d2e91-5b3a-4f60-8d17-2a9e6b1c3f05)"
	contains(f.nextSteps[0], "search for 7c4d2e91-5b3a-4f60-8d17-2a9e6b1c3f05, then Certificates & secrets")
	f.severity == "high"
	f.actor == "developer"
	fx.valid_finding(f)
}

test_expired_secret_names_the_app if {
	f := finding(payroll(7000222, "The provided client secret keys for the app are expired."))
	f.ruleId == "app-secret-expired"
	contains(f.cause, "Contoso Payroll Sync (7c4d2e91-5b3a-4f60-8d17-2a9e6b1c3f05)")
	fx.valid_finding(f)
}

# Service principal sign-ins (beta) may name the app by servicePrincipalName only.
test_service_principal_name if {
	sp := fx.with_fields(object.remove(payroll(7000222, null), ["appDisplayName"]), {"servicePrincipalName": "payroll-sync"})
	f := finding(sp)
	f.title == "Client secret expired for payroll-sync (7c4d2e91-5b3a-4f60-8d17-2a9e6b1c3f05)"
}

test_no_app_id_no_finding if {
	count(rule_ids(object.remove(payroll(7000215, null), ["appId"]))) == 0
	count(rule_ids(fx.with_fields(payroll(7000222, null), {"appId": ""}))) == 0
}

test_other_codes_do_not_match if {
	count(rule_ids(payroll(70002, null))) == 0
	count(rule_ids(payroll(0, null))) == 0
}
