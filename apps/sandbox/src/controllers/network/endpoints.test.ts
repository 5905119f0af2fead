import { describe, expect, it } from 'vitest';
import { selects } from './endpoints.ts';

describe('selects', () => {
  it('matches when every selector pair is among the labels', () => {
    expect(selects({ app: 'nginx' }, { app: 'nginx', tier: 'web' })).toBe(true);
    expect(selects({ app: 'nginx', tier: 'db' }, { app: 'nginx', tier: 'web' })).toBe(false);
    expect(selects({ app: 'nginx' }, undefined)).toBe(false);
  });

  it('selects nothing with an empty selector (a Service without one is user-managed)', () => {
    expect(selects({}, { app: 'nginx' })).toBe(false);
    expect(selects(undefined, { app: 'nginx' })).toBe(false);
  });
});
