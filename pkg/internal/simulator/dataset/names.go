package dataset

// Name lists for the generated directory. They mix common English, Spanish, Irish, German,
// Indian and East Asian names as a US company's staff list would, and include characters
// that exercise escaping: an apostrophe (O'Brien, which needs '' inside OData literals) and
// non-ASCII display names (whose UPNs are ASCII, as Entra requires).

var firstNames = []string{
	"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
	"Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
	"Sarah", "Charles", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty",
	"Mark", "Sandra", "Steven", "Ashley", "Paul", "Emily", "Andrew", "Kimberly", "Joshua",
	"Donna", "Kevin", "Michelle", "Brian", "Carol", "Priya", "Arjun", "Wei", "Mei", "Hiroshi",
	"Yuki", "Carlos", "Lucia", "Diego", "Sofia", "Aisha", "Omar", "Fatima", "Liam", "Siobhan",
	"Niamh", "Ciaran", "Lars", "Ingrid", "Mateo", "Valentina", "Noah", "Olivia", "Ethan", "Ava",
	"Raj", "Ananya", "Kwame", "Amara", "Dmitri", "Elena", "Tomasz", "Agnieszka", "Jin", "Hana",
}

var lastNames = []string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
	"Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
	"Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
	"Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
	"Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
	"Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Shah", "Kumar", "Chen",
	"Wang", "Zhang", "Tanaka", "Sato", "Kim", "Park", "Murphy", "Kelly", "Walsh", "Byrne",
	"Schmidt", "Fischer", "Weber", "Novak", "Kowalski", "Ivanova", "Okafor", "Mensah", "Haddad",
	"Larsen", "Johansson", "Rossi", "Romano", "Silva", "Costa", "Dubois",
}

// specialNames are always present, so tests can rely on them: an apostrophe in the UPN and
// non-ASCII letters in display names.
var specialNames = []struct{ display, local string }{
	{"Liam O'Brien", "liam.o'brien"},
	{"Zoë Schäfer", "zoe.schafer"},
	{"José Núñez", "jose.nunez"},
}

// department is a team with its share of staff, job titles and an office preference.
type department struct {
	name   string
	share  float64
	titles []string
}

var departments = []department{
	{"Sales", 0.20, []string{"Account Executive", "Sales Manager", "Sales Development Representative", "Regional Sales Director"}},
	{"Engineering", 0.22, []string{"Software Engineer", "Senior Software Engineer", "Engineering Manager", "Site Reliability Engineer", "Data Engineer"}},
	{"Finance", 0.10, []string{"Accountant", "Financial Analyst", "Controller", "Accounts Payable Specialist"}},
	{"Human Resources", 0.05, []string{"HR Business Partner", "Recruiter", "HR Generalist"}},
	{"Marketing", 0.10, []string{"Marketing Manager", "Content Strategist", "Product Marketing Manager", "Designer"}},
	{"Operations", 0.15, []string{"Operations Analyst", "Logistics Coordinator", "Operations Manager", "Facilities Coordinator"}},
	{"IT", 0.06, []string{"Systems Administrator", "Service Desk Analyst", "Cloud Administrator", "Security Analyst"}},
	{"Legal", 0.03, []string{"Counsel", "Paralegal", "Contracts Manager"}},
	{"Customer Support", 0.09, []string{"Support Engineer", "Support Team Lead", "Customer Success Manager"}},
}

// guestDomains are partner companies whose people are B2B guests. Guests' sign-ins carry
// their own, "true" UPN (adele.vance@fabrikam.com), as the reference says Graph logs them.
var guestDomains = []string{"fabrikam.com", "adatum.com", "litwareinc.com", "northwindtraders.com", "tailspintoys.com"}

// serviceAccounts are non-human accounts that still sign in with passwords, mostly over
// legacy protocols: the classic source of "Authenticated SMTP" and "Other clients" rows.
var serviceAccounts = []struct{ local, display string }{
	{"svc-scanner", "Scan to Email (MFP)"},
	{"svc-crm-sync", "CRM Sync Service"},
	{"svc-backup", "Backup Service"},
	{"svc-sqlreports", "SQL Reporting Service"},
	{"svc-helpdesk-mailbox", "Helpdesk Shared Mailbox Poller"},
	{"svc-kiosk", "Lobby Kiosk"},
}
