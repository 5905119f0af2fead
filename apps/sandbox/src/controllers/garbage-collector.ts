import type { ServedResource } from '../apiserver/registry.ts';
import {
  deleteObject,
  FOREGROUND_FINALIZER,
  ORPHAN_FINALIZER,
} from '../apiserver/service/delete.ts';
import type { ObjectService } from '../apiserver/service/objects.ts';
import type { StoreEvent } from '../apiserver/storage/store.ts';
import type { KubeObject, UserInfo } from '../apiserver/types.ts';
import { WorkQueue } from './queue.ts';

/** The identity controllers act as (a member of system:masters, like kube-controller-manager). */
export const SYSTEM_USER: UserInfo = {
  username: 'system:kube-controller-manager',
  groups: ['system:masters', 'system:authenticated'],
};

interface Ref {
  storage: string;
  namespace: string;
  name: string;
}

const refKey = (r: Ref) => `${r.storage}|${r.namespace}|${r.name}`;

function parseRef(key: string): Ref {
  const [storage = '', namespace = '', name = ''] = key.split('|');
  return { storage, namespace, name };
}

/**
 * Garbage collection by ownerReferences, as kube-controller-manager's garbage collector:
 * - when an owner is gone, dependents with no other live owner are deleted (Background);
 * - an owner deleted with `Orphan` has its dependents' references removed, then its finalizer;
 * - an owner deleted with `Foreground` waits until its dependents are gone.
 */
export class GarbageCollector {
  /** owner uid → dependents. */
  private readonly dependents = new Map<string, Set<string>>();
  /** uid → where the live object is. */
  private readonly live = new Map<string, Ref>();
  private readonly queue: WorkQueue;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly objects: ObjectService) {
    this.queue = new WorkQueue('garbage-collector', (uid) => this.process(uid));
  }

  start(): void {
    for (const [storage, s] of this.objects.store.all()) this.track(storage, s.obj, undefined);
    this.unsubscribe = this.objects.store.subscribeAll((ev) => this.onEvent(ev));
    // Owners that vanished while we were down leave dependents to collect.
    for (const owner of this.dependents.keys()) if (!this.live.has(owner)) this.queue.add(owner);
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.close();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private track(storage: string, obj: KubeObject, previous: KubeObject | undefined): void {
    const key = refKey({
      storage,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name ?? '',
    });
    for (const o of previous?.metadata.ownerReferences ?? [])
      this.dependents.get(o.uid)?.delete(key);
    for (const o of obj.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(o.uid);
      if (!set) this.dependents.set(o.uid, (set = new Set()));
      set.add(key);
    }
    const uid = obj.metadata.uid;
    if (uid) this.live.set(uid, parseRef(key));
  }

  private onEvent(ev: StoreEvent): void {
    const obj = ev.stored.obj;
    const uid = obj.metadata.uid ?? '';
    if (ev.type === 'DELETED') {
      const key = refKey({
        storage: ev.resource,
        namespace: ev.namespace,
        name: obj.metadata.name ?? '',
      });
      for (const o of obj.metadata.ownerReferences ?? []) {
        this.dependents.get(o.uid)?.delete(key);
        // A foreground owner may be waiting for this dependent.
        this.queue.add(o.uid);
      }
      this.live.delete(uid);
      if (this.dependents.get(uid)?.size) this.queue.add(uid);
      else this.dependents.delete(uid);
      return;
    }
    this.track(ev.resource, obj, ev.previous?.obj);
    const fin = obj.metadata.finalizers ?? [];
    if (
      obj.metadata.deletionTimestamp &&
      (fin.includes(ORPHAN_FINALIZER) || fin.includes(FOREGROUND_FINALIZER))
    ) {
      this.queue.add(uid);
    }
  }

  private served(storage: string): ServedResource | undefined {
    return this.objects.registry.all.find((s) => s.storage === storage && s.identity);
  }

  private current(ref: Ref): KubeObject | undefined {
    return this.objects.store.get(ref.storage, ref.namespace, ref.name)?.obj;
  }

  private async process(ownerUid: string): Promise<void> {
    const ownerRef = this.live.get(ownerUid);
    const owner = ownerRef ? this.current(ownerRef) : undefined;
    const deps = [...(this.dependents.get(ownerUid) ?? [])].map(parseRef);
    if (!owner) {
      for (const d of deps) await this.collect(d, ownerUid);
      return;
    }
    if (!owner.metadata.deletionTimestamp || !ownerRef) return;
    const fin = owner.metadata.finalizers ?? [];
    if (fin.includes(ORPHAN_FINALIZER)) {
      for (const d of deps) await this.dropOwnerReference(d, ownerUid);
      await this.removeFinalizer(ownerRef, ORPHAN_FINALIZER);
    } else if (fin.includes(FOREGROUND_FINALIZER)) {
      const remaining = deps.filter((d) => this.current(d));
      if (!remaining.length) {
        await this.removeFinalizer(ownerRef, FOREGROUND_FINALIZER);
        return;
      }
      for (const d of remaining) {
        const served = this.served(d.storage);
        const obj = this.current(d);
        if (!served || !obj || obj.metadata.deletionTimestamp) continue;
        await deleteObject(
          this.objects,
          served,
          d.namespace,
          d.name,
          { propagationPolicy: 'Foreground' },
          SYSTEM_USER,
        );
      }
    }
  }

  /** Deletes a dependent whose owner is gone, unless another owner of it still lives. */
  private async collect(dep: Ref, deadOwner: string): Promise<void> {
    const obj = this.current(dep);
    const served = this.served(dep.storage);
    if (!obj || !served) return;
    const others = (obj.metadata.ownerReferences ?? []).filter(
      (o) => o.uid !== deadOwner && this.live.has(o.uid),
    );
    if (others.length) {
      await this.dropOwnerReference(dep, deadOwner);
      return;
    }
    if (obj.metadata.deletionTimestamp) return;
    await deleteObject(
      this.objects,
      served,
      dep.namespace,
      dep.name,
      { propagationPolicy: 'Background' },
      SYSTEM_USER,
    );
  }

  private async dropOwnerReference(dep: Ref, ownerUid: string): Promise<void> {
    const obj = this.current(dep);
    const served = this.served(dep.storage);
    if (!obj || !served) return;
    const refs = (obj.metadata.ownerReferences ?? []).filter((o) => o.uid !== ownerUid);
    const { ownerReferences: _dropped, ...rest } = obj.metadata;
    const metadata = refs.length ? { ...rest, ownerReferences: refs } : rest;
    await this.objects.update(
      served,
      dep.namespace,
      dep.name,
      { ...obj, metadata },
      {
        user: SYSTEM_USER,
        fieldManager: 'garbage-collector',
        checkVersion: 'ifPresent',
      },
    );
  }

  private async removeFinalizer(ref: Ref, finalizer: string): Promise<void> {
    const obj = this.current(ref);
    const served = this.served(ref.storage);
    if (!obj || !served) return;
    const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    await this.objects.update(
      served,
      ref.namespace,
      ref.name,
      { ...obj, metadata: { ...obj.metadata, finalizers } },
      {
        user: SYSTEM_USER,
        fieldManager: 'garbage-collector',
        checkVersion: 'ifPresent',
      },
    );
  }
}
