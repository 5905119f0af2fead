import { randomBytes } from 'node:crypto';
import type { ApiResourceName, StreamMessage } from '@dvp/api';
import type { AccessQuestion } from '../access/reviewer.ts';
import type { Identity } from '../auth/identity.ts';
import type { InformerEvent } from '../k8s/informer.ts';
import { statusErrors } from '../k8s/status.ts';
import { AudienceIndex } from './audience-index.ts';
import type { Audience } from './audience.ts';
import { EventLog, formatEventId, parseEventId } from './event-log.ts';
import {
  EventStream,
  eventData,
  objectJson,
  type Sink,
  type StreamHost,
  type Sub,
} from './event-stream.ts';
import { topicKeysOf, type TopicRequest } from './topics.ts';

export interface HubDeps {
  /** Listens to the shared watch cache; answers the unsubscribe. */
  listen(
    onEvent: (resource: ApiResourceName, e: InformerEvent) => void,
    onResync: (resource: ApiResourceName) => void,
  ): () => void;
  /** Starts the kind's shared informer; resolves once synced (rejects with a StatusError). */
  ready(resource: ApiResourceName): Promise<unknown>;
  can(identity: Identity, q: AccessQuestion): Promise<boolean>;
  heartbeatMs: number;
  accessTtlMs: number;
  clients?(delta: number): void;
  counted?(type: StreamMessage['type'], n: number): void;
  dropped?(streamId: string, reason: string): void;
  /** Log entries kept for resumes (default 4096). */
  logCapacity?: number;
  /** A client further behind than this many bytes is disconnected (default 1 MiB). */
  maxBufferedBytes?: number;
  /** How long a disconnected stream can be resumed (default 5 min). */
  detachedTtlMs?: number;
  /** Disconnected streams kept for resumes, at most (default 10,000). */
  maxDetached?: number;
  /** Open streams per identity (default 1000). */
  maxStreamsPerIdentity?: number;
  /** How long a new stream waits for its first access answers before going live (5 s). */
  startWaitMs?: number;
  epoch?: string;
}

/**
 * Fans the shared cache's changes out to browser streams. Every change is logged (for resumes)
 * and delivered to the tabs whose user may see it: subscribers are grouped by topic and identity
 * (`Audience`), so one access answer serves every tab of a user and an event costs one lookup
 * per (topic, user) plus one write per tab. Nothing here opens a watch: the cache holds one per
 * kind for everybody.
 */
export class StreamHub {
  readonly log: EventLog;
  private readonly streams = new Map<string, EventStream>();
  private readonly audiences: AudienceIndex<EventStream>;
  private readonly perIdentity = new Map<string, number>();
  /** Ids of disconnected streams, longest disconnected first. */
  private readonly detached = new Set<string>();
  private readonly host: StreamHost;
  private readonly timer: NodeJS.Timeout;
  private readonly unlisten: () => void;

  constructor(private readonly deps: HubDeps) {
    this.log = new EventLog(deps.logCapacity ?? 4096, deps.epoch);
    this.audiences = new AudienceIndex<EventStream>({
      can: (i, q) => deps.can(i, q),
      ready: (t) => deps.ready(t.api.resource).then(() => {}),
      ttlMs: deps.accessTtlMs,
      changed: (a) => this.accessChanged(a),
    });
    const log = this.log;
    this.host = {
      epoch: log.epoch,
      seq: () => log.seq,
      maxBufferedBytes: deps.maxBufferedBytes ?? 1024 * 1024,
      counted: (type, n) => deps.counted?.(type, n),
      overflow: (s) => this.drop(s, 'slow client'),
    };
    this.unlisten = deps.listen(
      (r, e) => this.onEvent(r, e),
      (r) => this.onResync(r),
    );
    this.timer = setInterval(() => this.tick(), deps.heartbeatMs);
    this.timer.unref();
  }

  /** Open streams (connected or resumable). */
  get(streamId: string): EventStream | undefined {
    return this.streams.get(streamId);
  }

  /** Connected streams. */
  get connected(): number {
    let n = 0;
    for (const s of this.streams.values()) if (s.sink) n += 1;
    return n;
  }

