import { describe, expect, it } from 'vitest';
import { applyMergePatch, formatValue, jsonEqual, mergePatch, patchDiff } from './merge-patch.ts';

describe('mergePatch', () => {
  it('is undefined when nothing changed (key order and undefined keys do not matter)', () => {
    expect(mergePatch({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1, d: undefined })).toBeUndefined();
  });

  it('holds only the changed fields', () => {
    const before = {
      cpu: { cores: 1, coreFraction: '10%' },
      memory: { size: '1Gi' },
      runPolicy: 'Manual',
    };
    const after = {
      cpu: { cores: 2, coreFraction: '10%' },
      memory: { size: '1Gi' },
      runPolicy: 'Manual',
    };
    expect(mergePatch(before, after)).toEqual({ cpu: { cores: 2 } });
  });

  it('turns removed keys into null, also inside nested maps', () => {
    const before = { nodeSelector: { a: 'x', b: 'y' }, affinity: { x: 1 } };
    const after = { nodeSelector: { a: 'x', c: 'z' } };
    expect(mergePatch(before, after)).toEqual({
      nodeSelector: { b: null, c: 'z' },
      affinity: null,
    });
  });

  it('replaces arrays whole', () => {
    const before = { refs: [{ name: 'a' }, { name: 'b' }] };
    const after = { refs: [{ name: 'b' }, { name: 'a' }] };
    expect(mergePatch(before, after)).toEqual({ refs: [{ name: 'b' }, { name: 'a' }] });
  });

  it('round-trips: applying the patch to before gives after', () => {
    const before = { a: { b: { c: 1, d: 2 } }, e: [1], f: 'x' };
    const after = { a: { b: { c: 3 } }, e: [1, 2], g: { h: true } };
    expect(jsonEqual(applyMergePatch(before, mergePatch(before, after)), after)).toBe(true);
  });
});

describe('patchDiff', () => {
  it('lists one entry per changed leaf with old and new values', () => {
    const before = { cpu: { cores: 1 }, nodeSelector: { a: 'x' } };
    const patch = mergePatch(before, { cpu: { cores: 2 }, nodeSelector: { b: 'y' } });
    expect(patchDiff(before, patch, 'spec')).toEqual([
      { path: 'spec.cpu.cores', before: 1, after: 2 },
      { path: 'spec.nodeSelector.a', before: 'x', after: undefined },
      { path: 'spec.nodeSelector.b', before: undefined, after: 'y' },
    ]);
  });

  it('lists the leaves of a map that did not exist before', () => {
    expect(patchDiff({}, { nodeSelector: { disktype: 'ssd' } }, 'spec')).toEqual([
      { path: 'spec.nodeSelector.disktype', before: undefined, after: 'ssd' },
    ]);
  });

  it('formats values for the dialog', () => {
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(2)).toBe('2');
    expect(formatValue([{ kind: 'VirtualDisk' }])).toBe('[{"kind":"VirtualDisk"}]');
  });
});
