import type { KubeObject, OwnerReference, VirtualMachine, VmDetail } from '@dvp/api';
import { api, call } from '../../../api/client.ts';
import { writeOnUnchanged } from '../../../api/conflicts.ts';
import { toApiError } from '../../../api/errors.ts';
import { editOwnerReferences } from '../../../api/owner-references.ts';
import { patchVm } from '../vm-patch.ts';
import { mergePatch, patchDiff, type DiffEntry, type Json } from './merge-patch.ts';
import { specFromValues, type ConfigValues, nameOf } from './values.ts';

/** A call besides the VM patch, listed in the same confirmation. */
export type Op =
  | { kind: 'createIp'; name: string; ip: string }
  | { kind: 'resize'; disk: string; from: string; to: string; resourceVersion: string }
  | { kind: 'attach'; disk: string }
  | { kind: 'detach'; attachment: string; disk: string }
  | { kind: 'deleteDisk'; disk: string }
  | { kind: 'keepIp'; vmip: string; keep: boolean };

export interface Plan {
  /** The `spec` part of the VM merge patch (undefined: the VM itself does not change). */
  specPatch: Json | undefined;
  diff: DiffEntry[];
  ops: Op[];
}

/** The name of a Static VMIP the form creates for `ip` (DNS-safe: dots → dashes). */
export function staticIpName(vmName: string, ip: string): string {
  return `${vmName}-ip-${ip.trim().replace(/[^0-9a-f]+/gi, '-')}`.toLowerCase();
}

/** Everything saving the form does, computed against the VM as loaded (`base`). */
export function planChanges(base: VirtualMachine, detail: VmDetail, v: ConfigValues): Plan {
  const ops: Op[] = [];
  let values = v;
  if (v.newStaticIp.trim() !== '') {
    const name = staticIpName(nameOf(base), v.newStaticIp);
    ops.push({ kind: 'createIp', name, ip: v.newStaticIp.trim() });
    values = { ...v, ipName: name };
  }
  const after = specFromValues(base.spec, values);
  const specPatch = mergePatch(base.spec, after);
  const diff = patchDiff(base.spec, specPatch, 'spec');
  for (const s of v.sizes) {
    const disk = detail.disks.find((d) => nameOf(d) === s.name);
    const from = String(disk?.spec?.persistentVolumeClaim?.size ?? '');
    const deleted = v.deleteDisks.includes(s.name);
    if (disk && !deleted && s.size.trim() !== '' && s.size.trim() !== from) {
      ops.push({
        kind: 'resize',
        disk: s.name,
        from,
        to: s.size.trim(),
        resourceVersion: disk.metadata.resourceVersion ?? '',
      });
    }
  }
  for (const disk of v.attach) ops.push({ kind: 'attach', disk });
  for (const name of v.detach) {
    const a = detail.attachments.find((x) => nameOf(x) === name);
    ops.push({ kind: 'detach', attachment: name, disk: a?.spec.blockDeviceRef.name ?? name });
  }
  for (const disk of v.deleteDisks) ops.push({ kind: 'deleteDisk', disk });
  const ip = detail.ipAddress;
  if (ip && v.keepIp !== !hasVmOwner(ip.metadata.ownerReferences, base)) {
    ops.push({ kind: 'keepIp', vmip: nameOf(ip), keep: v.keepIp });
  }
  return { specPatch, diff, ops };
}

export function hasVmOwner(
  refs: { kind: string; name: string }[] | undefined,
  vm: VirtualMachine,
): boolean {
  return (refs ?? []).some((r) => r.kind === 'VirtualMachine' && r.name === nameOf(vm));
}

/** The parts of a VM this form edits are equal (spec, labels, annotations; not status). */
export function sameEditable(a: VirtualMachine, b: VirtualMachine): boolean {
  const editable = (v: VirtualMachine) =>
    JSON.stringify([v.spec, v.metadata.labels ?? {}, v.metadata.annotations ?? {}]);
  return editable(a) === editable(b);
}

/**
 * The VM merge patch (only the changed spec fields) with the resourceVersion of `base`, the VM
 * the patch was computed against; status-only writes in between are no conflict (`patchVm`).
 */
export function patchVmSpec(
  base: VirtualMachine,
  specPatch: Json,
  dryRun = false,
): Promise<VirtualMachine> {
  return patchVm({
    base,
    patch: { spec: specPatch },
    same: (fresh) => sameEditable(fresh, base),
    dryRun,
  });
}

