import { deleteObject } from '../apiserver/service/delete.ts';
import type { ObjectService } from '../apiserver/service/objects.ts';
import type { StoreEvent } from '../apiserver/storage/store.ts';
import { SYSTEM_USER } from './garbage-collector.ts';
import { WorkQueue } from './queue.ts';

const NAMESPACES = 'core/namespaces';
const KUBERNETES_FINALIZER = 'kubernetes';

/**
 * Namespace lifecycle, as kube's namespace controller: a namespace being deleted has all its
 * content deleted, then its `kubernetes` finalizer removed, and then it is gone.
 */
export class NamespaceController {
  private readonly queue: WorkQueue;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly objects: ObjectService) {
    this.queue = new WorkQueue('namespace-controller', (ns) => this.process(ns));
  }

  start(): void {
    this.unsubscribe = this.objects.store.subscribeAll((ev) => this.onEvent(ev));
    for (const s of this.objects.store.list(NAMESPACES)) {
      if (s.obj.metadata.deletionTimestamp) this.queue.add(s.obj.metadata.name ?? '');
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.close();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private onEvent(ev: StoreEvent): void {
    if (ev.resource === NAMESPACES) {
      if (ev.type !== 'DELETED' && ev.stored.obj.metadata.deletionTimestamp) {
        this.queue.add(ev.stored.obj.metadata.name ?? '');
      }
      return;
    }
    if (ev.type === 'DELETED' && ev.namespace) {
      const ns = this.objects.store.get(NAMESPACES, '', ev.namespace);
      if (ns?.obj.metadata.deletionTimestamp) this.queue.add(ev.namespace);
    }
  }

  private async process(name: string): Promise<void> {
    const ns = this.objects.store.get(NAMESPACES, '', name);
    if (!ns?.obj.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const served of this.objects.registry.all) {
      if (!served.def.namespaced || !served.identity || served.def.virtual) continue;
      for (const s of this.objects.store.list(served.storage, name)) {
        remaining++;
        if (s.obj.metadata.deletionTimestamp) continue;
        await deleteObject(
          this.objects,
          served,
          name,
          s.obj.metadata.name ?? '',
          { propagationPolicy: 'Background' },
          SYSTEM_USER,
        );
      }
    }
    if (remaining) return; // Deletions of the content requeue us.
    const spec = (ns.obj.spec ?? {}) as { finalizers?: string[] };
    const finalizers = (spec.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER);
    if ((ns.obj.metadata.finalizers ?? []).length === 0) {
      await this.objects.store.remove(NAMESPACES, '', name);
    } else {
      await this.objects.store.put(NAMESPACES, { ...ns.obj, spec: { ...spec, finalizers } });
    }
  }
}
