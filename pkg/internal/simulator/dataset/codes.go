package dataset

// Status texts as Entra writes them into signInStatus. failureReason is the error's
// description; additionalDetails, when present, is the portal's troubleshooting sentence.

// statusText is one code's failureReason and the additionalDetails variants seen with it.
type statusText struct {
	reason  string
	details []string
}

// UnmappedCode is deliberately absent from every error-code reference: it exists so the
// product's fallback rule ("unknown code") has something to explain in the demo and tests.
const UnmappedCode = 9999999

var statusTexts = map[int]statusText{
	50126: {"Error validating credentials due to invalid username or password.", []string{
		"The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes."}},
	50053: {"The account is locked, you've tried to sign in too many times with an incorrect user ID or password.", []string{
		"Account is locked because user tried to sign in too many times with an incorrect user ID or password. The user is blocked due to repeated sign-in attempts.",
		"Sign-in was blocked because it came from an IP address with malicious activity."}},
	50058: {"Session information is not sufficient for single-sign-on.", []string{
		"This means that a user is not signed in. This is a common occurrence when a user is unauthenticated and has not yet signed in. If this error is encountered in an SSO context where the user has previously signed in, this means that the SSO session was either not found or invalid.",
		"The SSO session was not found or has expired; the application asked for a silent sign-in (prompt=none)."}},
	50140: {"This error occurred due to 'Keep me signed in' interrupt when the user was signing in.", []string{
		"This is an expected part of the login flow, where a user is asked if they want to remain signed into this browser to make further logins easier."}},
	50074: {"Strong Authentication is required.", []string{
		"The user is required to perform multi-factor authentication. There could be multiple things requiring multi-factor authentication, e.g. Conditional Access policies, per-user enforcement, requested by client, among others."}},
	50072: {"User needs to enroll for second factor authentication (interactive).", []string{
		"The user needs to register security information before multi-factor authentication can be satisfied."}},
	500121: {"Authentication failed during strong authentication request.", []string{
		"MFA denied; user declined the authentication",
		"MFA denied; user did not respond to mobile app notification",
		"MFA denied; Phone App Reported Fraud",
		"MFA denied; invalid verification code",
		"MFA denied; duplicate authentication attempt",
		"MFA denied; user did not select the correct number"}},
	50076: {"Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.", []string{
		"The application is asking for multi-factor authentication silently; the user has to sign in interactively to complete it."}},
	50079: {"Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access the resource.", nil},
	50055: {"The password is expired.", []string{
		"The user's password is expired, and therefore their login or session was ended. They will be offered the opportunity to reset it, or may ask an admin to reset it."}},
	50144: {"User's Active Directory password has expired.", nil},
	50057: {"The user account is disabled.", []string{
		"The user object in Active Directory backing this account has been disabled. An admin can re-enable this account through PowerShell."}},
	53003: {"Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.", []string{
		"If this is unexpected, see the conditional access policy that applied to this request in the Azure Portal."}},
	53000:   {"Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant. The user must enroll their device with an approved MDM provider like Intune.", nil},
	53001:   {"Device is not in required device state: domainJoined. Conditional Access policy requires a domain joined device, and the device is not domain joined. Have the user use a domain joined device.", nil},
	50105:   {"Your administrator has configured the application to block users unless they are specifically granted ('assigned') access to the application. The signed in user is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator.", nil},
	65001:   {"The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.", nil},
	70043:   {"The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. The token was issued and the maximum allowed lifetime for this request has passed.", nil},
	70046:   {"The session has expired or is invalid due to re-authentication checks by conditional access.", nil},
	700016:  {"Application with the given identifier was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.", nil},
	7000215: {"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to the app.", nil},
	7000222: {"The provided client secret keys for the app are expired. Create new keys for the app, or consider using certificate credentials for added security.", nil},
	50097: {"Device authentication is required.", []string{
		"The device must be authenticated by Entra ID before the request can continue; this usually precedes a successful sign-in from the same device."}},
	50155:        {"Device authentication failed for this user.", nil},
	50173:        {"The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.", nil},
	50133:        {"Session is invalid due to expiration or recent password change.", nil},
	16000:        {"Either multiple user identities are available for the current request or selected account is not supported for the scenario.", nil},
	16001:        {"Account selection is invalid; the user picked an account that cannot be used for this request.", nil},
	51006:        {"Windows integrated authentication is needed; the user signed in with a session token that is missing the integrated authentication claim.", nil},
	81010:        {"Seamless SSO failed because the user's Kerberos ticket has expired or is invalid.", nil},
	50125:        {"Sign-in was interrupted due to a password reset or password registration entry.", nil},
	90025:        {"Request processing has exceeded the maximum number of retries in an internal Entra ID service.", nil},
	50034:        {"The user account does not exist in the directory. To sign into this application, the account must be added to the directory.", nil},
	UnmappedCode: {"Simulated unmapped error; exists to exercise the fallback rule", nil},
}

// deviceAuthPRTReason is the failureReason that some 50155 rows carry instead of the
// generic text, when a federated (AD FS) device failed to get a Primary Refresh Token.
const deviceAuthPRTReason = "The Federation Service failed to issue an OAuth Primary Refresh Token"

// Success texts: Graph shows success with failureReason "Other." (common today), with
// nulls (Microsoft's documented example), or as an empty status object.
const (
	successReason      = "Other."
	detailMFAClaim     = "MFA requirement satisfied by claim in the token"
	detailMFACompleted = "MFA completed in Azure AD"
)

// InterruptCodes are the codes Microsoft's "Sign-in Analysis" workbook counts as
// "Pending user action (Interrupts)" rather than failures (see interrupts.md).
var InterruptCodes = []int{50058, 50140, 51006, 50059, 65001, 52004, 50055, 50144, 50072, 50074, 16000, 16001, 16003, 50127, 50125, 50129, 50143, 81010, 81014, 81012}

var interruptSet = func() map[int]bool {
	m := make(map[int]bool, len(InterruptCodes))
	for _, c := range InterruptCodes {
		m[c] = true
	}
	return m
}()

// IsInterrupt reports whether code is in the workbook's interrupt list.
func IsInterrupt(code int) bool { return interruptSet[code] }

// IsFailure reports whether code is a failure by the workbook's rule: non-zero and not an
// interrupt.
func IsFailure(code int) bool { return code != 0 && !interruptSet[code] }
