import type { KubeObject } from '../types.ts';
import { WriteAheadLog } from './wal.ts';

/** A stored object with its serialized form cached (lists and watches reuse it). */
export interface Stored {
  readonly obj: KubeObject;
  readonly json: string;
  readonly rv: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A committed change, delivered to subscribers after it is durable. */
export interface StoreEvent {
  readonly type: WatchEventType;
  readonly rv: number;
  /** Storage identity of the kind: `group/plural` (`/namespaces` for core). */
  readonly resource: string;
  readonly namespace: string;
  readonly stored: Stored;
  /** The object before the change (MODIFIED and DELETED). */
  readonly previous?: Stored;
}

export type StoreListener = (ev: StoreEvent) => void;

const HISTORY_CAPACITY = 200_000;

function keyOf(resource: string, namespace: string, name: string): string {
  return `${resource}|${namespace}|${name}`;
}

function splitKey(key: string): [string, string, string] {
  const [resource = '', namespace = '', name = ''] = key.split('|');
  return [resource, namespace, name];
}

/**
 * The object store: an in-memory index over a write-ahead log. Writes update memory at once (so
 * later requests see them) and resolve, and notify subscribers, only once they are durable.
 * Stored objects are never mutated: every write replaces the object.
 *
 * resourceVersions come from one global counter that survives restarts. The event history keeps
 * the most recent changes so watches can resume; older positions answer "expired" (410).
 */
export class Store {
  private readonly byResource = new Map<string, Map<string, Map<string, Stored>>>();
  private readonly listeners = new Map<string, Set<StoreListener>>();
  private readonly globalListeners = new Set<StoreListener>();
  private readonly history: StoreEvent[] = [];
  private historyStart = 0;
  private rv: number;
  /** Newest resourceVersion whose event every subscriber has been given (commits keep rv order). */
  private committed: number;
  /** Lowest resourceVersion a watch may resume from (exclusive). */
  private oldestResumable: number;

  private constructor(
    private readonly wal: WriteAheadLog | undefined,
    rv: number,
  ) {
    this.rv = rv;
    this.committed = rv;
    this.oldestResumable = rv;
  }

  /** Opens a store persisted in `dir`, or a memory-only store when `dir` is undefined. */
  static async open(dir: string | undefined): Promise<Store> {
    if (!dir) return new Store(undefined, 1);
    const { wal, state, rv } = await WriteAheadLog.open(dir);
    // A restarted server has no event history. Starting one past the recovered resourceVersion
    // makes every watch from before the restart "expired" (410), so clients relist cleanly, while
    // a list taken now can be watched from. The bump needs no record: it only hides positions.
    const store = new Store(wal, Math.max(rv, 1) + 1);
    for (const [key, obj] of state) {
      const [resource, namespace, name] = splitKey(key);
      const o = obj as KubeObject;
      store.index(resource, namespace, name, {
        obj: o,
        json: JSON.stringify(o),
        rv: Number(o.metadata.resourceVersion ?? 0),
      });
    }
    // Fold the replayed log into a snapshot so restarts stay fast.
    if (wal.size > 0) await wal.compact(state, rv);
    return store;
  }

  /** The newest resourceVersion handed out. */
  get currentRv(): number {
    return this.rv;
  }

  /**
   * The newest resourceVersion whose change is durable and delivered to subscribers: every change
   * at or below it has been, none above it. A watch's bookmark may say no more than this (a
   * client resuming from it must not skip a change still being persisted).
   */
  get committedRv(): number {
    return this.committed;
  }

  private index(resource: string, namespace: string, name: string, s: Stored): void {
    let nsMap = this.byResource.get(resource);
    if (!nsMap) this.byResource.set(resource, (nsMap = new Map<string, Map<string, Stored>>()));
    let names = nsMap.get(namespace);
    if (!names) nsMap.set(namespace, (names = new Map<string, Stored>()));
    names.set(name, s);
  }

  get(resource: string, namespace: string, name: string): Stored | undefined {
    return this.byResource.get(resource)?.get(namespace)?.get(name);
  }

  /** Objects of a kind, in one namespace or all, sorted by namespace then name. */
  list(resource: string, namespace?: string): Stored[] {
    const nsMap = this.byResource.get(resource);
    if (!nsMap) return [];
    const out: Stored[] = [];
    const namespaces =
      namespace !== undefined ? [namespace] : [...nsMap.keys()].sort((a, b) => cmp(a, b));
    for (const ns of namespaces) {
      const names = nsMap.get(ns);
      if (!names) continue;
      const sorted = [...names.keys()].sort((a, b) => cmp(a, b));
      for (const n of sorted) {
        const s = names.get(n);
        if (s) out.push(s);
      }
    }
    return out;
  }

