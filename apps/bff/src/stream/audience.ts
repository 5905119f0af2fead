import type { Status } from '@dvp/api';
import type { AccessQuestion } from '../access/reviewer.ts';
import type { Identity } from '../auth/identity.ts';
import { StatusError } from '../k8s/status.ts';
import { forbiddenTopic, topicQuestions, type ServedTopic } from './topics.ts';

/** Whether a user may follow a topic: not yet known, yes, or no (with the Status to show). */
export type Access =
  { state: 'pending' } | { state: 'allowed' } | { state: 'error'; status: Status };

export interface AudienceDeps<M = unknown> {
  can(identity: Identity, q: AccessQuestion): Promise<boolean>;
  /** Resolves once the shared informer of the kind has synced; rejects with a StatusError. */
  ready(topic: ServedTopic): Promise<void>;
  /** How long an access answer holds (the reviewer's cache TTL). */
  ttlMs: number;
  /** Called after `access` changed. */
  changed(a: Audience<M>, before: Access): void;
}

const RETRY_MIN_MS = 1_000;

/**
 * Everyone who follows one topic as one identity: all tabs of a user share one access answer, so
 * fan-out costs one check per (user, topic), not one per tab. The answer is asked again when it
 * expires; a failed re-check keeps the last answer for one more TTL (the cluster may be briefly
 * away), after which the topic is held (`pending`) until the cluster answers again.
 */
export class Audience<M = unknown> {
  readonly members = new Set<M>();
  access: Access = { state: 'pending' };
  private checkedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private disposed = false;
  private settledPromise: Promise<void> | undefined;
  private resolveSettled: (() => void) | undefined;

  constructor(
    readonly identity: Identity,
    readonly topic: ServedTopic,
    private readonly deps: AudienceDeps<M>,
  ) {
    this.retryMs = this.retryMin;
    this.settledPromise = new Promise((r) => (this.resolveSettled = r));
    void this.check();
  }

  private get retryMin(): number {
    return Math.min(RETRY_MIN_MS, this.deps.ttlMs);
  }

  /** Resolves once the first answer (allowed or error) is in. */
  settled(): Promise<void> {
    return this.settledPromise ?? Promise.resolve();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.resolveSettled?.();
  }

  private async check(): Promise<void> {
    let next: Access;
    try {
      const answers = await Promise.all(
        topicQuestions(this.topic).map((q) => this.deps.can(this.identity, q)),
      );
      if (answers.every(Boolean)) {
        // The kind's shared informer must have synced before the tab refetches its lists, or
        // changes between the refetch and the sync would be lost.
        await this.deps.ready(this.topic);
        next = { state: 'allowed' };
      } else {
        next = { state: 'error', status: forbiddenTopic(this.topic) };
      }
      this.checkedAt = Date.now();
      this.retryMs = this.retryMin;
    } catch (e) {
      if (this.disposed) return;
      const status = e instanceof StatusError ? e.status : undefined;
      if (status && status.code < 500 && status.code !== 429) {
        // The cluster's definite answer (401 for a dead token, the BFF's 403/404 for the kind).
        next = { state: 'error', status };
        this.checkedAt = Date.now();
      } else {
        this.schedule(this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, Math.max(this.deps.ttlMs, this.retryMin));
        if (this.access.state !== 'pending' && Date.now() - this.checkedAt > 2 * this.deps.ttlMs) {
          this.set({ state: 'pending' });
        }
        return;
      }
    }
    if (this.disposed) return;
    this.schedule(this.deps.ttlMs);
    this.set(next);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), ms);
    this.timer.unref();
  }

  private set(next: Access) {
    const before = this.access;
    this.access = next;
    if (next.state !== 'pending') {
      this.resolveSettled?.();
      this.resolveSettled = undefined;
    }
    if (!sameAccess(before, next)) this.deps.changed(this, before);
  }
}

function sameAccess(a: Access, b: Access): boolean {
  if (a.state !== b.state) return false;
  if (a.state === 'error' && b.state === 'error') return a.status.code === b.status.code;
  return true;
}
