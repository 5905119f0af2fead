import type { KubeObject } from '../../apiserver/types.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { keyOf } from '../runtime/informer.ts';
import { REFS } from './sources.ts';
import { dataSourceOf, statusOf, type ImageKind } from './spec.ts';

/** Who uses an image: VMs (spec or hot-plug) and objects provisioning from it. */
export interface ImageUsers {
  /** `VirtualMachine ns/name`, `VirtualDisk ns/name (provisioning from it)`, … */
  users: string[];
  /** Namespaces of the VMs and disks that use it (CVI `status.usedInNamespaces`). */
  namespaces: string[];
}

const DONE = new Set(['Ready', 'Failed', 'Terminating', 'ImageLost', 'PVCLost']);
type Ref = { kind?: string; name?: string; namespace?: string };

const bdRefs = (vm: KubeObject): Ref[] =>
  (vm.spec as { blockDeviceRefs?: Ref[] } | undefined)?.blockDeviceRefs ?? [];
const bdaRef = (b: KubeObject): Ref | undefined =>
  (b.spec as { blockDeviceRef?: Ref } | undefined)?.blockDeviceRef;
const objectRef = (o: KubeObject): Ref | undefined => {
  const ds = dataSourceOf(o);
  return ds.type === 'ObjectRef' ? ds.objectRef : undefined;
};

/** True when `ref` (seen from an object in `fromNs`) names the image. */
function names(kind: ImageKind, image: KubeObject, ref: Ref | undefined, fromNs?: string): boolean {
  if (!ref || ref.kind !== kind.kind || ref.name !== image.metadata.name) return false;
  if (!kind.namespaced) return true;
  return (ref.namespace ?? fromNs) === image.metadata.namespace;
}

/** Everything that uses the image now. */
export function usersOf(ctx: ControllerContext, kind: ImageKind, image: KubeObject): ImageUsers {
  const ns = kind.namespaced ? image.metadata.namespace : undefined;
  const users: string[] = [];
  const namespaces = new Set<string>();
  const add = (text: string, o: KubeObject) => {
    users.push(text);
    if (o.metadata.namespace) namespaces.add(o.metadata.namespace);
  };
  for (const vm of ctx.informers.for(REFS.vm).list(ns))
    if (bdRefs(vm).some((r) => names(kind, image, r, vm.metadata.namespace)))
      add(`VirtualMachine ${keyOf(vm)}`, vm);
  for (const b of ctx.informers.for(REFS.vmbda).list(ns)) {
    if (!names(kind, image, bdaRef(b), b.metadata.namespace)) continue;
    const vm = (b.spec as { virtualMachineName?: string }).virtualMachineName ?? '?';
    add(
      `VirtualMachine ${b.metadata.namespace ?? ''}/${vm} (hot-plugged by ${b.metadata.name ?? ''})`,
      b,
    );
  }
  for (const [label, ref] of [
    ['VirtualDisk', REFS.vd],
    ['VirtualImage', REFS.vi],
    ['ClusterVirtualImage', REFS.cvi],
  ] as const) {
    for (const o of ctx.informers.for(ref).list(label === 'ClusterVirtualImage' ? undefined : ns)) {
      if (!names(kind, image, objectRef(o), o.metadata.namespace)) continue;
      if (label === 'VirtualDisk' && o.metadata.namespace) namespaces.add(o.metadata.namespace);
      if (DONE.has(statusOf(o).phase ?? '') || o.metadata.deletionTimestamp) continue;
      users.push(`${label} ${keyOf(o)} (provisioning from it)`);
    }
  }
  return { users, namespaces: [...namespaces].sort() };
}

/** Keys of images (of `kind`) an object refers to: VM devices, VMBDA device, objectRef. */
export function imageKeysReferencedBy(kind: ImageKind, o: KubeObject): string[] {
  const ns = o.metadata.namespace;
  const refs: Ref[] = [...bdRefs(o)];
  const b = bdaRef(o);
  if (b) refs.push(b);
  const r = objectRef(o);
  if (r) refs.push(r);
  return refs
    .filter((x) => x.kind === kind.kind && x.name)
    .map((x) => (kind.namespaced ? `${x.namespace ?? ns ?? ''}/${x.name ?? ''}` : (x.name ?? '')));
}

/** Index value for "this image provisions from that object": `Kind/ns/name`. */
export function sourceIndexOf(kind: ImageKind, image: KubeObject): string[] {
  const r = objectRef(image);
  if (!r) return [];
  const ns =
    r.kind === 'ClusterVirtualImage'
      ? ''
      : kind.namespaced
        ? image.metadata.namespace
        : r.namespace;
  return [`${r.kind}/${ns ?? ''}/${r.name}`];
}

/** The index value an object is found under as a source. */
export function sourceKeyOf(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}
