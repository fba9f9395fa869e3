package graph

// SelectV1 is the $select of a sign-ins query on Graph v1.0: what the frames show and what the
// built-in rules read (the rules receive each sign-in's JSON as input). It is generous on
// purpose, since a rule that reads an unselected property silently sees nothing:
//   - frames: id, createdDateTime, user*, app*, status, correlationId, ipAddress,
//     clientAppUsed, location, deviceDetail, conditionalAccessStatus;
//   - rules: status (code, failure reason, additional details), clientAppUsed,
//     appliedConditionalAccessPolicies, deviceDetail, location, isInteractive, the risk
//     fields, userPrincipalName, resourceDisplayName and resourceId.
//
// Left out: riskEventTypes, the deprecated twin of riskEventTypes_v2. When the data source has
// user rules, nothing is selected at all so those rules can read any property.
var SelectV1 = []string{
	"id", "createdDateTime", "userDisplayName", "userPrincipalName", "userId", "appId", "appDisplayName",
	"ipAddress", "clientAppUsed", "correlationId", "conditionalAccessStatus", "isInteractive",
	"resourceDisplayName", "resourceId", "status", "deviceDetail", "location", "appliedConditionalAccessPolicies",
	"riskDetail", "riskLevelAggregated", "riskLevelDuringSignIn", "riskState", "riskEventTypes_v2",
}

// SelectBeta adds the beta properties that explain a sign-in: how the user authenticated and
// what was required (authenticationRequirement, authenticationDetails, the requirement
// policies and methods, sessionLifetimePolicies for sign-in frequency), who signed in
// (signInEventTypes, userType, servicePrincipal*, managedServiceIdentity, signInIdentifier),
// across which tenants (crossTenantAccessType, homeTenantId, resourceTenantId,
// isTenantRestricted) and from where (networkLocationDetails, userAgent).
//
// Left out are the bulky or bookkeeping ones nothing reads: authenticationProcessingDetails,
// appliedEventListeners, the authentication app details, token protection details, private
// link and Global Secure Access details, credential key IDs and thumbprints, session and
// token identifiers, processing time and mfaDetail (deprecated).
var SelectBeta = append(append([]string(nil), SelectV1...),
	"authenticationRequirement", "authenticationRequirementPolicies", "authenticationDetails",
	"authenticationMethodsUsed", "authenticationProtocol", "sessionLifetimePolicies",
	"signInEventTypes", "userType", "servicePrincipalId", "servicePrincipalName", "managedServiceIdentity",
	"signInIdentifier", "signInIdentifierType", "clientCredentialType", "incomingTokenType", "tokenIssuerType",
	"crossTenantAccessType", "homeTenantId", "resourceTenantId", "isTenantRestricted",
	"networkLocationDetails", "userAgent", "originalTransferMethod",
)

// Select returns the $select for an API version.
func Select(apiVersion string) []string {
	if apiVersion == "beta" {
		return SelectBeta
	}
	return SelectV1
}
