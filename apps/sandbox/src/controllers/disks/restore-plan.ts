/**
 * Pure planning of restores and clones from a VM snapshot: what a snapshot holds, which names
 * the restored resources get (name replacements, prefix/suffix), the objects to create, and the
 * conflicts with what already exists. The controllers act on the plan only when it has no
 * conflicts, so nothing is created half-way.
 */
import type { KubeObject } from '../../apiserver/types.ts';
import { DVP_API } from './common.ts';

/** What a VirtualMachineSnapshot stores (in its Secret) for a restore. */
export interface SnapshotContent {
  vm: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    spec: Record<string, unknown>;
  };
  disks: { name: string; snapshot: string; size?: string; storageClassName?: string }[];
  vmip?: { name: string; type: string; address?: string };
  provisioning?: { name: string; type?: string; data: Record<string, string> };
  vmbdas: { name: string; spec: Record<string, unknown> }[];
}

/** How restored names are derived. */
export interface Renames {
  replacements?: { from: { kind?: string; name: string }; to: string | { name: string } }[];
  prefix?: string;
  suffix?: string;
}

/** The new name of `kind/name`: an explicit replacement (matching kind, or any kind), else prefix + name + suffix. */
export function renameOf(r: Renames, kind: string, name: string): string {
  const hit =
    r.replacements?.find((x) => x.from.name === name && x.from.kind === kind) ??
    r.replacements?.find((x) => x.from.name === name && !x.from.kind);
  if (hit) return typeof hit.to === 'string' ? hit.to : hit.to.name;
  return `${r.prefix ?? ''}${name}${r.suffix ?? ''}`;
}

/** One object a restore creates (or reuses, or overwrites). */
export interface Planned {
  kind: string;
  apiVersion: string;
  /** Name in the snapshot. */
  from: string;
  name: string;
  object: KubeObject;
}

/** Options of a plan. */
export interface PlanOptions {
  namespace: string;
  /** Restore the VM's IP address (restores); clones get a new address. */
  keepIPAddress: boolean;
  /** Image refs that do not exist and BestEffort drops: `Kind/name`. */
  dropRefs?: Set<string>;
}

function meta(name: string, namespace: string, extra: Record<string, unknown> = {}) {
  return { name, namespace, ...extra };
}

/** The objects a restore of `content` creates, with their new names. */
export function planRestore(content: SnapshotContent, r: Renames, opts: PlanOptions): Planned[] {
  const ns = opts.namespace;
  const vmName = renameOf(r, 'VirtualMachine', content.vm.name);
  const out: Planned[] = [];
  if (content.provisioning) {
    const name = renameOf(r, 'Secret', content.provisioning.name);
    out.push({
      kind: 'Secret',
      apiVersion: 'v1',
      from: content.provisioning.name,
      name,
      object: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: meta(name, ns),
        ...(content.provisioning.type ? { type: content.provisioning.type } : {}),
        data: content.provisioning.data,
      },
    });
  }
  const vmipName =
    content.vmip && opts.keepIPAddress
      ? renameOf(r, 'VirtualMachineIPAddress', content.vmip.name)
      : undefined;
  if (content.vmip && vmipName) {
    const staticIP = content.vmip.address;
    out.push({
      kind: 'VirtualMachineIPAddress',
      apiVersion: DVP_API,
      from: content.vmip.name,
      name: vmipName,
      object: {
        apiVersion: DVP_API,
        kind: 'VirtualMachineIPAddress',
        metadata: meta(vmipName, ns),
        spec: staticIP ? { type: 'Static', staticIP } : { type: 'Auto' },
      },
    });
  }
  for (const d of content.disks) {
    const name = renameOf(r, 'VirtualDisk', d.name);
    out.push({
      kind: 'VirtualDisk',
      apiVersion: DVP_API,
      from: d.name,
      name,
      object: {
        apiVersion: DVP_API,
        kind: 'VirtualDisk',
        metadata: meta(name, ns),
        spec: {
          ...(d.size || d.storageClassName
            ? {
                persistentVolumeClaim: {
                  ...(d.size ? { size: d.size } : {}),
                  ...(d.storageClassName ? { storageClassName: d.storageClassName } : {}),
                },
              }
            : {}),
          dataSource: {
            type: 'ObjectRef',
            objectRef: { kind: 'VirtualDiskSnapshot', name: d.snapshot },
          },
        },
      },
    });
  }
  out.push({
    kind: 'VirtualMachine',
    apiVersion: DVP_API,
    from: content.vm.name,
    name: vmName,
    object: {
      apiVersion: DVP_API,
      kind: 'VirtualMachine',
      metadata: meta(vmName, ns, {
        ...(content.vm.labels ? { labels: content.vm.labels } : {}),
        ...(content.vm.annotations ? { annotations: content.vm.annotations } : {}),
      }),
      spec: restoredVmSpec(content, r, vmipName, opts.dropRefs),
    },
  });
  for (const a of content.vmbdas) {
    const name = renameOf(r, 'VirtualMachineBlockDeviceAttachment', a.name);
    const ref = a.spec.blockDeviceRef as { kind?: string; name?: string } | undefined;
    const refName =
      ref?.kind === 'VirtualDisk' && ref.name ? renameOf(r, 'VirtualDisk', ref.name) : ref?.name;
    out.push({
      kind: 'VirtualMachineBlockDeviceAttachment',
      apiVersion: DVP_API,
      from: a.name,
      name,
      object: {
        apiVersion: DVP_API,
        kind: 'VirtualMachineBlockDeviceAttachment',
        metadata: meta(name, ns),
        spec: { ...a.spec, virtualMachineName: vmName, blockDeviceRef: { ...ref, name: refName } },
      },
    });
  }
  return out;
}

