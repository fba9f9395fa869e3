// What the harness page exposes on window.sigdiag, shared by the page and the tests.
import type { Options } from '../../../src/components/config/options';
import type { SignInDataSourceOptions, SignInQuery, ValidateRulesResponse } from '../../../src/types';

export type EditorName = 'config' | 'query' | 'variable';

export interface MountRequest {
  editor: EditorName;
  /** Config editor: overrides of the settings of src/__fixtures__/settings.ts. */
  options?: Partial<Options>;
  /** Query and variable editors: the stored query (a variable's may be a plain string). */
  query?: SignInQuery | string;
  /** Query and variable editors: the data source's jsonData. */
  jsonData?: Partial<SignInDataSourceOptions>;
  /** What POST rules/validate answers. */
  validateReply?: ValidateRulesResponse;
}

export interface BackendCall {
  method: string;
  url: string;
  data?: unknown;
}

export interface Recorded {
  onChange: SignInQuery[];
  onOptionsChange: Options[];
  onRunQuery: number;
  backend: BackendCall[];
}

export interface Harness {
  mount: (request: MountRequest) => void;
  recorded: Recorded;
}

declare global {
  interface Window {
    sigdiag: Harness;
  }
}
