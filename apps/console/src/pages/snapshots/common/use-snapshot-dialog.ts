import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** Snapshot dialogs in the URL: `?create=1`, `?delete=<snapshot>`, `?restore=<snapshot>`. */
export const SNAPSHOT_DIALOGS = ['create', 'delete', 'restore'] as const;
export type SnapshotDialogKind = (typeof SNAPSHOT_DIALOGS)[number];

export function useSnapshotDialog(): [
  { kind: SnapshotDialogKind; value: string } | null,
  (kind: SnapshotDialogKind, value: string) => void,
  () => void,
] {
  const [search, setSearch] = useSearchParams();
  // The React compiler memoizes this on `search`.
  const current = ((): { kind: SnapshotDialogKind; value: string } | null => {
    for (const kind of SNAPSHOT_DIALOGS) {
      const value = search.get(kind);
      if (value) return { kind, value };
    }
    return null;
  })();
  const open = useCallback(
    (kind: SnapshotDialogKind, value: string) =>
      setSearch((prev) => {
        const next = new URLSearchParams(prev);
        for (const k of SNAPSHOT_DIALOGS) next.delete(k);
        next.set(kind, value);
        return next;
      }),
    [setSearch],
  );
  const close = useCallback(
    () =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of SNAPSHOT_DIALOGS) next.delete(k);
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );
  return [current, open, close];
}
