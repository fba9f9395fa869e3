/** Must equal the id in the root plugin.json. */
export const PLUGIN_ID = 'sigdiag-signindiagnostics-datasource';

/** The README section on registering the app (heading "Register an app in Entra ID"). */
export const README_REGISTER_APP_ANCHOR = 'register-an-app-in-entra-id';

export const MS_REGISTER_APP_URL = 'https://learn.microsoft.com/entra/identity-platform/quickstart-register-app';
