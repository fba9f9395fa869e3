package simulator

import (
	"encoding/json"
	"testing"
)

// microsoftExample is Example 2 of Microsoft's "List signIns" (v1.0) documentation, as in
// graph-signins.md §1.4 (the published sample's trailing comma removed).
const microsoftExample = `{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns",
  "@odata.nextLink": "https://graph.microsoft.com/v1.0/auditLogs/signins?$filter=startsWith(appDisplayName%2c%27Graph%27)&$top=10&$skiptoken=70f66c0893886b49370ffdb44cd8d137b1a12b9ba02f34a16f33c5e0f7c42fc7",
  "value": [{
    "id": "66ea54eb-6301-4ee5-be62-ff5a759b0100", "createdDateTime": "2020-03-13T19:15:41.6195833Z",
    "userDisplayName": "Test Contoso", "userPrincipalName": "testaccount1@contoso.com",
    "userId": "26be570a-ae82-4189-b4e2-a37c6808512d", "appId": "de8bc8b5-d9f9-48b1-a8ad-b748da725064",
    "appDisplayName": "Graph explorer", "ipAddress": "131.107.159.37", "clientAppUsed": "Browser",
    "correlationId": "d79f5bee-5860-4832-928f-3133e22ae912", "conditionalAccessStatus": "notApplied",
    "isInteractive": true, "riskDetail": "none", "riskLevelAggregated": "none", "riskLevelDuringSignIn": "none",
    "riskState": "none", "riskEventTypes": [], "resourceDisplayName": "Microsoft Graph",
    "resourceId": "00000003-0000-0000-c000-000000000000",
    "status": {"errorCode": 0, "failureReason": null, "additionalDetails": null},
    "deviceDetail": {"deviceId": "", "displayName": null, "operatingSystem": "Windows 10", "browser": "Edge 80.0.361",
      "isCompliant": null, "isManaged": null, "trustType": null},
    "location": {"city": "Redmond", "state": "Washington", "countryOrRegion": "US",
      "geoCoordinates": {"altitude": null, "latitude": 47.68050003051758, "longitude": -122.12094116210938}},
    "appliedConditionalAccessPolicies": [
      {"id": "de7e60eb-ed89-4d73-8205-2227def6b7c9", "displayName": "SharePoint limited access for guest workers",
       "enforcedGrantControls": [], "enforcedSessionControls": [], "result": "notEnabled"},
      {"id": "6701123a-b4c6-48af-8565-565c8bf7cabc", "displayName": "Medium signin risk block",
       "enforcedGrantControls": [], "enforcedSessionControls": [], "result": "notEnabled"}]
  }]
}`

// TestMirrorsMicrosoftExample checks that a simulated page has every member of Microsoft's
// documented example, with the same JSON type (null in either counts as a match).
func TestMirrorsMicrosoftExample(t *testing.T) {
	var example map[string]any
	if err := json.Unmarshal([]byte(microsoftExample), &example); err != nil {
		t.Fatal(err)
	}
	r := get(t, shared, demoToken(t, shared), signIns("v1.0", "$top", "10"))
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	// Compare against every row of the page: each must have the documented shape.
	for _, row := range pageValues(r) {
		page := map[string]any{"@odata.context": r.obj["@odata.context"], "@odata.nextLink": r.obj["@odata.nextLink"], "value": []any{row}}
		sameShape(t, "$", example, page)
	}
}

func sameShape(t *testing.T, path string, want, got any) {
	t.Helper()
	if want == nil || got == nil {
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Fatalf("%s: %T, want an object", path, got)
		}
		if len(g) == 0 && path == "$.value[0].status" {
			return // a success written as {}, as in Microsoft's beta example 2
		}
		for k, wv := range w {
			gv, present := g[k]
			if !present {
				t.Fatalf("%s.%s is missing", path, k)
			}
			sameShape(t, path+"."+k, wv, gv)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			t.Fatalf("%s: %T, want an array", path, got)
		}
		if len(w) > 0 && len(g) > 0 {
			sameShape(t, path+"[0]", w[0], g[0])
		}
	default:
		if wt, gt := jsonType(want), jsonType(got); wt != gt {
			t.Fatalf("%s: %s, want %s", path, gt, wt)
		}
	}
}

func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	}
	return "other"
}
