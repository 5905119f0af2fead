import type { Status } from '../status.ts';
import type { ApiResourceName } from './resources.ts';
import type { VmRow } from './rows.ts';

/**
 * The live event stream: one Server-Sent Events stream per browser tab (`GET /api/v1/stream`),
 * carrying the changes of the topics the tab subscribed to that its user may see.
 *
 * - `?topics=a,b/ns` subscribes at start; `PUT …/stream/:streamId/topics` replaces them later.
 *   A topic becomes live with `RESYNC` (refetch its lists, then apply events) or fails with
 *   `ERROR`. Malformed topic keys are a 422; unknown kinds an `ERROR` for that topic.
 * - Every message is one `data:` line of JSON with an `id:`. An EventSource that reconnects
 *   sends it back (`Last-Event-ID`) and continues the same stream: same `streamId`, the topics
 *   it had (including `PUT` changes; the URL's are then ignored), and the missed messages, or
 *   `RESYNC` `gap` when they are no longer held. Otherwise the reconnect is a new stream.
 * - `: ping` comment lines every `heartbeatSeconds` keep proxies from closing an idle stream.
 */

/** A topic: every object of `resource` in `namespace` (cluster kinds: no namespace). */
export interface Topic {
  resource: ApiResourceName;
  namespace?: string;
}

/** `resource` or `resource/namespace`: how topics are written in URLs and messages. */
export function topicKey(t: Topic): string {
  return t.namespace ? `${t.resource}/${t.namespace}` : t.resource;
}

/**
 * A well-formed topic key: a plural resource name, optionally `/` and a namespace (a DNS label).
 * Well-formed keys of unknown resources are still refused per topic, not per request.
 */
export const TOPIC_KEY_PATTERN = /^[a-z][a-z0-9]{0,62}(\/[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)?$/;

/** The most topics one stream may hold. */
export const MAX_STREAM_TOPICS = 256;

/** Splits a topic key; check it against `TOPIC_KEY_PATTERN` first. */
export function parseTopicKey(key: string): { resource: string; namespace?: string } {
  const [resource = '', namespace] = key.split('/', 2);
  return namespace ? { resource, namespace } : { resource };
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * A change of one object. VM events carry the list row as well, without `lastOperation`: that
 * depends on the user's right to list operations, so keep the row's current one and let
 * VirtualMachineOperation events (or a refetch) update it.
 */
export interface ObjectEvent {
  type: WatchEventType;
  topic: string;
  object: Record<string, unknown> & {
    metadata: {
      name?: string;
      namespace?: string;
      uid?: string;
      resourceVersion?: string;
      labels?: Record<string, string>;
    };
  };
  row?: Omit<VmRow, 'lastOperation'>;
}

/** Lists of `topic` may be stale: refetch them (after a relist upstream, or a gap in the stream). */
export interface ResyncEvent {
  type: 'RESYNC';
  topic: string;
  reason: 'relisted' | 'gap' | 'subscribed' | 'access-changed';
}

/** A subscription that cannot be served (e.g. Forbidden for this user). */
export interface TopicErrorEvent {
  type: 'ERROR';
  topic: string;
  status: Status;
}

/** First message of a stream. */
export interface HelloEvent {
  type: 'HELLO';
  streamId: string;
  heartbeatSeconds: number;
}

export type StreamMessage = ObjectEvent | ResyncEvent | TopicErrorEvent | HelloEvent;

/** `PUT /api/v1/stream/:streamId/topics` body. */
export interface StreamTopicsBody {
  topics: string[];
}
