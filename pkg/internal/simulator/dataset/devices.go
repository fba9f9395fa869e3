package dataset

import "fmt"

// Device is what Graph reports in deviceDetail. A registered device has an ID and a
// display name; an unregistered one (a personal browser) has neither, which is how most
// failed and risky sign-ins look.
type Device struct {
	ID          GUID // zero for unregistered devices
	DisplayName string
	OS          string // operatingSystem as Entra writes it today: Windows10, MacOs, Ios, Android, Linux
	Browser     string // browser for web sign-ins
	Compliant   bool
	Managed     bool
	TrustType   string // "Azure AD joined", "Hybrid Azure AD joined", "Azure AD registered" or ""
	Mobile      bool
}

// Registered reports whether the device is known to Entra (has a device ID).
func (d *Device) Registered() bool { return !d.ID.IsZero() }

// Browser versions are pinned so output is stable over time.
const (
	edge         = "Edge 131.0.0"
	chrome       = "Chrome 131.0.0"
	firefox      = "Firefox 133.0"
	safari       = "Safari 17.6"
	mobileSafari = "Mobile Safari 17.6"
	chromeMobile = "Chrome Mobile 131.0.6778"
	richClient   = "Rich Client 4.66.0.0"
)

// unmanagedDevices are shared profiles for browsers on personal or unknown machines.
var (
	unmanagedWindows = &Device{OS: "Windows10", Browser: chrome}
	unmanagedMac     = &Device{OS: "MacOs", Browser: safari}
	unmanagedIOS     = &Device{OS: "Ios", Browser: mobileSafari, Mobile: true}
	// unknownDevice is a script or legacy mail client: Entra cannot tell the platform.
	unknownDevice = &Device{}
)

// personalDevices are chosen for browser sign-ins on a personal computer.
var personalDevices = []*Device{unmanagedWindows, unmanagedWindows, unmanagedMac}

// newComputer builds the user's corporate laptop. Most are Windows joined to Entra (some
// hybrid-joined from the old domain), a fifth are Macs, a few engineers run Linux.
func newComputer(r *rng, n int, dept, prefix string) *Device {
	// A few percent have fallen out of compliance: their desktop apps fail with 53000.
	d := &Device{ID: r.guid(), Managed: true, Compliant: r.chance(0.98)}
	x := r.Float64()
	linux := 0.0
	if dept == "Engineering" {
		linux = 0.08
	}
	switch {
	case x < linux:
		d.OS, d.Browser, d.TrustType, d.Managed, d.Compliant = "Linux", firefox, "Azure AD registered", false, false
		d.DisplayName = fmt.Sprintf("ubuntu-%04d", n)
	case x < linux+0.2:
		d.OS, d.Browser, d.TrustType = "MacOs", pickOne(r, []string{safari, chrome, edge}), "Azure AD registered"
		d.DisplayName = fmt.Sprintf("%s-MB-%04d", prefix, n)
	default:
		d.OS, d.Browser = "Windows10", pickOne(r, []string{edge, edge, edge, chrome})
		d.TrustType = "Azure AD joined"
		if r.chance(0.3) {
			d.TrustType = "Hybrid Azure AD joined"
		}
		d.DisplayName = fmt.Sprintf("%s-LT-%04d", prefix, n)
	}
	return d
}

// newPhone builds the user's enrolled phone: 60% iPhone, 40% Android.
func newPhone(r *rng) *Device {
	d := &Device{ID: r.guid(), Managed: true, Compliant: r.chance(0.92), TrustType: "Azure AD registered", Mobile: true}
	if r.chance(0.6) {
		d.OS, d.Browser, d.DisplayName = "Ios", mobileSafari, pickOne(r, []string{"iPhone", "iPhone 15", "iPhone 14 Pro", "iPhone 13"})
	} else {
		d.OS, d.Browser, d.DisplayName = "Android", chromeMobile, pickOne(r, []string{"Pixel 8", "Galaxy S23", "Galaxy S24 Ultra", "Pixel 7a"})
	}
	return d
}

// userAgent renders the User-Agent header a client on this device sends (beta userAgent).
func userAgent(d *Device, rich bool) string {
	if rich {
		switch d.OS {
		case "Ios":
			return "Outlook-iOS/2.0"
		case "Android":
			return "Outlook-Android/2.0"
		case "MacOs":
			return "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Teams/24295.605.3225.8804"
		}
		return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Teams/24295.605.3225.8804"
	}
	switch d.OS {
	case "Windows10":
		if d.Browser == edge {
			return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
		}
		return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
	case "MacOs":
		if d.Browser == safari {
			return "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15"
		}
		return "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
	case "Ios":
		return "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1"
	case "Android":
		return "Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
	case "Linux":
		return "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
	}
	return ""
}
