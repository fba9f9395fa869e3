package simulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestGraphAuthentication(t *testing.T) {
	other := startServer(t, Options{})
	expiring := startServer(t, Options{TokenLifetime: -time.Second})
	cases := []struct {
		name, tok, msg string
		s              *Server
	}{
		{"no token", "", "Access token is empty.", shared},
		{"garbage", "abc", "IDX14100", shared},
		{"token of another server", demoToken(t, other), "Invalid signature", shared},
		{"expired token", demoToken(t, expiring), "Lifetime validation failed", expiring},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := get(t, tc.s, tc.tok, signIns("v1.0"))
			code, msg := graphErr(r)
			if r.status != http.StatusUnauthorized || code != "InvalidAuthenticationToken" || !strings.Contains(msg, tc.msg) {
				t.Fatalf("got %d %s %q", r.status, code, msg)
			}
			checkInnerError(t, r)
		})
	}
}

// checkInnerError checks Graph's error envelope and the request ID headers.
func checkInnerError(t *testing.T, r response) {
	t.Helper()
	e, _ := r.obj["error"].(map[string]any)
	inner, _ := e["innerError"].(map[string]any)
	if inner["request-id"] == nil || inner["date"] == nil || r.header.Get("request-id") == "" || r.header.Get("client-request-id") == "" {
		t.Fatalf("error envelope: %s (headers %v)", r.body, r.header)
	}
	if inner["client-request-id"] == nil && r.status != http.StatusTooManyRequests {
		t.Fatalf("no client-request-id in innerError: %s", r.body)
	}
}

func TestGraphLicenceAndPermissions(t *testing.T) {
	const free, noPerm, plain = "55555555-5555-4555-8555-555555555555", "66666666-6666-4666-8666-666666666666", "77777777-7777-4777-8777-777777777777"
	const other = "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	s := startServer(t, Options{Clients: []Client{
		DemoClient(),
		{TenantID: other, ClientID: free, Secret: "s1", NoPremiumLicence: true},
		{TenantID: DemoTenantID, ClientID: noPerm, Secret: "s2", Permissions: []string{PermissionDirectoryReadAll}},
		{TenantID: DemoTenantID, ClientID: plain, Secret: "s3"},
	}})
	cases := []struct {
		name, tenant, client, secret string
		status                       int
		code, msg                    string
	}{
		{"no premium licence", other, free, "s1", 403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license"},
		{"no AuditLog.Read.All", DemoTenantID, noPerm, "s2", 403, "Authentication_MSGraphPermissionMissing", "Calling principal does not have required MSGraph permissions AuditLog.Read.All"},
		{"default permissions", DemoTenantID, plain, "s3", 200, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := get(t, s, token(t, s, tc.tenant, tc.client, tc.secret), signIns("v1.0", "$top", "3"))
			if code, msg := graphErr(r); r.status != tc.status || code != tc.code || msg != tc.msg {
				t.Fatalf("got %d %s %q", r.status, code, msg)
			}
			if tc.status != 200 {
				checkInnerError(t, r)
				return
			}
			// Without a Conditional Access permission Graph omits the policies.
			for _, v := range pageValues(r) {
				if _, has := v["appliedConditionalAccessPolicies"]; has {
					t.Fatal("policies shown without Policy.Read.All")
				}
			}
		})
	}
	for _, v := range pageValues(get(t, s, demoToken(t, s), signIns("v1.0", "$top", "3"))) {
		if _, has := v["appliedConditionalAccessPolicies"]; !has {
			t.Fatal("the demo client (Policy.Read.All) does not see policies")
		}
	}
}

