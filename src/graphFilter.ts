// A preview of what the backend pushes to Microsoft Graph for a signins query, for the query
// editor. It mirrors Model.GraphFilter in pkg/query/query.go and pkg/odata/build.go; the backend's
// filter is the one that runs.
import { DEFAULT_MAX_ROWS, DEFAULT_STATUS, ErrorCode, SignInQuery } from './types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// OData string literal: single quotes, each inner quote doubled.
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const eq = (property: string, value: string) => `${property} eq ${quote(value)}`;

// A trailing * asks for a prefix match.
function textFilter(property: string, value: string): string {
  if (value.length > 1 && value.endsWith('*')) {
    return `startswith(${property},${quote(value.slice(0, -1))})`;
  }
  return eq(property, value);
}

function errorCodesFilter(codes: ErrorCode[]): string {
  const clauses = codes.map((code) => `status/errorCode eq ${code}`);
  return clauses.length > 1 ? `(${clauses.join(' or ')})` : clauses.join('');
}

/** The OData clauses for the query's fields, without the time range. */
export function graphFilterClauses(query: SignInQuery): string[] {
  const user = query.user?.trim();
  const app = query.app?.trim();
  const ipAddress = query.ipAddress?.trim();
  const correlationId = query.correlationId?.trim();
  const clientApp = query.clientApp?.trim();
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
  return clauses;
}

/** One line explaining what Graph filters and what the plugin does after reading. */
export function describeGraphQuery(query: SignInQuery): string {
  const filter = ['createdDateTime in the time range', ...graphFilterClauses(query)].join(' and ');
  const status = query.status ?? DEFAULT_STATUS;
  const kept = status === 'all' ? 'every sign-in is kept' : `the rules keep ${status} sign-ins`;
  return `Graph filter: ${filter}. Then ${kept}, at most ${query.maxRows ?? DEFAULT_MAX_ROWS} rows.`;
}
