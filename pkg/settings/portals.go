package settings

// Portals are the hosts of a cloud's admin portals, for the links that take an admin from a
// sign-in to the user, the app, the policy or a support request. Both portals serve the
// same #view/... blades.
type Portals struct {
	// AdminCenter opens the Entra ID pages (users, app registrations, Conditional Access,
	// sign-in logs).
	AdminCenter string `json:"adminCenter"`
	// Azure is the Azure portal, where support requests are opened.
	Azure string `json:"azure"`
}

// cloudPortals are the portals per cloud. The Azure portal hosts are the ones Microsoft lists
// per national cloud in "National clouds" (App registration endpoints):
// https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud
// The public cloud's Entra admin center is https://entra.microsoft.com (same page). The
// national clouds' Entra admin centers (entra.microsoft.us, entra.microsoftonline.cn) appear
// only in third-party pages here, so their links use the cloud's Azure portal, which serves
// the same Entra blades.
var cloudPortals = map[Cloud]Portals{
	CloudPublic: {AdminCenter: "https://entra.microsoft.com", Azure: "https://portal.azure.com"},
	CloudUSGov:  {AdminCenter: "https://portal.azure.us", Azure: "https://portal.azure.us"},
	CloudChina:  {AdminCenter: "https://portal.azure.cn", Azure: "https://portal.azure.cn"},
}

// PortalsOf returns the portals of a cloud; a customized (or unknown) cloud gets the public
// cloud's, the only ones a customized endpoint is known to sit in front of.
func PortalsOf(c Cloud) Portals {
	if p, ok := cloudPortals[c]; ok {
		return p
	}
	return cloudPortals[CloudPublic]
}

// Portals returns the portals of the data source's cloud (nil settings: the public cloud's).
func (s *Settings) Portals() Portals {
	if s == nil {
		return PortalsOf(CloudPublic)
	}
	return PortalsOf(s.AzureCredentials.AzureCloud)
}
