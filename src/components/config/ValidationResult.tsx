import React from 'react';
import { Alert } from '@grafana/ui';

import { RuleProblem } from '../../types';
import { ValidationState } from './useRulesValidation';

/** "row:col message", or just the message for a problem without a position. */
export function formatProblem({ row, col, message }: RuleProblem): string {
  return row > 0 ? `${row}:${col} ${message}` : message;
}

export function ValidationResult({ state }: { state: ValidationState }) {
  if (state.status === 'failed') {
    return (
      <Alert severity="error" title="The rules could not be validated">
        {state.message}
      </Alert>
    );
  }
  if (state.status !== 'done') {
    return null;
  }
  const { valid, errors } = state.response;
  if (valid) {
    return <Alert severity="success" title="The rules compile together with the built-in rules" />;
  }
  return (
    <Alert severity="error" title="The rules do not compile">
      <ul aria-label="Rule errors">
        {errors.map((problem, i) => (
          <li key={i}>{formatProblem(problem)}</li>
        ))}
      </ul>
    </Alert>
  );
}
