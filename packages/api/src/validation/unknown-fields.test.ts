import { describe, expect, it } from 'vitest';

import { validateObject } from '../schemas.ts';
import { unknownFields } from './unknown-fields.ts';

describe('unknownFields', () => {
  it('lists pruned fields with dotted paths and array indices', () => {
    const input = {
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualMachine',
      metadata: { name: 'vm', bogus: 1 },
      spec: {
        virtualMachineClassName: 'generic',
        cpu: { cores: 1, sockets: 2 },
        memory: { size: '1Gi' },
        blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root', readonly: true }],
        foo: 'bar',
        runPolicy: null,
      },
      status: { guestOSInfo: { anything: 'kept' } },
    };
    const r = validateObject('virtualization.deckhouse.io', 'VirtualMachine', 'v1alpha2', input);
    if (!r?.ok) throw new Error(JSON.stringify(r));
    expect(unknownFields(input, r.object)).toEqual([
      'metadata.bogus',
      'spec.cpu.sockets',
      'spec.blockDeviceRefs[0].readonly',
      'spec.foo',
    ]);
  });

  it('is empty when nothing was pruned', () => {
    expect(unknownFields({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] }, d: 1 })).toEqual(
      [],
    );
  });
});
