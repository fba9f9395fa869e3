package portalexport

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

func TestReadFormats(t *testing.T) {
	for _, file := range []string{"portal-download.json", "graph-pages.json", "portal-download.csv"} {
		t.Run(file, func(t *testing.T) {
			f, err := os.Open("testdata/" + file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := Read(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 {
				t.Fatalf("got %d sign-ins, want 2", len(got))
			}
			ok, fail := got[0], got[1]
			if ok.Status.ErrorCode != 0 || ok.UserPrincipalName != "testaccount1@contoso.com" || ok.Location.CountryOrRegion != "US" || ok.AppID != "de8bc8b5-d9f9-48b1-a8ad-b748da725064" {
				t.Errorf("first = %+v", ok)
			}
			if fail.Status.ErrorCode != 50126 || !strings.HasPrefix(fail.Status.FailureReason, "Error validating credentials") || fail.ID != "11111111-2222-3333-4444-555555555555" {
				t.Errorf("second = %+v", fail)
			}
			var input struct {
				Status struct{ ErrorCode int } `json:"status"`
			}
			if err := json.Unmarshal(fail.Raw, &input); err != nil || input.Status.ErrorCode != 50126 {
				t.Errorf("the rules' input must carry the status: %s", fail.Raw)
			}
		})
	}
}

func TestCSVDetails(t *testing.T) {
	f, _ := os.Open("testdata/portal-download.csv")
	defer f.Close()
	got, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Location.City != "Redmond" || got[0].DeviceDetail.OperatingSystem != "Windows 10" || got[1].ClientAppUsed != "IMAP4" {
		t.Errorf("rows = %+v / %+v", got[0], got[1])
	}
	if want := time.Date(2026, 11, 20, 9, 31, 40, 0, time.UTC); !got[1].CreatedDateTime.Equal(want) {
		t.Errorf("time = %v", got[1].CreatedDateTime)
	}
}

func TestReadRejects(t *testing.T) {
	for name, input := range map[string]string{
		"empty":              "   ",
		"not a sign-in log":  "a,b,c\n1,2,3\n",
		"broken JSON":        `[{"id": "x",`,
		"bad error code":     "Date (UTC),Request ID,Sign-in error code,Username\n2026-11-20T09:30:12Z,x,fifty,a@b.c\n",
		"wrong typed status": `[{"status": {"errorCode": "50126"}}]`,
	} {
		if _, err := Read(strings.NewReader(input)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
