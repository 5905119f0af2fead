import {
  vmRowOf,
  type ApiResourceName,
  type KubeObject,
  type ResyncEvent,
  type Status,
  type StreamMessage,
} from '@dvp/api';
import type { Identity } from '../auth/identity.ts';
import type { Access, Audience } from './audience.ts';
import { formatEventId, type LogEntry } from './event-log.ts';
import { topicCovers, type ServedTopic } from './topics.ts';

/** Where a stream writes: an HTTP response (or a test double). */
export interface Sink {
  write(chunk: string): unknown;
  readonly writableLength: number;
  end(): void;
  destroy(): void;
}

/** What a stream needs from its hub. */
export interface StreamHost {
  readonly epoch: string;
  /** The log's newest sequence number: what the tab has seen once a message is delivered. */
  seq(): number;
  maxBufferedBytes: number;
  counted(type: StreamMessage['type'], n: number): void;
  /** The sink's buffer outgrew the bound: drop the connection (the tab reconnects and resumes). */
  overflow(stream: EventStream): void;
}

/** One subscription of a stream. */
export interface Sub {
  key: string;
  /** Absent when the topic was refused on its own (`error`). */
  served?: ServedTopic;
  error?: Status;
  audience?: Audience<EventStream>;
  /**
   * waiting: nothing delivered until access is known; live: events flow since message
   * `liveFrom` (the RESYNC or replay that confirmed it); error: an ERROR was sent.
   */
  state: 'waiting' | 'live' | 'error';
  liveFrom: number;
  /** Why the next RESYNC is sent when the topic goes live. */
  reason: ResyncEvent['reason'];
  /** The code of the last ERROR sent (a changed code is sent again). */
  errorCode?: number;
}

/**
 * One browser tab's event stream. It outlives its HTTP connection for a while (detached), so a
 * reconnect with `Last-Event-ID` continues the same stream: same id, same topics, and what it
 * missed replayed from the hub's log.
 */
export class EventStream {
  readonly subs = new Map<string, Sub>();
  /** starting: connected, waiting for first access answers; live: delivering; detached. */
  phase: 'starting' | 'live' | 'detached' = 'starting';
  sink: Sink | undefined;
  detachedAt = 0;
  /** Number of the last message sent (ids carry it). */
  msg = 0;

  constructor(
    readonly id: string,
    readonly identity: Identity,
    private readonly host: StreamHost,
  ) {}

  /** Sends one message (`data` is its JSON) whose position in the hub's log is `seq`. */
  send(data: string, seq: number): void {
    this.msg += 1;
    const id = formatEventId({ epoch: this.host.epoch, streamId: this.id, msg: this.msg, seq });
    this.write(`id: ${id}\ndata: ${data}\n\n`);
  }

  /** Writes raw SSE text; a client too slow to take it is dropped. */
  write(chunk: string): void {
    const sink = this.sink;
    if (!sink) return;
    sink.write(chunk);
    if (sink.writableLength > this.host.maxBufferedBytes) this.host.overflow(this);
  }

  hello(id: string, heartbeatSeconds: number): void {
    const data = JSON.stringify({ type: 'HELLO', streamId: this.id, heartbeatSeconds });
    // `retry`: reconnect soon after a drop, so a resume usually finds its events in the log.
    this.write(`retry: 2000\nid: ${id}\ndata: ${data}\n\n`);
    this.host.counted('HELLO', 1);
  }

  resync(sub: Sub, reason: ResyncEvent['reason'], seq = this.host.seq()): void {
    this.send(JSON.stringify({ type: 'RESYNC', topic: sub.key, reason }), seq);
    this.host.counted('RESYNC', 1);
  }

  private error(sub: Sub, status: Status): void {
    this.send(JSON.stringify({ type: 'ERROR', topic: sub.key, status }), this.host.seq());
    this.host.counted('ERROR', 1);
    sub.errorCode = status.code;
  }

  /**
   * Brings a subscription in line with its access (live streams only): a topic that becomes
   * visible gets RESYNC (the tab refetches, then applies events); one that stops being visible
   * gets ERROR and RESYNC `access-changed`, and nothing more of it.
   */
  update(sub: Sub): void {
    if (this.phase !== 'live') return;
    const access: Access = sub.error
      ? { state: 'error', status: sub.error }
      : (sub.audience?.access ?? { state: 'pending' });
    if (access.state === 'allowed') {
      if (sub.state === 'live') return;
      const reason = sub.state === 'error' ? 'access-changed' : sub.reason;
      sub.state = 'live';
      this.resync(sub, reason);
      sub.liveFrom = this.msg;
      sub.errorCode = undefined;
    } else if (access.state === 'error') {
      if (sub.state === 'live') {
        sub.state = 'error';
        sub.reason = 'access-changed';
        this.error(sub, access.status);
        this.resync(sub, 'access-changed');
      } else if (sub.state === 'waiting' || sub.errorCode !== access.status.code) {
        sub.state = 'error';
        this.error(sub, access.status);
      }
    } else if (sub.state === 'live') {
      // The access answer is overdue: hold the topic; it resyncs when the cluster answers.
      sub.state = 'waiting';
      sub.reason = 'gap';
    }
  }

  /** Sends what `subs` missed: the log's `entries` they cover, each with its own position. */
  replay(subs: Sub[], entries: LogEntry[]): void {
    const counts = new Map<StreamMessage['type'], number>();
    for (const e of entries) {
      let body: string | undefined;
      for (const sub of subs) {
        if (sub.served?.api.resource !== e.resource) continue;
        if (e.kind === 'resync') {
          // A relist concerns every topic of the kind.
          this.resync(sub, 'relisted', e.seq);
          continue;
        }
        if (!topicCovers(sub.served, e.resource, e.namespace)) continue;
        body ??= objectJson(e.resource, e.object);
        this.send(eventData(e.type, sub.key, body), e.seq);
        counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
      }
    }
    for (const [type, n] of counts) this.host.counted(type, n);
  }
}

/** `"object":…` (and the list row for VMs): made once per change for every topic and tab. */
export function objectJson(resource: ApiResourceName, object: KubeObject): string {
  // No lastOperation in stream rows (see ObjectEvent): it depends on the reader's rights.
  const row =
    resource === 'virtualmachines'
      ? `,"row":${JSON.stringify({ ...vmRowOf(object), lastOperation: undefined })}`
      : '';
  return `"object":${JSON.stringify(object)}${row}`;
}

/** An object event's message JSON from its `objectJson` part. */
export function eventData(type: string, topic: string, body: string): string {
  return `{"type":"${type}","topic":${JSON.stringify(topic)},${body}}`;
}
