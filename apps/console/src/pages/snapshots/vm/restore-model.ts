/**
 * Restoring a VM snapshot to a new VM (VMSOP `CreateVirtualMachine`): which resources the
 * snapshot holds, their new names, and the collisions to show before submitting.
 */
import { validateObjectName, type KubeObject } from '@dvp/api';

/** Kinds a restore creates under a (possibly replaced) name. */
export const RENAMABLE = [
  'VirtualMachine',
  'VirtualDisk',
  'VirtualMachineBlockDeviceAttachment',
  'Secret',
] as const;
export type RenamableKind = (typeof RENAMABLE)[number];

/** The VMSOP's CEL rule: every replacement's `to` has 1 to 59 characters. */
export const MAX_REPLACEMENT_LENGTH = 59;

export interface SnapshotResource {
  kind: string;
  name: string;
}

/** `status.resources` of a VirtualMachineSnapshot. */
export function snapshotResources(snapshot: KubeObject): SnapshotResource[] {
  const list = (snapshot.status as { resources?: { kind?: string; name?: string }[] } | undefined)
    ?.resources;
  return (list ?? [])
    .filter((r) => r.kind && r.name)
    .map((r) => ({ kind: r.kind ?? '', name: r.name ?? '' }));
}

export const isRenamable = (kind: string): kind is RenamableKind =>
  (RENAMABLE as readonly string[]).includes(kind);

/** A resource's key in the replacement map. */
export const keyOf = (r: SnapshotResource) => `${r.kind}/${r.name}`;

/** The problem of a new name, or undefined. */
export function targetNameProblem(
  kind: string,
  to: string,
): { id: 'required' | 'tooLong' | 'invalid'; message?: string } | undefined {
  const n = to.trim();
  if (!n) return { id: 'required' };
  if (n.length > MAX_REPLACEMENT_LENGTH) return { id: 'tooLong' };
  const msg = validateObjectName(kind, n)[0];
  return msg ? { id: 'invalid', message: msg } : undefined;
}

/** Keys of resources whose new name another resource of the same kind also takes. */
export function duplicateTargets(
  resources: readonly SnapshotResource[],
  toOf: (r: SnapshotResource) => string,
): Set<string> {
  const seen = new Map<string, string>();
  const dup = new Set<string>();
  for (const r of resources) {
    if (!isRenamable(r.kind)) continue;
    const id = `${r.kind}/${toOf(r).trim()}`;
    const other = seen.get(id);
    if (other) {
      dup.add(other);
      dup.add(keyOf(r));
    } else seen.set(id, keyOf(r));
  }
  return dup;
}

/**
 * The VMSOP body: every renamable resource gets a replacement (an unchanged name too, since the
 * CRD wants at least one replacement, prefix or suffix). CRD spelling: `nameReplacement`, `to`
 * a string (dvp-api.md §19).
 */
export function restoreOperationBody(
  snapshotName: string,
  resources: readonly SnapshotResource[],
  toOf: (r: SnapshotResource) => string,
) {
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachineSnapshotOperation',
    metadata: { generateName: `${snapshotName.slice(0, 40)}-restore-` },
    spec: {
      type: 'CreateVirtualMachine',
      virtualMachineSnapshotName: snapshotName,
      createVirtualMachine: {
        mode: 'Strict',
        nameReplacement: resources
          .filter((r) => isRenamable(r.kind))
          .map((r) => ({ from: { kind: r.kind, name: r.name }, to: toOf(r).trim() })),
      },
    },
  };
}

/** The new VM's name of a restore. */
export function restoredVmName(
  resources: readonly SnapshotResource[],
  toOf: (r: SnapshotResource) => string,
): string {
  const vm = resources.find((r) => r.kind === 'VirtualMachine');
  return vm ? toOf(vm).trim() : '';
}
