package dataset

// Resource is the API a sign-in asked a token for (resourceDisplayName, resourceId).
type Resource struct {
	ID, Name string
}

// Well-known first-party resources, with the IDs they have in every tenant.
var (
	resGraph      = &Resource{"00000003-0000-0000-c000-000000000000", "Microsoft Graph"}
	resExchange   = &Resource{"00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online"}
	resSharePoint = &Resource{"00000003-0000-0ff1-ce00-000000000000", "Office 365 SharePoint Online"}
	resAzureMgmt  = &Resource{"797f4846-ba00-4fd7-ba43-dac1f8f63013", "Windows Azure Service Management API"}
	resTeams      = &Resource{"cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", "Microsoft Teams Services"}
	resAAD        = &Resource{"00000002-0000-0000-c000-000000000000", "Windows Azure Active Directory"}
	resPowerBI    = &Resource{"00000009-0000-0000-c000-000000000000", "Power BI Service"}
	resIntune     = &Resource{"0000000a-0000-0000-c000-000000000000", "Microsoft Intune"}
	resDRS        = &Resource{"01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9", "Device Registration Service"}
)

// ClientKind says how an app signs in, which decides clientAppUsed.
type ClientKind uint8

// The client kinds.
const (
	WebClient    ClientKind = iota // a browser: "Browser"
	RichClient                     // MSAL desktop or mobile app: "Mobile Apps and Desktop clients"
	LegacyClient                   // basic authentication protocols against Exchange Online
)

// App is an application users sign in to (appId, appDisplayName).
type App struct {
	ID, Name string
	Resource *Resource
	Kind     ClientKind
	// Mobile apps are used from phones, desktop-only apps never are.
	Mobile, Desktop bool
	// FirstParty apps belong to Microsoft's tenant (appOwnerTenantId); the others are
	// registered in the customer's tenant.
	FirstParty bool
	// weight is how often an average user opens the app; depts multiplies it per department.
	weight float64
	depts  map[string]float64
	admin  bool // used only by administrators (IT)
	// SPID is the object ID of the app's service principal in the tenant.
	SPID string
}

// microsoftTenantID owns every first-party app.
const microsoftTenantID = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"

