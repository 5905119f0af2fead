import { EventEmitter } from 'node:events';
import { API_RESOURCES, type ApiResourceName } from '@dvp/api';
import { Informer, type InformerEvent, type Watcher } from '../k8s/informer.ts';
import type { KubeRest } from '../k8s/rest.ts';

interface CacheEvents {
  /** A change of any cached kind. */
  event: [ApiResourceName, InformerEvent];
  /** A kind was relisted: its lists may have changed in ways events did not tell. */
  resync: [ApiResourceName];
}

/**
 * The BFF's shared watch cache: at most one upstream list+watch per kind (cluster-wide), started
 * on first use and shared by every browser session. A session is served from it only after the
 * cluster's access review allows that user the read (see `access/`).
 */
export class ResourceCache extends EventEmitter<CacheEvents> {
  private readonly informers = new Map<ApiResourceName, Informer>();

  constructor(
    private readonly rest: KubeRest,
    private readonly watcher: Watcher,
  ) {
    super();
    this.setMaxListeners(0);
  }

  /** The informer of `resource`, started if needed (it may still be listing). */
  informer(resource: ApiResourceName): Informer {
    let inf = this.informers.get(resource);
    if (!inf) {
      inf = new Informer(API_RESOURCES[resource], this.rest, this.watcher);
      inf.on('event', (e) => this.emit('event', resource, e));
      inf.on('resync', () => this.emit('resync', resource));
      this.informers.set(resource, inf);
    }
    return inf;
  }

  /**
   * The synced informer of `resource`; rejects with the cluster's Status when the BFF's own
   * account may not list it (callers then ask the cluster as the user instead).
   */
  async ready(resource: ApiResourceName): Promise<Informer> {
    const inf = this.informer(resource);
    await inf.ready();
    return inf;
  }

  /** The synced informer, or undefined when the kind cannot be cached. */
  async tryReady(resource: ApiResourceName): Promise<Informer | undefined> {
    try {
      return await this.ready(resource);
    } catch {
      return undefined;
    }
  }

  /** Upstream watches currently open or being (re)established. */
  watchCount(): number {
    let n = 0;
    for (const inf of this.informers.values())
      if (inf.state === 'watching' || inf.state === 'listing' || inf.state === 'backoff') n += 1;
    return n;
  }

  /** State per kind (for `/readyz` and metrics). */
  states(): Record<string, string> {
    return Object.fromEntries([...this.informers].map(([r, inf]) => [r, inf.state]));
  }

  stop(): void {
    for (const inf of this.informers.values()) inf.stop();
  }
}
