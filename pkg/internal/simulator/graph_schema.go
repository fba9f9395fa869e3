package simulator

import (
	"strings"

	"github.com/sigdiag/signin-diagnostics/pkg/internal/simulator/dataset"
)

// The signIn resource's top-level properties per version, for $select (graph-signins.md
// §1.1 and §1.3). Beta has no riskEventTypes.
var v1Properties = []string{
	"id", "createdDateTime", "userDisplayName", "userPrincipalName", "userId", "appId", "appDisplayName",
	"ipAddress", "clientAppUsed", "correlationId", "conditionalAccessStatus", "isInteractive", "riskDetail",
	"riskLevelAggregated", "riskLevelDuringSignIn", "riskState", "riskEventTypes", "riskEventTypes_v2",
	"resourceDisplayName", "resourceId", "status", "deviceDetail", "location", "appliedConditionalAccessPolicies",
}

var betaOnlyProperties = []string{
	"appOwnerTenantId", "appTokenProtectionStatus", "appliedEventListeners", "authenticationAppDeviceDetails",
	"authenticationAppPolicyEvaluationDetails", "authenticationContextClassReferences", "authenticationDetails",
	"authenticationMethodsUsed", "authenticationProcessingDetails", "authenticationProtocol",
	"authenticationRequirement", "authenticationRequirementPolicies", "autonomousSystemNumber", "azureResourceId",
	"clientCredentialType", "conditionalAccessAudiences", "crossTenantAccessType", "federatedCredentialId",
	"flaggedForReview", "globalSecureAccessIpAddress", "homeTenantId", "homeTenantName", "incomingTokenType",
	"ipAddressFromResourceProvider", "isTenantRestricted", "isThroughGlobalSecureAccess", "managedServiceIdentity",
	"mfaDetail", "networkLocationDetails", "originalRequestId", "originalTransferMethod", "privateLinkDetails",
	"processingTimeInMilliseconds", "resourceOwnerTenantId", "resourceServicePrincipalId", "resourceTenantId",
	"servicePrincipalCredentialKeyId", "servicePrincipalCredentialThumbprint", "servicePrincipalId",
	"servicePrincipalName", "sessionId", "sessionLifetimePolicies", "signInEventTypes", "signInIdentifier",
	"signInIdentifierType", "signInTokenProtectionStatus", "tokenIssuerName", "tokenIssuerType",
	"tokenProtectionStatusDetails", "uniqueTokenIdentifier", "userAgent", "userType",
}

var betaProperties = func() []string {
	var out []string
	for _, p := range v1Properties {
		if p != "riskEventTypes" {
			out = append(out, p)
		}
	}
	return append(out, betaOnlyProperties...)
}()

func propertiesOf(version string) []string {
	if version == dataset.Beta {
		return betaProperties
	}
	return v1Properties
}

// Filter operators, as a bit set.
type opSet uint8

const (
	opEq opSet = 1 << iota
	opNe
	opRange // ge, le, gt, lt
	opStartsWith
)

// valueKind is the type a property's literal must have.
type valueKind uint8

const (
	kindString valueKind = iota
	kindEnum
	kindInt
	kindTime
	kindCollection // filtered through any(); ops apply to the elements
)

// filterRule says how a property may be filtered on.
type filterRule struct {
	ops  opSet
	kind valueKind
	enum []string
}

var (
	riskLevels  = []string{"low", "medium", "high", "hidden", "none", "unknownFutureValue"}
	riskStates  = []string{"none", "confirmedSafe", "remediated", "dismissed", "atRisk", "confirmedCompromised", "unknownFutureValue"}
	riskDetails = []string{"none", "adminGeneratedTemporaryPassword", "userPerformedSecuredPasswordChange", "userPerformedSecuredPasswordReset",
		"adminConfirmedSigninSafe", "aiConfirmedSigninSafe", "userPassedMFADrivenByRiskBasedPolicy", "adminDismissedAllRiskForUser",
		"adminConfirmedSigninCompromised", "hidden", "adminConfirmedUserCompromised", "unknownFutureValue"}
	eventTypes = []string{"interactiveUser", "nonInteractiveUser", "servicePrincipal", "managedIdentity", "unknownFutureValue"}
)

