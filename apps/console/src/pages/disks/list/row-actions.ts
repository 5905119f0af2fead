import type { KubeObject } from '@dvp/api';
import { createContext, useContext } from 'react';
import type { DiskDialogKind } from '../dialogs/use-dialog-param.ts';
import type { DiskActionReasons } from '../dialogs/reasons.ts';

/**
 * What every row menu of the disk list needs, provided once by the page: 10,000 rows' menus then
 * read a context instead of each asking for the user's rights and the URL.
 */
export interface DiskRowActions {
  open: (kind: DiskDialogKind, name: string) => void;
  reasons: (disk: KubeObject) => DiskActionReasons;
}

export const DiskRowActionsContext = createContext<DiskRowActions | null>(null);

export function useDiskRowActions(): DiskRowActions {
  const v = useContext(DiskRowActionsContext);
  if (!v) throw new Error('useDiskRowActions outside the disk list');
  return v;
}
