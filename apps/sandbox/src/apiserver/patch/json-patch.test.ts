import { describe, expect, it } from 'vitest';

import { StatusError } from '../errors.ts';
import { applyJsonPatch } from './json-patch.ts';

const vm = {
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: {
    name: 'web-1',
    labels: { app: 'web' },
    annotations: { 'example.com/a~b': 'x', 'example.com/team': 'core' },
  },
  spec: {
    cpu: { cores: 2 },
    blockDeviceRefs: [
      { kind: 'VirtualDisk', name: 'root' },
      { kind: 'VirtualImage', name: 'iso' },
    ],
  },
};

type Vm = typeof vm;

function patched(ops: unknown[]): Vm {
  return applyJsonPatch(vm, ops) as Vm;
}

function rejection(ops: unknown): { code: number; message: string; cause: string | undefined } {
  try {
    applyJsonPatch(vm, ops);
  } catch (e) {
    expect(e).toBeInstanceOf(StatusError);
    const s = (e as StatusError).status;
    return { code: s.code, message: s.message ?? '', cause: s.details?.causes?.[0]?.message };
  }
  throw new Error('expected the patch to fail');
}

describe('applyJsonPatch', () => {
  it('adds, replaces and removes fields', () => {
    const out = patched([
      { op: 'replace', path: '/spec/cpu/cores', value: 4 },
      { op: 'add', path: '/spec/cpu/coreFraction', value: '50%' },
      { op: 'remove', path: '/metadata/labels/app' },
    ]);
    expect(out.spec.cpu).toEqual({ cores: 4, coreFraction: '50%' });
    expect(out.metadata.labels).toEqual({});
  });

  it('unescapes ~1 and ~0 in pointers', () => {
    const out = patched([
      { op: 'replace', path: '/metadata/annotations/example.com~1a~0b', value: 'y' },
      { op: 'add', path: '/metadata/annotations/example.com~1new', value: 'z' },
    ]);
    expect(out.metadata.annotations).toEqual({
      'example.com/a~b': 'y',
      'example.com/team': 'core',
      'example.com/new': 'z',
    });
  });

  it('inserts into, appends to and removes from arrays', () => {
    const disk = { kind: 'VirtualDisk', name: 'data' };
    expect(
      patched([{ op: 'add', path: '/spec/blockDeviceRefs/-', value: disk }]).spec.blockDeviceRefs,
    ).toEqual([...vm.spec.blockDeviceRefs, disk]);
    expect(
      patched([{ op: 'add', path: '/spec/blockDeviceRefs/0', value: disk }]).spec
        .blockDeviceRefs[0],
    ).toEqual(disk);
    expect(
      patched([{ op: 'remove', path: '/spec/blockDeviceRefs/0' }]).spec.blockDeviceRefs,
    ).toEqual([vm.spec.blockDeviceRefs[1]]);
    expect(
      patched([{ op: 'remove', path: '/spec/blockDeviceRefs/-1' }]).spec.blockDeviceRefs,
    ).toEqual([vm.spec.blockDeviceRefs[0]]);
  });

  it('moves and copies values', () => {
    const out = patched([
      { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/name' },
      {
        op: 'move',
        from: '/metadata/annotations/example.com~1team',
        path: '/metadata/labels/team',
      },
    ]);
    expect(out.metadata.labels).toEqual({ app: 'web', name: 'web', team: 'core' });
    expect(out.metadata.annotations).toEqual({ 'example.com/a~b': 'x' });
  });

  it('passes matching tests, including null against a missing key', () => {
    const out = patched([
      { op: 'test', path: '/spec/cpu', value: { cores: 2 } },
      { op: 'test', path: '/spec/memory', value: null },
      { op: 'replace', path: '/spec/cpu/cores', value: 3 },
    ]);
    expect(out.spec.cpu.cores).toBe(3);
  });

  it('replaces a missing object key like evanphx/json-patch v4 does', () => {
    expect(patched([{ op: 'replace', path: '/spec/runPolicy', value: 'Manual' }])).toMatchObject({
      spec: { runPolicy: 'Manual' },
    });
  });

  it('replaces the whole document at the root pointer', () => {
    expect(applyJsonPatch(vm, [{ op: 'replace', path: '', value: { a: 1 } }])).toEqual({ a: 1 });
  });

  it('does not modify its inputs', () => {
    const doc = structuredClone(vm);
    const value = { kind: 'VirtualDisk', name: 'data' };
    const out = applyJsonPatch(doc, [
      { op: 'add', path: '/spec/blockDeviceRefs/-', value },
      { op: 'remove', path: '/metadata/labels' },
    ]) as Vm;
    expect(doc).toEqual(vm);
    value.name = 'changed';
    expect(out.spec.blockDeviceRefs[2]?.name).toBe('data');
  });

  it('is all or nothing: a failing op leaves no partial result behind', () => {
    const doc = structuredClone(vm);
    expect(() =>
      applyJsonPatch(doc, [
        { op: 'replace', path: '/spec/cpu/cores', value: 9 },
        { op: 'test', path: '/spec/cpu/cores', value: 2 },
      ]),
    ).toThrow(StatusError);
    expect(doc.spec.cpu.cores).toBe(2);
  });

  it.each([
    [
      [{ op: 'test', path: '/spec/cpu/cores', value: 3 }],
      'testing value /spec/cpu/cores failed: test failed',
    ],
    [
      [{ op: 'test', path: '/spec/cpu/cores' }],
      'testing value /spec/cpu/cores failed: test failed',
    ],
    [
      [{ op: 'test', path: '/spec/x/y', value: 1 }],
      'test operation does not apply: is missing path: /spec/x/y: missing value',
    ],
    [
      [{ op: 'add', path: '/spec/x/y', value: 1 }],
      'add operation does not apply: doc is missing path: "/spec/x/y": missing value',
    ],
    [
      [{ op: 'remove', path: '/spec/x' }],
      "error in remove for path: '/spec/x': Unable to remove nonexistent key: x: missing value",
    ],
    [
      [{ op: 'remove', path: '/spec/x/y' }],
      'remove operation does not apply: doc is missing path: "/spec/x/y": missing value',
    ],
    [
      [{ op: 'replace', path: '/spec/blockDeviceRefs/5', value: 1 }],
      'replace operation does not apply: doc is missing key: /spec/blockDeviceRefs/5: missing value',
    ],
    [
      [{ op: 'replace', path: '/spec/x/y', value: 1 }],
      'replace operation does not apply: doc is missing path: /spec/x/y: missing value',
    ],
    [
      [{ op: 'add', path: '/spec/blockDeviceRefs/7', value: 1 }],
      "error in add for path: '/spec/blockDeviceRefs/7': Unable to access invalid index: 7: invalid index referenced",
    ],
    [
      [{ op: 'add', path: '/spec/blockDeviceRefs/x', value: 1 }],
      "error in add for path: '/spec/blockDeviceRefs/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax",
    ],
    [
      [{ op: 'remove', path: '/spec/blockDeviceRefs/2' }],
      "error in remove for path: '/spec/blockDeviceRefs/2': Unable to access invalid index: 2: invalid index referenced",
    ],
    [
      [{ op: 'move', from: '/spec/nope', path: '/spec/x' }],
      "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value",
    ],
    [
      [{ op: 'move', from: '/spec/a/b', path: '/spec/x' }],
      'move operation does not apply: doc is missing from path: /spec/a/b: missing value',
    ],
    [
      [{ op: 'copy', from: '/spec/cpu', path: '/nope/x' }],
      'copy operation does not apply: doc is missing destination path: /nope/x: missing value',
    ],
    [[{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    [
      [{ op: 'move', path: '/a' }],
      'move operation failed to decode from: operation, missing from field: missing value',
    ],
    [[{ op: 'frobnicate', path: '/a' }], 'Unexpected kind: frobnicate'],
    [[{ path: '/a' }], 'Unexpected kind: unknown'],
    [[null], 'Unexpected kind: unknown'],
    [[{ op: 'replace', path: '', value: 3 }], 'replace operation value must be object or array'],
  ])('rejects %j with 422 and kube text', (ops, cause) => {
    expect(rejection(ops)).toEqual({
      code: 422,
      message: 'the server rejected our request due to an error in our request',
      cause,
    });
  });

  it('answers 400 for bodies that are not a list of operations', () => {
    expect(rejection({ spec: {} })).toMatchObject({
      code: 400,
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    });
    expect(rejection(['add'])).toMatchObject({
      code: 400,
      message: 'json: cannot unmarshal string into Go value of type jsonpatch.Operation',
    });
  });

  it('answers 413 above the operation limit', () => {
    const ops = Array.from({ length: 10001 }, () => ({
      op: 'test',
      path: '/kind',
      value: 'VirtualMachine',
    }));
    expect(rejection(ops)).toMatchObject({
      code: 413,
      message: 'The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
  });

  it('marks the 422 cause as an UnexpectedServerResponse without a field', () => {
    try {
      applyJsonPatch(vm, [{ op: 'test', path: '/kind', value: 'Pod' }]);
    } catch (e) {
      const s = (e as StatusError).status;
      expect(s.reason).toBe('Invalid');
      expect(s.details).toEqual({
        causes: [
          {
            reason: 'UnexpectedServerResponse',
            message: 'testing value /kind failed: test failed',
          },
        ],
      });
      return;
    }
    throw new Error('expected a failure');
  });
});
