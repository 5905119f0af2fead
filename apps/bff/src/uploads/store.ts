import type { UploadCreateBody } from '@dvp/api';
import { statusErrors } from '../k8s/status.ts';
import { UploadSession, type SessionDeps } from './session.ts';
import type { UploadTarget } from './target.ts';

/** How long a finished session stays readable (the browser polls its final state). */
const KEEP_FINAL_MS = 10 * 60_000;
/** Unfinished uploads one identity may hold at once. */
const MAX_OPEN_PER_OWNER = 16;

/**
 * The upload sessions, in memory: a BFF restart loses uploads in flight (their images still
 * wait for a file; the browser starts a new session from 0). A session belongs to the identity
 * that created it; anyone else gets 404, as if it did not exist.
 */
export class UploadStore {
  private readonly sessions = new Map<string, UploadSession>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: Omit<SessionDeps, 'onFinal'>) {}

  /** `owner`'s session `id`, or a 404. */
  get(owner: string, id: string): UploadSession {
    const s = this.sessions.get(id);
    if (!s || s.owner !== owner) throw statusErrors.notFound(`upload "${id}" not found`);
    return s;
  }

  /** An unfinished session of this image, if any. */
  findOpen(
    t: Pick<UploadCreateBody, 'resource' | 'namespace' | 'name'>,
  ): UploadSession | undefined {
    for (const s of this.sessions.values()) {
      const x = s.target;
      if (!s.final && x.resource === t.resource && x.namespace === t.namespace && x.name === t.name)
        return s;
    }
    return undefined;
  }

  create(owner: string, target: UploadTarget, size: number): UploadSession {
    let open = 0;
    for (const s of this.sessions.values()) if (s.owner === owner && !s.final) open++;
    if (open >= MAX_OPEN_PER_OWNER)
      throw statusErrors.tooManyRequests(
        `you already have ${open} uploads in progress: finish or cancel one first`,
        30,
      );
    const session = new UploadSession(owner, target, size, {
      ...this.deps,
      onFinal: (s) => this.expire(s),
    });
    this.sessions.set(session.id, session);
    return session;
  }

  /** Forgets a session now (DELETE of a finished one). */
  remove(session: UploadSession): void {
    this.sessions.delete(session.id);
  }

  private expire(s: UploadSession): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.sessions.get(s.id) === s) this.sessions.delete(s.id);
    }, KEEP_FINAL_MS);
    t.unref();
    this.timers.add(t);
  }

  /** Cancels every upload (the BFF is stopping). */
  close(): void {
    for (const s of this.sessions.values()) s.cancel();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.sessions.clear();
  }
}
