import type { KubeObject } from '../../apiserver/types.ts';
import { diskFileOf, imageFileOf } from '../../storage/resolve.ts';
import { refOf } from '../runtime/client.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { ImageKind } from './spec.ts';
import { dataSourceOf, statusOf } from './spec.ts';
import { credentialsFor, parseImageReference } from './oci-ref.ts';

const DVP = 'virtualization.deckhouse.io';
export const REFS = {
  vi: refOf(DVP, 'VirtualImage'),
  cvi: refOf(DVP, 'ClusterVirtualImage'),
  vd: refOf(DVP, 'VirtualDisk'),
  vds: refOf(DVP, 'VirtualDiskSnapshot'),
  vm: refOf(DVP, 'VirtualMachine'),
  vmbda: refOf(DVP, 'VirtualMachineBlockDeviceAttachment'),
  secret: refOf('', 'Secret'),
  pvc: refOf('', 'PersistentVolumeClaim'),
  sc: refOf('storage.k8s.io', 'StorageClass'),
  mc: refOf('deckhouse.io', 'ModuleConfig'),
};

/** A data source that can be read now, or why not (a `DatasourceReady` reason). */
export type SourceState =
  | {
      ready: true;
      /** For ObjectRef: the file to copy and the source's uid. */
      file?: string;
      sourceUID?: string;
      credentials?: { username: string; password: string };
      what: string;
    }
  | { ready: false; reason: string; message: string };

const phase = (o: KubeObject | undefined) =>
  statusOf(o ?? { apiVersion: '', kind: '', metadata: {} }).phase;

/** Checks an image's data source: referenced objects Ready, pull secret present. */
export async function checkSource(
  ctx: ControllerContext,
  kind: ImageKind,
  obj: KubeObject,
): Promise<SourceState> {
  const ds = dataSourceOf(obj);
  const ns = obj.metadata.namespace;
  if (ds.type === 'HTTP') return { ready: true, what: ds.http?.url ?? '' };
  if (ds.type === 'Upload') return { ready: true, what: 'the uploaded file' };
  if (ds.type === 'ContainerImage') {
    const ci = ds.containerImage;
    const image = ci?.image ?? '';
    const secretName = ci?.imagePullSecret?.name;
    if (!secretName) return { ready: true, what: image };
    const secretNs = (kind.namespaced ? ns : ci.imagePullSecret?.namespace) ?? 'default';
    const secret = await ctx.client.get(REFS.secret, secretName, secretNs);
    if (!secret)
      return {
        ready: false,
        reason: 'ContainerRegistrySecretNotFound',
        message: `The image pull secret ${secretNs}/${secretName} does not exist: create a Secret of type kubernetes.io/dockerconfigjson with the registry credentials.`,
      };
    const data = (secret as { data?: Record<string, string> }).data?.['.dockerconfigjson'];
    let registry = '';
    try {
      registry = parseImageReference(image).registry;
    } catch {
      return { ready: true, what: image };
    }
    let credentials;
    try {
      credentials = data
        ? credentialsFor(Buffer.from(data, 'base64').toString('utf8'), registry)
        : undefined;
    } catch (e) {
      return {
        ready: false,
        reason: 'ContainerRegistrySecretNotFound',
        message: `Secret ${secretNs}/${secretName}: ${(e as Error).message}.`,
      };
    }
    return { ready: true, what: image, ...(credentials ? { credentials } : {}) };
  }
  const ref = ds.objectRef;
  if (!ref)
    return {
      ready: false,
      reason: 'ImageNotReady',
      message: 'spec.dataSource.objectRef is missing',
    };
  const refNs = kind.namespaced ? ns : ref.namespace;
  const label = `${ref.kind} ${ref.kind === 'ClusterVirtualImage' ? '' : `${refNs ?? ''}/`}${ref.name}`;
  const notReady = (reason: string, o: KubeObject | undefined) => ({
    ready: false as const,
    reason,
    message: o
      ? `${label} is not ready yet (phase ${phase(o) ?? 'Pending'}); the image is created once it is Ready.`
      : `${label} does not exist; create it or fix spec.dataSource.objectRef.`,
  });
  const ok = (o: KubeObject, file: string | undefined, reason: string): SourceState =>
    file
      ? { ready: true, file, sourceUID: o.metadata.uid ?? '', what: label }
      : notReady(reason, o);
  switch (ref.kind) {
    case 'ClusterVirtualImage': {
      const o = ctx.informers.for(REFS.cvi).get(ref.name);
      if (!o || phase(o) !== 'Ready') return notReady('ClusterImageNotReady', o);
      return ok(o, imageFileOf(ctx.paths, o), 'ClusterImageNotReady');
    }
    case 'VirtualImage': {
      const o = ctx.informers.for(REFS.vi).get(ref.name, refNs);
      if (!o || phase(o) !== 'Ready') return notReady('ImageNotReady', o);
      return ok(o, imageFileOf(ctx.paths, o), 'ImageNotReady');
    }
    case 'VirtualDisk': {
      const o = ctx.informers.for(REFS.vd).get(ref.name, refNs);
      if (!o || phase(o) !== 'Ready') return notReady('VirtualDiskNotReady', o);
      const running = runningUsers(ctx, o);
      if (running.length > 0)
        return {
          ready: false,
          reason: 'VirtualDiskAttachedToVirtualMachine',
          message: `${label} is attached to the running VirtualMachine ${running.join(', ')}: stop the virtual machine to create an image from the disk.`,
        };
      return ok(o, diskFileOf(ctx.paths, o), 'VirtualDiskNotReady');
    }
    case 'VirtualDiskSnapshot': {
      const o = ctx.informers.for(REFS.vds).get(ref.name, refNs);
      const vs = (o?.status as { volumeSnapshotName?: string } | undefined)?.volumeSnapshotName;
      if (!o || phase(o) !== 'Ready' || !vs || !refNs)
        return notReady('VirtualDiskSnapshotNotReady', o);
      return ok(o, ctx.paths.snapshotFile(refNs, vs), 'VirtualDiskSnapshotNotReady');
    }
    default:
      return {
        ready: false,
        reason: 'ImageNotReady',
        message: `objectRef kind ${ref.kind} is not supported`,
      };
  }
}

