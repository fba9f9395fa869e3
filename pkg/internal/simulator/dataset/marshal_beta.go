package dataset

import (
	"encoding/base64"
)

// betaFacts are the record-dependent values of the beta-only members. Both the JSON
// writer and Property read them, so a filter always sees what the JSON shows.
type betaFacts struct {
	appOwner, resourceOwner, homeTenant string
	requirement                         string // authenticationRequirement
	credentialType                      string // clientCredentialType
	spID, spName, spKeyID               string
	identifier, identifierType          string // signInIdentifier(Type); type "" is null
	crossTenant                         string
	userType                            string // "" is null
	protocol, incoming                  string
	audiences                           []string
	namedNetwork                        string
}

func (r *Record) betaFacts() betaFacts {
	tid := r.tenant.id
	f := betaFacts{appOwner: tid, resourceOwner: tid, homeTenant: tid, requirement: "singleFactorAuthentication",
		credentialType: "none", identifier: r.UPN(), identifierType: "userPrincipalName", crossTenant: "none",
		userType: "member", protocol: "none", incoming: "none", audiences: []string{r.Resource.ID}}
	if r.App.FirstParty {
		f.appOwner = microsoftTenantID
	}
	if r.Resource.ID != r.App.ID && isFirstPartyResource(r.Resource) {
		f.resourceOwner = microsoftTenantID
	}
	if r.MFA {
		f.requirement = "multiFactorAuthentication"
	}
	switch {
	case r.Type == ServicePrincipal:
		f.credentialType, f.spID, f.spName, f.spKeyID = "clientSecret", r.App.SPID, r.App.Name, r.CorrelationID.String()
		f.identifier, f.identifierType, f.userType, f.audiences = "", "", "", noStrings
	case r.User != nil && r.User.Guest:
		f.userType, f.crossTenant, f.homeTenant = "guest", "b2bCollaboration", r.User.HomeTenant.String()
	}
	if r.ClientApp == "Other clients" {
		f.protocol = "ropc"
	}
	if r.Device.Registered() && r.Device.OS == "Windows10" && r.auth == authSSO {
		f.incoming = "primaryRefreshToken"
	}
	for _, o := range offices {
		if r.IP == o.ip {
			f.namedNetwork = homePlaces[o.place].City + " office"
		}
	}
	return f
}

// writeBeta writes the beta-only members, after the shared ones (graph-signins.md §1.3).
func (r *Record) writeBeta(w *jsonw) {
	f := r.betaFacts()
	w.str("appOwnerTenantId", f.appOwner)
	w.strs("authenticationContextClassReferences", noStrings)
	r.writeAuthDetails(w)
	w.b = append(w.b, `,"authenticationProcessingDetails":[{"key":"Legacy TLS (TLS 1.0, 1.1, 3DES)","value":"False"},{"key":"Is CAE Token","value":"False"}]`...)
	w.str("authenticationProtocol", f.protocol)
	w.str("authenticationRequirement", f.requirement)
	w.strs("authenticationRequirementPolicies", noStrings)
	w.int("autonomousSystemNumber", int64(r.ASN))
	w.str("azureResourceId", "")
	w.str("clientCredentialType", f.credentialType)
	w.strs("conditionalAccessAudiences", f.audiences)
	w.str("crossTenantAccessType", f.crossTenant)
	w.str("federatedCredentialId", "")
	w.boolean("flaggedForReview", false)
	w.str("globalSecureAccessIpAddress", "")
	w.str("homeTenantId", f.homeTenant)
	w.str("homeTenantName", "")
	w.str("incomingTokenType", f.incoming)
	w.str("ipAddressFromResourceProvider", "")
	w.boolean("isTenantRestricted", false)
	w.boolean("isThroughGlobalSecureAccess", false)
	w.b = append(w.b, `,"managedServiceIdentity":{"associatedResourceId":"","federatedTokenId":"","federatedTokenIssuer":"","msiType":"none"}`...)
	w.null("mfaDetail")
	w.key("networkLocationDetails")
	if f.namedNetwork != "" {
		w.b = append(w.b, `[{"networkType":"namedNetwork","networkNames":[`...)
		w.b = append(appendQuoted(w.b, f.namedNetwork), "]}]"...)
	} else {
		w.b = append(w.b, "[]"...)
	}
	w.guid("originalRequestId", r.ID)
	w.str("originalTransferMethod", "none")
	w.int("processingTimeInMilliseconds", int64(r.Processing))
	w.str("resourceOwnerTenantId", f.resourceOwner)
	w.str("resourceTenantId", r.tenant.id)
	w.str("servicePrincipalCredentialKeyId", f.spKeyID)
	w.str("servicePrincipalId", f.spID)
	w.str("servicePrincipalName", f.spName)
	w.guid("sessionId", r.SessionID)
	w.strs("sessionLifetimePolicies", noStrings)
	w.strs("signInEventTypes", []string{r.Type.String()})
	w.str("signInIdentifier", f.identifier)
	w.strOrNull("signInIdentifierType", f.identifierType)
	w.str("signInTokenProtectionStatus", "none")
	w.str("tokenIssuerName", "")
	w.str("tokenIssuerType", "AzureAD")
	w.str("uniqueTokenIdentifier", base64.RawURLEncoding.EncodeToString(r.ID[8:])+base64.RawURLEncoding.EncodeToString(r.CorrelationID[:8]))
	w.str("userAgent", r.UserAgent)
	w.strOrNull("userType", f.userType)
}

