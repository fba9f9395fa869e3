// Package harness plays Grafana's side of the plugin protocol: it starts the built plugin
// binary with hashicorp/go-plugin and Grafana's handshake, and calls CheckHealth, QueryData
// and CallResource over gRPC, exactly as a Grafana server does. The end-to-end tests and the
// demo command use it, so both exercise the real binary.
package harness

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
)

// PluginID is the plugin's id in plugin.json.
const PluginID = "sigdiag-signindiagnostics-datasource"

// Plugin is a running plugin process.
type Plugin struct {
	client      *goplugin.Client
	data        pluginv2.DataClient
	diagnostics pluginv2.DiagnosticsClient
	resource    pluginv2.ResourceClient
}

// Options tune how the plugin process is started.
type Options struct {
	// Env is added to the plugin's environment (e.g. SSL_CERT_FILE for a test CA).
	Env []string
	// Stderr receives the plugin's log lines; nil discards them.
	Stderr io.Writer
}

// Start launches the binary and completes the handshake.
func Start(binary string, opts Options) (*Plugin, error) {
	cmd := exec.Command(binary)
	cmd.Env = append(os.Environ(), opts.Env...)
	logOut := opts.Stderr
	if logOut == nil {
		logOut = io.Discard
	}
	client := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig: goplugin.HandshakeConfig{
			ProtocolVersion:  grpcplugin.ProtocolVersion,
			MagicCookieKey:   grpcplugin.MagicCookieKey,
			MagicCookieValue: grpcplugin.MagicCookieValue,
		},
		VersionedPlugins: map[int]goplugin.PluginSet{grpcplugin.ProtocolVersion: {
			"data":        &grpcplugin.DataGRPCPlugin{},
			"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
			"resource":    &grpcplugin.ResourceGRPCPlugin{},
		}},
		Cmd: cmd,
		// cmd.Env already holds this process's environment followed by opts.Env; without this
		// go-plugin appends the host's variables again after ours, and the host's would win.
		SkipHostEnv:      true,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "plugin", Output: logOut, Level: hclog.Debug}),
		Stderr:           logOut,
		StartTimeout:     time.Minute,
	})
	rpc, err := client.Client()
	if err != nil {
		client.Kill()
		return nil, fmt.Errorf("starting %s: %w", binary, err)
	}
	p := &Plugin{client: client}
	for name, target := range map[string]any{"data": &p.data, "diagnostics": &p.diagnostics, "resource": &p.resource} {
		raw, err := rpc.Dispense(name)
		if err != nil {
			client.Kill()
			return nil, fmt.Errorf("dispensing %s: %w", name, err)
		}
		if err := assign(target, raw); err != nil {
			client.Kill()
			return nil, err
		}
	}
	return p, nil
}

func assign(target, raw any) error {
	switch t := target.(type) {
	case *pluginv2.DataClient:
		c, ok := raw.(pluginv2.DataClient)
		*t = c
		if ok {
			return nil
		}
	case *pluginv2.DiagnosticsClient:
		c, ok := raw.(pluginv2.DiagnosticsClient)
		*t = c
		if ok {
			return nil
		}
	case *pluginv2.ResourceClient:
		c, ok := raw.(pluginv2.ResourceClient)
		*t = c
		if ok {
			return nil
		}
	}
	return fmt.Errorf("the plugin returned an unexpected client %T", raw)
}

// Close stops the plugin process.
func (p *Plugin) Close() { p.client.Kill() }

// Exited reports whether the plugin process has stopped (it must not, whatever it is sent).
func (p *Plugin) Exited() bool { return p.client.Exited() }

func pluginContext(ds backend.DataSourceInstanceSettings) *pluginv2.PluginContext {
	return backend.ToProto().PluginContext(backend.PluginContext{
		OrgID: 1, PluginID: PluginID, DataSourceInstanceSettings: &ds,
		User: &backend.User{Login: "admin", Role: "Admin"},
	})
}

// CheckHealth is the data source page's "Save & test".
func (p *Plugin) CheckHealth(ctx context.Context, ds backend.DataSourceInstanceSettings) (*backend.CheckHealthResult, error) {
	res, err := p.diagnostics.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: pluginContext(ds)})
	if err != nil {
		return nil, err
	}
	return backend.FromProto().CheckHealthResponse(res), nil
}

// CollectMetrics is the plugin protocol's diagnostics call Grafana serves at
// /api/plugins/<plugin id>/metrics: the plugin's Prometheus metrics in the text format.
func (p *Plugin) CollectMetrics(ctx context.Context) ([]byte, error) {
	res, err := p.diagnostics.CollectMetrics(ctx, &pluginv2.CollectMetricsRequest{})
	if err != nil {
		return nil, err
	}
	return res.GetMetrics().GetPrometheus(), nil
}

// QueryData runs a panel's queries; headers carry e.g. FromAlert for alert evaluations.
func (p *Plugin) QueryData(ctx context.Context, ds backend.DataSourceInstanceSettings, headers map[string]string, queries ...backend.DataQuery) (*backend.QueryDataResponse, error) {
	req := backend.ToProto().QueryDataRequest(&backend.QueryDataRequest{
		PluginContext: backend.PluginContext{OrgID: 1, PluginID: PluginID, DataSourceInstanceSettings: &ds},
		Headers:       headers, Queries: queries,
	})
	req.PluginContext = pluginContext(ds)
	res, err := p.data.QueryData(ctx, req)
	if err != nil {
		return nil, err
	}
	return backend.FromProto().QueryDataResponse(res)
}

// CallResource sends one resource request and gathers the streamed response.
func (p *Plugin) CallResource(ctx context.Context, ds backend.DataSourceInstanceSettings, method, path string, body []byte) (*backend.CallResourceResponse, error) {
	// Grafana sends the path without the query string, and the full URL beside it.
	bare, _, _ := strings.Cut(path, "?")
	stream, err := p.resource.CallResource(ctx, &pluginv2.CallResourceRequest{
		PluginContext: pluginContext(ds), Path: bare, Method: method, Url: path, Body: body,
	})
	if err != nil {
		return nil, err
	}
	var out *backend.CallResourceResponse
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		part := backend.FromProto().CallResourceResponse(msg)
		if out == nil {
			out = part
			continue
		}
		out.Body = append(out.Body, part.Body...)
	}
	if out == nil {
		return nil, errors.New("the plugin sent no resource response")
	}
	return out, nil
}
