import { useSyncExternalStore } from 'react';

/**
 * Whether this tab has uploads, kept apart from the upload store so the Shell can show the
 * indicator without loading the store's code before the first upload (initial bundle).
 */
let count = 0;
const listeners = new Set<() => void>();

/** Called by the upload store whenever its jobs change. */
export function setUploadCount(n: number): void {
  if (n === count) return;
  count = n;
  for (const l of listeners) l();
}

const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};
const snapshot = () => count;

/** How many uploads this tab has (live). */
export function useUploadCount(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
