import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

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
  const [search] = useSearchParams();
  // The React compiler memoizes this on `search`.
  const current = ((): OpenDiskDialog | null => {
    for (const kind of DISK_DIALOGS) {
      const value = search.get(kind);
      if (value) return { kind, value };
    }
    return null;
  })();
  // Open and close read the URL when called, so they stay the same functions while the URL
  // changes (every row menu of the list holds `open`).
  const navigate = useNavigate();
  const open = useCallback(
    (kind: DiskDialogKind, value: string, extra: Record<string, string> = {}) => {
      const next = new URLSearchParams(window.location.search);
      for (const k of DISK_DIALOGS) next.delete(k);
      next.set(kind, value);
      for (const [k, v] of Object.entries(extra)) next.set(k, v);
      void navigate({ search: `?${next.toString()}` });
    },
    [navigate],
  );
  const close = useCallback(() => {
    const next = new URLSearchParams(window.location.search);
    for (const k of [...DISK_DIALOGS, 'source']) next.delete(k);
    const search = next.toString();
    void navigate({ search: search ? `?${search}` : '' }, { replace: true });
  }, [navigate]);
  return [current, open, close];
}
