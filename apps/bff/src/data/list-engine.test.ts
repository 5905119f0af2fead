import { describe, expect, it } from 'vitest';
import { VM_SORT_KEYS, type KubeObject, type ListQuery } from '@dvp/api';
import { StatusError } from '../k8s/status.ts';
import { listPage, parseListQuery } from './list-engine.ts';
import { vmLister } from './listers.ts';

function vm(
  name: string,
  o: {
    phase?: string;
    node?: string;
    cores?: number;
    mem?: string;
    labels?: Record<string, string>;
    ip?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachine',
    metadata: {
      name,
      namespace: 'ns',
      uid: name,
      resourceVersion: '1',
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...(o.labels ? { labels: o.labels } : {}),
    },
    spec: { virtualMachineClassName: 'generic', blockDeviceRefs: [] },
    status: {
      ...(o.phase ? { phase: o.phase } : {}),
      ...(o.node ? { nodeName: o.node } : {}),
      ...(o.ip ? { ipAddress: o.ip } : {}),
      resources: {
        ...(o.cores ? { cpu: { cores: o.cores } } : {}),
        ...(o.mem ? { memory: { size: o.mem } } : {}),
      },
    },
  };
}

const objs = [
  vm('c', {
    phase: 'Running',
    node: 'n1',
    cores: 2,
    mem: '2Gi',
    labels: { app: 'web' },
    ip: '10.0.0.3',
  }),
  vm('a', { phase: 'Stopped', cores: 1, mem: '512Mi', labels: { app: 'db' } }),
  vm('b', { phase: 'Running', node: 'n2', cores: 4, mem: '1Gi', labels: { app: 'web' } }),
  vm('d', { phase: 'Running', node: 'n1', cores: 2, mem: '4Gi' }),
];

const run = (q: ListQuery) => listPage(objs, vmLister, parseListQuery(q, VM_SORT_KEYS), '42');
const names = (q: ListQuery) => run(q).items.map((r) => r.name);

function statusOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('did not throw');
}

describe('list engine', () => {
  it('sorts by name by default, by any key both ways, with unknown values last', () => {
    expect(names({})).toEqual(['a', 'b', 'c', 'd']);
    expect(names({ sort: '-name' })).toEqual(['d', 'c', 'b', 'a']);
    // memory sorts by bytes, not text; ties break by name
    expect(names({ sort: 'memory' })).toEqual(['a', 'b', 'c', 'd']);
    expect(names({ sort: 'cores' })).toEqual(['a', 'c', 'd', 'b']);
    expect(names({ sort: '-cores' })).toEqual(['b', 'c', 'd', 'a']);
    expect(names({ sort: 'node' })).toEqual(['c', 'd', 'b', 'a']);
    expect(names({ sort: '-node' })).toEqual(['b', 'c', 'd', 'a']);
  });

  it('filters by text (name, node, IP), label selector, phase and node', () => {
    expect(names({ q: 'N1' })).toEqual(['c', 'd']);
    expect(names({ q: '10.0.0' })).toEqual(['c']);
    expect(names({ labelSelector: 'app=web' })).toEqual(['b', 'c']);
    expect(names({ labelSelector: '!app' })).toEqual(['d']);
    expect(names({ phase: 'Stopped,Starting' })).toEqual(['a']);
    expect(names({ node: 'n2, n1' })).toEqual(['b', 'c', 'd']);
  });

  it('counts facets before the phase and node filters, and totals after all', () => {
    const p = run({ labelSelector: 'app', phase: 'Running' });
    expect(p.total).toBe(2);
    expect(p.facets).toEqual({ phase: { Running: 2, Stopped: 1 }, node: { n1: 1, n2: 1 } });
    expect(p.resourceVersion).toBe('42');
  });

  it('pages with continue tokens that survive inserts before the cut', () => {
    const first = run({ limit: 2, sort: '-name' });
    expect(first.items.map((r) => r.name)).toEqual(['d', 'c']);
    expect(first.continue).toBeTruthy();
    const q = parseListQuery({ limit: 2, sort: '-name', continue: first.continue }, VM_SORT_KEYS);
    const second = listPage([...objs, vm('e'), vm('ca')], vmLister, q, '43');
    expect(second.items.map((r) => r.name)).toEqual(['b', 'a']);
    expect(second.continue).toBeUndefined();
  });

  it('reuses the row of an unchanged object', () => {
    expect(run({}).items[0]).toBe(run({}).items[0]);
  });

  it('refuses bad selectors, sort keys and continue tokens with Status errors', () => {
    expect(statusOf(() => parseListQuery({ labelSelector: 'a in (' }, VM_SORT_KEYS))).toMatchObject(
      {
        code: 400,
        reason: 'BadRequest',
        message: expect.stringContaining('unable to parse requirement') as string,
      },
    );
    expect(statusOf(() => parseListQuery({ sort: 'colour' }, VM_SORT_KEYS))).toMatchObject({
      code: 422,
      reason: 'Invalid',
      details: { causes: [{ field: 'query.sort', reason: 'FieldValueNotSupported' }] },
    });
    expect(statusOf(() => parseListQuery({ continue: 'garbage' }, VM_SORT_KEYS))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
    });
    const token = run({ limit: 1 }).continue ?? '';
    expect(
      statusOf(() => parseListQuery({ continue: token, sort: 'node' }, VM_SORT_KEYS)),
    ).toMatchObject({
      code: 400,
      message: expect.stringContaining('sorted by "name"') as string,
    });
  });
});

describe('list engine pages (against a full sort)', () => {
  it('pages any sort order of a shuffled set exactly like sorting everything', () => {
    // A deterministic shuffle with duplicates in every sort key, so tiebreaks matter.
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const many = Array.from({ length: 700 }, (_, i) =>
      vm(`vm-${String(rnd(10_000)).padStart(5, '0')}-${i}`, {
        phase: ['Running', 'Stopped', 'Pending'][rnd(3)] ?? 'Running',
        ...(rnd(4) ? { node: `n${rnd(5)}` } : {}),
        cores: 1 + rnd(4),
        mem: `${1 + rnd(3)}Gi`,
      }),
    );
    for (const sort of ['name', '-name', 'node', '-node', 'cores', '-memory', 'phase']) {
      const all = listPage(many, vmLister, parseListQuery({ sort, limit: 500 }, VM_SORT_KEYS), '1');
      const expected = [...all.items];
      const paged: string[] = [];
      let token: string | undefined;
      do {
        const p = listPage(
          many,
          vmLister,
          parseListQuery({ sort, limit: 64, ...(token ? { continue: token } : {}) }, VM_SORT_KEYS),
          '1',
        );
        paged.push(...p.items.map((r) => r.name));
        token = p.continue;
      } while (token);
      expect(paged.length).toBe(700);
      expect(new Set(paged).size).toBe(700);
      expect(paged.slice(0, 500)).toEqual(expected.map((r) => r.name));
      // Each page is in order: compare neighbours through a fresh full page of 2.
      const byName = new Map(many.map((o) => [o.metadata.name, o]));
      for (let i = 1; i < paged.length; i++) {
        const pair = [byName.get(paged[i - 1] ?? ''), byName.get(paged[i] ?? '')] as KubeObject[];
        const ordered = listPage(
          pair,
          vmLister,
          parseListQuery({ sort, limit: 2 }, VM_SORT_KEYS),
          '1',
        );
        expect(ordered.items.map((r) => r.name)).toEqual([paged[i - 1], paged[i]]);
      }
    }
  });
});
