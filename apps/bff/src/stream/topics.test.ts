import { describe, expect, it } from 'vitest';
import { MAX_STREAM_TOPICS } from '@dvp/api';
import {
  parseTopics,
  topicCovers,
  topicKeysOf,
  topicQueryKeys,
  topicQuestions,
  type ServedTopic,
} from './topics.ts';

function served(keys: string[]): ServedTopic[] {
  const r = parseTopics(keys, 'topics');
  if (!r.ok) throw new Error('unexpected causes');
  return r.topics.flatMap((t) => ('served' in t ? [t.served] : []));
}

describe('topics', () => {
  it('reads resource and resource/namespace topics of served kinds, once each', () => {
    const r = parseTopics(
      ['virtualmachines/demo', 'virtualmachineclasses', 'virtualmachines/demo', 'virtualmachines'],
      'topics',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.topics.map((t) => t.key)).toEqual([
      'virtualmachines/demo',
      'virtualmachineclasses',
      'virtualmachines',
    ]);
    const [vmDemo] = served(['virtualmachines/demo']);
    expect(vmDemo?.api.group).toBe('virtualization.deckhouse.io');
    expect(vmDemo?.namespace).toBe('demo');
  });

  it('refuses unknown kinds and namespaces on cluster kinds per topic, not per request', () => {
    const r = parseTopics(['secrets/demo', 'virtualmachineclasses/demo', 'nodes'], 'topics');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [secrets, classes, nodes] = r.topics;
    expect(secrets && 'error' in secrets && secrets.error).toMatchObject({
      code: 404,
      reason: 'NotFound',
    });
    expect(classes && 'error' in classes && classes.error).toMatchObject({
      code: 400,
      reason: 'BadRequest',
    });
    expect(nodes && 'served' in nodes).toBe(true);
  });

  it('refuses malformed keys and too many topics with field causes', () => {
    const r = parseTopics(
      ['virtualmachines/demo', 'VirtualMachines', 'a/b/c', 'virtualmachines/', '/demo', 'x/-bad'],
      'query.topics',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.causes.map((c) => c.field)).toEqual([
      'query.topics[1]',
      'query.topics[2]',
      'query.topics[3]',
      'query.topics[4]',
      'query.topics[5]',
    ]);
    const many = parseTopics(
      Array.from({ length: MAX_STREAM_TOPICS + 1 }, (_, i) => `virtualmachines/ns${i}`),
      'topics',
    );
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.causes[0]?.reason).toBe('FieldValueTooMany');
  });

  it('reads the query value: a comma list, repeated, or absent; not an object', () => {
    expect(topicQueryKeys('a, b/c,,')).toEqual(['a', 'b/c']);
    expect(topicQueryKeys(['a', 'b,c'])).toEqual(['a', 'b', 'c']);
    expect(topicQueryKeys(undefined)).toEqual([]);
    expect(topicQueryKeys({ a: '1' })).toBeUndefined();
    expect(topicQueryKeys([1])).toBeUndefined();
  });

  it('asks for watch and list where the topic reaches', () => {
    const [ns, all, cls] = served(['virtualmachines/demo', 'virtualmachines', 'nodes']);
    expect(ns && topicQuestions(ns)).toEqual([
      {
        verb: 'watch',
        group: 'virtualization.deckhouse.io',
        resource: 'virtualmachines',
        namespace: 'demo',
      },
      {
        verb: 'list',
        group: 'virtualization.deckhouse.io',
        resource: 'virtualmachines',
        namespace: 'demo',
      },
    ]);
    // A namespaced kind without a namespace needs the cluster-wide right.
    expect(all && topicQuestions(all).map((q) => q.namespace)).toEqual([undefined, undefined]);
    expect(cls && topicQuestions(cls)[0]).toEqual({ verb: 'watch', group: '', resource: 'nodes' });
  });

  it('maps an object to the topics it belongs to', () => {
    expect(topicKeysOf('virtualmachines', 'demo')).toEqual([
      'virtualmachines',
      'virtualmachines/demo',
    ]);
    expect(topicKeysOf('nodes', undefined)).toEqual(['nodes']);
    const [ns, all] = served(['virtualmachines/demo', 'virtualmachines']);
    expect(ns && topicCovers(ns, 'virtualmachines', 'demo')).toBe(true);
    expect(ns && topicCovers(ns, 'virtualmachines', 'other')).toBe(false);
    expect(ns && topicCovers(ns, 'virtualdisks', 'demo')).toBe(false);
    expect(all && topicCovers(all, 'virtualmachines', 'other')).toBe(true);
  });
});
