package dataset

// Property returns the JSON value of one top-level property of the record as version
// writes it, decoded the way encoding/json decodes it (string, bool, int64, []any,
// map[string]any or nil), without marshalling the whole record. The simulator builds
// filter inputs from it, so it covers every property Graph allows in $filter; for any
// other property it falls back to the slow path. Filters see the underlying errorCode
// even when the status is written as {}, as Graph filters on stored data.
func (r *Record) Property(version, name string) (any, bool) {
	switch name {
	case "id":
		return r.ID.String(), true
	case "createdDateTime":
		return r.Time.UTC().Format(TimeFormat), true
	case "userDisplayName":
		if r.User == nil {
			return "", true
		}
		return r.User.DisplayName, true
	case "userPrincipalName":
		return r.UPN(), true
	case "userId":
		if r.User == nil {
			return "", true
		}
		return r.User.ID.String(), true
	case "appId":
		return r.App.ID, true
	case "appDisplayName":
		return r.App.Name, true
	case "ipAddress":
		return r.IP, true
	case "clientAppUsed":
		return r.ClientApp, true
	case "correlationId":
		return r.CorrelationID.String(), true
	case "conditionalAccessStatus":
		return r.CA.Status, true
	case "isInteractive":
		return r.Interactive(), true
	case "resourceDisplayName":
		return r.Resource.Name, true
	case "resourceId":
		return r.Resource.ID, true
	case "status":
		return map[string]any{"errorCode": int64(r.Code)}, true
	case "deviceDetail":
		return map[string]any{"browser": r.browser(), "operatingSystem": r.Device.OS}, true
	case "location":
		return map[string]any{"city": r.Place.City, "state": r.Place.State, "countryOrRegion": r.Place.Country}, true
	}
	if v, ok := r.riskProperty(version, name); ok {
		return v, true
	}
	if version == Beta {
		if v, ok := r.betaProperty(name); ok {
			return v, true
		}
	}
	v, ok := r.JSON(version)[name]
	return v, ok
}

func (r *Record) riskProperty(version, name string) (any, bool) {
	k := r.risk()
	switch name {
	case "riskDetail":
		return k.Detail, true
	case "riskLevelAggregated":
		return k.Aggregated, true
	case "riskLevelDuringSignIn":
		return k.During, true
	case "riskState":
		return k.State, true
	case "riskEventTypes_v2":
		return strings2any(k.Events), true
	case "riskEventTypes":
		if version == V1 {
			return strings2any(k.EventsV1), true
		}
	}
	return nil, false
}

func (r *Record) betaProperty(name string) (any, bool) {
	switch name {
	case "signInEventTypes":
		return []any{r.Type.String()}, true
	case "userAgent":
		return r.UserAgent, true
	case "originalRequestId":
		return r.ID.String(), true
	case "tokenIssuerName":
		return "", true
	case "tokenIssuerType":
		return "AzureAD", true
	}
	f := r.betaFacts()
	switch name {
	case "authenticationRequirement":
		return f.requirement, true
	case "servicePrincipalId":
		return f.spID, true
	case "servicePrincipalName":
		return f.spName, true
	case "appOwnerTenantId":
		return f.appOwner, true
	case "resourceOwnerTenantId":
		return f.resourceOwner, true
	case "conditionalAccessAudiences":
		return strings2any(f.audiences), true
	case "userType":
		if f.userType == "" {
			return nil, true
		}
		return f.userType, true
	}
	return nil, false
}

func strings2any(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
