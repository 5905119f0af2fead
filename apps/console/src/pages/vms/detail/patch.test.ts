import { describe, expect, it } from 'vitest';
import { applyMergePatch, lineDiff, mapPatch, mergePatch, objectPatch } from './patch.ts';

describe('mapPatch', () => {
  it('sends only added and changed keys, removed keys as null', () => {
    expect(mapPatch({ a: '1', b: '2', c: '3' }, { a: '1', b: 'two', d: '4' })).toEqual({
      b: 'two',
      c: null,
      d: '4',
    });
  });
  it('is undefined when nothing changed (also from no map at all)', () => {
    expect(mapPatch({ a: '1' }, { a: '1' })).toBeUndefined();
    expect(mapPatch(undefined, {})).toBeUndefined();
    expect(mapPatch(undefined, { a: '' })).toEqual({ a: '' });
  });
});

describe('mergePatch', () => {
  it('recurses into objects and replaces arrays whole', () => {
    const before = { spec: { cpu: { cores: 1, coreFraction: '10%' }, refs: [{ n: 'a' }] } };
    const after = {
      spec: { cpu: { cores: 2, coreFraction: '10%' }, refs: [{ n: 'a' }, { n: 'b' }] },
    };
    expect(mergePatch(before, after)).toEqual({
      spec: { cpu: { cores: 2 }, refs: [{ n: 'a' }, { n: 'b' }] },
    });
  });
  it('applying the patch gives the edit back', () => {
    const before = { a: { b: 1, c: [1] }, d: 'x' };
    const after = { a: { b: 2 }, e: true };
    const p = mergePatch(before, after);
    expect(p).toEqual({ a: { b: 2, c: null }, d: null, e: true });
    expect(applyMergePatch(before, p ?? {})).toEqual(after);
  });
});

describe('objectPatch (YAML edit → patch)', () => {
  const vm = {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachine',
    metadata: { name: 'vm', resourceVersion: '42', uid: 'u', labels: { app: 'web', tier: 'x' } },
    spec: { cpu: { cores: 1 } },
    status: { phase: 'Running' },
  };
  it('carries the original resourceVersion and only the changed fields', () => {
    const edited = {
      ...vm,
      metadata: { ...vm.metadata, resourceVersion: '1', labels: { app: 'db' } },
      status: { phase: 'Stopped' },
    };
    expect(objectPatch(vm, edited)).toEqual({
      metadata: { resourceVersion: '42', labels: { app: 'db', tier: null } },
    });
  });
  it('ignores status and server-owned metadata; no change → undefined', () => {
    const { uid: _uid, ...meta } = vm.metadata;
    expect(objectPatch(vm, { ...vm, metadata: meta, status: {} })).toBeUndefined();
  });
});

describe('lineDiff', () => {
  it('marks removed and added lines with their numbers', () => {
    const d = lineDiff('a\nb\nc', 'a\nB\nc\nd');
    expect(d.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'del', text: 'b', line: 2 },
      { kind: 'add', text: 'B', line: 2 },
      { kind: 'add', text: 'd', line: 4 },
    ]);
  });
});
