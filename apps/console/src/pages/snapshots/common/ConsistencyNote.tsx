import type { VmRow } from '@dvp/api';
import { useQueries } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { useWatch } from '../../../api/watch.ts';
import { useT } from '../../../i18n/i18n.tsx';

/** The VM rows of `names` (exact names), live. */
export function useVmRows(namespace: string, names: readonly string[]): (VmRow | undefined)[] {
  useWatch(names.length ? `virtualmachines/${namespace}` : undefined);
  const res = useQueries({
    queries: names.map((n) => q(api.vmList, { namespace }, { q: n, limit: 20 })),
  });
  return names.map((n, i) => res[i]?.data?.items.find((r) => r.name === n));
}

/**
 * What "required consistency" means for this disk or VM now: a consistent snapshot of a running
 * guest needs its filesystems frozen by the guest agent (qemu-guest-agent); a detached disk or a
 * stopped VM is consistent as is (seed 004).
 */
export function ConsistencyNote({
  namespace,
  vms,
  required,
}: {
  namespace: string;
  vms: readonly string[];
  required: boolean;
}) {
  const t = useT();
  const rows = useVmRows(namespace, vms);
  if (vms.length === 0) return <p className="snap-note">{t('snapshots.consistency.detached')}</p>;
  return (
    <ul className="snap-notes">
      {vms.map((vm, i) => {
        const row = rows[i];
        let text: string;
        let warn = false;
        if (!row) text = t('snapshots.consistency.unknown', { vm });
        else if (row.phase !== 'Running')
          text = t('snapshots.consistency.stopped', { vm, phase: row.phase });
        else if (row.agent) text = t('snapshots.consistency.agent', { vm });
        else if (required) {
          text = t('snapshots.consistency.noAgent', { vm });
          warn = true;
        } else text = t('snapshots.consistency.notRequired', { vm });
        return (
          <li key={vm} className={warn ? 'banner banner-warning' : 'snap-note'}>
            {text}
          </li>
        );
      })}
    </ul>
  );
}