/**
 * Creates a Static VMIP. A retry after a failed VM patch (e.g. 409) finds the address it
 * created last time, so AlreadyExists is fine.
 */
export async function createIp(
  namespace: string,
  op: Extract<Op, { kind: 'createIp' }>,
  dryRun = false,
): Promise<void> {
  await call(api.resourceCreate, {
    params: { namespace, resource: 'virtualmachineipaddresses' },
    ...(dryRun ? { query: { dryRun: 'All' as const } } : {}),
    body: { metadata: { name: op.name }, spec: { type: 'Static', staticIP: op.ip } },
  }).catch((e: unknown) => {
    if (toApiError(e).reason !== 'AlreadyExists') throw e;
  });
}

/**
 * Runs the separate calls around the VM patch, in an order the API accepts: a new VMIP exists
 * before the VM references it; a disk is deleted only after the patch detached it.
 */
export async function runOps(
  base: VirtualMachine,
  ops: Op[],
  phase: 'before' | 'after',
): Promise<void> {
  const namespace = base.metadata.namespace ?? '';
  for (const op of ops) {
    if (phase === 'before' && op.kind === 'createIp') await createIp(namespace, op);
    if (phase === 'before') continue;
    switch (op.kind) {
      case 'resize':
        await resizeDisk(namespace, op);
        break;
      case 'attach':
        await call(api.resourceCreate, {
          params: { namespace, resource: 'virtualmachineblockdeviceattachments' },
          body: {
            metadata: { generateName: `${nameOf(base)}-${op.disk}-`.slice(0, 58) },
            spec: {
              virtualMachineName: nameOf(base),
              blockDeviceRef: { kind: 'VirtualDisk', name: op.disk },
            },
          },
        });
        break;
      case 'detach':
        await call(api.resourceDelete, {
          params: {
            namespace,
            resource: 'virtualmachineblockdeviceattachments',
            name: op.attachment,
          },
        });
        break;
      case 'deleteDisk':
        await call(api.resourceDelete, {
          params: { namespace, resource: 'virtualdisks', name: op.disk },
        });
        break;
      case 'keepIp': {
        // Seed 000 "How to save the ip address": drop the VMIP's ownerReference to the VM so
        // deleting the VM does not garbage-collect it; un-keeping puts the VM back as owner.
        // The address's controller updates it often, so the edit is re-derived on a fresh read
        // after a Conflict (other owners are kept).
        await editOwnerReferences(
          { namespace, resource: 'virtualmachineipaddresses', name: op.vmip },
          (refs) => ipOwners(refs, base, op.keep),
        );
        break;
      }
      default:
        break;
    }
  }
}

/**
 * The address's owner references with the VM `base` as owner (`keep` false) or not (`keep`
 * true), other owners unchanged; `undefined` when they already are so.
 */
export function ipOwners(
  refs: OwnerReference[],
  base: VirtualMachine,
  keep: boolean,
): OwnerReference[] | undefined {
  const owned = hasVmOwner(refs, base);
  if (keep) return owned ? refs.filter((r) => !hasVmOwner([r], base)) : undefined;
  if (owned) return undefined;
  const owner = {
    apiVersion: base.apiVersion,
    kind: 'VirtualMachine',
    name: nameOf(base),
    uid: base.metadata.uid ?? '',
  };
  return [...refs, owner];
}

const diskSize = (disk: KubeObject): string => {
  const size = (disk.spec as { persistentVolumeClaim?: { size?: string | number } } | undefined)
    ?.persistentVolumeClaim?.size;
  return size === undefined ? '' : String(size);
};

/**
 * PVC sizes only grow; the VirtualDisk carries the size and expands its PVC. The patch carries
 * the disk's resourceVersion as loaded; its controller's status writes are no conflict, a size
 * someone else changed is.
 */
async function resizeDisk(namespace: string, op: Extract<Op, { kind: 'resize' }>): Promise<void> {
  const params = { namespace, resource: 'virtualdisks' as const, name: op.disk };
  await writeOnUnchanged({
    resourceVersion: op.resourceVersion,
    write: (resourceVersion) =>
      call(api.resourcePatch, {
        params,
        body: { metadata: { resourceVersion }, spec: { persistentVolumeClaim: { size: op.to } } },
      }),
    read: () => call(api.resourceView, { params }),
    same: (fresh) => diskSize(fresh) === op.from,
  });
}
