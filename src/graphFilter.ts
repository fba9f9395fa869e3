// A preview of what the backend pushes to Microsoft Graph for a query, for the query editor. It
// mirrors Model.GraphFilter in pkg/query/query.go and the builders of pkg/odata/build.go; the
// backend's filter is the one that runs.
import {
  CATALOGUE_VARIABLE_KINDS,
  DEFAULT_GRAPH_API_VERSION,
  DEFAULT_MAX_ROWS,
  DEFAULT_METRIC,
  DEFAULT_STATUS,
  DEFAULT_TOP_N,
  DEFAULT_VARIABLE_KIND,
  DEFAULT_VARIABLE_STATUS,
  effectiveGroupBy,
  ErrorCode,
  GraphApiVersion,
  GROUP_BY_TABLE,
  GroupBy,
  GroupByInfo,
  SignInEventType,
  SignInQuery,
  VariableKind,
} from './types';

const VARIABLE_KIND_NAMES: Record<VariableKind, string> = {
  apps: 'apps',
  users: 'users',
  errorCodes: 'error codes',
  causes: 'causes',
  categories: 'categories',
  countries: 'countries',
  clientApps: 'client apps',
};

/** The group by dimensions as the filter line names them. */
export const GROUP_BY_NAMES = Object.fromEntries(GROUP_BY_TABLE.map((g: GroupByInfo) => [g.value, g.name])) as Record<
  GroupBy,
  string
>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An OData string literal: single quotes, each inner quote doubled (odata.Quote). */
export const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const eq = (property: string, value: string) => `${property} eq ${quote(value)}`;

// A trailing * asks for a prefix match.
function textFilter(property: string, value: string): string {
  if (value.length > 1 && value.endsWith('*')) {
    return `startswith(${property},${quote(value.slice(0, -1))})`;
  }
  return eq(property, value);
}

// odata.Or: parenthesised when there is more than one clause.
function or(clauses: string[]): string {
  return clauses.length > 1 ? `(${clauses.join(' or ')})` : clauses.join('');
}

/**
 * Whether a filter has an `or` outside parentheses and string literals, so that `and` would regroup
 * it (odata.hasTopLevelOr). Text that does not scan (an unclosed literal) counts as having one.
 */
export function hasTopLevelOr(filter: string): boolean {
  let depth = 0;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (c === "'") {
      // Skip the literal; '' inside it is an escaped quote.
      i++;
      while (i < filter.length && !(filter[i] === "'" && filter[i + 1] !== "'")) {
        i += filter[i] === "'" ? 2 : 1;
      }
      if (i >= filter.length) {
        return true;
      }
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][\w.]*/.exec(filter.slice(i))![0];
      if (depth <= 0 && word.toLowerCase() === 'or') {
        return true;
      }
      i += word.length - 1;
    }
  }
  return false;
}

/** odata.And: clauses with a top-level `or` are parenthesised so `and` cannot regroup them. */
export function and(clauses: string[]): string {
  return clauses
    .filter((clause) => clause.trim() !== '')
    .map((clause) => (hasTopLevelOr(clause) ? `(${clause})` : clause))
    .join(' and ');
}

function errorCodesFilter(codes: ErrorCode[]): string {
  return or(codes.map((code) => `status/errorCode eq ${code}`));
}

// Model.EventTypesFilter: one lambda with the types ored inside, as Microsoft's examples write it.
function eventTypesFilter(types: SignInEventType[]): string {
  return `signInEventTypes/any(t: ${types.map((type) => eq('t', type)).join(' or ')})`;
}

/**
 * The OData clauses for a signins (or variable) query's fields, without the time range, in the
 * order of Model.GraphFilterFor: the event types come last, and only on Graph beta (v1.0 has no
 * signInEventTypes and returns interactive sign-ins only; the backend then says it ignored them).
 */
export function graphFilterClauses(
  query: SignInQuery,
  graphApiVersion: GraphApiVersion = DEFAULT_GRAPH_API_VERSION
): string[] {
  const user = query.user?.trim();
  const app = query.app?.trim();
  const ipAddress = query.ipAddress?.trim();
  const correlationId = query.correlationId?.trim();
  const clientApp = query.clientApp?.trim();
  const requestId = query.requestId?.trim();
  const filter = query.filter?.trim();
  const clauses: string[] = [];
  if (user) {
    // Graph stores user principal names in lower case.
    clauses.push(textFilter('userPrincipalName', user.toLowerCase()));
  }
  if (app) {
    clauses.push(GUID.test(app) ? eq('appId', app.toLowerCase()) : textFilter('appDisplayName', app));
  }
  if (query.errorCodes?.length) {
    clauses.push(errorCodesFilter(query.errorCodes));
  }
  if (ipAddress) {
    clauses.push(textFilter('ipAddress', ipAddress));
  }
  if (correlationId) {
    clauses.push(eq('correlationId', correlationId.toLowerCase()));
  }
  if (clientApp) {
    clauses.push(eq('clientAppUsed', clientApp));
  }
  if (requestId) {
    // The portal's request ID is the sign-in's id.
    clauses.push(eq('id', requestId.toLowerCase()));
  }
  if (query.conditionalAccessStatus && query.conditionalAccessStatus !== 'any') {
    clauses.push(eq('conditionalAccessStatus', query.conditionalAccessStatus));
  }
  if (filter) {
    // The backend normalises it (odata.Normalize) first: the same filter, maybe spelt differently.
    clauses.push(filter);
  }
  if (graphApiVersion === 'beta' && query.signInEventTypes?.length) {
    clauses.push(eventTypesFilter(query.signInEventTypes));
  }
  return clauses;
}

