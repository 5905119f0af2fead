import { createContext, useContext } from 'react';

/** The message to show under a form field (live rule, or the server's), by form path. */
export type ErrorFor = (field: string) => string | undefined;

export const FieldErrors = createContext<ErrorFor>(() => undefined);

export function useFieldError(): ErrorFor {
  return useContext(FieldErrors);
}
