import { useQueries } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { toApiError } from '../../../api/errors.ts';
import { q } from '../../../api/query.ts';
import { useWatch } from '../../../api/watch.ts';
import { useDebounced } from '../../disks/create/use-dry-run.ts';

/** Whether a restored resource's new name is free in the project. */
export type TargetState = 'free' | 'exists' | 'checking' | 'unchecked' | 'error';

export interface Target {
  key: string;
  kind: string;
  to: string;
}

const VIEWABLE = {
  VirtualDisk: 'virtualdisks',
  VirtualMachineBlockDeviceAttachment: 'virtualmachineblockdeviceattachments',
} as const;

/**
 * Looks up every new name (after a typing pause) among the project's existing objects, live: a
 * VM by exact name in the VM list, disks and attachments by name (404 = free). Secrets are not
 * readable through the console; the restore itself checks them.
 */
export function useRestoreConflicts(
  namespace: string,
  targets: Target[],
): Map<string, TargetState> {
  const text = JSON.stringify(targets);
  const settledText = useDebounced(text, 300);
  const settled = JSON.parse(settledText) as Target[];
  const fresh = settledText === text;
  useWatch(`virtualmachines/${namespace}`);
  useWatch(`virtualdisks/${namespace}`);
  useWatch(`virtualmachineblockdeviceattachments/${namespace}`);
  const results = useQueries({
    queries: settled.map((t) => {
      if (t.kind === 'VirtualMachine')
        return { ...q(api.vmList, { namespace }, { q: t.to, limit: 50 }), enabled: !!t.to };
      const resource = VIEWABLE[t.kind as keyof typeof VIEWABLE];
      return {
        ...q(api.resourceView, {
          namespace,
          resource: resource ?? 'virtualdisks',
          name: t.to || '-',
        }),
        enabled: !!resource && !!t.to,
      };
    }),
  });
  const out = new Map<string, TargetState>();
  settled.forEach((t, i) => {
    const r = results[i];
    let s: TargetState;
    if (!fresh) s = 'checking';
    else if (t.kind !== 'VirtualMachine' && !(t.kind in VIEWABLE)) s = 'unchecked';
    else if (!r || r.isPending) s = 'checking';
    else if (t.kind === 'VirtualMachine') {
      const items = (r.data as { items?: { name: string }[] } | undefined)?.items ?? [];
      s = r.isError ? 'error' : items.some((x) => x.name === t.to) ? 'exists' : 'free';
    } else if (r.isError) s = toApiError(r.error).code === 404 ? 'free' : 'error';
    else s = 'exists';
    out.set(t.key, s);
  });
  return out;
}