  /**
   * Starts (or, with a `Last-Event-ID` of a stream this process still holds for the same
   * identity, resumes) a stream on `sink`. Throws 429 past the per-identity limit. The returned
   * promise resolves once the stream is live.
   */
  open(opts: {
    identity: Identity;
    topics: TopicRequest[];
    lastEventId?: string;
    sink: Sink;
    /** Called once the stream is accepted, before its first byte (send headers here). */
    start?: () => void;
  }): { stream: EventStream; live: Promise<void> } {
    const { identity, sink } = opts;
    const last = parseEventId(opts.lastEventId);
    const found = last?.epoch === this.log.epoch ? this.streams.get(last.streamId) : undefined;
    const old =
      found?.identity.key === identity.key && last && last.msg <= found.msg ? found : undefined;
    // The old connection may not have noticed it is gone yet: this one replaces it.
    if (old?.sink) this.drop(old, 'replaced by a reconnect');
    const count = this.perIdentity.get(identity.key) ?? 0;
    if (count >= (this.deps.maxStreamsPerIdentity ?? 1000)) {
      throw statusErrors.tooManyRequests('too many event streams open for this user', 5);
    }
    let stream: EventStream;
    let resume: { msg: number; seq: number } | undefined;
    if (old && last) {
      stream = old;
      resume = { msg: last.msg, seq: last.seq };
      this.detached.delete(old.id);
    } else {
      stream = new EventStream(randomBytes(16).toString('base64url'), identity, this.host);
      this.streams.set(stream.id, stream);
      this.setTopics(stream, opts.topics, opts.lastEventId ? 'gap' : 'subscribed');
    }
    opts.start?.();
    stream.sink = sink;
    stream.phase = 'starting';
    this.perIdentity.set(identity.key, count + 1);
    this.deps.clients?.(1);
    const helloId = formatEventId({
      epoch: this.log.epoch,
      streamId: stream.id,
      ...(resume ?? { msg: 0, seq: this.log.seq }),
    });
    stream.hello(helloId, Math.round(this.deps.heartbeatMs / 1000));
    for (const sub of stream.subs.values()) this.join(stream, sub);
    const live = this.goLive(stream, sink, resume);
    return { stream, live };
  }

  /** The connection of `stream` closed (`sink` tells a stale close from the current one). */
  disconnected(stream: EventStream, sink: Sink): void {
    if (stream.sink !== sink) return;
    stream.sink = undefined;
    stream.phase = 'detached';
    stream.detachedAt = Date.now();
    this.detached.add(stream.id);
    if (this.detached.size > (this.deps.maxDetached ?? 10_000)) {
      // Sets keep insertion order: the first is the longest detached.
      const oldest = this.detached.values().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
    for (const sub of stream.subs.values()) this.leave(stream, sub);
    const n = (this.perIdentity.get(stream.identity.key) ?? 1) - 1;
    if (n > 0) this.perIdentity.set(stream.identity.key, n);
    else this.perIdentity.delete(stream.identity.key);
    this.deps.clients?.(-1);
  }

  /** Replaces the topics of `stream`; new ones resync (or fail) once their access is known. */
  setTopics(stream: EventStream, topics: TopicRequest[], reason: Sub['reason'] = 'subscribed') {
    const keep = new Set(topics.map((t) => t.key));
    for (const [key, sub] of stream.subs) {
      if (keep.has(key)) continue;
      this.leave(stream, sub);
      stream.subs.delete(key);
    }
    for (const t of topics) {
      if (stream.subs.has(t.key)) continue;
      const sub: Sub = {
        key: t.key,
        state: 'waiting',
        liveFrom: 0,
        reason,
        ...('served' in t ? { served: t.served } : { error: t.error }),
      };
      stream.subs.set(t.key, sub);
      if (stream.phase !== 'detached') this.join(stream, sub);
      stream.update(sub);
    }
  }

  /** Ends every stream (the tabs reconnect to whichever BFF serves them next). */
  close(): void {
    clearInterval(this.timer);
    this.unlisten();
    for (const s of this.streams.values()) {
      const sink = s.sink;
      if (!sink) continue;
      this.disconnected(s, sink);
      sink.end();
    }
    this.streams.clear();
    this.detached.clear();
    this.audiences.clear();
  }

  private forget(id: string) {
    this.detached.delete(id);
    this.streams.delete(id);
  }

  private drop(stream: EventStream, reason: string) {
    const sink = stream.sink;
    if (!sink) return;
    this.disconnected(stream, sink);
    sink.destroy();
    this.deps.dropped?.(stream.id, reason);
  }

  private async goLive(
    stream: EventStream,
    sink: Sink,
    resume: { msg: number; seq: number } | undefined,
  ): Promise<void> {
    const waits = [...stream.subs.values()].flatMap((s) =>
      s.audience ? [s.audience.settled()] : [],
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(waits),
      new Promise((r) => (timer = setTimeout(r, this.deps.startWaitMs ?? 5_000))),
    ]);
    clearTimeout(timer);
    if (stream.sink !== sink) return;
    const entries = resume ? this.log.since(resume.seq) : undefined;
    const replay: Sub[] = [];
    for (const sub of stream.subs.values()) {
      if (resume && sub.state === 'live' && sub.liveFrom <= resume.msg) {
        if (entries && sub.audience?.access.state === 'allowed') {
          replay.push(sub);
          continue;
        }
        sub.reason = 'gap';
      } else if (sub.state === 'live') {
        // It went live after the last message the tab saw: the tab never got that RESYNC.
        sub.reason = 'subscribed';
      }
      // Errors too are sent again: the tab may have missed them.
      sub.state = 'waiting';
      sub.errorCode = undefined;
    }
    stream.phase = 'live';
    if (entries && replay.length) stream.replay(replay, entries);
    for (const sub of stream.subs.values()) stream.update(sub);
  }

