import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A dialog kept in the URL (`?create=service`, `?delete=web`), so every dialog state is a deep
 * link. Opening adds a history entry (Back closes it); closing replaces the entry.
 */
export function useDialogParam(
  key: string,
  /** Other params the dialog reads (a preselection), dropped with it on close. */
  extra: readonly string[] = [],
): [string | null, (value: string) => void, () => void] {
  const [search, setSearch] = useSearchParams();
  const open = useCallback(
    (value: string) =>
      setSearch((prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      }),
    [key, setSearch],
  );
  const close = useCallback(
    () =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.delete(key);
          for (const k of extra) next.delete(k);
          return next;
        },
        { replace: true },
      ),
    // `extra` is a constant list at every call site; its identity does not matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, setSearch],
  );
  return [search.get(key), open, close];
}
