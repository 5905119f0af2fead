import type { VmRow } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { vmRowFixture } from '../../testing/vm-row.ts';
import { isPolicyReason, planBulk, runningMigration, vmCan } from './vm-actions.ts';

const row = (phase: string, extra: Partial<VmRow> = {}): VmRow =>
  vmRowFixture({ uid: 'u', phase, ...extra });

const op = (type: string, phase: string) => ({
  name: `op-${type}`,
  type,
  phase,
  creationTimestamp: '2026-01-01T00:00:00Z',
});

describe('vmCan', () => {
  it('follows the controller phase table', () => {
    expect(vmCan.start.states).toEqual(['Stopped', 'Stopping']);
    expect(vmCan.migrate.states).toEqual(['Running']);
    expect(vmCan.start(row('Stopped')).allowed).toBe(true);
    expect(vmCan.start(row('Running'))).toEqual({
      allowed: false,
      reason: 'vm-list.reason.phase.start',
    });
    expect(vmCan.stop(row('Running')).allowed).toBe(true);
    expect(vmCan.stop(row('Pending')).allowed).toBe(true);
    expect(vmCan.stop(row('Stopped')).reason).toBe('vm-list.reason.phase.stop');
    expect(vmCan.restart(row('Pending')).allowed).toBe(false);
    expect(vmCan.restart(row('Degraded')).allowed).toBe(true);
  });

  it('refuses migration of a VM that is not migratable', () => {
    expect(vmCan.migrate(row('Running', { migratable: false })).reason).toBe(
      'vm-list.reason.notMigratable',
    );
    expect(vmCan.migrate(row('Stopped')).allowed).toBe(false);
  });

  it('blocks new operations behind an unfinished one unless they supersede it', () => {
    const migrating = row('Running', { lastOperation: op('Evict', 'InProgress') });
    expect(vmCan.migrate(migrating).reason).toBe('vm-list.reason.busy');
    expect(vmCan.stop(migrating).allowed).toBe(true);
    expect(vmCan.restart(migrating).allowed).toBe(true);
    const starting = row('Starting', { lastOperation: op('Start', 'Pending') });
    expect(vmCan.stop(starting).allowed).toBe(true);
    expect(vmCan.restart(starting).reason).toBe('vm-list.reason.busy');
    const done = row('Running', { lastOperation: op('Migrate', 'Completed') });
    expect(vmCan.migrate(done).allowed).toBe(true);
  });

  it('offers cancel only while a migration runs', () => {
    expect(vmCan.cancelMigration(row('Running')).allowed).toBe(false);
    const r = row('Migrating', { lastOperation: op('Migrate', 'InProgress') });
    expect(vmCan.cancelMigration(r).allowed).toBe(true);
    expect(runningMigration(r)?.name).toBe('op-Migrate');
    expect(runningMigration(row('Stopping', { lastOperation: op('Stop', 'InProgress') }))).toBe(
      null,
    );
  });

  it('allows nothing but waiting on a VM being deleted', () => {
    const r = row('Running', { deletionTimestamp: '2026-01-02T00:00:00Z' });
    for (const a of ['start', 'stop', 'restart', 'migrate', 'delete'] as const)
      expect(vmCan[a](r).reason).toBe('vm-list.reason.deleting');
  });
});

describe('vmCan and the run policy', () => {
  const under = (runPolicy: string, phase: string) => row(phase, { runPolicy });

  it('Manual and AlwaysOnUnlessStoppedManually allow every power operation', () => {
    for (const policy of ['Manual', 'AlwaysOnUnlessStoppedManually']) {
      expect(vmCan.start(under(policy, 'Stopped')).allowed).toBe(true);
      expect(vmCan.stop(under(policy, 'Running')).allowed).toBe(true);
      expect(vmCan.restart(under(policy, 'Running')).allowed).toBe(true);
      expect(vmCan.migrate(under(policy, 'Running')).allowed).toBe(true);
    }
  });

  it('AlwaysOn: no Start (it starts itself) and no Stop (it would restart); Restart and Migrate apply', () => {
    expect(vmCan.start(under('AlwaysOn', 'Stopped'))).toEqual({
      allowed: false,
      reason: 'vm-list.reason.runPolicy.start.AlwaysOn',
    });
    expect(vmCan.stop(under('AlwaysOn', 'Running'))).toEqual({
      allowed: false,
      reason: 'vm-list.reason.runPolicy.stop.AlwaysOn',
    });
    expect(vmCan.restart(under('AlwaysOn', 'Running')).allowed).toBe(true);
    expect(vmCan.migrate(under('AlwaysOn', 'Running')).allowed).toBe(true);
  });

  it('AlwaysOff: no power operation applies; Delete does', () => {
    for (const [action, phase] of [
      ['start', 'Stopped'],
      ['stop', 'Running'],
      ['restart', 'Running'],
      ['migrate', 'Running'],
    ] as const)
      expect(vmCan[action](under('AlwaysOff', phase))).toEqual({
        allowed: false,
        reason: 'vm-list.reason.runPolicy.AlwaysOff',
      });
    expect(vmCan.delete(under('AlwaysOff', 'Stopped')).allowed).toBe(true);
  });

  it('the policy is judged before the phase, as the controller does', () => {
    expect(vmCan.start(under('AlwaysOff', 'Running')).reason).toBe(
      'vm-list.reason.runPolicy.AlwaysOff',
    );
    expect(isPolicyReason(vmCan.stop(under('AlwaysOn', 'Stopped')).reason)).toBe(true);
    expect(isPolicyReason(vmCan.stop(under('Manual', 'Stopped')).reason)).toBe(false);
  });
});

describe('planBulk', () => {
  it('splits the selection into VMs to act on and VMs to skip', () => {
    const a = row('Running', { name: 'a' });
    const b = row('Stopped', { name: 'b' });
    expect(planBulk('stop', [a, b])).toEqual({ action: 'stop', act: [a], skip: [b], held: [] });
    expect(planBulk('start', [a, b])).toEqual({ action: 'start', act: [b], skip: [a], held: [] });
    const held = row('Running', { name: 'c', runPolicy: 'AlwaysOn' });
    expect(planBulk('stop', [a, held])).toEqual({
      action: 'stop',
      act: [a],
      skip: [],
      held: [held],
    });
    expect(planBulk('delete', [a, b]).act).toEqual([a, b]);
  });
});