/** The OData clauses of an explain query: only its correlation ID and request ID count. */
export function explainFilterClauses({ refId, queryType, correlationId, requestId }: SignInQuery): string[] {
  return graphFilterClauses({ refId, queryType, correlationId, requestId });
}

const graphFilter = (range: string, clauses: string[]) => `Graph filter: ${and([range, ...clauses])}`;
const TIME_RANGE = 'createdDateTime in the time range';
// An explain query looks back over Graph's retention from the panel's end (pkg/plugin/query_explain.go).
const RETENTION = 'createdDateTime in the 30 days before the end of the time range';

/** One line explaining what Graph filters and what the plugin does after reading. */
export function describeGraphQuery(
  query: SignInQuery,
  graphApiVersion: GraphApiVersion = DEFAULT_GRAPH_API_VERSION
): string {
  if (query.queryType === 'explain') {
    const clauses = explainFilterClauses(query);
    if (clauses.length === 0) {
      return 'Enter the request ID or the correlation ID of a sign-in.';
    }
    return `${graphFilter(RETENTION, clauses)}. Then every rule that matches each sign-in is listed, with why.`;
  }
  const filter = graphFilter(TIME_RANGE, graphFilterClauses(query, graphApiVersion));
  const ruleIds = query.ruleIds?.filter((id) => id.trim() !== '') ?? [];
  switch (query.queryType) {
    case 'variable': {
      const kind = query.variable ?? DEFAULT_VARIABLE_KIND;
      if (CATALOGUE_VARIABLE_KINDS.includes(kind)) {
        return `Lists the ${VARIABLE_KIND_NAMES[kind]} of the rule catalogue; no sign-ins are read.`;
      }
      return `${filter}. Then ${kept(query.status ?? DEFAULT_VARIABLE_STATUS, ruleIds)}, and their distinct ${VARIABLE_KIND_NAMES[kind]} are listed.`;
    }
    case 'patterns':
      return `${filter}. Then the pattern rules look for attacks and outages across ${everySignIn(ruleIds)}.`;
    case 'timeseries': {
      const groupBy = effectiveGroupBy(query.queryType, query.groupBy);
      if (groupBy === 'pattern') {
        return `${filter}. Then the pattern findings across ${everySignIn(ruleIds)} are counted per interval, one series per pattern.`;
      }
      const counted = (query.metric ?? DEFAULT_METRIC) === 'users' ? 'their distinct users' : 'they';
      const series = groupBy
        ? `, one series per ${GROUP_BY_NAMES[groupBy]} (the top ${topN(query)}, the rest summed as other)`
        : '';
      return `${filter}. Then ${kept(query.status ?? DEFAULT_STATUS, ruleIds)}, and ${counted} are counted per interval${series}.`;
    }
    case 'breakdown': {
      const groupBy = effectiveGroupBy(query.queryType, query.groupBy)!;
      return `${filter}. Then ${kept(query.status ?? DEFAULT_STATUS, ruleIds)}, grouped by ${GROUP_BY_NAMES[groupBy]} (the top ${topN(query)}).`;
    }
  }
  return `${filter}. Then ${kept(query.status ?? DEFAULT_STATUS, ruleIds)}, at most ${query.maxRows ?? DEFAULT_MAX_ROWS} rows.`;
}

const topN = (query: SignInQuery) => query.topN ?? DEFAULT_TOP_N;

const whoseRule = (ruleIds: string[]) =>
  ruleIds.length === 0
    ? ''
    : ` whose winning rule is ${ruleIds.length === 1 ? ruleIds[0] : `one of ${ruleIds.join(', ')}`}`;

function kept(status: string, ruleIds: string[] = []): string {
  const rule = whoseRule(ruleIds);
  if (status === 'all') {
    return rule ? `every sign-in${rule} is kept` : 'every sign-in is kept';
  }
  return `the rules keep ${status} sign-ins${rule}`;
}

// Patterns read every sign-in, whatever its status (a spray is judged against the sign-ins that succeeded).
const everySignIn = (ruleIds: string[]) => `every sign-in${whoseRule(ruleIds)} (the status filter is not applied)`;