func TestGraphQueryErrors(t *testing.T) {
	tok := demoToken(t, shared)
	cases := []struct {
		name, path, msg string
	}{
		{"$top above 1000", signIns("v1.0", "$top", "1001"), "Invalid page size specified: '1001'"},
		{"$top zero", signIns("v1.0", "$top", "0"), "Must be between 1 and 1000"},
		{"$skip", signIns("v1.0", "$skip", "10"), "Query option 'Skip' is not allowed."},
		{"$expand", signIns("v1.0", "$expand", "x"), "Query option 'Expand' is not allowed."},
		{"syntax error", signIns("v1.0", "$filter", "userId eq"), "Invalid filter clause:"},
		{"unknown property", signIns("v1.0", "$filter", "colour eq 'red'"), "Could not find a property named 'colour'"},
		{"beta property on v1.0", signIns("v1.0", "$filter", "signInEventTypes/any(t: t eq 'servicePrincipal')"), "Could not find a property named 'signInEventTypes'"},
		{"ge on a string", signIns("v1.0", "$filter", "userPrincipalName ge 'a'"), "The 'ge' operator is not supported for property 'userPrincipalName'"},
		{"ne on errorCode", signIns("v1.0", "$filter", "status/errorCode ne 0"), "The 'ne' operator is not supported"},
		{"startswith on appId", signIns("v1.0", "$filter", "startswith(appId,'00')"), "'startswith' is not supported for property 'appId'"},
		{"endswith", signIns("v1.0", "$filter", "endswith(userPrincipalName,'.com')"), "The function 'endswith' is not supported"},
		{"not", signIns("v1.0", "$filter", "not (userId eq 'x')"), "'not' operator is not supported"},
		{"errorCode as string", signIns("v1.0", "$filter", "status/errorCode eq '50126'"), "incompatible types"},
		{"quoted datetime", signIns("v1.0", "$filter", "createdDateTime ge '2025-03-01T00:00:00Z'"), "incompatible types"},
		{"bad enum", signIns("v1.0", "$filter", "conditionalAccessStatus eq 'blocked'"), "not a valid enumeration type constant"},
		{"filter on filterless property", signIns("v1.0", "$filter", "isInteractive eq true"), "Filtering on property 'isInteractive' is not supported"},
		{"orderby other property", signIns("v1.0", "$orderby", "userId"), "can only be ordered by createdDateTime"},
		{"select unknown", signIns("v1.0", "$select", "id,colour"), "Could not find a property named 'colour'"},
		{"skiptoken garbage", signIns("v1.0", "$skiptoken", "abc"), "Invalid $skiptoken"},
		{"unknown segment", "/v1.0/auditLogs/directoryAudits", "Resource not found for the segment 'directoryAudits'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := get(t, shared, tok, tc.path)
			code, msg := graphErr(r)
			if r.status != http.StatusBadRequest || code != "BadRequest" || !strings.Contains(msg, tc.msg) {
				t.Fatalf("got %d %s %q, want 400 BadRequest %q", r.status, code, msg, tc.msg)
			}
			checkInnerError(t, r)
		})
	}
}

// TestGraphSelectAndOrder checks $select (id always first, nothing else) and ascending order.
func TestGraphSelectAndOrder(t *testing.T) {
	tok := demoToken(t, shared)
	r := get(t, shared, tok, signIns("beta", "$select", "userPrincipalName,STATUS,signInEventTypes", "$top", "5"))
	if r.status != 200 || !strings.HasSuffix(r.obj["@odata.context"].(string), "#auditLogs/signIns(id,userPrincipalName,status,signInEventTypes)") {
		t.Fatalf("%d %s", r.status, r.body[:min(len(r.body), 300)])
	}
	for _, v := range pageValues(r) {
		if len(v) != 4 || v["id"] == nil || v["status"] == nil || v["userPrincipalName"] == nil {
			t.Fatalf("selected row %v", v)
		}
	}
	var last string
	for i, v := range pageValues(get(t, shared, tok, signIns("v1.0", "$orderby", "createdDateTime asc", "$top", "50"))) {
		ts := v["createdDateTime"].(string)
		if i > 0 && ts < last {
			t.Fatalf("ascending order broken: %s after %s", ts, last)
		}
		last = ts
	}
}
