package portalexport

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// csvColumns maps the portal's CSV headers (lower-cased) to the Graph property path they hold,
// so a CSV row becomes the same JSON object the rules see from Graph.
var csvColumns = map[string]string{
	"date (utc)":                   "createdDateTime",
	"date":                         "createdDateTime",
	"request id":                   "id",
	"correlation id":               "correlationId",
	"user id":                      "userId",
	"user":                         "userDisplayName",
	"username":                     "userPrincipalName",
	"user type":                    "userType",
	"application":                  "appDisplayName",
	"application id":               "appId",
	"resource":                     "resourceDisplayName",
	"resource id":                  "resourceId",
	"ip address":                   "ipAddress",
	"sign-in error code":           "status.errorCode",
	"failure reason":               "status.failureReason",
	"additional details":           "status.additionalDetails",
	"client app":                   "clientAppUsed",
	"device id":                    "deviceDetail.deviceId",
	"browser":                      "deviceDetail.browser",
	"operating system":             "deviceDetail.operatingSystem",
	"compliant":                    "deviceDetail.isCompliant",
	"managed":                      "deviceDetail.isManaged",
	"join type":                    "deviceDetail.trustType",
	"conditional access":           "conditionalAccessStatus",
	"authentication requirement":   "authenticationRequirement",
	"user agent":                   "userAgent",
	"sign-in identifier":           "signInIdentifier",
	"session id":                   "sessionId",
	"autonomous system number":     "autonomousSystemNumber",
	"incoming token type":          "incomingTokenType",
	"cross tenant access type":     "crossTenantAccessType",
	"authentication protocol":      "authenticationProtocol",
	"client credential type":       "clientCredentialType",
	"token issuer type":            "tokenIssuerType",
	"latency":                      "processingTimeInMilliseconds",
	"flagged for review":           "flaggedForReview",
	"through global secure access": "isThroughGlobalSecureAccess",
}

// readCSV reads the portal's CSV download. Unknown columns are ignored; "Location" ("City,
// State, CC") is split into the location object.
func readCSV(r io.Reader) ([]signin.SignIn, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading the CSV header: %w", err)
	}
	paths := make([]string, len(header))
	var known int
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		if key == "location" {
			paths[i] = "location"
			known++
			continue
		}
		if p, ok := csvColumns[key]; ok {
			paths[i] = p
			known++
		}
	}
	if known < 3 {
		return nil, fmt.Errorf("the CSV header %q does not look like an Entra sign-in log download", strings.Join(header, ","))
	}
	var out []signin.SignIn
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("CSV line %d: %w", line, err)
		}
		s, err := csvSignIn(paths, rec)
		if err != nil {
			return nil, fmt.Errorf("CSV line %d: %w", line, err)
		}
		out = append(out, s)
	}
}

func csvSignIn(paths, rec []string) (signin.SignIn, error) {
	obj := map[string]any{}
	for i, value := range rec {
		if i >= len(paths) || paths[i] == "" {
			continue
		}
		value = strings.TrimSpace(value)
		if paths[i] == "location" {
			obj["location"] = location(value)
			continue
		}
		v, err := csvValue(paths[i], value)
		if err != nil {
			return signin.SignIn{}, err
		}
		if v != nil {
			set(obj, strings.Split(paths[i], "."), v)
		}
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		return signin.SignIn{}, err
	}
	return signin.Decode(raw)
}

// csvValue converts a cell to the JSON type Graph uses for the property.
func csvValue(path, value string) (any, error) {
	if value == "" || strings.EqualFold(value, "None") && path != "status.failureReason" {
		if path == "status.errorCode" {
			return 0, nil // the portal writes "None" for successes
		}
		return nil, nil
	}
	switch path {
	case "status.errorCode", "processingTimeInMilliseconds", "autonomousSystemNumber":
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s %q is not a number", path, value)
		}
		return n, nil
	case "deviceDetail.isCompliant", "deviceDetail.isManaged", "flaggedForReview", "isThroughGlobalSecureAccess":
		return strings.EqualFold(value, "true") || strings.EqualFold(value, "yes"), nil
	case "createdDateTime":
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "1/2/2006, 3:04:05 PM", "2006-01-02 15:04:05"} {
			if t, err := time.Parse(layout, value); err == nil {
				return t.UTC().Format(time.RFC3339Nano), nil
			}
		}
		return nil, fmt.Errorf("date %q is not in a format the portal writes", value)
	}
	return value, nil
}

func location(v string) map[string]any {
	parts := strings.Split(v, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	loc := map[string]any{}
	if n := len(parts); n > 0 && parts[n-1] != "" {
		loc["countryOrRegion"] = parts[n-1]
		if n > 1 {
			loc["city"] = parts[0]
		}
		if n > 2 {
			loc["state"] = parts[1]
		}
	}
	return loc
}

func set(obj map[string]any, path []string, v any) {
	for _, p := range path[:len(path)-1] {
		next, ok := obj[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			obj[p] = next
		}
		obj = next
	}
	obj[path[len(path)-1]] = v
}
