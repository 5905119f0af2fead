import { EventEmitter } from 'node:events';
import type { Watch } from '@kubernetes/client-node';
import type { ApiResource, KubeObject, WatchEventType } from '@dvp/api';
import { kubePath } from '@dvp/api';
import { SERVICE_IDENTITY } from '../auth/identity.ts';
import type { KubeRest } from './rest.ts';
import { StatusError } from './status.ts';

/** client-node's `Watch`, as the informer uses it. */
export type Watcher = Pick<Watch, 'watch'>;

/** One change, with the object before it for MODIFIED and DELETED. */
export interface InformerEvent {
  type: WatchEventType;
  object: KubeObject;
  old?: KubeObject;
}

export type InformerState = 'idle' | 'listing' | 'watching' | 'backoff' | 'unavailable' | 'stopped';

interface Events {
  event: [InformerEvent];
  /** The store was rebuilt from a fresh LIST (after 410 or an error); lists may have changed. */
  resync: [];
  state: [InformerState];
}

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30_000;
const LIST_PAGE = 500;
/** Watches last 300–600 s (server side), then continue from the last resourceVersion. */
const WATCH_TIMEOUT_MIN_S = 300;
const WATCHDOG_GRACE_S = 30;

/**
 * A shared list+watch of one kind across all namespaces, as the BFF's own (read-only) identity:
 * relists on 410 Gone and after errors (with exponential backoff), and diffs the new list against
 * the store so listeners see every change even across a gap. client-node's `Watch` carries the
 * stream; its informer is not used because it stops for good on connection errors.
 */
export class Informer extends EventEmitter<Events> {
  private readonly store = new Map<string, Map<string, KubeObject>>();
  private rv = '';
  private abort: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private backoffMs = BACKOFF_MIN_MS;
  private readyPromise: Promise<void> | undefined;
  private resolveReady: (() => void) | undefined;
  private rejectReady: ((e: Error) => void) | undefined;
  private failure: StatusError | undefined;
  private listedOnce = false;
  private _state: InformerState = 'idle';
  /** Count of (re)lists: first list included. */
  lists = 0;
  /** Count of watch requests opened upstream (one per (re)connect). */
  watches = 0;

  constructor(
    readonly resource: ApiResource,
    private readonly rest: KubeRest,
    private readonly watcher: Watcher,
  ) {
    super();
    this.setMaxListeners(0);
  }

  get state(): InformerState {
    return this._state;
  }

  private get stopped(): boolean {
    return this._state === 'stopped';
  }

  get resourceVersion(): string {
    return this.rv;
  }

  /** Starts (once) and resolves after the first LIST; rejects when the BFF may not list the kind. */
  ready(): Promise<void> {
    if (!this.readyPromise) {
      this.readyPromise = new Promise<void>((resolve, reject) => {
        this.resolveReady = resolve;
        this.rejectReady = reject;
      });
      // Callers that never await must not see an unhandled rejection.
      this.readyPromise.catch(() => {});
      void this.relist();
    }
    return this.failure ? Promise.reject(this.failure) : this.readyPromise;
  }

  /** Objects in `namespace` (all namespaces when omitted). */
  list(namespace?: string): KubeObject[] {
    if (namespace !== undefined) return [...(this.store.get(namespace)?.values() ?? [])];
    const out: KubeObject[] = [];
    for (const m of this.store.values()) for (const o of m.values()) out.push(o);
    return out;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.store.get(namespace)?.get(name);
  }

  /** Namespaces holding at least one object. */
  namespaces(): string[] {
    return [...this.store.keys()];
  }

  size(): number {
    let n = 0;
    for (const m of this.store.values()) n += m.size;
    return n;
  }

  stop(): void {
    this.setState('stopped');
    clearTimeout(this.timer);
    this.abort?.abort();
    this.abort = undefined;
  }

  private setState(s: InformerState) {
    if (this._state === 'stopped') return;
    this._state = s;
    this.emit('state', s);
  }

  private async relist(): Promise<void> {
    if (this._state === 'stopped') return;
    this.setState('listing');
    try {
      const items: KubeObject[] = [];
      let cont: string | undefined;
      let rv = '';
      do {
        const page = await this.rest.request<{
          metadata?: { resourceVersion?: string; continue?: string };
          items?: KubeObject[];
        }>(SERVICE_IDENTITY, {
          path: kubePath(this.resource),
          query: { limit: LIST_PAGE, continue: cont },
        });
        // kube leaves apiVersion/kind off the items of built-in kinds' lists; watch events and
        // our consumers want them on every object.
        for (const item of page.items ?? []) items.push(this.withKind(item));
        cont = page.metadata?.continue || undefined;
        rv = page.metadata?.resourceVersion ?? rv;
      } while (cont);
      if (this.stopped) return;
      this.replace(items);
      this.rv = rv;
      this.lists += 1;
      const first = !this.listedOnce;
      this.listedOnce = true;
      if (first) this.resolveReady?.();
      else this.emit('resync');
      this.watch();
    } catch (e) {
      const status = e instanceof StatusError ? e.status : undefined;
      if (!this.listedOnce && status && (status.code === 403 || status.code === 404)) {
        // The BFF may not read this kind (or the cluster lacks it): callers fall back to
        // per-user requests. Not retried: RBAC for the BFF is deployment configuration.
        this.failure = e as StatusError;
        this.setState('unavailable');
        this.rejectReady?.(this.failure);
        return;
      }
      this.retry();
    }
  }

