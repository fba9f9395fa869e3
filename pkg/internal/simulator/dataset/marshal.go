package dataset

import (
	"bytes"
	"encoding/json"
)

// API versions a record can be written for.
const (
	V1   = "v1.0"
	Beta = "beta"
)

// TimeFormat is how Graph writes createdDateTime: UTC with seven fractional digits.
const TimeFormat = "2006-01-02T15:04:05.0000000Z"

var noStrings = []string{}

// MarshalVersion returns the record as Graph's JSON for version (V1 or Beta), members in
// the order of Microsoft's documented example. withCA says whether the caller may read
// Conditional Access data; without it appliedConditionalAccessPolicies is left out, as
// Graph does.
func (r *Record) MarshalVersion(version string, withCA bool) ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, 8192), version, withCA), nil
}

// AppendJSON appends the record's JSON for version to b (see MarshalVersion).
func (r *Record) AppendJSON(b []byte, version string, withCA bool) []byte {
	w := &jsonw{b: b}
	w.open()
	r.writeCommon(w, version)
	if version != Beta {
		events := noStrings
		if r.Risk != nil {
			events = r.Risk.EventsV1
		}
		w.strs("riskEventTypes", events)
	}
	if withCA {
		w.raw("appliedConditionalAccessPolicies", r.CA.json(version))
	}
	if version == Beta {
		r.writeBeta(w)
	}
	w.close()
	return w.b
}

// writeCommon writes the members v1.0 and beta share.
func (r *Record) writeCommon(w *jsonw, version string) {
	w.guid("id", r.ID)
	w.key("createdDateTime")
	w.b = append(w.b, '"')
	w.b = r.Time.UTC().AppendFormat(w.b, TimeFormat)
	w.b = append(w.b, '"')
	if r.User != nil {
		w.str("userDisplayName", r.User.DisplayName)
		w.str("userPrincipalName", r.User.UPN)
		w.guid("userId", r.User.ID)
	} else {
		w.str("userDisplayName", "")
		w.str("userPrincipalName", r.Identifier)
		w.str("userId", "")
	}
	w.str("appId", r.App.ID)
	w.str("appDisplayName", r.App.Name)
	w.str("ipAddress", r.IP)
	w.str("clientAppUsed", r.ClientApp)
	w.guid("correlationId", r.CorrelationID)
	w.str("conditionalAccessStatus", r.CA.Status)
	w.boolean("isInteractive", r.Interactive())
	k := r.risk()
	w.str("riskDetail", k.Detail)
	w.str("riskLevelAggregated", k.Aggregated)
	w.str("riskLevelDuringSignIn", k.During)
	w.str("riskState", k.State)
	w.strs("riskEventTypes_v2", k.Events)
	w.str("resourceDisplayName", r.Resource.Name)
	w.str("resourceId", r.Resource.ID)
	r.writeStatus(w)
	r.writeDevice(w, version)
	w.object("location")
	w.str("city", r.Place.City)
	w.str("state", r.Place.State)
	w.str("countryOrRegion", r.Place.Country)
	w.object("geoCoordinates")
	w.null("altitude")
	w.float("latitude", r.Place.Lat)
	w.float("longitude", r.Place.Lon)
	w.close()
	w.close()
}

// noRisk is what records without a risk verdict show.
var noRisk = &Risk{During: "none", Aggregated: "none", State: "none", Detail: "none", Events: noStrings, EventsV1: noStrings}

func (r *Record) risk() *Risk {
	if r.Risk == nil {
		return noRisk
	}
	return r.Risk
}

// writeStatus writes signInStatus in the record's form: full, with nulls, or {}.
func (r *Record) writeStatus(w *jsonw) {
	w.object("status")
	switch r.Form {
	case StatusEmpty:
	case StatusNulls:
		w.int("errorCode", int64(r.Code))
		w.null("failureReason")
		w.null("additionalDetails")
	default:
		w.int("errorCode", int64(r.Code))
		w.strOrNull("failureReason", r.Reason)
		w.strOrNull("additionalDetails", r.Details)
	}
	w.close()
}

