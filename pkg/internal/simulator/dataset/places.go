package dataset

import (
	"fmt"
)

// Place is where Entra geolocates a sign-in's IP address: city, state, two-letter country
// code and coordinates (Graph's signInLocation).
type Place struct {
	City, State, Country string
	Lat, Lon             float64
	// ASNs are autonomous systems that announce addresses here: home ISPs for home places,
	// hosting providers for attacker places.
	ASNs []int
}

// Every IP address the dataset emits comes from ranges reserved for documentation or shared
// address space, never from a real third party: offices use 203.0.113.0/24 (RFC 5737),
// homes 100.64.0.0/10 (RFC 6598) or 2001:db8::/32 (RFC 3849), hotels and travel
// 198.51.100.0/24, attackers 192.0.2.0/24. The ASNs are real numbers of the kind of network
// named, because detections key on "hosting ASN" and ASNs identify no person.

// homePlaces are the US cities where staff live and the company has offices. The company's
// working day follows US Central time (see rhythm.go).
var homePlaces = []*Place{
	{"Redmond", "Washington", "US", 47.6740, -122.1215, []int{7922, 20115}},
	{"Seattle", "Washington", "US", 47.6062, -122.3321, []int{7922, 701}},
	{"Bellevue", "Washington", "US", 47.6101, -122.2015, []int{7922, 7018}},
	{"Chicago", "Illinois", "US", 41.8781, -87.6298, []int{7922, 7018}},
	{"Naperville", "Illinois", "US", 41.7508, -88.1535, []int{7922, 20115}},
	{"New York", "New York", "US", 40.7128, -74.0060, []int{701, 12271}},
	{"Brooklyn", "New York", "US", 40.6782, -73.9442, []int{701, 12271}},
	{"Austin", "Texas", "US", 30.2672, -97.7431, []int{7018, 11427}},
	{"Dallas", "Texas", "US", 32.7767, -96.7970, []int{7018, 20115}},
	{"Atlanta", "Georgia", "US", 33.7490, -84.3880, []int{7922, 7018}},
	{"Denver", "Colorado", "US", 39.7392, -104.9903, []int{7922, 209}},
	{"Boston", "Massachusetts", "US", 42.3601, -71.0589, []int{7922, 701}},
	{"San Francisco", "California", "US", 37.7749, -122.4194, []int{7922, 7018}},
	{"Charlotte", "North Carolina", "US", 35.2271, -80.8431, []int{11426, 7018}},
}

// offices are the four sites with a corporate egress address each (index into homePlaces).
var offices = []struct {
	place int
	ip    string
}{
	{0, "203.0.113.10"}, // Redmond headquarters
	{3, "203.0.113.20"}, // Chicago
	{5, "203.0.113.30"}, // New York
	{7, "203.0.113.40"}, // Austin
}

// officeASN is the corporate ISP (Lumen) that announces the office ranges.
const officeASN = 3356

// mobileASNs are US mobile carriers (T-Mobile, Verizon Wireless, AT&T Mobility).
var mobileASNs = []int{21928, 22394, 20057}

// travelPlaces are legitimate business trips.
var travelPlaces = []*Place{
	{"London", "England", "GB", 51.5074, -0.1278, []int{5089, 2856}},
	{"Toronto", "Ontario", "CA", 43.6532, -79.3832, []int{577, 812}},
	{"Mexico City", "Ciudad de Mexico", "MX", 19.4326, -99.1332, []int{8151}},
	{"Munich", "Bayern", "DE", 48.1351, 11.5820, []int{3320}},
	{"Tokyo", "Tokyo", "JP", 35.6762, 139.6503, []int{2516, 17676}},
	{"Sydney", "New South Wales", "AU", -33.8688, 151.2093, []int{1221}},
	{"Paris", "Ile-de-France", "FR", 48.8566, 2.3522, []int{3215}},
}

// Attacker infrastructure. Hosting networks (DigitalOcean 14061, Hetzner 24940, M247 9009,
// OVH 16276, Vultr 20473) dominate real password sprays.
var (
	placeAmsterdam  = &Place{"Amsterdam", "Noord-Holland", "NL", 52.3676, 4.9041, []int{14061}}
	placeFalkenst   = &Place{"Falkenstein", "Sachsen", "DE", 50.4779, 12.3713, []int{24940}}
	placeBucharest  = &Place{"Bucharest", "Bucuresti", "RO", 44.4268, 26.1025, []int{9009}}
	placeRoubaix    = &Place{"Roubaix", "Hauts-de-France", "FR", 50.6942, 3.1746, []int{16276}}
	placePiscataway = &Place{"Piscataway", "New Jersey", "US", 40.5511, -74.4593, []int{20473}}
	placeShanghai   = &Place{"Shanghai", "Shanghai", "CN", 31.2304, 121.4737, []int{4134}}
	placeSaoPaulo   = &Place{"Sao Paulo", "Sao Paulo", "BR", -23.5505, -46.6333, []int{28573}}
	placeHanoi      = &Place{"Hanoi", "Ha Noi", "VN", 21.0278, 105.8342, []int{45899}}
	placeLagos      = &Place{"Lagos", "Lagos", "NG", 6.5244, 3.3792, []int{37148}}
	placeMoscow     = &Place{"Moscow", "Moscow", "RU", 55.7558, 37.6173, []int{12389}}
)

// blockedCountries are those the tenant's "block high-risk countries" policy names.
var blockedCountries = map[string]bool{"CN": true, "RU": true, "NG": true, "VN": true, "KP": true, "IR": true}

// homeIPv4 gives user n a stable home address in 100.64.0.0/10.
func homeIPv4(n int) string {
	return fmt.Sprintf("100.%d.%d.%d", 64+(n>>14)&63, (n>>6)&255, 2+(n&63)*3)
}

// homeIPv6 gives user n a stable address in 2001:db8::/32, one /64 per household.
func homeIPv6(n int) string {
	return fmt.Sprintf("2001:db8:%x:%x::%x", 0x1000+(n>>8), n&0xff, 0x1a2b+n*7%0xfff)
}

// mobileIP is a carrier address: carriers hand out fresh IPv6 prefixes often, so it varies.
func mobileIP(r *rng) string {
	return fmt.Sprintf("2001:db8:c%03x:%x:%x::%x", r.IntN(0x1000), r.IntN(0x10000), r.IntN(0x10000), r.IntN(0xffff)+1)
}