  /** Number of objects of a kind (all namespaces). */
  count(resource: string): number {
    let n = 0;
    for (const names of this.byResource.get(resource)?.values() ?? []) n += names.size;
    return n;
  }

  /**
   * Stores `obj` (a fresh object owned by the store from now on) with a new resourceVersion.
   * Resolves when durable.
   */
  async put(resource: string, obj: KubeObject): Promise<Stored> {
    const namespace = obj.metadata.namespace ?? '';
    const name = obj.metadata.name ?? '';
    const previous = this.get(resource, namespace, name);
    const rv = ++this.rv;
    obj.metadata.resourceVersion = String(rv);
    const stored: Stored = { obj, json: JSON.stringify(obj), rv };
    this.index(resource, namespace, name, stored);
    const ev: StoreEvent = {
      type: previous ? 'MODIFIED' : 'ADDED',
      rv,
      resource,
      namespace,
      stored,
      ...(previous ? { previous } : {}),
    };
    await this.persist({ rv, op: 'put', key: keyOf(resource, namespace, name), obj }, ev);
    return stored;
  }

  /** Removes an object for good. The DELETED event carries it with a new resourceVersion. */
  async remove(resource: string, namespace: string, name: string): Promise<Stored | undefined> {
    const previous = this.get(resource, namespace, name);
    if (!previous) return undefined;
    this.byResource.get(resource)?.get(namespace)?.delete(name);
    const rv = ++this.rv;
    const obj: KubeObject = {
      ...previous.obj,
      metadata: { ...previous.obj.metadata, resourceVersion: String(rv) },
    };
    const stored: Stored = { obj, json: JSON.stringify(obj), rv };
    const ev: StoreEvent = { type: 'DELETED', rv, resource, namespace, stored, previous };
    await this.persist({ rv, op: 'del', key: keyOf(resource, namespace, name) }, ev);
    return stored;
  }

  private async persist(
    rec: Parameters<WriteAheadLog['append']>[0],
    ev: StoreEvent,
  ): Promise<void> {
    if (this.wal) await this.wal.append(rec);
    // The log commits in append order, so this only grows.
    this.committed = ev.rv;
    this.record(ev);
    for (const l of this.listeners.get(ev.resource) ?? []) l(ev);
    for (const l of this.globalListeners) l(ev);
  }

  private record(ev: StoreEvent): void {
    this.history.push(ev);
    if (this.history.length - this.historyStart > HISTORY_CAPACITY) {
      const dropped = this.history[this.historyStart];
      if (dropped) this.oldestResumable = dropped.rv;
      this.historyStart++;
      // Reclaim the array's head now and then instead of shifting on every write.
      if (this.historyStart > HISTORY_CAPACITY / 2) {
        this.history.splice(0, this.historyStart);
        this.historyStart = 0;
      }
    }
  }

  /**
   * Events of `resource` after `sinceRv`, or `'expired'` when that position is older than the
   * retained window (the client must relist).
   */
  eventsSince(resource: string, sinceRv: number): StoreEvent[] | 'expired' {
    if (sinceRv < this.oldestResumable) return 'expired';
    const out: StoreEvent[] = [];
    // Binary search for the first event after sinceRv: rvs in history are increasing.
    let lo = this.historyStart;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.history[mid];
      if (e && e.rv <= sinceRv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.history.length; i++) {
      const e = this.history[i];
      if (e && e.resource === resource) out.push(e);
    }
    return out;
  }

  /** Subscribes to committed changes of one kind. Returns the unsubscribe function. */
  subscribe(resource: string, listener: StoreListener): () => void {
    let set = this.listeners.get(resource);
    if (!set) this.listeners.set(resource, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Subscribes to committed changes of every kind. */
  subscribeAll(listener: StoreListener): () => void {
    this.globalListeners.add(listener);
    return () => this.globalListeners.delete(listener);
  }

  /** Every stored object of every kind (for garbage collection scans). */
  *all(): Generator<[string, Stored]> {
    for (const [resource, nsMap] of this.byResource)
      for (const names of nsMap.values()) for (const s of names.values()) yield [resource, s];
  }

  async close(): Promise<void> {
    await this.wal?.close();
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