// firstPartyApps use the application IDs Microsoft assigns in every tenant.
func firstPartyApps() []*App {
	return []*App{
		// Exchange Online is the appDisplayName of basic-auth protocol sign-ins only.
		{ID: "00000002-0000-0ff1-ce00-000000000000", Name: "Office 365 Exchange Online", Resource: resExchange, Kind: LegacyClient},
		{ID: "1fec8e78-bce4-4aaf-ab1b-5451cc387264", Name: "Microsoft Teams", Resource: resTeams, Kind: RichClient, Desktop: true, Mobile: true, weight: 5},
		{ID: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", Name: "Microsoft Teams Web Client", Resource: resTeams, Kind: WebClient, Desktop: true, weight: 1},
		{ID: "00000003-0000-0ff1-ce00-000000000000", Name: "Office 365 SharePoint Online", Resource: resSharePoint, Kind: WebClient, Desktop: true, Mobile: true, weight: 3},
		{ID: "4765445b-32c6-49b0-83e6-1d93765276ca", Name: "OfficeHome", Resource: resGraph, Kind: WebClient, Desktop: true, Mobile: true, weight: 3},
		{ID: "9199bf20-a13f-4107-85dc-02114787ef48", Name: "One Outlook Web", Resource: resExchange, Kind: WebClient, Desktop: true, weight: 3},
		{ID: "d3590ed6-52b3-4102-aeff-aad2292ab01c", Name: "Microsoft Office", Resource: resGraph, Kind: RichClient, Desktop: true, weight: 4},
		{ID: "27922004-5251-4030-b22d-91ecd9a37ea4", Name: "Outlook Mobile", Resource: resExchange, Kind: RichClient, Mobile: true, weight: 3},
		{ID: "ab9b8c07-8f02-4f72-87fa-80105867a763", Name: "OneDrive SyncEngine", Resource: resSharePoint, Kind: RichClient, Desktop: true, weight: 1.5},
		{ID: "4813382a-8fa7-425e-ab75-3b753aab3abb", Name: "Microsoft Authenticator App", Resource: resAAD, Kind: RichClient, Mobile: true, weight: 0.5},
		{ID: "9ba1a5c7-f17a-4de9-a1f1-6178c8d51223", Name: "Microsoft Intune Company Portal", Resource: resIntune, Kind: RichClient, Desktop: true, Mobile: true, weight: 0.3},
		{ID: "38aa3b87-a06d-4817-b275-7a316988d93b", Name: "Windows Sign In", Resource: resDRS, Kind: RichClient, Desktop: true, weight: 1.5},
		{ID: "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", Name: "Azure Portal", Resource: resAzureMgmt, Kind: WebClient, Desktop: true, weight: 0.2,
			depts: map[string]float64{"Engineering": 6, "IT": 15}},
		{ID: "14d82eec-204b-4c2f-b7e8-296a70dab67e", Name: "Microsoft Graph PowerShell", Resource: resGraph, Kind: RichClient, Desktop: true, admin: true, weight: 4},
		{ID: "04b07795-8ddb-461a-bbee-02f9e1bf7b46", Name: "Microsoft Azure CLI", Resource: resAzureMgmt, Kind: RichClient, Desktop: true, weight: 0.05,
			depts: map[string]float64{"Engineering": 30, "IT": 20}},
		{ID: "1950a258-227b-4e31-a9cf-717495945fc2", Name: "Microsoft Azure PowerShell", Resource: resAzureMgmt, Kind: RichClient, Desktop: true, admin: true, weight: 2},
		{ID: "aebc6443-996d-45c2-90f0-388ff96faa56", Name: "Visual Studio Code", Resource: resGraph, Kind: RichClient, Desktop: true, weight: 0.02,
			depts: map[string]float64{"Engineering": 60}},
		{ID: "2793995e-0a7d-40d7-bd35-6968ba142197", Name: "My Apps", Resource: resGraph, Kind: WebClient, Desktop: true, Mobile: true, weight: 0.6},
		{ID: "19db86c3-b2b9-44cc-b339-36da233a3be2", Name: "My Signins", Resource: resGraph, Kind: WebClient, Desktop: true, Mobile: true, weight: 0.15},
		{ID: "871c010f-5e61-4fb1-83ac-98610a7e9110", Name: "Power BI Desktop", Resource: resPowerBI, Kind: RichClient, Desktop: true, weight: 0.1,
			depts: map[string]float64{"Finance": 25, "Sales": 6, "Operations": 6, "Marketing": 5}},
		{ID: "de8bc8b5-d9f9-48b1-a8ad-b748da725064", Name: "Graph Explorer", Resource: resGraph, Kind: WebClient, Desktop: true, weight: 0.01,
			depts: map[string]float64{"Engineering": 20, "IT": 40}},
	}
}

// thunderbird is a third-party public client: its sign-ins come from platforms Entra cannot
// identify, which the "block unknown platforms" policy stops.
func thunderbird() *App {
	return &App{ID: "08162f7c-0fd2-4200-a84a-f25a4db0b584", Name: "Mozilla Thunderbird", Resource: resExchange, Kind: RichClient, Desktop: true}
}

// lineOfBusinessApps are registered by the customer; their IDs are derived per tenant.
var lineOfBusinessApps = []struct {
	name   string
	weight float64
	depts  map[string]float64
}{
	{"Contoso Expenses", 0.4, map[string]float64{"Finance": 5, "Sales": 2}},
	{"Contoso HR Portal", 0.3, map[string]float64{"Human Resources": 10}},
	{"Contoso CRM", 0.2, map[string]float64{"Sales": 15, "Customer Support": 8, "Marketing": 4}},
	{"Salesforce", 0.1, map[string]float64{"Sales": 20, "Marketing": 5}},
	{"ServiceNow", 0.3, map[string]float64{"IT": 10, "Customer Support": 10}},
	{"Workday", 0.35, map[string]float64{"Human Resources": 8, "Finance": 3}},
	{"Zoom", 0.5, nil},
	{"Adobe Acrobat Sign", 0.1, map[string]float64{"Legal": 20, "Finance": 4, "Sales": 3}},
}

// Daemon apps sign in as themselves (servicePrincipal sign-ins, beta only).
const (
	payrollDaemon   = "Contoso Payroll Sync"
	reportingDaemon = "Contoso Reporting Connector"
)

// newApps builds the tenant's app catalogue: first-party apps plus line-of-business apps
// with tenant-specific IDs. LOB apps are web apps that are their own resource; daemons and
// third-party apps have weight zero so users never pick them by chance.
func newApps(r *rng) []*App {
	apps := firstPartyApps()
	for _, a := range apps {
		a.FirstParty = true
	}
	for _, l := range lineOfBusinessApps {
		id := r.guid().String()
		apps = append(apps, &App{ID: id, Name: l.name, Resource: &Resource{ID: id, Name: l.name}, Kind: WebClient,
			Desktop: true, Mobile: true, weight: l.weight, depts: l.depts})
	}
	for _, name := range []string{payrollDaemon, reportingDaemon} {
		apps = append(apps, &App{ID: r.guid().String(), Name: name, Resource: resGraph, Kind: RichClient})
	}
	// An app ID that is not registered in the tenant (sign-ins fail with 700016).
	apps = append(apps, &App{ID: r.guid().String(), Name: "", Resource: resGraph, Kind: WebClient}, thunderbird())
	for _, a := range apps {
		a.SPID = r.guid().String()
	}
	return apps
}

// Device classes decide which apps a sign-in can be for.
const (
	classDesktop  = iota // the user's managed computer: desktop and web apps
	classMobile          // the user's enrolled phone: mobile apps
	classPersonal        // an unmanaged personal device: web apps only
)

// appTable is a weighted choice among apps for one kind of user and device.
type appTable struct {
	apps []*App
	pick weighted
}

// guestApps are what B2B guests use: shared documents and meetings.
var guestApps = map[string]bool{"Office 365 SharePoint Online": true, "Microsoft Teams Web Client": true, "OfficeHome": true, "My Apps": true}

// buildAppTables precomputes the choice for every department, device class and role.
func buildAppTables(apps []*App) map[string]appTable {
	tables := map[string]appTable{}
	depts := []string{""}
	for _, d := range departments {
		depts = append(depts, d.name)
	}
	for _, dept := range depts {
		for class := classDesktop; class <= classPersonal; class++ {
			for _, admin := range []bool{false, true} {
				var t appTable
				var w []float64
				for _, a := range apps {
					if x := appWeight(a, dept, class, admin); x > 0 {
						t.apps, w = append(t.apps, a), append(w, x)
					}
				}
				t.pick = newWeighted(w)
				tables[appKey(dept, class, admin)] = t
			}
		}
	}
	return tables
}

func appKey(dept string, class int, admin bool) string {
	return dept + "|" + string(rune('0'+class)) + "|" + map[bool]string{false: "u", true: "a"}[admin]
}

// appWeight is how likely a user of dept on a device of class opens a ("" dept = guest).
func appWeight(a *App, dept string, class int, admin bool) float64 {
	if a.weight <= 0 || (a.admin && !admin) || (dept == "" && !guestApps[a.Name]) {
		return 0
	}
	switch class {
	case classMobile:
		if !a.Mobile {
			return 0
		}
	case classPersonal:
		if a.Kind != WebClient || !a.Desktop {
			return 0
		}
	default:
		if !a.Desktop {
			return 0
		}
	}
	w := a.weight
	if m, ok := a.depts[dept]; ok {
		w *= m
	}
	return w
}

// findApp returns the app with the given display name, or nil.
func findApp(apps []*App, name string) *App {
	for _, a := range apps {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// clientAppFor is clientAppUsed for a modern sign-in to app a.
func clientAppFor(a *App) string {
	if a.Kind == WebClient {
		return "Browser"
	}
	return "Mobile Apps and Desktop clients"
}

// legacyClientApps are clientAppUsed values of basic-authentication protocols.
var legacyClientApps = []string{"Exchange ActiveSync", "IMAP4", "POP3", "SMTP", "Authenticated SMTP", "MAPI Over HTTP", "Exchange Web Services", "Other clients"}

// IsLegacyClientApp reports whether clientAppUsed names a legacy (basic auth) protocol.
func IsLegacyClientApp(c string) bool {
	for _, l := range legacyClientApps {
		if c == l {
			return true
		}
	}
	return false
}