/** Names of running VMs a disk is attached to (from its status and from the VMs themselves). */
function runningUsers(ctx: ControllerContext, vd: KubeObject): string[] {
  const st = vd.status as
    { attachedToVirtualMachines?: { name?: string; mounted?: boolean }[] } | undefined;
  const names = new Set(
    (st?.attachedToVirtualMachines ?? []).filter((a) => a.mounted).map((a) => a.name ?? ''),
  );
  for (const vm of ctx.informers.for(REFS.vm).list(vd.metadata.namespace)) {
    const refs =
      (vm.spec as { blockDeviceRefs?: { kind: string; name: string }[] } | undefined)
        ?.blockDeviceRefs ?? [];
    const p = phase(vm);
    if (
      refs.some((r) => r.kind === 'VirtualDisk' && r.name === vd.metadata.name) &&
      p &&
      p !== 'Stopped' &&
      p !== 'Pending'
    )
      names.add(vm.metadata.name ?? '');
  }
  return [...names].filter(Boolean);
}

/** The storage class a PVC-backed VI gets, or why it cannot get one. */
export function resolveStorageClass(
  ctx: ControllerContext,
  vi: KubeObject,
): { ok: true; name: string; rwx: boolean } | { ok: false; message: string } {
  const mc = ctx.informers.for(REFS.mc).get('virtualization');
  const settings =
    (mc?.spec as { settings?: { virtualImages?: Record<string, unknown> } } | undefined)?.settings
      ?.virtualImages ?? {};
  const classes = ctx.informers.for(REFS.sc).list();
  const explicit = (vi.spec as { persistentVolumeClaim?: { storageClassName?: string } })
    .persistentVolumeClaim?.storageClassName;
  const fallback =
    (settings.defaultStorageClassName as string | undefined) ??
    (settings.storageClassName as string | undefined) ??
    classes.find(
      (c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
    )?.metadata.name;
  const name = explicit ?? fallback;
  if (!name)
    return {
      ok: false,
      message:
        'No storage class is given and neither the module settings (virtualImages.defaultStorageClassName) nor the cluster have a default one.',
    };
  const allowed =
    (settings.allowedStorageClassNames as string[] | undefined) ??
    (settings.allowedStorageClassSelector as { matchNames?: string[] } | undefined)?.matchNames;
  if (allowed && allowed.length > 0 && !allowed.includes(name))
    return {
      ok: false,
      message: `The storage class ${name} is not allowed for images by the module settings (allowed: ${allowed.join(', ')}).`,
    };
  const sc = classes.find((c) => c.metadata.name === name);
  if (!sc)
    return {
      ok: false,
      message: `The storage class ${name} does not exist: create it or choose another one in spec.persistentVolumeClaim.storageClassName.`,
    };
  return {
    ok: true,
    name,
    rwx: (sc as { provisioner?: string }).provisioner === 'sandbox.deckhouse.io/shared',
  };
}
