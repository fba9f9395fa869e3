import { useEffect, useState } from 'react';

/** Asks the plugin for values of a kind (apps, users, ...) containing the typed text. */
export type Suggest = (kind: string, text: string) => Promise<string[]>;

/** How long typing must pause before the plugin is asked, so each key does not cost a request. */
export const SUGGEST_DELAY_MS = 300;

/**
 * Suggestions for a text filter, from the plugin's values/<kind> resource: the values seen in the
 * sign-ins of the last day that contain what was typed. Without a suggest function, none.
 */
export function useSuggestions(suggest: Suggest | undefined, kind: string, text: string | undefined): string[] {
  const [values, setValues] = useState<string[]>([]);
  useEffect(() => {
    if (!suggest) {
      return;
    }
    let current = true;
    const typed = (text ?? '').replace(/\*$/, '');
    const timer = setTimeout(() => {
      suggest(kind, typed).then(
        (found) => current && setValues(found),
        () => current && setValues([])
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [suggest, kind, text]);
  return values;
}
