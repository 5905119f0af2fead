import { describe, expect, it } from 'vitest';

import { FieldSet, keyElement, pathString } from './fieldset.ts';
import { compare, merge, toFieldSet } from './typed.ts';

describe('FieldSet', () => {
  const fieldsV1 = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': {
      'f:ports': {
        'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:targetPort': {} },
      },
    },
  };

  it('round-trips FieldsV1', () => {
    expect(FieldSet.fromFieldsV1(fieldsV1).toFieldsV1()).toEqual(fieldsV1);
  });

  it('knows its member paths', () => {
    const set = FieldSet.fromFieldsV1(fieldsV1);
    expect(set.has(['f:metadata', 'f:labels'])).toBe(true);
    expect(set.has(['f:metadata'])).toBe(false);
    expect(set.paths()).toHaveLength(5);
  });

  it('computes union, difference and intersection on exact paths', () => {
    const a = new FieldSet();
    a.insert(['f:spec', 'f:x']);
    a.insert(['f:spec', 'f:y']);
    const b = new FieldSet();
    b.insert(['f:spec', 'f:y']);
    b.insert(['f:spec']);
    expect(a.intersection(b).paths()).toEqual([['f:spec', 'f:y']]);
    expect(a.difference(b).paths()).toEqual([['f:spec', 'f:x']]);
    expect(a.union(b).toFieldsV1()).toEqual({ 'f:spec': { '.': {}, 'f:x': {}, 'f:y': {} } });
    expect(new FieldSet().empty()).toBe(true);
  });

  it('skips malformed FieldsV1', () => {
    expect(FieldSet.fromFieldsV1({ 'x:bad': {}, 'f:ok': {}, 'f:bad': 3 }).paths()).toEqual([
      ['f:ok'],
    ]);
    expect(FieldSet.fromFieldsV1('nope').empty()).toBe(true);
  });

  it('prints paths like structured-merge-diff', () => {
    expect(pathString(['f:spec', 'f:cpu', 'f:cores'])).toBe('.spec.cpu.cores');
    expect(
      pathString([
        'f:spec',
        keyElement({ protocol: 'TCP', port: 80, name: 'http' }, ['port', 'protocol']),
        'f:name',
      ]),
    ).toBe('.spec[port=80,protocol="TCP"].name');
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"a"'])).toBe('.metadata.finalizers[="a"]');
  });
});

describe('typed operations', () => {
  it('treats CRD lists as atomic and core keyed lists per item', () => {
    expect(
      toFieldSet('VirtualMachine', { spec: { blockDeviceRefs: [{ name: 'a' }] } }).toFieldsV1(),
    ).toEqual({
      'f:spec': { 'f:blockDeviceRefs': {} },
    });
    expect(
      toFieldSet('Service', { spec: { ports: [{ port: 80, protocol: 'TCP' }] } }).toFieldsV1(),
    ).toEqual({
      'f:spec': {
        'f:ports': {
          'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:protocol': {} },
        },
      },
    });
  });

  it('falls back to atomic for keyed lists with duplicate keys', () => {
    const set = toFieldSet('Node', {
      status: { conditions: [{ type: 'Ready' }, { type: 'Ready' }] },
    });
    expect(set.toFieldsV1()).toEqual({ 'f:status': { 'f:conditions': {} } });
  });

  it('compares values field by field', () => {
    const diff = compare(
      'VirtualMachine',
      { spec: { a: 1, b: 2 } },
      { spec: { a: 1, b: 3, c: { d: 4 } } },
    );
    expect(diff.modified.paths()).toEqual([['f:spec', 'f:b']]);
    expect(diff.added.toFieldsV1()).toEqual({ 'f:spec': { 'f:c': { '.': {}, 'f:d': {} } } });
    expect(diff.removed.empty()).toBe(true);
  });

  it('merges keyed lists: live-only items keep their place, new ones follow', () => {
    const live = { spec: { ports: [{ port: 1 }, { port: 2, name: 'two' }, { port: 3 }] } };
    const config = { spec: { ports: [{ port: 2, targetPort: 20 }, { port: 4 }] } };
    expect(merge('Service', live, config)).toEqual({
      spec: {
        ports: [{ port: 1 }, { port: 2, name: 'two', targetPort: 20 }, { port: 3 }, { port: 4 }],
      },
    });
  });

  it('replaces atomic lists and drops applied nulls', () => {
    expect(
      merge('VirtualMachine', { spec: { refs: [1, 2], x: 1 } }, { spec: { refs: [3], x: null } }),
    ).toEqual({
      spec: { refs: [3] },
    });
  });
});
