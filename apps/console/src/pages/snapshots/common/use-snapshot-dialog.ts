import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

/** Snapshot dialogs in the URL: `?create=1`, `?delete=<snapshot>`, `?restore=<snapshot>`. */
export const SNAPSHOT_DIALOGS = ['create', 'delete', 'restore'] as const;
export type SnapshotDialogKind = (typeof SNAPSHOT_DIALOGS)[number];

export function useSnapshotDialog(): [
  { kind: SnapshotDialogKind; value: string } | null,
  (kind: SnapshotDialogKind, value: string) => void,
  () => void,
] {
  const [search] = useSearchParams();
  // The React compiler memoizes this on `search`.
  const current = ((): { kind: SnapshotDialogKind; value: string } | null => {
    for (const kind of SNAPSHOT_DIALOGS) {
      const value = search.get(kind);
      if (value) return { kind, value };
    }
    return null;
  })();
  // Open and close read the URL when called, so they stay the same functions while the URL
  // changes (the row menus hold `open`).
  const navigate = useNavigate();
  const open = useCallback(
    (kind: SnapshotDialogKind, value: string) => {
      const next = new URLSearchParams(window.location.search);
      for (const k of SNAPSHOT_DIALOGS) next.delete(k);
      next.set(kind, value);
      void navigate({ search: `?${next.toString()}` });
    },
    [navigate],
  );
  const close = useCallback(() => {
    const next = new URLSearchParams(window.location.search);
    for (const k of SNAPSHOT_DIALOGS) next.delete(k);
    const search = next.toString();
    void navigate({ search: search ? `?${search}` : '' }, { replace: true });
  }, [navigate]);
  return [current, open, close];
}