  /** Swaps in a fresh list, emitting the differences as events. */
  private replace(items: KubeObject[]) {
    const seen = new Set<string>();
    for (const obj of items) {
      const ns = obj.metadata.namespace ?? '';
      const name = obj.metadata.name ?? '';
      seen.add(`${ns}/${name}`);
      const old = this.store.get(ns)?.get(name);
      this.put(obj);
      if (!this.listedOnce) continue;
      if (!old) this.emit('event', { type: 'ADDED', object: obj });
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion)
        this.emit('event', { type: 'MODIFIED', object: obj, old });
    }
    for (const [ns, m] of this.store) {
      for (const [name, obj] of m) {
        if (seen.has(`${ns}/${name}`)) continue;
        this.remove(ns, name);
        this.emit('event', { type: 'DELETED', object: obj, old: obj });
      }
    }
  }

  private withKind(obj: KubeObject): KubeObject {
    if (obj.apiVersion && obj.kind) return obj;
    const { group, version, kind } = this.resource;
    return { ...obj, apiVersion: group ? `${group}/${version}` : version, kind };
  }

  private put(obj: KubeObject) {
    const ns = obj.metadata.namespace ?? '';
    let m = this.store.get(ns);
    if (!m) {
      m = new Map<string, KubeObject>();
      this.store.set(ns, m);
    }
    m.set(obj.metadata.name ?? '', obj);
  }

  private remove(ns: string, name: string) {
    const m = this.store.get(ns);
    m?.delete(name);
    if (m?.size === 0) this.store.delete(ns);
  }

  private retry() {
    if (this._state === 'stopped') return;
    this.setState('backoff');
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
    // After an error, a fresh LIST is the safe way back: it also covers events lost meanwhile.
    this.timer = setTimeout(() => void this.relist(), delay);
  }

  private watch() {
    if (this._state === 'stopped') return;
    this.setState('watching');
    let expired = false;
    const onEvent = (type: string, obj: KubeObject) => {
      if (type === 'BOOKMARK') {
        this.rv = obj.metadata.resourceVersion ?? this.rv;
        return;
      }
      if (type === 'ERROR') {
        if ((obj as unknown as { code?: number }).code === 410) expired = true;
        return;
      }
      if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return;
      this.backoffMs = BACKOFF_MIN_MS;
      this.rv = obj.metadata.resourceVersion ?? this.rv;
      const ns = obj.metadata.namespace ?? '';
      const old = this.store.get(ns)?.get(obj.metadata.name ?? '');
      if (type === 'DELETED') this.remove(ns, obj.metadata.name ?? '');
      else this.put(obj);
      this.emit('event', { type: type === 'ADDED' && old ? 'MODIFIED' : type, object: obj, old });
    };
    // The server ends each watch after `timeoutSeconds` (spread so informers don't reconnect in
    // step); the watchdog covers a half-open connection that would otherwise hang forever
    // (client-node 1.4 has no inactivity timeout of its own).
    const timeoutSeconds = WATCH_TIMEOUT_MIN_S + Math.floor(Math.random() * WATCH_TIMEOUT_MIN_S);
    const started = Date.now();
    let finished = false;
    let ctrl: AbortController | undefined;
    const watchdog = setTimeout(
      () => {
        finished = true;
        ctrl?.abort();
        this.retry();
      },
      (timeoutSeconds + WATCHDOG_GRACE_S) * 1000,
    );
    watchdog.unref();
    const onDone = (err: unknown) => {
      clearTimeout(watchdog);
      if (finished || this._state === 'stopped') return;
      finished = true;
      const code = (err as { statusCode?: number } | null)?.statusCode;
      if (expired || code === 410) {
        void this.relist();
      } else if (err || Date.now() - started < 1000) {
        // An error, or a server that ends watches at once: back off instead of spinning.
        this.retry();
      } else {
        // A clean end (timeoutSeconds): continue from where we were.
        this.watch();
      }
    };
    this.watches += 1;
    this.watcher
      .watch(
        kubePath(this.resource),
        { resourceVersion: this.rv, allowWatchBookmarks: true, timeoutSeconds },
        onEvent,
        onDone,
      )
      .then((c) => {
        ctrl = c;
        if (this._state === 'stopped' || finished) c.abort();
        else this.abort = c;
      })
      .catch(() => onDone(new Error('watch request failed')));
  }
}