function restoredVmSpec(
  content: SnapshotContent,
  r: Renames,
  vmipName: string | undefined,
  dropRefs: Set<string> | undefined,
): Record<string, unknown> {
  const spec = structuredClone(content.vm.spec);
  const refs = (spec.blockDeviceRefs ?? []) as { kind: string; name: string }[];
  spec.blockDeviceRefs = refs
    .filter((b) => !dropRefs?.has(`${b.kind}/${b.name}`))
    .map((b) =>
      b.kind === 'VirtualDisk' ? { ...b, name: renameOf(r, 'VirtualDisk', b.name) } : b,
    );
  const prov = spec.provisioning as { userDataRef?: { name: string } } | undefined;
  if (prov?.userDataRef && content.provisioning)
    prov.userDataRef = { ...prov.userDataRef, name: renameOf(r, 'Secret', prov.userDataRef.name) };
  if (vmipName) spec.virtualMachineIPAddressName = vmipName;
  else delete spec.virtualMachineIPAddressName;
  return spec;
}

/** Reads what exists, for conflict checks. */
export type Lookup = (kind: string, name: string) => KubeObject | undefined;

/** A conflict found before a restore. */
export interface Conflict {
  kind: string;
  name: string;
  message: string;
}

/** `ip-a-b-c-d`: the lease of an address. */
export function leaseName(address: string): string {
  return `ip-${address.replaceAll('.', '-')}`;
}

/**
 * Conflicts of a plan with existing objects. `overwrite` names objects the restore may replace
 * (an in-place restore of a VM and its own disks).
 */
export function findConflicts(
  plan: Planned[],
  get: Lookup,
  overwrite = new Set<string>(),
): Conflict[] {
  const out: Conflict[] = [];
  const vmName = plan.find((p) => p.kind === 'VirtualMachine')?.name ?? '';
  for (const p of plan) {
    const existing = get(p.kind, p.name);
    const id = `${p.kind}/${p.name}`;
    if (p.kind === 'VirtualMachineIPAddress') {
      const want = (p.object.spec as { staticIP?: string }).staticIP;
      if (existing) {
        const user = (existing.status as { virtualMachineName?: string } | undefined)
          ?.virtualMachineName;
        const spec = existing.spec as { type?: string; staticIP?: string } | undefined;
        const address =
          (existing.status as { address?: string } | undefined)?.address ?? spec?.staticIP;
        if (user && user !== vmName)
          out.push({
            kind: p.kind,
            name: p.name,
            message: `VirtualMachineIPAddress ${p.name} is attached to another VirtualMachine (${user})`,
          });
        else if (want && address && address !== want)
          out.push({
            kind: p.kind,
            name: p.name,
            message: `VirtualMachineIPAddress ${p.name} has the address ${address}, the snapshot has ${want}`,
          });
      } else if (want) {
        const lease = get('VirtualMachineIPAddressLease', leaseName(want));
        const holder = (
          lease?.spec as { virtualMachineIPAddressRef?: { name?: string } } | undefined
        )?.virtualMachineIPAddressRef?.name;
        if (lease && holder && holder !== p.name)
          out.push({
            kind: p.kind,
            name: p.name,
            message: `the address ${want} is in use by VirtualMachineIPAddress ${holder}`,
          });
      }
      continue;
    }
    if (!existing || overwrite.has(id)) continue;
    if (p.kind === 'Secret') {
      const same =
        JSON.stringify((existing as { data?: unknown }).data ?? {}) ===
        JSON.stringify((p.object as { data?: unknown }).data ?? {});
      if (!same)
        out.push({
          kind: p.kind,
          name: p.name,
          message: `Secret ${p.name} already exists with different data`,
        });
      continue;
    }
    out.push({ kind: p.kind, name: p.name, message: `${p.kind} ${p.name} already exists` });
  }
  return out;
}

/** Image refs of the snapshot's VM that do not exist (`Kind/name`), for BestEffort/Strict. */
export function missingImages(content: SnapshotContent, get: Lookup): string[] {
  const refs = (content.vm.spec.blockDeviceRefs ?? []) as { kind: string; name: string }[];
  return refs
    .filter((b) => b.kind !== 'VirtualDisk' && !get(b.kind, b.name))
    .map((b) => `${b.kind}/${b.name}`);
}
