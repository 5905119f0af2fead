import type { KubeObject } from '../../apiserver/types.ts';
import { keyOf } from './informer.ts';
import type { ControllerContext } from './context.ts';
import { RateLimitedQueue } from './queue.ts';

/**
 * Base of the sandbox's DVP controllers: a keyed queue fed by informer handlers, and a
 * `reconcile(key)` that reads the cache, compares it with the world, and acts through the API.
 * Reconcile must be idempotent and must not wait for long work (use BackgroundTasks).
 */
export abstract class Controller {
  protected readonly queue: RateLimitedQueue;

  constructor(
    protected readonly ctx: ControllerContext,
    readonly name: string,
    concurrency = 4,
  ) {
    // client-go's WaitForCacheSync: no reconcile before every informer has delivered its first
    // list. Handlers enqueue while the lists arrive; reconciling then would act on half-empty
    // caches (after a restart: "class not found", duplicate pods, status ping-pong for minutes).
    this.queue = new RateLimitedQueue(
      name,
      async (key) => {
        await ctx.informers.synced();
        await this.reconcile(key);
      },
      concurrency,
    );
  }

  /** Registers informers and handlers; called once before the informers start. */
  abstract setup(): void;

  /** Brings the object of `key` (`ns/name` or `name`) to its desired state. */
  abstract reconcile(key: string): Promise<void>;

  /** Called after the informers have synced (e.g. to adopt running work). */
  async started(): Promise<void> {}

  enqueue(objOrKey: KubeObject | string): void {
    this.queue.add(typeof objOrKey === 'string' ? objOrKey : keyOf(objOrKey));
  }

  enqueueAfter(objOrKey: KubeObject | string, ms: number): void {
    this.queue.addAfter(typeof objOrKey === 'string' ? objOrKey : keyOf(objOrKey), ms);
  }

  /** Handlers that enqueue the object itself on every change. */
  protected self<T extends KubeObject>() {
    return {
      add: (o: T) => this.enqueue(o),
      update: (o: T) => this.enqueue(o),
      delete: (o: T) => this.enqueue(o),
    };
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Stops taking work; subclasses also cancel their background tasks. */
  stop(): Promise<void> {
    this.queue.close();
    return Promise.resolve();
  }
}
