import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The disk dialogs, each deep-linkable: `?create=1`, `?resize=<disk>`, `?delete=<disk>`, `?snapshot=<disk>`. */
export const DISK_DIALOGS = ['create', 'resize', 'delete', 'snapshot'] as const;
export type DiskDialogKind = (typeof DISK_DIALOGS)[number];

export interface OpenDiskDialog {
  kind: DiskDialogKind;
  /** The disk (`1` for create). */
  value: string;
}

/** The open dialog from the URL, and how to open or close one (other params stay). */
export function useDiskDialogParam(): [
  OpenDiskDialog | null,
  (kind: DiskDialogKind, value: string, extra?: Record<string, string>) => void,
  () => void,
] {
  const [search, setSearch] = useSearchParams();
  // The React compiler memoizes this on `search`.
  const current = ((): OpenDiskDialog | null => {
    for (const kind of DISK_DIALOGS) {
      const value = search.get(kind);
      if (value) return { kind, value };
    }
    return null;
  })();
  const open = useCallback(
    (kind: DiskDialogKind, value: string, extra: Record<string, string> = {}) =>
      setSearch((prev) => {
        const next = new URLSearchParams(prev);
        for (const k of DISK_DIALOGS) next.delete(k);
        next.set(kind, value);
        for (const [k, v] of Object.entries(extra)) next.set(k, v);
        return next;
      }),
    [setSearch],
  );
  const close = useCallback(
    () =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of [...DISK_DIALOGS, 'source']) next.delete(k);
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );
  return [current, open, close];
}
