import type { KubeObject } from '@dvp/api';
import { useCan, type Capability } from '../../../api/session.tsx';
import { useT, type Translate } from '../../../i18n/i18n.tsx';
import { attachedVmsOf } from '../model.ts';

const phaseOf = (o: KubeObject) => (o.status as { phase?: string } | undefined)?.phase ?? '';

/** What the user may do to disks (patch = resize, create snapshots, delete). */
export interface DiskCapabilities {
  patch: Capability;
  snapshot: Capability;
  delete: Capability;
}

/** Why each disk action is unavailable now (undefined = available). */
export interface DiskActionReasons {
  resize?: string | undefined;
  snapshot?: string | undefined;
  delete?: string | undefined;
}

/**
 * The reasons, from the user's rights first, then the disk's state. Delete is blocked while a VM
 * uses the disk, naming the VMs.
 */
export function diskActionReasons(
  t: Translate,
  caps: DiskCapabilities,
  disk: KubeObject,
): DiskActionReasons {
  const phase = phaseOf(disk);
  const vms = attachedVmsOf(disk);
  const forbidden = (c: Capability) => (c.allowed ? undefined : t(c.reason ?? 'common.forbidden'));
  const gone = disk.metadata.deletionTimestamp ? t('disks.reason.deleting') : undefined;
  return {
    resize:
      forbidden(caps.patch) ??
      gone ??
      (phase === 'Migrating' || phase === 'Exporting'
        ? t('disks.reason.busy', { phase })
        : undefined),
    snapshot:
      forbidden(caps.snapshot) ??
      gone ??
      (phase !== 'Ready'
        ? t('disks.reason.notReadyForSnapshot', { phase: phase || '—' })
        : undefined),
    delete:
      forbidden(caps.delete) ??
      gone ??
      (vms.length
        ? t('disks.reason.attached', { count: vms.length, vms: vms.join(', ') })
        : undefined),
  };
}

/** The user's rights on disks of a project (or on one disk, when `name` is given). */
export function useDiskCapabilities(namespace: string, name?: string): DiskCapabilities {
  return {
    patch: useCan('patch', 'virtualdisks', namespace, name),
    snapshot: useCan('create', 'virtualdisksnapshots', namespace),
    delete: useCan('delete', 'virtualdisks', namespace, name),
  };
}

/** The reasons for one disk, with the user's rights on that very disk (the disk page, dialogs). */
export function useDiskActionReasons(disk: KubeObject): DiskActionReasons {
  const t = useT();
  const caps = useDiskCapabilities(disk.metadata.namespace ?? '', disk.metadata.name ?? '');
  return diskActionReasons(t, caps, disk);
}
