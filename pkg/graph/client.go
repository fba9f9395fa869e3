// Package graph reads sign-ins from Microsoft Graph's /auditLogs/signIns with msgraph-sdk-go:
// the SDK builds and authenticates the requests (retries, Retry-After, telemetry), and pages
// are decoded into the project's own sign-in type.
package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	abs "github.com/microsoft/kiota-abstractions-go"
	kauth "github.com/microsoft/kiota-authentication-azure-go"
	khttp "github.com/microsoft/kiota-http-go"
	jsonser "github.com/microsoft/kiota-serialization-json-go"
	msgraphcore "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/auditlogs"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"

	"github.com/sigdiag/signin-diagnostics/pkg/signin"
)

// MaxPageSize is Graph's largest (and default) page for sign-ins.
const MaxPageSize = 1000

// Config says how to reach Graph.
type Config struct {
	Credential    azcore.TokenCredential
	GraphEndpoint string // e.g. https://graph.microsoft.com
	APIVersion    string // v1.0 or beta
	// HTTPClient carries the TLS roots and proxy; nil uses Go's defaults.
	HTTPClient *http.Client
	// Pacer gates every Graph request, retries included; nil means Unpaced. Use SharedPacer
	// so that all instances for one app and tenant share Graph's budget.
	Pacer Pacer
	// Observer is told about requests, waits and pages; nil observes nothing.
	Observer Observer
}

// Client lists sign-ins. It is built once per data source instance and safe for concurrent use.
type Client struct {
	adapter  *khttp.NetHttpRequestAdapter
	baseURL  string
	observer Observer
}

// New builds the Graph client.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(cfg.GraphEndpoint)
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("graph endpoint %q is not a URL", cfg.GraphEndpoint)
	}
	// The token is only attached for the hosts listed here; msgraph's default list holds
	// Microsoft's hosts only, so a national, custom or simulated cloud would get no token.
	auth, err := kauth.NewAzureIdentityAuthenticationProviderWithScopesAndValidHosts(
		cfg.Credential, []string{cfg.GraphEndpoint + "/.default"}, []string{u.Hostname()})
	if err != nil {
		return nil, err
	}
	parent := http.DefaultTransport
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		parent = cfg.HTTPClient.Transport
	}
	pacer := cfg.Pacer
	if pacer == nil {
		pacer = Unpaced
	}
	observer := cfg.Observer
	if observer == nil {
		observer = noObserver{}
	}
	middleware := withPacedRetry(msgraphcore.GetDefaultMiddlewaresWithOptions(&msgraphcore.GraphClientOptions{GraphServiceVersion: cfg.APIVersion}), pacer, observer)
	// No http.Client.Timeout: it would count the time a request queues for the pacer.
	// pacedRetry bounds each attempt instead.
	httpClient := &http.Client{Transport: khttp.NewCustomTransportWithParentTransport(parent, middleware...)}
	adapter, err := khttp.NewNetHttpRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(
		auth, jsonser.NewJsonParseNodeFactory(), jsonser.NewJsonSerializationWriterFactory(), httpClient)
	if err != nil {
		return nil, err
	}
	base := cfg.GraphEndpoint + "/" + cfg.APIVersion
	adapter.SetBaseUrl(base)
	return &Client{adapter: adapter, baseURL: base, observer: observer}, nil
}

// Query is one listing of sign-ins.
type Query struct {
	From, To time.Time
	// Filter is extra OData, ANDed with the time range; it must be built with package odata.
	Filter string
	// Select lists the properties to return; empty returns all of them.
	Select   []string
	MaxRows  int
	PageSize int
	// SliceLength splits the range up front into slices read newest first; 0 reads it as one
	// slice, cut only when its pages show many more to come (slices.go).
	SliceLength time.Duration
}

// Result is what a listing fetched.
type Result struct {
	SignIns []signin.SignIn
	// Requests are the URLs requested, first page first, for the frame's executed query.
	Requests []string
	Pages    int
	// Slices is how many time slices the range was split into.
	Slices int
	// Truncated is true when MaxRows stopped the paging before Graph's last page.
	Truncated bool
	// Duplicates counts rows dropped because their id was already seen (Graph can publish a
	// sign-in twice, e.g. when risk is added later).
	Duplicates int
	// Waited is how long the listing's requests waited for the app's Graph budget (the
	// pacer), added up over its request chains.
	Waited time.Duration
}

// page is one response of the collection, split into raw objects so each keeps its bytes.
type page struct {
	Value    []json.RawMessage `json:"value"`
	NextLink string            `json:"@odata.nextLink"`
}

var errorMapping = abs.ErrorMappings{"XXX": odataerrors.CreateODataErrorFromDiscriminatorValue}

// firstRequest builds the request for the first page of one time slice.
func (c *Client) firstRequest(ctx context.Context, q Query, sl span) (*abs.RequestInformation, error) {
	filter := TimeRangeFilter(sl.from, sl.to)
	if q.Filter != "" {
		filter = filter + " and (" + q.Filter + ")"
	}
	size := q.PageSize
	if size <= 0 || size > MaxPageSize {
		size = MaxPageSize
	}
	if q.MaxRows > 0 && q.MaxRows < size {
		size = q.MaxRows
	}
	top := int32(size)
	params := &auditlogs.SignInsRequestBuilderGetQueryParameters{Filter: &filter, Top: &top, Select: q.Select}
	builder := auditlogs.NewAuditLogsRequestBuilderInternal(map[string]string{"baseurl": c.baseURL}, c.adapter)
	return builder.SignIns().ToGetRequestInformation(ctx, &auditlogs.SignInsRequestBuilderGetRequestConfiguration{QueryParameters: params})
}

// fetch sends one page request and splits the page into raw sign-ins.
func (c *Client) fetch(ctx context.Context, info *abs.RequestInformation) (*page, error) {
	body, err := c.adapter.SendPrimitive(ctx, info, "[]byte", errorMapping)
	if err != nil {
		return nil, classify(err)
	}
	raw, _ := body.([]byte)
	p, err := parsePage(raw)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err() // the deadline cut the body short, not Graph
		}
		return nil, pageError(err)
	}
	return p, nil
}

// nextRequest follows @odata.nextLink as Graph gave it: the link carries the $skiptoken and
// must not be rebuilt.
func nextRequest(link string) (*abs.RequestInformation, error) {
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" {
		return nil, fmt.Errorf("graph returned an unusable @odata.nextLink %q", link)
	}
	info := abs.NewRequestInformation()
	info.Method = abs.GET
	info.SetUri(*u)
	info.Headers.Add("Accept", "application/json")
	return info, nil
}
