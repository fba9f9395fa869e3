import { getBackendSrv, isFetchError } from '@grafana/runtime';

import { ValidateRulesRequest, ValidateRulesResponse } from './types';

/** Compiles inline rules with the built-in ones on the backend (resource POST rules/validate). */
export function validateRules(datasourceUid: string, rules: string): Promise<ValidateRulesResponse> {
  const body: ValidateRulesRequest = { rules };
  return getBackendSrv().post<ValidateRulesResponse>(
    `/api/datasources/uid/${datasourceUid}/resources/rules/validate`,
    body,
    { showErrorAlert: false }
  );
}

/** The message of a failed backend call: the backend's {"error": ...} when it sent one. */
export function errorMessage(error: unknown): string {
  if (isFetchError<{ error?: string; message?: string }>(error)) {
    return error.data?.error || error.data?.message || error.statusText || `HTTP ${error.status}`;
  }
  return error instanceof Error ? error.message : String(error);
}
