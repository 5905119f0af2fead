import type { KubeObject } from '@dvp/api';
import { useCan } from '../../../api/session.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { attachedVmsOf } from '../model.ts';

const phaseOf = (o: KubeObject) => (o.status as { phase?: string } | undefined)?.phase ?? '';

/**
 * Why each disk action is unavailable now (undefined = available): the user's rights first, then
 * the disk's state. Delete is blocked while a VM uses the disk, naming the VMs.
 */
export function useDiskActionReasons(disk: KubeObject): {
  resize?: string | undefined;
  snapshot?: string | undefined;
  delete?: string | undefined;
} {
  const t = useT();
  const ns = disk.metadata.namespace ?? '';
  const name = disk.metadata.name ?? '';
  const canPatch = useCan('patch', 'virtualdisks', ns, name);
  const canSnap = useCan('create', 'virtualdisksnapshots', ns);
  const canDelete = useCan('delete', 'virtualdisks', ns, name);
  const phase = phaseOf(disk);
  const vms = attachedVmsOf(disk);
  const forbidden = (c: ReturnType<typeof useCan>) =>
    c.allowed ? undefined : t(c.reason ?? 'common.forbidden');
  const gone = disk.metadata.deletionTimestamp ? t('disks.reason.deleting') : undefined;
  return {
    resize:
      forbidden(canPatch) ??
      gone ??
      (phase === 'Migrating' || phase === 'Exporting'
        ? t('disks.reason.busy', { phase })
        : undefined),
    snapshot:
      forbidden(canSnap) ??
      gone ??
      (phase !== 'Ready'
        ? t('disks.reason.notReadyForSnapshot', { phase: phase || '—' })
        : undefined),
    delete:
      forbidden(canDelete) ??
      gone ??
      (vms.length
        ? t('disks.reason.attached', { count: vms.length, vms: vms.join(', ') })
        : undefined),
  };
}
