import { describe, expect, it } from 'vitest';

import { applyMergePatch } from './merge-patch.ts';

const vm = {
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: { name: 'web-1', labels: { app: 'web', tier: 'frontend' } },
  spec: {
    runPolicy: 'AlwaysOn',
    cpu: { cores: 2, coreFraction: '100%' },
    blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root' }],
  },
};

describe('applyMergePatch', () => {
  it('merges nested objects and keeps untouched fields', () => {
    expect(applyMergePatch(vm, { spec: { cpu: { cores: 4 } } })).toEqual({
      ...vm,
      spec: { ...vm.spec, cpu: { cores: 4, coreFraction: '100%' } },
    });
  });

  it('deletes keys set to null', () => {
    const out = applyMergePatch(vm, { metadata: { labels: { tier: null } }, spec: { cpu: null } });
    expect(out).toMatchObject({ metadata: { labels: { app: 'web' } } });
    expect((out as typeof vm).metadata.labels).not.toHaveProperty('tier');
    expect((out as typeof vm).spec).not.toHaveProperty('cpu');
  });

  it('replaces arrays wholesale', () => {
    const refs = [{ kind: 'VirtualImage', name: 'iso' }];
    expect(applyMergePatch(vm, { spec: { blockDeviceRefs: refs } })).toMatchObject({
      spec: { blockDeviceRefs: refs },
    });
  });

  it('adds the kubectl last-applied annotation to an object without annotations', () => {
    const out = applyMergePatch(vm, {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
    });
    expect(out).toMatchObject({
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
    });
  });

  it('drops nulls inside newly added objects (RFC 7386 §2)', () => {
    expect(applyMergePatch({}, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
  });

  it('keeps nulls inside arrays', () => {
    expect(applyMergePatch({}, { a: [null, 1] })).toEqual({ a: [null, 1] });
  });

  it('replaces the whole document with a non-object patch, and a non-object target', () => {
    expect(applyMergePatch(vm, ['x'])).toEqual(['x']);
    expect(applyMergePatch(vm, 'x')).toBe('x');
    expect(applyMergePatch(vm, null)).toBeNull();
    expect(applyMergePatch('scalar', { a: 1 })).toEqual({ a: 1 });
    expect(applyMergePatch([1, 2], { a: 1 })).toEqual({ a: 1 });
  });

  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('RFC 7386 appendix A: %j + %j', (target, patch, want) => {
    expect(applyMergePatch(target, patch)).toEqual(want);
  });

  it('mutates neither input and shares no structure with them', () => {
    const target = structuredClone(vm);
    const patch = { spec: { cpu: { cores: 8 } }, status: { phase: 'Pending' } };
    const patchCopy = structuredClone(patch);
    const out = applyMergePatch(target, patch) as typeof vm & { status: { phase: string } };
    expect(target).toEqual(vm);
    expect(patch).toEqual(patchCopy);
    out.metadata.labels.app = 'changed';
    out.status.phase = 'changed';
    expect(target.metadata.labels.app).toBe('web');
    expect(patch.status.phase).toBe('Pending');
  });

  it('stores a __proto__ key as data instead of changing the prototype', () => {
    const out = applyMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