  private onEvent(resource: ApiResourceName, ev: InformerEvent) {
    const namespace = ev.object.metadata.namespace || undefined;
    const entry = this.log.append({
      kind: 'event',
      resource,
      type: ev.type,
      object: ev.object,
      ...(namespace ? { namespace } : {}),
    });
    if (!this.audiences.has(resource)) return;
    let json: string | undefined;
    let sent = 0;
    const body = () => (json ??= objectJson(resource, ev.object));
    for (const key of topicKeysOf(resource, namespace)) {
      let data: string | undefined;
      for (const aud of this.audiences.topic(resource, key)) {
        if (aud.access.state !== 'allowed') continue;
        for (const s of aud.members) {
          if (s.phase !== 'live' || s.subs.get(key)?.state !== 'live') continue;
          data ??= eventData(ev.type, key, body());
          s.send(data, entry.seq);
          sent += 1;
        }
      }
    }
    if (sent) this.deps.counted?.(ev.type, sent);
  }

  private onResync(resource: ApiResourceName) {
    const entry = this.log.append({ kind: 'resync', resource });
    for (const [key, aud] of this.audiences.kind(resource)) {
      if (aud.access.state !== 'allowed') continue;
      for (const s of aud.members) {
        const sub = s.subs.get(key);
        if (s.phase === 'live' && sub?.state === 'live') s.resync(sub, 'relisted', entry.seq);
      }
    }
  }

  private join(stream: EventStream, sub: Sub) {
    if (!sub.served || sub.audience) return;
    sub.audience = this.audiences.join(stream.identity, sub.served, stream);
  }

  private leave(stream: EventStream, sub: Sub) {
    if (!sub.audience) return;
    this.audiences.leave(sub.audience, stream);
    sub.audience = undefined;
  }

  private accessChanged(a: Audience<EventStream>) {
    for (const s of a.members) {
      const sub = s.subs.get(a.topic.key);
      if (sub) s.update(sub);
    }
  }

  private tick() {
    const now = Date.now();
    const ttl = this.deps.detachedTtlMs ?? 5 * 60_000;
    for (const [id, s] of this.streams) {
      if (s.sink) s.write(': ping\n\n');
      else if (now - s.detachedAt > ttl) this.forget(id);
    }
  }
}
