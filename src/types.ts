// The contract with the Go backend: pkg/query (query model), pkg/settings (jsonData and
// secureJsonData), pkg/plugin/handler_callresource.go (resources) and pkg/frames (frame fields).
import { DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';

/**
 * Query types (pkg/query): `signins`, `timeseries`, `breakdown` and `patterns` read sign-ins;
 * `explain` lists every rule that matched one sign-in and why; `rules` lists the rule catalogue;
 * `annotations` lists rule set changes; `variable` is for dashboard variables.
 */
export type QueryType =
  'signins' | 'timeseries' | 'breakdown' | 'patterns' | 'explain' | 'rules' | 'annotations' | 'variable';

/** One dimension timeseries and breakdown queries group by. */
export interface GroupByInfo {
  value: string;
  /** The editor's label and, if any, its description. */
  label: string;
  description?: string;
  /** How the filter line names it. */
  name: string;
  /** Only a timeseries groups by it. */
  timeseriesOnly?: boolean;
}

/**
 * What timeseries and breakdown queries group by, in the editor's order: the one table the group-by type,
 * the editor's options and the filter line's names come from (pkg/query GroupBys; a Go test keeps the values
 * equal). `pattern` is for timeseries only: it counts the pattern findings per interval, for alert rules,
 * and ignores the status.
 */
export const GROUP_BY_TABLE = [
  { value: 'cause', label: 'Cause', name: 'cause', description: "The winning rule's cause" },
  { value: 'errorCode', label: 'Error code', name: 'error code' },
  { value: 'category', label: 'Category', name: 'category' },
  { value: 'severity', label: 'Severity', name: 'severity' },
  { value: 'status', label: 'Status', name: 'status', description: 'Failure, interrupted or success' },
  { value: 'app', label: 'App', name: 'app' },
  { value: 'user', label: 'User', name: 'user' },
  { value: 'country', label: 'Country', name: 'country' },
  { value: 'clientApp', label: 'Client app', name: 'client app' },
  { value: 'rule', label: 'Rule', name: 'rule', description: "The winning rule's ID" },
  { value: 'os', label: 'Operating system', name: 'operating system' },
  {
    value: 'pattern',
    label: 'Pattern',
    name: 'pattern',
    description: 'Pattern findings per interval, for alert rules; the status filter is not applied',
    timeseriesOnly: true,
  },
] as const satisfies readonly GroupByInfo[];

export type GroupBy = (typeof GROUP_BY_TABLE)[number]['value'];
export const GROUP_BYS: readonly GroupBy[] = GROUP_BY_TABLE.map((g) => g.value);
/** The group by of a breakdown when the query has none. */
export const DEFAULT_BREAKDOWN_GROUP_BY: GroupBy = 'errorCode';

/**
 * The group by a query of this type uses: a breakdown groups by error code unless told otherwise and
 * cannot group by pattern (a timeseries-only dimension); a timeseries without one is a single series.
 */
export function effectiveGroupBy(queryType: QueryType | undefined, groupBy: GroupBy | undefined): GroupBy | undefined {
  if (queryType === 'breakdown') {
    return groupBy === undefined || groupBy === 'pattern' ? DEFAULT_BREAKDOWN_GROUP_BY : groupBy;
  }
  return queryType === 'timeseries' ? groupBy : undefined;
}
/** How many groups a timeseries or breakdown keeps; a time series sums the rest as "other". */
export const DEFAULT_TOP_N = 10;
export const TOP_N_LIMIT = 1000;

/** What a timeseries counts: sign-ins, or distinct users. */
export type Metric = 'signins' | 'users';
export const DEFAULT_METRIC: Metric = 'signins';

/** Which sign-ins a signins query keeps, by the classification the rules give them. */
export type SignInStatus = 'failure' | 'interrupted' | 'success' | 'all';

/**
 * Graph's signInEventTypes (beta only: v1.0 returns interactive sign-ins alone, and beta does too
 * unless the filter names event types).
 */
export type SignInEventType = 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal' | 'managedIdentity';
export const SIGNIN_EVENT_TYPES: readonly SignInEventType[] = [
  'interactiveUser',
  'nonInteractiveUser',
  'servicePrincipal',
  'managedIdentity',
];

/** Graph's conditionalAccessStatus; `any` (the default) adds no filter. */
export type ConditionalAccessStatus = 'success' | 'failure' | 'notApplied' | 'any';

/** What a variable query lists. */
export type VariableKind = 'apps' | 'users' | 'errorCodes' | 'causes' | 'categories' | 'countries' | 'clientApps';
export const VARIABLE_KINDS: readonly VariableKind[] = [
  'apps',
  'users',
  'errorCodes',
  'causes',
  'categories',
  'countries',
  'clientApps',
];

/**
 * An error code as stored in a saved query: a number, or text holding a template variable
 * (for example `$code`) that `applyTemplateVariables` turns into numbers before the backend sees it.
 */
export type ErrorCode = number | string;

/** The sign-in filters, shared by signins and variable queries. */
export interface SignInFilterFields {
  /** Default: failure. */
  status?: SignInStatus;
  /** User principal name: exact, or a prefix when it ends with `*`. */
  user?: string;
  /** Application display name (exact, or a prefix when it ends with `*`) or application (client) ID. */
  app?: string;
  errorCodes?: ErrorCode[];
  /** Exact, or a prefix when it ends with `*`. */
  ipAddress?: string;
  /** A GUID. Also one of the two keys of an explain query. */
  correlationId?: string;
  /** The sign-in's id, which the Entra portal calls the request ID: a GUID. Also a key of an explain query. */
  requestId?: string;
  /** Graph's clientAppUsed, for example Browser or IMAP4. */
  clientApp?: string;
  /** Any of these types; none means Graph's default (interactive sign-ins only). */
  signInEventTypes?: SignInEventType[];
  /** Default: any. */
  conditionalAccessStatus?: ConditionalAccessStatus;
  /** An advanced OData filter, ANDed with the other filters. */
  filter?: string;
  /**
   * Keeps the sign-ins whose winning rule is one of these ruleIds (for example `unmapped`); the
   * plugin applies it after the rules. Each may hold a template variable.
   */
  ruleIds?: string[];
  /** Default: DEFAULT_MAX_ROWS. Only a signins query's table; aggregations count every sign-in. */
  maxRows?: number;
}

/** The fields of the aggregating query types, timeseries and breakdown. */
export interface AggregationFields {
  /** None: one series (timeseries); default DEFAULT_BREAKDOWN_GROUP_BY (breakdown). */
  groupBy?: GroupBy;
  /** Default: DEFAULT_TOP_N. */
  topN?: number;
  /** Timeseries only. Default: DEFAULT_METRIC. */
  metric?: Metric;
  /** Patterns, and a timeseries grouped by pattern: keep only these patterns (none: all). */
  patternIds?: PatternId[];
}

/** The built-in patterns across sign-ins (rules/patterns_*.rego). */
export const PATTERN_IDS = [
  'password-spray',
  'brute-force',
  'password-cracking',
  'lockout-storm',
  'mfa-fatigue',
  'disabled-account',
  'legacy-auth',
  'ca-block-wave',
] as const;

export type PatternId = (typeof PATTERN_IDS)[number];

export interface SignInQuery extends DataQuery, SignInFilterFields, AggregationFields {
  queryType: QueryType;
  /** What a variable query lists; only for queryType variable. */
  variable?: VariableKind;
}

/** The query a dashboard variable stores: what to list, among the sign-ins the filters keep. */
export interface SignInVariableQuery extends SignInQuery {
  queryType: 'variable';
  variable: VariableKind;
}

export const DEFAULT_STATUS: SignInStatus = 'failure';
export const DEFAULT_CA_STATUS: ConditionalAccessStatus = 'any';
export const DEFAULT_VARIABLE_KIND: VariableKind = 'apps';
/** A variable lists every app or user by default, not only the failing ones (pkg/query Parse). */
export const DEFAULT_VARIABLE_STATUS: SignInStatus = 'all';
/** Variable kinds the backend lists from the rule catalogue, without reading sign-ins. */
export const CATALOGUE_VARIABLE_KINDS: readonly VariableKind[] = ['errorCodes', 'categories'];
export const DEFAULT_MAX_ROWS = 5000;
export const MAX_ROWS_LIMIT = 100000;

export const DEFAULT_QUERY: Partial<SignInQuery> = {
  queryType: 'signins',
  status: DEFAULT_STATUS,
};

/** Where sign-ins come from: Microsoft Graph, or the built-in demo tenant. */
export type Source = 'demo' | 'graph';
export const DEFAULT_SOURCE: Source = 'graph';

/** Named as in Grafana's Azure data sources. */
export type AzureAuthType = 'clientsecret' | 'clientcertificate' | 'msi' | 'workloadidentity';
export type AzureCloud = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud' | 'AzureCustomizedCloud';
export const DEFAULT_AUTH_TYPE: AzureAuthType = 'clientsecret';
export const DEFAULT_AZURE_CLOUD: AzureCloud = 'AzureCloud';

export type GraphApiVersion = 'v1.0' | 'beta';
export const DEFAULT_GRAPH_API_VERSION: GraphApiVersion = 'v1.0';

/** The non-secret half of the Azure credentials (the secrets are in SignInSecureJsonData). */
export interface AzureCredentials {
  authType: AzureAuthType;
  azureCloud?: AzureCloud;
  tenantId?: string;
  clientId?: string;
}

export interface SignInDataSourceOptions extends DataSourceJsonData {
  /** Default: DEFAULT_SOURCE. */
  source?: Source;
  azureCredentials?: AzureCredentials;
  /** Overrides the cloud's Entra authority host; required for AzureCustomizedCloud. */
  authorityHost?: string;
  /** Overrides the cloud's Graph endpoint; required for AzureCustomizedCloud. */
  graphEndpoint?: string;
  graphApiVersion?: GraphApiVersion;
  /** Inline Rego added to the built-in rules. */
  customRules?: string;
  /** A folder of .rego files on the Grafana server, added to the built-in rules. */
  rulesPath?: string;
  /** An OPA bundle of rules polled over HTTP(S), added to the built-in rules. */
  rulesBundle?: RulesBundleSettings;
  /**
   * Overrides of the pattern rules' thresholds, pattern by pattern and key by key, for example
   * `{"password-spray": {"minUsers": 10, "window": "30m"}}`; stored as an object.
   */
  patternThresholds?: PatternThresholds;
  /** Redis shared by several Grafana replicas (Graph budget and sign-in cache); absent: none. */
  cluster?: ClusterSettings;
}

/** How the Redis servers are deployed (jsonData.cluster.redisMode). */
export type RedisMode = 'standalone' | 'sentinel' | 'cluster';

/**
 * jsonData.cluster, mirrored from pkg/settings/cluster.go; the passwords are secureJsonData.redisPassword and
 * secureJsonData.redisSentinelPassword.
 */
export interface ClusterSettings {
  /** Absent: standalone. */
  redisMode?: RedisMode;
  /** host:port, or a comma-separated list (sentinels, cluster nodes); empty turns the shared backend off. */
  redisAddress?: string;
  /** The name the sentinels know the primary by (sentinel only). */
  redisMasterName?: string;
  redisTLS?: boolean;
  redisUsername?: string;
  redisDB?: number;
  /** Default: DEFAULT_KEY_PREFIX. */
  keyPrefix?: string;
  /** How many Grafana replicas run the plugin; 0 or absent: counted in Redis. */
  replicas?: number;
}

export const DEFAULT_KEY_PREFIX = 'sigdiag';

/** jsonData.rulesBundle, mirrored from pkg/settings/bundle.go; the bearer token is secureJsonData.rulesBundleToken. */
export interface RulesBundleSettings {
  /** http(s) URL of the bundle; empty: no bundle. */
  url?: string;
  /** PEM public key; when set, only bundles signed with the matching private key are taken. */
  publicKey?: string;
  /** Default: "default". */
  keyId?: string;
  /** Default: RS256. */
  algorithm?: string;
  /** Default: 60; from 10. */
  pollSeconds?: number;
}

export type PatternThresholds = Record<string, Record<string, unknown>>;

/** Sent to the backend only, never returned to the browser. */
export interface SignInSecureJsonData {
  azureClientSecret?: string;
  /** PEM holding the certificate and its private key. */
  azureClientCertificate?: string;
  /** The Redis password of jsonData.cluster. */
  redisPassword?: string;
  /** The sentinels' own password, when they ask for one (redisMode sentinel). */
  redisSentinelPassword?: string;
  /** The bearer token the rules bundle server asks for. */
  rulesBundleToken?: string;
}

/** Resource `POST rules/validate`: body. */
export interface ValidateRulesRequest {
  rules: string;
}

/** One compile problem; row and col are 0 when the problem has no position. */
export interface RuleProblem {
  file?: string;
  row: number;
  col: number;
  code?: string;
  message: string;
}

/** Resource `POST rules/validate`: answer. */
export interface ValidateRulesResponse {
  valid: boolean;
  errors: RuleProblem[];
}

/** Field names of the frame a signins query returns (pkg/frames/signins.go). */
export const SIGNIN_FIELDS = [
  'time',
  'user',
  'userId',
  'userDisplayName',
  'app',
  'appId',
  'status',
  'errorCode',
  'failureReason',
  'additionalDetails',
  'cause',
  'nextSteps',
  'severity',
  'category',
  'ruleId',
  'title',
  'actor',
  'otherRules',
  'correlationId',
  'requestId',
  'ipAddress',
  'clientApp',
  'country',
  'city',
  'operatingSystem',
  'browser',
  'conditionalAccessStatus',
  'failedPolicy',
  'failedPolicyId',
  'lookupUrl',
  'ruleError',
  'supportDetails',
  'signInIdentifier',
  'signInIdentifierType',
  'link1',
  'link1Url',
  'link2',
  'link2Url',
  'link3',
  'link3Url',
] as const;
export type SignInField = (typeof SIGNIN_FIELDS)[number];
