import { describe, expect, it } from 'vitest';

import { StatusError } from '../errors.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';

type Obj = Record<string, unknown>;

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'web',
    namespace: 'prod',
    finalizers: ['a', 'b'],
    ownerReferences: [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'u1' },
      { apiVersion: 'v1', kind: 'Secret', name: 's', uid: 'u2' },
    ],
  },
  spec: {
    type: 'ClusterIP',
    selector: { app: 'web' },
    ports: [
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
    ],
  },
};

function smp(kind: string, target: unknown, patch: unknown): Obj {
  return applyStrategicMergePatch(kind, target, patch) as Obj;
}

function at(o: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((cur, k) => (cur as Obj | undefined)?.[k], o);
}

function status400(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatusError);
    expect((e as StatusError).status.code).toBe(400);
    return (e as StatusError).status.message ?? '';
  }
  throw new Error('expected a 400');
}

describe('applyStrategicMergePatch: keyed lists', () => {
  it('merges Service ports by port, keeping the others', () => {
    const out = smp('Service', service, { spec: { ports: [{ port: 80, targetPort: 9090 }] } });
    expect(at(out, 'spec', 'ports')).toEqual([
      { name: 'http', port: 80, targetPort: 9090, protocol: 'TCP' },
      { name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' },
    ]);
  });

  it('puts new items first, like kube', () => {
    const out = smp('Service', service, { spec: { ports: [{ name: 'metrics', port: 9100 }] } });
    expect((at(out, 'spec', 'ports') as Obj[]).map((p) => p.port)).toEqual([9100, 80, 443]);
  });

  it('honours $setElementOrder as kubectl apply sends it', () => {
    const out = smp('Service', service, {
      spec: {
        '$setElementOrder/ports': [{ port: 80 }, { port: 443 }, { port: 9100 }],
        ports: [{ name: 'metrics', port: 9100 }],
      },
    });
    expect((at(out, 'spec', 'ports') as Obj[]).map((p) => p.port)).toEqual([80, 443, 9100]);
  });

  it('deletes items with $patch: delete', () => {
    const out = smp('Service', service, { spec: { ports: [{ port: 443, $patch: 'delete' }] } });
    expect((at(out, 'spec', 'ports') as Obj[]).map((p) => p.port)).toEqual([80]);
  });

  it('replaces the list with $patch: replace', () => {
    const out = smp('Service', service, {
      spec: { ports: [{ $patch: 'replace' }, { port: 53, protocol: 'UDP' }] },
    });
    expect(at(out, 'spec', 'ports')).toEqual([{ port: 53, protocol: 'UDP' }]);
  });

  it('merges Node conditions and addresses by type', () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-a' },
      status: {
        conditions: [
          { type: 'MemoryPressure', status: 'False' },
          { type: 'Ready', status: 'True', reason: 'KubeletReady' },
        ],
        addresses: [
          { type: 'InternalIP', address: '10.0.0.2' },
          { type: 'Hostname', address: 'node-a' },
        ],
      },
    };
    const out = smp('Node', node, {
      status: {
        conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady' }],
        addresses: [{ type: 'InternalIP', address: '10.0.0.9' }],
      },
    });
    expect(at(out, 'status', 'conditions')).toEqual([
      { type: 'MemoryPressure', status: 'False' },
      { type: 'Ready', status: 'False', reason: 'KubeletNotReady' },
    ]);
    expect(at(out, 'status', 'addresses')).toEqual([
      { type: 'InternalIP', address: '10.0.0.9' },
      { type: 'Hostname', address: 'node-a' },
    ]);
  });

  it('merges ownerReferences by uid', () => {
    const out = smp('ConfigMap', service, {
      metadata: { ownerReferences: [{ uid: 'u2', controller: true }] },
    });
    expect(at(out, 'metadata', 'ownerReferences')).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'u1' },
      { apiVersion: 'v1', kind: 'Secret', name: 's', uid: 'u2', controller: true },
    ]);
  });
});

describe('applyStrategicMergePatch: scalar sets', () => {
  it('unions finalizers, new values first', () => {
    expect(
      at(
        smp('Service', service, { metadata: { finalizers: ['b', 'c'] } }),
        'metadata',
        'finalizers',
      ),
    ).toEqual(['a', 'b', 'c']);
    expect(
      at(smp('Service', service, { metadata: { finalizers: ['c'] } }), 'metadata', 'finalizers'),
    ).toEqual(['c', 'a', 'b']);
  });

  it('removes values with $deleteFromPrimitiveList', () => {
    const out = smp('Namespace', service, {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
    });
    expect(at(out, 'metadata', 'finalizers')).toEqual(['b']);
  });

  it('orders a scalar set with $setElementOrder', () => {
    const out = smp('Service', service, {
      metadata: { '$setElementOrder/finalizers': ['b', 'c', 'a'], finalizers: ['c'] },
    });
    expect(at(out, 'metadata', 'finalizers')).toEqual(['b', 'c', 'a']);
  });
});