// v1Filters are the documented $filter capabilities of v1.0 (graph-signins.md §1.1, §2).
// ge and le are documented only for createdDateTime; gt and lt are accepted there too,
// as integrations use them (e.g. CIPP) and Graph answers them. ne is documented only for
// beta signInEventTypes.
var v1Filters = map[string]filterRule{
	"id":                           {opEq, kindString, nil},
	"createdDateTime":              {opEq | opRange, kindTime, nil},
	"userDisplayName":              {opEq | opStartsWith, kindString, nil},
	"userPrincipalName":            {opEq | opStartsWith, kindString, nil},
	"userId":                       {opEq, kindString, nil},
	"appId":                        {opEq, kindString, nil},
	"appDisplayName":               {opEq | opStartsWith, kindString, nil},
	"ipAddress":                    {opEq | opStartsWith, kindString, nil},
	"clientAppUsed":                {opEq, kindString, nil},
	"correlationId":                {opEq, kindString, nil},
	"conditionalAccessStatus":      {opEq, kindEnum, []string{"success", "failure", "notApplied", "unknownFutureValue"}},
	"resourceDisplayName":          {opEq, kindString, nil},
	"resourceId":                   {opEq, kindString, nil},
	"riskDetail":                   {opEq, kindEnum, riskDetails},
	"riskLevelAggregated":          {opEq, kindEnum, riskLevels},
	"riskLevelDuringSignIn":        {opEq, kindEnum, riskLevels},
	"riskState":                    {opEq, kindEnum, riskStates},
	"riskEventTypes":               {opEq, kindCollection, nil},
	"riskEventTypes_v2":            {opEq | opStartsWith, kindCollection, nil},
	"status/errorCode":             {opEq, kindInt, nil},
	"deviceDetail/browser":         {opEq | opStartsWith, kindString, nil},
	"deviceDetail/operatingSystem": {opEq | opStartsWith, kindString, nil},
	"location/city":                {opEq | opStartsWith, kindString, nil},
	"location/state":               {opEq | opStartsWith, kindString, nil},
	"location/countryOrRegion":     {opEq | opStartsWith, kindString, nil},
}

// betaFilters adds the beta properties (2020 beta list doc and the current beta SDK).
var betaFilters = func() map[string]filterRule {
	m := map[string]filterRule{}
	for k, v := range v1Filters {
		if k != "riskEventTypes" {
			m[k] = v
		}
	}
	for k, v := range map[string]filterRule{
		"signInEventTypes":           {opEq | opNe, kindCollection, eventTypes},
		"authenticationRequirement":  {opEq | opStartsWith, kindString, nil},
		"servicePrincipalId":         {opEq | opStartsWith, kindString, nil},
		"servicePrincipalName":       {opEq | opStartsWith, kindString, nil},
		"userAgent":                  {opEq | opStartsWith, kindString, nil},
		"appOwnerTenantId":           {opEq, kindString, nil},
		"resourceOwnerTenantId":      {opEq, kindString, nil},
		"conditionalAccessAudiences": {opEq, kindCollection, nil},
		"originalRequestId":          {opEq, kindString, nil},
		"tokenIssuerName":            {opEq, kindString, nil},
		"tokenIssuerType":            {opEq, kindString, nil},
	} {
		m[k] = v
	}
	return m
}()

// filterRuleFor resolves a property path case-insensitively to its canonical spelling.
func filterRuleFor(version string, path []string) (string, filterRule, bool) {
	rules := v1Filters
	if version == dataset.Beta {
		rules = betaFilters
	}
	want := strings.Join(path, "/")
	for name, rule := range rules {
		if strings.EqualFold(name, want) {
			return name, rule, true
		}
	}
	return want, filterRule{}, false
}
