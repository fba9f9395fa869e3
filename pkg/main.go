// Command gpx_signin_diagnostics is the plugin's backend: Grafana starts it and talks to it
// over the plugin protocol. It only starts the plugin; the work is in package plugin.
package main

import (
	"os"

	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/sigdiag/signin-diagnostics/pkg/plugin"
)

// PluginID must match plugin.json.
const PluginID = "sigdiag-signindiagnostics-datasource"

func main() {
	if err := datasource.Manage(PluginID, plugin.NewDatasource, datasource.ManageOpts{}); err != nil {
		log.DefaultLogger.Error(err.Error())
		os.Exit(1)
	}
}
