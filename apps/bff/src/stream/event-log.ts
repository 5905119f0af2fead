import { randomBytes } from 'node:crypto';
import type { ApiResourceName, KubeObject, WatchEventType } from '@dvp/api';

/** One change seen by the shared cache, or a relist of a kind, numbered in arrival order. */
export type LogEntry =
  | {
      seq: number;
      kind: 'event';
      resource: ApiResourceName;
      type: WatchEventType;
      object: KubeObject;
      namespace?: string;
    }
  | { seq: number; kind: 'resync'; resource: ApiResourceName };

type NewEntry =
  | Omit<Extract<LogEntry, { kind: 'event' }>, 'seq'>
  | Omit<Extract<LogEntry, { kind: 'resync' }>, 'seq'>;

/**
 * The recent history of the shared cache, so a tab that reconnects with `Last-Event-ID` gets what
 * it missed instead of refetching everything. A bounded ring: the oldest entries fall out, and a
 * resume from before them is a gap. Sequence numbers are per process; `epoch` tells ids of this
 * process from those of an earlier one (after a BFF restart every id is a gap).
 */
export class EventLog {
  readonly epoch: string;
  private readonly ring: (LogEntry | undefined)[];
  private last = 0;

  constructor(
    readonly capacity: number,
    epoch = randomBytes(6).toString('base64url'),
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('capacity must be ≥ 1');
    this.ring = new Array<LogEntry | undefined>(capacity);
    this.epoch = epoch;
  }

  /** The sequence number of the newest entry (0 before any). */
  get seq(): number {
    return this.last;
  }

  /** The oldest sequence number still held (seq + 1 when empty). */
  get oldest(): number {
    return Math.max(1, this.last - this.capacity + 1);
  }

  append(e: NewEntry): LogEntry {
    this.last += 1;
    const entry: LogEntry = { ...e, seq: this.last };
    this.ring[this.last % this.capacity] = entry;
    return entry;
  }

  /**
   * Entries after `seq`, oldest first; undefined when some of them fell out of the ring (or
   * `seq` is not one this log gave out), so the caller must resync instead.
   */
  since(seq: number): LogEntry[] | undefined {
    if (!Number.isSafeInteger(seq) || seq < 0 || seq > this.last) return undefined;
    if (seq + 1 < this.oldest) return undefined;
    const out: LogEntry[] = [];
    for (let s = seq + 1; s <= this.last; s++) {
      const e = this.ring[s % this.capacity];
      if (e) out.push(e);
    }
    return out;
  }
}

/**
 * An SSE message id: `<epoch>.<streamId>.<message number>.<seq>`. The message number says which
 * of the stream's messages the tab has seen (so a resume knows which subscriptions it had
 * confirmed); `seq` says how far in the log the tab had got.
 */
export interface EventId {
  epoch: string;
  streamId: string;
  msg: number;
  seq: number;
}

const ID = /^([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{1,64})\.(\d{1,15})\.(\d{1,15})$/;

export function formatEventId(id: EventId): string {
  return `${id.epoch}.${id.streamId}.${id.msg}.${id.seq}`;
}

/** Undefined for anything that is not an id this format produces. */
export function parseEventId(raw: string | undefined): EventId | undefined {
  const m = raw ? ID.exec(raw.trim()) : null;
  if (!m) return undefined;
  return { epoch: m[1] ?? '', streamId: m[2] ?? '', msg: Number(m[3]), seq: Number(m[4]) };
}
