/**
 * Carrying out a restore plan: reading a VM snapshot's content, looking up what exists, and
 * creating (or, for an in-place restore, overwriting) the planned objects.
 */
import { existsSync } from 'node:fs';
import { imageInfo, resizeImage } from '@dvp/hypervisor-agent/images/qemu-img';
import type { KubeObject } from '../../apiserver/types.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { refOf } from '../runtime/client.ts';
import { DVP, REF, moveIntoPlace, phaseOf, str, type Obj } from './common.ts';
import { leaseName, type Lookup, type Planned, type SnapshotContent } from './restore-plan.ts';
import { SNAPSHOT_CONTENT_KEY } from './vm-snapshot.ts';
import { scratchFile } from './vd-work.ts';
import { convertToQcow2 } from './volume.ts';

/** One entry of an operation's `status.resources`. */
export interface ResourceStatus {
  apiVersion: string;
  kind: string;
  name: string;
  status: 'InProgress' | 'Completed' | 'Failed';
  message: string;
}

/** The content a Ready VM snapshot stored, or a reason it cannot be read. */
export async function loadSnapshotContent(
  ctx: ControllerContext,
  vms: Obj,
): Promise<{ ok: true; content: SnapshotContent } | { ok: false; message: string }> {
  const name = str(vms.status?.virtualMachineSnapshotSecretName);
  const secret = name
    ? await ctx.client.get<Obj>(REF.secret, name, vms.metadata.namespace)
    : undefined;
  const data = (secret?.data as Record<string, string> | undefined)?.[SNAPSHOT_CONTENT_KEY];
  if (!data)
    return {
      ok: false,
      message: `the Secret ${name || '(none)'} of the VirtualMachineSnapshot is missing`,
    };
  return {
    ok: true,
    content: JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as SnapshotContent,
  };
}

function refFor(kind: string) {
  if (kind === 'Secret') return REF.secret;
  if (kind === 'VirtualMachineIPAddressLease') return REF.vmipLease;
  return refOf(DVP, kind);
}

/** Fetches every object a plan (and its VMIP lease and image refs) could conflict with. */
export async function fetchExisting(
  ctx: ControllerContext,
  namespace: string,
  plan: Planned[],
  content: SnapshotContent,
): Promise<Lookup> {
  const found = new Map<string, KubeObject>();
  const want: [string, string][] = plan.map((p) => [p.kind, p.name]);
  const ip = content.vmip?.address;
  if (ip) want.push(['VirtualMachineIPAddressLease', leaseName(ip)]);
  for (const b of (content.vm.spec.blockDeviceRefs ?? []) as { kind: string; name: string }[])
    if (b.kind !== 'VirtualDisk') want.push([b.kind, b.name]);
  for (const [kind, name] of want) {
    const ref = refFor(kind);
    const obj = await ctx.client.get(ref, name, ref.namespaced ? namespace : undefined);
    if (obj) found.set(`${kind}/${name}`, obj);
  }
  return (kind, name) => found.get(`${kind}/${name}`);
}

/** Overwrites a stopped VM's disk with the data of a disk snapshot (never shrinking it). */
async function overwriteDisk(
  ctx: ControllerContext,
  disk: Obj,
  snapshotName: string,
): Promise<void> {
  const ns = disk.metadata.namespace ?? '';
  const snap = await ctx.client.get<Obj>(REF.vds, snapshotName, ns);
  const vsName = str(snap?.status?.volumeSnapshotName);
  const from = vsName ? ctx.paths.snapshotFile(ns, vsName) : '';
  const pvc = str(
    (disk.status?.target as { persistentVolumeClaimName?: string } | undefined)
      ?.persistentVolumeClaimName,
  );
  const dest = pvc ? ctx.paths.volumeFile(ns, pvc) : '';
  if (!from || !existsSync(from))
    throw new Error(`VirtualDiskSnapshot ${snapshotName} has no data`);
  if (!dest || !existsSync(dest))
    throw new Error(`VirtualDisk ${disk.metadata.name ?? ''} has no volume`);
  const current = (await imageInfo(dest)).virtualSize;
  const tmp = await scratchFile(ctx, 'restore');
  await convertToQcow2(from, tmp);
  if ((await imageInfo(tmp)).virtualSize < current)
    await resizeImage(tmp, current, { format: 'qcow2' });
  await moveIntoPlace(tmp, dest);
}

/**
 * Creates the planned objects in order (Secret, VMIP, disks, VM, VMBDAs). Objects in
 * `overwrite` are replaced instead: the VM's spec is updated and its disks get the snapshot data.
 * Compatible existing Secrets and VMIPs are reused.
 */
export async function applyPlan(
  ctx: ControllerContext,
  namespace: string,
  plan: Planned[],
  content: SnapshotContent,
  existing: Lookup,
  overwrite: Set<string>,
  ours: (kind: string, name: string) => boolean,
): Promise<ResourceStatus[]> {
  const out: ResourceStatus[] = [];
  for (const p of plan) {
    const ref = refFor(p.kind);
    const found = existing(p.kind, p.name);
    const entry = (message: string): ResourceStatus => ({
      apiVersion: p.apiVersion,
      kind: p.kind,
      name: p.name,
      status: 'Completed',
      message,
    });
    if (found && ours(p.kind, p.name)) {
      out.push(entry('created'));
      continue;
    }
    if (found && overwrite.has(`${p.kind}/${p.name}`)) {
      if (p.kind === 'VirtualDisk') {
        const snap = content.disks.find((d) => d.name === p.from)?.snapshot ?? '';
        await overwriteDisk(ctx, found, snap);
        out.push(entry(`restored from VirtualDiskSnapshot ${snap}`));
      } else if (p.kind === 'VirtualMachine') {
        const fresh = (await ctx.client.get<Obj>(ref, p.name, namespace)) ?? found;
        await ctx.client.update(ref, { ...fresh, spec: (p.object as Obj).spec });
        out.push(entry('configuration restored'));
      } else out.push(entry('kept'));
      continue;
    }
    if (found && (p.kind === 'Secret' || p.kind === 'VirtualMachineIPAddress')) {
      out.push(entry('reused the existing object'));
      continue;
    }
    await ctx.client.create(ref, p.object, namespace);
    out.push(entry('created'));
  }
  return out;
}

/** True when the VM has no running guest and is in a stopped phase. */
export function vmIsStopped(ctx: ControllerContext, vm: Obj): boolean {
  const uid = vm.metadata.uid ?? '';
  const phase = phaseOf(vm);
  return !ctx.nodes.locate(uid) && (phase === '' || phase === 'Stopped' || phase === 'Pending');
}
