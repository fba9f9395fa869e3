import { useCallback, useState } from 'react';

import { errorMessage, validateRules } from '../../api';
import { ValidateRulesResponse } from '../../types';

export type ValidationState =
  | { status: 'idle' }
  | { status: 'validating' }
  | { status: 'done'; response: ValidateRulesResponse }
  | { status: 'failed'; message: string };

/** Validation of the inline rules against the backend; `clear` forgets a result that is out of date. */
export function useRulesValidation(datasourceUid: string) {
  const [state, setState] = useState<ValidationState>({ status: 'idle' });

  const validate = useCallback(
    async (rules: string) => {
      setState({ status: 'validating' });
      try {
        setState({ status: 'done', response: await validateRules(datasourceUid, rules) });
      } catch (error) {
        setState({ status: 'failed', message: errorMessage(error) });
      }
    },
    [datasourceUid]
  );

  const clear = useCallback(() => setState({ status: 'idle' }), []);

  return { state, validate, clear };
}
