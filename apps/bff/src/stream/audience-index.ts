import type { ApiResourceName } from '@dvp/api';
import type { Identity } from '../auth/identity.ts';
import { Audience, type AudienceDeps } from './audience.ts';
import type { ServedTopic } from './topics.ts';

/**
 * The audiences by kind → topic key → identity key: a change of a kind visits only the topics it
 * belongs to, and within a topic one entry per user (however many tabs that user has).
 */
export class AudienceIndex<M> {
  private readonly byKind = new Map<ApiResourceName, Map<string, Map<string, Audience<M>>>>();

  constructor(private readonly deps: AudienceDeps<M>) {}

  /** The audiences of one topic (empty when nobody follows it). */
  topic(resource: ApiResourceName, key: string): Iterable<Audience<M>> {
    return this.byKind.get(resource)?.get(key)?.values() ?? [];
  }

  /** Every topic of a kind with its audiences. */
  *kind(resource: ApiResourceName): Iterable<[string, Audience<M>]> {
    for (const [key, auds] of this.byKind.get(resource) ?? [])
      for (const a of auds.values()) yield [key, a];
  }

  has(resource: ApiResourceName): boolean {
    return this.byKind.has(resource);
  }

  /** Adds `member` to the audience of (identity, topic), made (and its access asked) if new. */
  join(identity: Identity, t: ServedTopic, member: M): Audience<M> {
    let byTopic = this.byKind.get(t.api.resource);
    if (!byTopic)
      this.byKind.set(t.api.resource, (byTopic = new Map<string, Map<string, Audience<M>>>()));
    let auds = byTopic.get(t.key);
    if (!auds) byTopic.set(t.key, (auds = new Map<string, Audience<M>>()));
    let aud = auds.get(identity.key);
    if (!aud) {
      aud = new Audience<M>(identity, t, this.deps);
      auds.set(identity.key, aud);
    }
    aud.members.add(member);
    return aud;
  }

  /** Removes `member`; an audience left empty stops asking and goes away. */
  leave(aud: Audience<M>, member: M): void {
    aud.members.delete(member);
    if (aud.members.size > 0) return;
    aud.dispose();
    const byTopic = this.byKind.get(aud.topic.api.resource);
    const auds = byTopic?.get(aud.topic.key);
    auds?.delete(aud.identity.key);
    if (auds?.size === 0) byTopic?.delete(aud.topic.key);
    if (byTopic?.size === 0) this.byKind.delete(aud.topic.api.resource);
  }

  /** Number of audiences (for tests: tabs of one user share one). */
  get size(): number {
    let n = 0;
    for (const byTopic of this.byKind.values()) for (const auds of byTopic.values()) n += auds.size;
    return n;
  }

  clear(): void {
    for (const byTopic of this.byKind.values())
      for (const auds of byTopic.values()) for (const a of auds.values()) a.dispose();
    this.byKind.clear();
  }
}
