import { describe, expect, it } from 'vitest';

import { jsonEqual, validateTransition } from './transition.ts';

const G = 'virtualization.deckhouse.io';

describe('validateTransition', () => {
  it('keeps VMOP spec immutable', () => {
    const old = { spec: { type: 'Stop', virtualMachineName: 'vm' } };
    expect(validateTransition(G, 'VirtualMachineOperation', old, old)).toEqual([]);
    expect(
      validateTransition(G, 'VirtualMachineOperation', old, {
        spec: { type: 'Stop', virtualMachineName: 'vm', force: true },
      }),
    ).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec',
        message: 'Invalid value: "object": .spec is immutable',
      },
    ]);
  });

  it('keeps VirtualMachineClass spec.cpu immutable but allows other spec changes', () => {
    const old = { spec: { cpu: { type: 'Host' }, sizingPolicies: [] } };
    expect(
      validateTransition(G, 'VirtualMachineClass', old, {
        spec: { cpu: { type: 'Host' }, tolerations: [] },
      }),
    ).toEqual([]);
    expect(
      validateTransition(G, 'VirtualMachineClass', old, {
        spec: { cpu: { type: 'Model', model: 'x' } },
      }),
    ).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.cpu',
        message: 'Invalid value: "object": .spec.cpu is immutable',
      },
    ]);
  });

  it('ignores kinds without transition rules', () => {
    expect(validateTransition(G, 'VirtualMachine', { spec: { a: 1 } }, { spec: { a: 2 } })).toEqual(
      [],
    );
  });

  it('compares JSON structurally, ignoring key order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
  });
});