describe('applyStrategicMergePatch: maps and atomic lists', () => {
  it('replaces RBAC subjects and rules atomically', () => {
    const rb = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'admins', namespace: 'prod' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      subjects: [
        { kind: 'User', name: 'alice' },
        { kind: 'User', name: 'bob' },
      ],
    };
    const out = smp('RoleBinding', rb, { subjects: [{ kind: 'Group', name: 'ops' }] });
    expect(out.subjects).toEqual([{ kind: 'Group', name: 'ops' }]);
    expect(out.roleRef).toEqual(rb.roleRef);
  });

  it('merges ConfigMap data and deletes keys set to null', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg' },
      data: { a: '1', b: '2' },
    };
    expect(smp('ConfigMap', cm, { data: { b: null, c: '3' } }).data).toEqual({ a: '1', c: '3' });
  });

  it('replaces a map with $patch: replace and empties it with $patch: delete', () => {
    expect(
      at(
        smp('Service', service, { spec: { selector: { $patch: 'replace', tier: 'x' } } }),
        'spec',
        'selector',
      ),
    ).toEqual({
      tier: 'x',
    });
    expect(
      at(smp('Service', service, { spec: { selector: { $patch: 'delete' } } }), 'spec', 'selector'),
    ).toEqual({});
  });

  it('keeps only $retainKeys keys', () => {
    const out = smp('Service', service, {
      spec: { $retainKeys: ['type', 'ports'], type: 'NodePort' },
    });
    expect(Object.keys(at(out, 'spec') as Obj).sort()).toEqual(['ports', 'type']);
    expect(at(out, 'spec', 'type')).toBe('NodePort');
  });

  it('drops nulls and directives from values new to the object', () => {
    const out = smp('Service', service, {
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', hostname: null }] }, x: null },
      spec: { sessionAffinityConfig: { $patch: 'delete' } },
    });
    expect(out.status).toEqual({ loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } });
    expect(at(out, 'spec')).not.toHaveProperty('sessionAffinityConfig');
  });

  it('replaces a value whose type changes', () => {
    expect(at(smp('Service', service, { spec: { ports: 'none' } }), 'spec', 'ports')).toBe('none');
  });

  it('does not modify its inputs', () => {
    const target = structuredClone(service);
    const patch = {
      spec: { ports: [{ port: 80, targetPort: 1 }] },
      metadata: { finalizers: ['z'] },
    };
    const patchCopy = structuredClone(patch);
    const out = smp('Service', target, patch);
    expect(target).toEqual(service);
    expect(patch).toEqual(patchCopy);
    (at(out, 'spec', 'ports') as Obj[]).push({ port: 1 });
    expect(target.spec.ports).toHaveLength(2);
  });
});

describe('applyStrategicMergePatch: bad patches', () => {
  it.each([
    [['x'], 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['x', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
    [
      { spec: { selector: { $patch: 'explode' } } },
      'unknown patch type: explode in map: map[$patch:explode]',
    ],
    [
      { spec: { ports: [{ name: 'no-port' }] } },
      'map: map[name:no-port] does not contain declared merge key: port',
    ],
    [
      { spec: { ports: [{ $patch: 'delete', name: 'x' }] } },
      'map: map[$patch:delete name:x] does not contain declared merge key: port',
    ],
    [
      { spec: { ports: [{ $patch: 'merge' }] } },
      'merging lists cannot yet be specified in the patch',
    ],
    [{ spec: { ports: ['x'] } }, 'types of list elements need to be the same'],
    [
      { spec: { $retainKeys: ['type'], selector: { a: 'b' } } },
      'invalid patch format of retainKeys',
    ],
    [{ spec: { $retainKeys: 'type' } }, 'expected a []interface{}, but received a string'],
    [{ spec: { '$setElementOrder/ports': 'x' } }, 'invalid patch format of setElementOrder list'],
    [
      { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } },
      'invalid patch format of primitive list',
    ],
  ])('rejects %j', (patch, message) => {
    expect(status400(() => applyStrategicMergePatch('Service', service, patch))).toBe(message);
  });
});