// writeDevice writes deviceDetail; unregistered devices have no ID, name or trust type.
func (r *Record) writeDevice(w *jsonw, version string) {
	d := r.Device
	w.object("deviceDetail")
	if d.Registered() {
		w.guid("deviceId", d.ID)
		w.str("displayName", d.DisplayName)
	} else {
		w.str("deviceId", "")
		w.null("displayName")
	}
	w.str("operatingSystem", d.OS)
	w.str("browser", r.browser())
	if version == Beta {
		w.str("browserId", "")
	}
	w.boolean("isCompliant", d.Compliant)
	w.boolean("isManaged", d.Managed)
	w.strOrNull("trustType", d.TrustType)
	w.close()
}

// browser is deviceDetail.browser: the web browser, "Rich Client <MSAL version>" for
// apps, and empty for basic-auth protocols and daemons.
func (r *Record) browser() string {
	switch {
	case r.Type == ServicePrincipal || IsLegacyClientApp(r.ClientApp):
		return ""
	case r.App.Kind == RichClient:
		return richClient
	}
	return r.Device.Browser
}

// JSON returns the record as a decoded JSON object for version, with Conditional Access
// data and numbers as json.Number. It is the slow, general form, for tests and tools.
func (r *Record) JSON(version string) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(r.AppendJSON(nil, version, true)))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return nil
	}
	return m
}

type appliedPolicy struct {
	ID                      string   `json:"id"`
	DisplayName             string   `json:"displayName"`
	EnforcedGrantControls   []string `json:"enforcedGrantControls"`
	EnforcedSessionControls []string `json:"enforcedSessionControls"`
	Result                  string   `json:"result"`
	// Beta only.
	ConditionsSatisfied         string      `json:"conditionsSatisfied,omitempty"`
	ConditionsNotSatisfied      string      `json:"conditionsNotSatisfied,omitempty"`
	IncludeRulesSatisfied       *[]struct{} `json:"includeRulesSatisfied,omitempty"`
	ExcludeRulesSatisfied       *[]struct{} `json:"excludeRulesSatisfied,omitempty"`
	SessionControlsNotSatisfied *[]string   `json:"sessionControlsNotSatisfied,omitempty"`
}

// encode writes the outcome's appliedConditionalAccessPolicies for version. Outcomes are
// few and shared by many rows, so policySet encodes each once when it is created.
func (o *CAOutcome) encode(version string) json.RawMessage {
	list := make([]appliedPolicy, 0, len(o.Results))
	for _, pr := range o.Results {
		p := appliedPolicy{ID: pr.Policy.ID.String(), DisplayName: pr.Policy.Name, EnforcedGrantControls: noStrings,
			EnforcedSessionControls: noStrings, Result: pr.Result}
		applied := pr.Result == "success" || pr.Result == "failure"
		if applied {
			p.EnforcedGrantControls = pr.Policy.Grant
		}
		if pr.Result == "success" && pr.Policy.Session != nil {
			p.EnforcedSessionControls = pr.Policy.Session
		}
		if version == Beta {
			p.ConditionsSatisfied, p.ConditionsNotSatisfied = "none", pr.Policy.Conditions
			if applied {
				p.ConditionsSatisfied, p.ConditionsNotSatisfied = pr.Policy.Conditions, "none"
			}
			p.IncludeRulesSatisfied, p.ExcludeRulesSatisfied, p.SessionControlsNotSatisfied = &[]struct{}{}, &[]struct{}{}, &noStrings
		}
		list = append(list, p)
	}
	b, _ := json.Marshal(list)
	return b
}

// json returns the cached encoding for version.
func (o *CAOutcome) json(version string) json.RawMessage {
	if version == Beta {
		return o.betaJSON
	}
	return o.v1JSON
}
