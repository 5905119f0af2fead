import type { KubeObject } from '../../apiserver/types.ts';
import { ApiError, type KubeClient, type ResourceRef, type WatchEvent } from './client.ts';

export type ObjectKey = string;

/** `namespace/name` (or `name` for cluster-scoped objects), as client-go's cache keys. */
export function keyOf(obj: KubeObject): ObjectKey {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name ?? ''}` : (obj.metadata.name ?? '');
}

export function splitKey(key: ObjectKey): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0
    ? { namespace: undefined, name: key }
    : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export interface InformerHandler<T extends KubeObject> {
  add?(obj: T): void;
  update?(obj: T, old: T): void;
  delete?(obj: T): void;
}

/**
 * A shared informer: lists then watches one resource cluster-wide and keeps a cache of it.
 * Reconnects when the watch ends, relists after `410 Gone`, and tells handlers about every change
 * (a relist replays differences as adds, updates and deletes).
 */
export class Informer<T extends KubeObject = KubeObject> {
  private readonly cache = new Map<ObjectKey, T>();
  private readonly handlers: InformerHandler<T>[] = [];
  private readonly indexers = new Map<string, (obj: T) => string[]>();
  private readonly indexes = new Map<string, Map<string, Set<ObjectKey>>>();
  private resourceVersion = '';
  private readonly abort = new AbortController();
  private started = false;
  private syncedResolve!: () => void;
  /** Resolves after the first list has been delivered to the handlers. */
  readonly synced: Promise<void> = new Promise((r) => (this.syncedResolve = r));
  /** The resourceVersion of the last event seen (for tests: "has the cache caught up?"). */
  lastResourceVersion = '';

  constructor(
    private readonly client: KubeClient,
    readonly ref: ResourceRef,
  ) {}

  addHandler(h: InformerHandler<T>): void {
    this.handlers.push(h);
    for (const obj of this.cache.values()) h.add?.(obj);
  }

  /** Adds an index: `fn` maps an object to the values it is found under. */
  addIndex(name: string, fn: (obj: T) => string[]): void {
    this.indexers.set(name, fn);
    const idx = new Map<string, Set<ObjectKey>>();
    this.indexes.set(name, idx);
    for (const [k, o] of this.cache) for (const v of fn(o)) addTo(idx, v, k);
  }

  byIndex(name: string, value: string): T[] {
    const keys = this.indexes.get(name)?.get(value);
    if (!keys) return [];
    return [...keys].map((k) => this.cache.get(k)).filter((o): o is T => o !== undefined);
  }

  get(name: string, namespace?: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: ObjectKey): T | undefined {
    return this.cache.get(key);
  }

  list(namespace?: string): T[] {
    const all = [...this.cache.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  stop(): void {
    this.abort.abort();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (!this.resourceVersion) await this.relist();
        await this.client.watch(
          this.ref,
          { resourceVersion: this.resourceVersion },
          (e) => this.onEvent(e),
          this.abort.signal,
        );
        failures = 0;
      } catch (e) {
        if (this.abort.signal.aborted) return;
        failures += 1;
        if (e instanceof ApiError && e.code === 410) this.resourceVersion = '';
        else if (failures > 2)
          console.error(`[informer ${this.ref.plural}] ${(e as Error).message}; retrying`);
        await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** failures, 5000)).unref());
      }
    }
  }

  private async relist(): Promise<void> {
    const { items, resourceVersion } = await this.client.list<T>(this.ref);
    const seen = new Set<ObjectKey>();
    for (const obj of items) {
      const key = keyOf(obj);
      seen.add(key);
      this.put(key, obj);
    }
    for (const [key, obj] of [...this.cache]) if (!seen.has(key)) this.remove(key, obj);
    this.resourceVersion = resourceVersion;
    this.lastResourceVersion = resourceVersion;
    this.syncedResolve();
  }

  private onEvent(e: WatchEvent): void {
    if (e.type === 'ERROR') {
      const code = (e.object as unknown as { code?: number }).code;
      if (code === 410) this.resourceVersion = '';
      throw new ApiError(e.object as never);
    }
    const rv = e.object.metadata.resourceVersion ?? '';
    if (rv) {
      this.resourceVersion = rv;
      this.lastResourceVersion = rv;
    }
    if (e.type === 'BOOKMARK') return;
    const obj = e.object as T;
    const key = keyOf(obj);
    if (e.type === 'DELETED') {
      const old = this.cache.get(key);
      if (old) this.remove(key, obj);
    } else this.put(key, obj);
  }

  private put(key: ObjectKey, obj: T): void {
    const old = this.cache.get(key);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    if (old) this.unindex(key, old);
    this.cache.set(key, obj);
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name);
      if (idx) for (const v of fn(obj)) addTo(idx, v, key);
    }
    for (const h of this.handlers) {
      try {
        if (old) h.update?.(obj, old);
        else h.add?.(obj);
      } catch (e) {
        console.error(`[informer ${this.ref.plural}] handler: ${(e as Error).message}`);
      }
    }
  }

  private remove(key: ObjectKey, obj: T): void {
    const old = this.cache.get(key);
    if (old) this.unindex(key, old);
    this.cache.delete(key);
    for (const h of this.handlers) {
      try {
        h.delete?.(obj);
      } catch (e) {
        console.error(`[informer ${this.ref.plural}] handler: ${(e as Error).message}`);
      }
    }
  }

  private unindex(key: ObjectKey, obj: T): void {
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name);
      if (!idx) continue;
      for (const v of fn(obj)) {
        const set = idx.get(v);
        set?.delete(key);
        if (set?.size === 0) idx.delete(v);
      }
    }
  }
}

function addTo(idx: Map<string, Set<ObjectKey>>, value: string, key: ObjectKey): void {
  let set = idx.get(value);
  if (!set) idx.set(value, (set = new Set()));
  set.add(key);
}

/** One informer per resource, shared by every controller (client-go's SharedInformerFactory). */
export class InformerFactory {
  private readonly informers = new Map<string, Informer>();
  private running = false;

  constructor(private readonly client: KubeClient) {}

  for<T extends KubeObject = KubeObject>(ref: ResourceRef): Informer<T> {
    const id = `${ref.group}/${ref.plural}`;
    let inf = this.informers.get(id);
    if (!inf) {
      inf = new Informer(this.client, ref);
      this.informers.set(id, inf);
      if (this.running) inf.start();
    }
    return inf as unknown as Informer<T>;
  }

  start(): void {
    this.running = true;
    for (const i of this.informers.values()) i.start();
  }

  async synced(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.synced));
  }

  all(): Informer[] {
    return [...this.informers.values()];
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }
}