func isFirstPartyResource(res *Resource) bool {
	for _, r := range []*Resource{resGraph, resExchange, resSharePoint, resAzureMgmt, resTeams, resAAD, resPowerBI, resIntune, resDRS} {
		if r == res {
			return true
		}
	}
	return false
}

// authStep is one authenticationDetails entry.
type authStep struct {
	method, methodDetail, requirement, result string
	ok                                        bool
}

// authSteps are the beta authenticationDetails steps and authenticationMethodsUsed.
func (r *Record) authSteps() ([]authStep, []string) {
	pw := func(ok bool, detail string) authStep {
		return authStep{"Password", "Password in the cloud", "Primary authentication", detail, ok}
	}
	second := func(ok bool, detail string) authStep { return authStep{r.authMethod, "", "MFA", detail, ok} }
	switch r.auth {
	case authSSO:
		steps := []authStep{{"Previously satisfied", "", "Primary authentication", "First factor requirement satisfied by claim in the token", true}}
		if r.MFA {
			steps = append(steps, authStep{"Previously satisfied", "", "MFA", "MFA requirement satisfied by claim in the token", true})
		}
		return steps, noStrings
	case authPasswordMFA:
		return []authStep{pw(true, "Correct password"), second(true, "MFA successfully completed")}, []string{"Password", r.authMethod}
	case authPassword:
		return []authStep{pw(true, "Correct password")}, []string{"Password"}
	case authBadPassword:
		return []authStep{pw(false, "Invalid username or password or Invalid on-premise username or password.")}, []string{"Password"}
	case authMFAFailed:
		return []authStep{pw(true, "Correct password"), second(false, r.Details)}, []string{"Password"}
	case authLocked:
		return []authStep{pw(false, "Account is locked")}, noStrings
	}
	return nil, noStrings
}

func (r *Record) writeAuthDetails(w *jsonw) {
	steps, used := r.authSteps()
	w.key("authenticationDetails")
	w.b = append(w.b, '[')
	for i, s := range steps {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.open()
		w.str("authenticationMethod", s.method)
		w.str("authenticationMethodDetail", s.methodDetail)
		w.key("authenticationStepDateTime")
		w.b = append(w.b, '"')
		w.b = r.Time.UTC().AppendFormat(w.b, TimeFormat)
		w.b = append(w.b, '"')
		w.str("authenticationStepRequirement", s.requirement)
		w.str("authenticationStepResultDetail", s.result)
		w.boolean("succeeded", s.ok)
		w.close()
	}
	w.b = append(w.b, ']')
	w.first = false
	w.strs("authenticationMethodsUsed", used)
}
