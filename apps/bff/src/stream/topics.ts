import {
  API_RESOURCES,
  MAX_STREAM_TOPICS,
  parseTopicKey,
  TOPIC_KEY_PATTERN,
  type ApiResource,
  type ApiResourceName,
  type FieldCause,
  type Status,
} from '@dvp/api';
import type { AccessQuestion } from '../access/reviewer.ts';
import { makeStatus } from '../k8s/status.ts';

/** A topic the stream can serve: every object of `api` (in `namespace`, when given). */
export interface ServedTopic {
  key: string;
  api: ApiResource;
  namespace?: string;
}

/** A requested topic: served, or refused on its own with a Status (the stream goes on). */
export type TopicRequest = { key: string; served: ServedTopic } | { key: string; error: Status };

export type TopicParse = { ok: true; topics: TopicRequest[] } | { ok: false; causes: FieldCause[] };

/**
 * Reads a list of topic keys. Malformed keys (or too many) refuse the whole request (`causes`
 * for a 422); well-formed keys of unknown resources, or a namespace on a cluster kind, are
 * refused per topic so one stale console build cannot break a tab's other subscriptions.
 * Duplicates collapse.
 */
export function parseTopics(keys: readonly string[], field: string): TopicParse {
  const causes: FieldCause[] = [];
  if (keys.length > MAX_STREAM_TOPICS) {
    causes.push({
      reason: 'FieldValueTooMany',
      message: `Too many: ${keys.length}: must have at most ${MAX_STREAM_TOPICS} items`,
      field,
    });
  }
  const out = new Map<string, TopicRequest>();
  keys.forEach((key, i) => {
    if (!TOPIC_KEY_PATTERN.test(key)) {
      causes.push({
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${JSON.stringify(key.slice(0, 100))}: a topic is "resource" or "resource/namespace"`,
        field: `${field}[${i}]`,
      });
      return;
    }
    if (!out.has(key)) out.set(key, topicRequest(key));
  });
  return causes.length ? { ok: false, causes } : { ok: true, topics: [...out.values()] };
}

/** The topic keys of a `?topics=a,b/c` query value (empty items ignored). */
export function topicQueryKeys(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  const parts = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return undefined;
  return parts.flatMap((p: string) =>
    p
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );
}

function topicRequest(key: string): TopicRequest {
  const { resource, namespace } = parseTopicKey(key);
  const api = Object.hasOwn(API_RESOURCES, resource)
    ? API_RESOURCES[resource as ApiResourceName]
    : undefined;
  if (!api) {
    return {
      key,
      error: makeStatus(404, 'NotFound', `the server doesn't have a resource type "${resource}"`),
    };
  }
  if (namespace && !api.namespaced) {
    return {
      key,
      error: makeStatus(
        400,
        'BadRequest',
        `${resource} is cluster-scoped: subscribe to "${resource}" without a namespace`,
      ),
    };
  }
  return { key, served: namespace ? { key, api, namespace } : { key, api } };
}

/**
 * What a user needs to follow a topic: list and watch of the kind in that namespace, or
 * cluster-wide (a namespaced kind without a namespace needs the cluster-wide right).
 */
export function topicQuestions(t: ServedTopic): AccessQuestion[] {
  return (['watch', 'list'] as const).map((verb) => ({
    verb,
    group: t.api.group,
    resource: t.api.resource,
    ...(t.namespace ? { namespace: t.namespace } : {}),
  }));
}

/** The Forbidden Status a denied topic gets (shaped like kube-apiserver's). */
export function forbiddenTopic(t: ServedTopic): Status {
  const gr = t.api.group ? `${t.api.resource}.${t.api.group}` : t.api.resource;
  const where = t.namespace ? `in the namespace "${t.namespace}"` : 'at the cluster scope';
  return makeStatus(
    403,
    'Forbidden',
    `${gr} is forbidden: you may not watch resource "${t.api.resource}" in API group "${t.api.group}" ${where}`,
    { group: t.api.group, kind: t.api.resource },
  );
}

/** Topic keys an object of `resource` in `namespace` belongs to. */
export function topicKeysOf(resource: ApiResourceName, namespace: string | undefined): string[] {
  if (!API_RESOURCES[resource].namespaced || !namespace) return [resource];
  return [resource, `${resource}/${namespace}`];
}

/** True when `t` covers an object of `resource` in `namespace`. */
export function topicCovers(t: ServedTopic, resource: ApiResourceName, namespace?: string) {
  return t.api.resource === resource && (!t.namespace || t.namespace === namespace);
}
