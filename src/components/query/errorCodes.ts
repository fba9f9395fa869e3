import { ComboboxOption } from '@grafana/ui';

import { ErrorCode } from '../../types';

/**
 * Frequent Microsoft Entra sign-in error codes, offered as suggestions; any other code can be typed.
 * Values are text so that a typed code matches its suggestion instead of becoming a second option.
 */
export const COMMON_ERROR_CODES: Array<ComboboxOption<string>> = [
  { value: '50126', description: 'Invalid user name or password' },
  { value: '50053', description: 'Account locked, or sign-in from a blocked IP address' },
  { value: '50055', description: 'Password expired' },
  { value: '50057', description: 'User account disabled' },
  { value: '50034', description: 'User not found in the directory' },
  { value: '50074', description: 'Strong authentication required' },
  { value: '50076', description: 'MFA required by policy' },
  { value: '50079', description: 'User must register for MFA' },
  { value: '500121', description: 'MFA not completed' },
  { value: '53003', description: 'Blocked by Conditional Access' },
  { value: '50105', description: 'User not assigned to the application' },
  { value: '65001', description: 'Consent required' },
  { value: '700016', description: 'Application not found in the tenant' },
  { value: '7000215', description: 'Invalid client secret' },
];

/**
 * Turns the picked values into error codes: digits become numbers, text holding a template
 * variable is kept for the data source to interpolate, anything else is dropped.
 */
export function toErrorCodes(values: string[]): ErrorCode[] {
  const codes: ErrorCode[] = [];
  for (const value of values) {
    const text = value.trim();
    const code = /^\d+$/.test(text) ? Number(text) : text.includes('$') ? text : undefined;
    if (code !== undefined && !codes.includes(code)) {
      codes.push(code);
    }
  }
  return codes;
}
