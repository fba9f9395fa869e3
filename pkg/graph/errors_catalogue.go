package graph

// advice is what the plugin knows about one error code.
type advice struct {
	kind    Kind
	meaning string // what happened
	fix     string // what the admin does about it
	doc     string // where Microsoft documents it
}

// Documentation the hints point to.
const (
	docPermissions = "https://learn.microsoft.com/graph/api/signin-list#permissions"
	docLicence     = "https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-activity-logs-with-microsoft-graph"
	docThrottling  = "https://learn.microsoft.com/graph/throttling-limits#identity-and-access-reports-service-limits"
	docClouds      = "https://learn.microsoft.com/graph/deployments"
	docSecrets     = "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials"
	docWorkload    = "https://learn.microsoft.com/entra/workload-id/workload-identity-federation"
)

// catalogue maps Graph and Entra error codes to what the admin should do.
var catalogue = map[string]advice{
	"Authentication_RequestFromNonPremiumTenantOrB2CTenant": {KindLicence,
		"the tenant has no Microsoft Entra ID P1 or P2 licence, which Graph requires for sign-in logs (B2C tenants are not supported)",
		"Assign Entra ID P1 or P2 in the tenant. If it already has one, also grant the app Directory.Read.All: Graph's licence check sometimes needs it", docLicence},
	"Authentication_MSGraphPermissionMissing": {KindPermission,
		"the app has no permission to read sign-in logs",
		"Grant the app registration the Microsoft Graph application permission AuditLog.Read.All (and Directory.Read.All), then Grant admin consent under Entra admin center > App registrations > API permissions", docPermissions},
	"Authentication_ApplicationHasNoReadAuditLogDataAccess": {KindPermission,
		"the app has no permission to read sign-in logs",
		"Grant the Microsoft Graph application permission AuditLog.Read.All and admin consent", docPermissions},
	"Authentication_ApplicationHasNoDirectoryReadAccess": {KindPermission,
		"Graph's licence check could not read the directory",
		"Grant the Microsoft Graph application permission Directory.Read.All and admin consent", docPermissions},
	"InvalidAuthenticationToken": {KindCloud,
		"Graph rejected the access token",
		"Check that the tenant, the cloud (azureCloud) and the Graph endpoint belong together: a token from one cloud is not accepted by another cloud's Graph", docClouds},
	"TooManyRequests": {KindThrottled,
		"Graph is throttling this app",
		"Graph allows 5 sign-in log requests per 10 seconds per app and tenant: narrow the time range or filters, or refresh dashboards less often", docThrottling},
	"AADSTS7000215": {KindCredentials,
		"the client secret is wrong",
		"Copy the secret's Value (not its Secret ID) from Entra admin center > App registrations > Certificates & secrets into the data source", docSecrets},
	"AADSTS7000222": {KindCredentials,
		"the client secret has expired",
		"Create a new client secret under App registrations > Certificates & secrets and paste its Value into the data source", docSecrets},
	"AADSTS7000218": {KindCredentials,
		"no client secret or certificate was sent",
		"Enter the client secret or certificate in the data source", docSecrets},
	"AADSTS700016": {KindCredentials,
		"no app with this client ID exists in the tenant",
		"Check the Application (client) ID and the Directory (tenant) ID on the app registration's Overview page, and that the cloud is the tenant's", ""},
	"AADSTS90002": {KindCloud,
		"the tenant was not found",
		"Check the Directory (tenant) ID and the cloud: a tenant exists in one cloud only (public, US Government or China)", docClouds},
	"AADSTS900023": {KindCredentials,
		"the tenant ID is not valid",
		"Use the Directory (tenant) ID, a GUID from the app registration's Overview page", ""},
	"AADSTS700027": {KindCredentials,
		"the certificate was not accepted",
		"Upload the certificate's public part to the app registration (Certificates & secrets) and make sure the data source's PEM holds the matching private key", docSecrets},
	"AADSTS500011": {KindCloud,
		"the Graph endpoint is not a resource in this tenant's cloud",
		"Use the Graph endpoint of the tenant's cloud (graph.microsoft.com, graph.microsoft.us, dod-graph.microsoft.us or microsoftgraph.chinacloudapi.cn)", docClouds},
	"AADSTS7000112": {KindCredentials,
		"the app registration is disabled",
		"Enable the app's service principal under Entra admin center > Enterprise applications > Properties", ""},
	"AADSTS53003": {KindCredentials,
		"a Conditional Access policy blocked the app's token",
		"Exclude the app's workload identity from the blocking Conditional Access policy", ""},
	"AADSTS70021": {KindCredentials,
		"no federated credential matches the workload identity token",
		"Add a federated credential to the app registration whose issuer, subject (the service account) and audience api://AzureADTokenExchange match the token", docWorkload},
	"AADSTS700211": {KindCredentials,
		"the workload identity token's issuer is not trusted by the app",
		"Add a federated credential for the cluster's OIDC issuer to the app registration", docWorkload},
	"AADSTS700024": {KindCredentials,
		"the workload identity token has expired",
		"Check that the token file (AZURE_FEDERATED_TOKEN_FILE) is refreshed by the cluster", docWorkload},
	"AADSTS90033": {KindService,
		"Entra ID's token service is temporarily unavailable",
		"Try again in a few minutes; if it lasts, check the Azure status page (status.azure.com)", ""},
	"Directory_ExpiredPageToken": {KindService,
		"Graph's page token expired before the next page was read, so the rest of the time range was not read",
		"Run the query again; a shorter time range or narrower filters need fewer pages", ""},
	"AADSTS50034": {KindCredentials,
		"the account does not exist in this tenant",
		"Check the tenant ID", ""},
}
