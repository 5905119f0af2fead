import { errors } from '../errors.ts';
import type { ServedResource } from '../registry.ts';
import type { KubeObject, UserInfo } from '../types.ts';
import { nowTimestamp, type ObjectService } from './objects.ts';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** `DeleteOptions` (meta/v1), from the request body or query. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/**
 * Deletes an object the way kube-apiserver does: preconditions, then either removal at once or,
 * when finalizers (or a Foreground/Orphan policy) hold it, a deletionTimestamp and removal once
 * the last finalizer is gone. Garbage collection of dependents reacts to the result.
 */
export async function deleteObject(
  svc: ObjectService,
  served: ServedResource,
  namespace: string,
  name: string,
  opts: DeleteOptions,
  _user: UserInfo,
): Promise<{ obj: KubeObject; removed: boolean }> {
  const stored = svc.getStored(served, namespace, name);
  const obj = stored.obj;
  const target = { group: served.group, resource: served.def.plural, name };
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== obj.metadata.uid) {
    throw errors.conflict(
      target,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid ?? ''}`,
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw errors.conflict(
      target,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion ?? ''}`,
    );
  }
  const policy: PropagationPolicy =
    opts.propagationPolicy ?? (opts.orphanDependents ? 'Orphan' : 'Background');
  const finalizers = [...(obj.metadata.finalizers ?? [])];
  if (policy === 'Foreground' && !finalizers.includes(FOREGROUND_FINALIZER))
    finalizers.push(FOREGROUND_FINALIZER);
  if (policy === 'Orphan' && !finalizers.includes(ORPHAN_FINALIZER))
    finalizers.push(ORPHAN_FINALIZER);
  const isNamespace = served.storage === 'core/namespaces';
  const namespaceFinalizers = isNamespace
    ? ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [])
    : [];

  if (!finalizers.length && !namespaceFinalizers.length) {
    if (opts.dryRun) return { obj: served.fromStorage(obj), removed: true };
    const removed = await svc.store.remove(served.storage, obj.metadata.namespace ?? '', name);
    return { obj: served.fromStorage(removed?.obj ?? obj), removed: true };
  }
  if (obj.metadata.deletionTimestamp) {
    // Already being deleted: a second delete changes nothing.
    return { obj: served.fromStorage(obj), removed: false };
  }
  const next: KubeObject = {
    ...obj,
    metadata: {
      ...obj.metadata,
      deletionTimestamp: nowTimestamp(),
      deletionGracePeriodSeconds: 0,
      finalizers,
    },
  };
  if (!finalizers.length) delete next.metadata.finalizers;
  if (isNamespace) next.status = { ...(next.status as object | undefined), phase: 'Terminating' };
  if (opts.dryRun) return { obj: served.fromStorage(next), removed: false };
  const saved = await svc.store.put(served.storage, next);
  return { obj: served.fromStorage(saved.obj), removed: false };
}
