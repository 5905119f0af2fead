import { describe, expect, it } from 'vitest';
import { editFrom, isDirty, keyError, metaPatch, reapply, valueError } from './meta-edit.ts';

const vm = (rv: string, labels: Record<string, string>, annotations?: Record<string, string>) => ({
  metadata: { resourceVersion: rv, labels, ...(annotations ? { annotations } : {}) },
});

describe('meta edit', () => {
  it('patches only what changed, removed keys as null, with the edited resourceVersion', () => {
    const e = editFrom(vm('7', { app: 'web', old: 'x' }, { note: 'a' }));
    expect(isDirty(e)).toBe(false);
    const edited = {
      ...e,
      draft: { labels: { app: 'web', tier: 'db' }, annotations: { note: 'a' } },
    };
    expect(isDirty(edited)).toBe(true);
    expect(metaPatch(edited)).toEqual({
      metadata: { resourceVersion: '7', labels: { old: null, tier: 'db' } },
    });
  });
  it('re-applies the edit on a fresh object after a conflict', () => {
    const e = editFrom(vm('7', { app: 'web', old: 'x' }));
    const edited = { ...e, draft: { labels: { app: 'web', tier: 'db' }, annotations: {} } };
    const fresh = vm('9', { app: 'web', old: 'x', other: 'theirs' });
    const next = reapply(edited, fresh);
    expect(next.resourceVersion).toBe('9');
    expect(next.draft.labels).toEqual({ app: 'web', other: 'theirs', tier: 'db' });
    expect(metaPatch(next)).toEqual({
      metadata: { resourceVersion: '9', labels: { old: null, tier: 'db' } },
    });
  });
  it('validates keys and label values by the Kubernetes rules', () => {
    expect(keyError('', {})).toBe('keyRequired');
    expect(keyError('-bad', {})).toBe('keyInvalid');
    expect(keyError('example.com/app', {})).toBeUndefined();
    expect(keyError('app', { app: '1' })).toBe('keyDuplicate');
    expect(valueError('labels', 'a'.repeat(64))).toBe('valueInvalid');
    expect(valueError('labels', 'has space')).toBe('valueInvalid');
    expect(valueError('labels', '')).toBeUndefined();
    expect(valueError('annotations', 'has space and more')).toBeUndefined();
  });
});
