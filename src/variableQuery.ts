import { DEFAULT_VARIABLE_KIND, SignInQuery, SignInVariableQuery, VARIABLE_KINDS, VariableKind } from './types';

const isVariableKind = (value: unknown): value is VariableKind => VARIABLE_KINDS.includes(value as VariableKind);

/**
 * The stored query of a variable as a SignInVariableQuery. Grafana hands the editor whatever the
 * dashboard holds: nothing for a new variable, or a plain string such as "apps" in a hand-written or
 * provisioned dashboard.
 */
export function toVariableQuery(stored: unknown, refId = 'variable'): SignInVariableQuery {
  if (typeof stored === 'string') {
    const kind = stored.trim();
    return { refId, queryType: 'variable', variable: isVariableKind(kind) ? kind : DEFAULT_VARIABLE_KIND };
  }
  const query = (stored ?? {}) as Partial<SignInQuery>;
  return {
    ...query,
    refId: query.refId || refId,
    queryType: 'variable',
    variable: isVariableKind(query.variable) ? query.variable : DEFAULT_VARIABLE_KIND,
  };
}
