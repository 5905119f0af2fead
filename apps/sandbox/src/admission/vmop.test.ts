import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types.ts';
import { runAdmission } from './index.ts';
import { edited, memoryContext, nsd, req } from './testing.ts';
import { canSupersede } from './vmop.ts';

let seq = 0;
function vmop(
  type: string,
  opts: { force?: boolean; phase?: string; vm?: string; extra?: Record<string, unknown> } = {},
): KubeObject {
  seq += 1;
  return nsd(
    'VirtualMachineOperation',
    `op-${seq}`,
    {
      spec: {
        type,
        virtualMachineName: opts.vm ?? 'linux-vm',
        ...(opts.force !== undefined ? { force: opts.force } : {}),
        ...opts.extra,
      },
      ...(opts.phase ? { status: { phase: opts.phase } } : {}),
    },
    'ns',
  );
}

const admit = (next: KubeObject, existing: KubeObject[]) =>
  runAdmission(req(next), memoryContext(existing));

describe('VMOP concurrency', () => {
  it('refuses a second operation while one is unfinished, naming it', () => {
    const stop = vmop('Stop', { phase: 'InProgress' });
    expect(admit(vmop('Start'), [stop]).causes).toEqual([
      {
        reason: 'FieldValueForbidden',
        field: '',
        message: `VMOP cannot be executed now. Previously created operation "${stop.metadata.name}" should finish first.`,
      },
    ]);
  });

  it('ignores finished operations and other VMs', () => {
    const done = ['Completed', 'Failed', 'Superseded'].map((phase) => vmop('Stop', { phase }));
    expect(
      admit(vmop('Start'), [...done, vmop('Stop', { phase: 'InProgress', vm: 'other' })]).causes,
    ).toEqual([]);
  });

  it.each([
    ['Start', false, 'Stop', false, true],
    ['Start', false, 'Restart', false, false],
    ['Stop', false, 'Stop', true, true],
    ['Stop', false, 'Restart', true, true],
    ['Restart', false, 'Stop', true, true],
    ['Stop', false, 'Stop', false, false],
    ['Stop', true, 'Stop', true, false],
    ['Restart', true, 'Stop', true, false],
    ['Migrate', false, 'Stop', false, true],
    ['Evict', false, 'Restart', false, true],
    ['Migrate', false, 'Start', false, false],
    ['Restore', false, 'Stop', true, false],
  ])(
    '%s(force=%s) superseded by %s(force=%s): %s',
    (oldType, oldForce, newType, newForce, expected) => {
      const prev = vmop(oldType, { force: oldForce, phase: 'InProgress' });
      const next = vmop(newType, { force: newForce });
      expect(canSupersede(prev, next)).toBe(expected);
      expect(admit(next, [prev]).causes).toHaveLength(expected ? 0 : 1);
    },
  );
});

describe('VMOP spec rules', () => {
  it('keeps the spec immutable', () => {
    const op = vmop('Stop', { phase: 'InProgress' });
    const changed = edited(op, (o) => ((o.spec as { force: boolean }).force = true));
    expect(runAdmission(req(changed, op), memoryContext([op])).causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec',
        message: 'Invalid value: "object": .spec is immutable',
      },
    ]);
    const relabel = edited(op, (o) => (o.metadata.labels = { a: 'b' }));
    expect(runAdmission(req(relabel, op), memoryContext([op])).causes).toEqual([]);
  });

  it('allows migrate.nodeSelector only with Migrate, with valid labels', () => {
    const sel = (nodeSelector: Record<string, string>) => ({ migrate: { nodeSelector } });
    expect(
      admit(vmop('Migrate', { extra: sel({ 'kubernetes.io/hostname': 'node-2' }) }), []).causes,
    ).toEqual([]);
    expect(
      admit(vmop('Evict', { extra: sel({ a: 'b' }) }), []).causes.map((c) => c.message),
    ).toEqual([
      `Invalid value: "object": spec.migrate can only be set when spec.type is 'Migrate'`,
    ]);
    const bad = admit(vmop('Migrate', { extra: sel({ 'bad key!': 'node 2' }) }), []).causes;
    expect(bad.map((c) => c.field)).toEqual([
      'spec.migrate.nodeSelector',
      'spec.migrate.nodeSelector',
    ]);
  });

  it('refuses a forced Start', () => {
    expect(admit(vmop('Start', { force: true }), []).causes.map((c) => c.message)).toEqual([
      'Invalid value: "object": The `Start` operation cannot be performed forcibly.',
    ]);
  });
});
