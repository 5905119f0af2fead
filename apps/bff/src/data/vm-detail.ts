import {
  matchSizingPolicy,
  vmRowOf,
  type ApiResourceName,
  type Condition,
  type KubeObject,
  type PendingChange,
  type SizingPolicy,
  type VmDetail,
} from '@dvp/api';
import type { Identity } from '../auth/identity.ts';
import type { AppContext } from '../context.ts';
import { StatusError } from '../k8s/status.ts';
import { latestOperations } from './lists.ts';
import { mayRead, readFresh, readObject, readPart, withKind } from './reads.ts';

type DataContext = Pick<AppContext, 'reviewer' | 'cache' | 'rest'>;

const MAX_EVENTS = 50;

interface VmShape {
  metadata: { name?: string; uid?: string };
  spec?: {
    virtualMachineClassName?: string;
    virtualMachineIPAddressName?: string;
    blockDeviceRefs?: { kind: string; name: string }[];
    cpu?: { cores?: number; coreFraction?: string };
    memory?: { size?: string };
  };
  status?: {
    virtualMachineIPAddressName?: string;
    conditions?: Condition[];
    restartAwaitingChanges?: PendingChange[];
  };
}

interface VmbdaShape {
  spec?: { virtualMachineName?: string; blockDeviceRef?: { kind?: string; name?: string } };
}

interface EventShape {
  involvedObject?: { kind?: string; name?: string; uid?: string; apiVersion?: string };
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  metadata: { creationTimestamp?: string };
}

function eventTime(e: EventShape): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
}

function byNewest(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta === tb ? 0 : ta < tb ? 1 : -1;
}

/** One named object for an aggregate: null when absent, `forbidden` when the user may not read it. */
async function readNamed(
  ctx: DataContext,
  identity: Identity,
  resource: ApiResourceName,
  namespace: string | undefined,
  name: string,
  signal?: AbortSignal,
): Promise<KubeObject | null | 'forbidden'> {
  if (!(await mayRead(ctx, identity, resource, 'get', namespace, name))) return 'forbidden';
  try {
    return await readObject(ctx, identity, resource, namespace, name, signal);
  } catch (e) {
    if (e instanceof StatusError && e.status.code === 404) return null;
    if (e instanceof StatusError && e.status.code === 403) return 'forbidden';
    throw e;
  }
}

/**
 * `vmView`: the VM and everything its page shows, in one answer. The VM itself is read fresh, as
 * the user (the cluster's 403/404 when the user may not see it): the console edits it with its
 * resourceVersion, and the watch may deliver a write a moment after the API serves it, so a cached
 * copy read right after a save could be the one before it. Each other part the user may not read
 * is named in `forbidden` instead of failing the page.
 */
export async function vmDetail(
  ctx: DataContext,
  identity: Identity,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<VmDetail> {
  const vmObj = await readFresh(ctx, identity, 'virtualmachines', namespace, name, signal);
  const vm = vmObj as unknown as VmShape;
  const refs = vm.spec?.blockDeviceRefs ?? [];
  const className = vm.spec?.virtualMachineClassName;
  const ipName = vm.status?.virtualMachineIPAddressName ?? vm.spec?.virtualMachineIPAddressName;
  const part = (r: ApiResourceName, cluster = false) =>
    readPart(ctx, identity, r, cluster ? undefined : namespace, signal);
  const [cls, ip, vmbdas, disks, vis, cvis, ops, events] = await Promise.all([
    className
      ? readNamed(ctx, identity, 'virtualmachineclasses', undefined, className, signal)
      : null,
    ipName
      ? readNamed(ctx, identity, 'virtualmachineipaddresses', namespace, ipName, signal)
      : null,
    part('virtualmachineblockdeviceattachments'),
    part('virtualdisks'),
    part('virtualimages'),
    part('clustervirtualimages', true),
    part('virtualmachineoperations'),
    part('events'),
  ]);
  const forbidden: string[] = [];
  const allowed = <T>(resource: string, v: T | 'forbidden'): T | undefined => {
    if (v !== 'forbidden') return v;
    forbidden.push(resource);
    return undefined;
  };

  const attachments = (allowed('virtualmachineblockdeviceattachments', vmbdas) ?? []).filter(
    (a) => (a as VmbdaShape).spec?.virtualMachineName === name,
  );
  // Devices: the VM's own refs plus what its attachments hot-plug.
  const wanted = new Set(refs.map((r) => `${r.kind}/${r.name}`));
  for (const a of attachments) {
    const ref = (a as VmbdaShape).spec?.blockDeviceRef;
    if (ref?.kind && ref.name) wanted.add(`${ref.kind}/${ref.name}`);
  }
  const pick = (kind: string, objs: KubeObject[] | undefined) =>
    (objs ?? []).filter((o) => wanted.has(`${kind}/${o.metadata.name ?? ''}`));
  const needs = (kind: string) => [...wanted].some((k) => k.startsWith(`${kind}/`));

  const diskObjs = needs('VirtualDisk') ? pick('VirtualDisk', allowed('virtualdisks', disks)) : [];
  const images = [
    ...(needs('VirtualImage') ? pick('VirtualImage', allowed('virtualimages', vis)) : []),
    ...(needs('ClusterVirtualImage')
      ? pick('ClusterVirtualImage', allowed('clustervirtualimages', cvis))
      : []),
  ];
  const operations = (allowed('virtualmachineoperations', ops) ?? [])
    .filter(
      (o) => (o.spec as { virtualMachineName?: string } | undefined)?.virtualMachineName === name,
    )
    .sort(byNewest);
  const vmEvents = (allowed('events', events) ?? [])
    .filter((e) => {
      const io = (e as unknown as EventShape).involvedObject;
      if (io?.kind !== 'VirtualMachine' || io.name !== name) return false;
      // An event about an earlier VM of the same name is not about this one.
      return !io.uid || !vm.metadata.uid || io.uid === vm.metadata.uid;
    })
    .sort((a, b) => {
      const ta = eventTime(a);
      const tb = eventTime(b);
      return ta === tb ? 0 : ta < tb ? 1 : -1;
    })
    .slice(0, MAX_EVENTS)
    .map((e) => withKind('events', e));
  const classObj = allowed('virtualmachineclasses', cls) ?? null;
  const ipObj = allowed('virtualmachineipaddresses', ip) ?? null;

  const lastOp = ops === 'forbidden' ? null : (latestOperations(operations).get(name) ?? null);
  const policies = (classObj?.spec as { sizingPolicies?: SizingPolicy[] } | undefined)
    ?.sizingPolicies;
  const sizing =
    classObj && vm.spec?.cpu?.cores !== undefined && vm.spec.memory?.size !== undefined
      ? matchSizingPolicy(
          {
            cores: vm.spec.cpu.cores,
            memory: vm.spec.memory.size,
            ...(vm.spec.cpu.coreFraction ? { coreFraction: vm.spec.cpu.coreFraction } : {}),
          },
          policies,
          { vmName: name, className: classObj.metadata.name ?? '' },
        )
      : null;
  return {
    vm: vmObj,
    row: vmRowOf(vmObj, lastOp),
    class: classObj,
    sizing,
    disks: diskObjs,
    images,
    attachments,
    ipAddress: ipObj,
    operations,
    events: vmEvents,
    conditions: vm.status?.conditions ?? [],
    pendingChanges: vm.status?.restartAwaitingChanges ?? [],
    forbidden: [...new Set(forbidden)],
  } as unknown as VmDetail;
}
