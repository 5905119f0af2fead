import { describe, expect, it, vi } from 'vitest';
import type { MigrationInfo } from '../qmp/commands.ts';
import { QmpError } from '../qmp/errors.ts';
import { createFakeMonitor, type FakeRunFn } from '../testing/fake-monitor.ts';
import type { GuestPhase } from './guest.ts';
import { Migration, type MigrationEvent, type MigrationOptions } from './migration.ts';
import { useAutoConverge } from './migration-policy.ts';
import { canTransition, mergeProgress } from './migration-state.ts';

function ram(remaining: number, transferred: number, iterations = 1) {
  return {
    transferred,
    remaining,
    total: 1000,
    duplicate: 0,
    normal: 0,
    'normal-bytes': 0,
    'dirty-pages-rate': 10,
    mbps: 100,
    'dirty-sync-count': iterations,
    'page-size': 4096,
  };
}

/** A source whose query-migrate answers come from a script (the last one repeats). */
function setup(script: MigrationInfo[], extra: FakeRunFn = () => ({})) {
  let i = 0;
  const monitor = createFakeMonitor((command, args) => {
    if (command === 'query-migrate') return script[Math.min(i++, script.length - 1)];
    return extra(command, args);
  });
  void monitor.connect();
  const phases: GuestPhase[] = [];
  const source = {
    id: 'vm1',
    monitor,
    setPhase: (p: GuestPhase) => phases.push(p),
    expectExit: vi.fn(),
    kill: vi.fn(() => Promise.resolve()),
  };
  const events: MigrationEvent[] = [];
  const start = (opts: Partial<MigrationOptions> = {}) =>
    new Migration(
      source,
      { migrationId: 'm1', uri: 'tcp:127.0.0.1:1', pollIntervalMs: 1, ...opts },
      (e) => events.push(e),
    );
  return { monitor, source, phases, events, start };
}

describe('useAutoConverge', () => {
  it.each([
    ['AlwaysSafe', undefined, false],
    ['AlwaysSafe', true, false],
    ['PreferSafe', undefined, false],
    ['PreferSafe', true, true],
    ['AlwaysForced', false, true],
    ['PreferForced', undefined, true],
    ['PreferForced', false, false],
  ] as const)('%s with force=%s → %s', (policy, force, expected) => {
    expect(useAutoConverge(policy, force)).toBe(expected);
  });
});

describe('migration state machine', () => {
  it('never leaves a terminal state', () => {
    expect(canTransition('completed', 'failed')).toBe(false);
    expect(canTransition('cancelled', 'active')).toBe(false);
    expect(canTransition('active', 'setup')).toBe(false);
    expect(canTransition('cancelling', 'completed')).toBe(true);
  });

  it('keeps the percentage and counters monotonic when a new pass raises remaining', () => {
    const a = mergeProgress(undefined, { status: 'active', ram: ram(200, 800, 1) });
    const b = mergeProgress(a, { status: 'active', ram: ram(600, 900, 2) });
    expect(a.percent).toBe(79);
    expect(b.percent).toBe(79);
    expect(b.transferredBytes).toBe(900);
    expect(b.iterations).toBe(2);
  });
});

describe('Migration', () => {
  it('configures policy and limits, runs to completion and quits the source', async () => {
    const t = setup([
      { status: 'setup' },
      { status: 'active', ram: ram(900, 100) },
      { status: 'active', ram: ram(400, 600) },
      { status: 'completed', ram: ram(0, 1100, 3), 'total-time': 420, downtime: 22 },
    ]);
    const m = t.start({
      policy: 'AlwaysForced',
      maxBandwidthBytesPerSecond: 1e6,
      downtimeLimitMs: 100,
    });
    const final = await m.done;
    expect(final).toMatchObject({
      state: 'completed',
      autoConverge: true,
      totalTimeMs: 420,
      downtimeMs: 22,
    });
    expect(final.progress?.percent).toBe(100);
    const commands = t.monitor.calls.map((c) => c.command);
    expect(commands.slice(0, 3)).toEqual([
      'migrate-set-capabilities',
      'migrate-set-parameters',
      'migrate',
    ]);
    expect(t.monitor.calls[0]?.args).toEqual({
      capabilities: [
        { capability: 'events', state: true },
        { capability: 'auto-converge', state: true },
      ],
    });
    expect(t.monitor.calls[1]?.args).toMatchObject({
      'max-bandwidth': 1e6,
      'downtime-limit': 100,
      'cpu-throttle-initial': 50,
      'cpu-throttle-increment': 20,
    });
    expect(t.events.map((e) => e.migration.state)).toEqual(
      expect.arrayContaining(['setup', 'active', 'completed']),
    );
    const percents = t.events.map((e) => e.migration.progress?.percent ?? 0);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(t.source.expectExit).toHaveBeenCalledWith('migrated');
    expect(t.source.kill).toHaveBeenCalledOnce();
    expect(t.phases).toEqual(['migrating', 'migrated']);
  });

  it('leaves auto-converge off for PreferSafe and sets no throttle', async () => {
    const t = setup([{ status: 'completed', ram: ram(0, 10) }]);
    await t.start({ policy: 'PreferSafe' }).done;
    expect(t.monitor.calls[0]?.args).toMatchObject({
      capabilities: [{}, { capability: 'auto-converge', state: false }],
    });
    expect(t.monitor.calls.some((c) => c.command === 'migrate-set-parameters')).toBe(false);
  });

  it('reports a failure with QEMU’s reason and keeps the source running', async () => {
    const t = setup([
      { status: 'setup' },
      { status: 'failed', 'error-desc': 'Connection refused' },
    ]);
    const final = await t.start().done;
    expect(final).toMatchObject({ state: 'failed', reason: 'Connection refused' });
    expect(t.source.kill).not.toHaveBeenCalled();
    expect(t.phases.at(-1)).toBe('running');
  });

  it('fails when the migrate command itself is refused', async () => {
    const t = setup([], (command) => {
      if (command === 'migrate') throw new QmpError('GenericError', 'bad uri', 'migrate');
      return {};
    });
    const final = await t.start().done;
    expect(final).toMatchObject({ state: 'failed', reason: 'migrate: bad uri (GenericError)' });
  });

  /** A source that reports `active` (with `remaining` from the callback) until cancelled. */
  async function activeUntilCancelled(remaining: () => number = () => 500) {
    let cancelled = false;
    const monitor = createFakeMonitor((command) => {
      if (command === 'migrate_cancel') cancelled = true;
      if (command === 'query-migrate') {
        return cancelled
          ? { status: 'cancelled' }
          : { status: 'active', ram: ram(remaining(), 10) };
      }
      return {};
    });
    await monitor.connect();
    const kill = vi.fn(() => Promise.resolve());
    const source = { id: 'vm1', monitor, setPhase: vi.fn(), expectExit: vi.fn(), kill };
    return { monitor, source, kill };
  }

  it('cancels on request; the source keeps running', async () => {
    const { monitor, source, kill } = await activeUntilCancelled();
    const m = new Migration(
      source,
      { migrationId: 'm3', uri: 'x', pollIntervalMs: 1 },
      () => undefined,
    );
    await vi.waitFor(() => expect(m.snapshot().state).toBe('active'));
    const final = await m.cancel('user asked');
    expect(final).toMatchObject({ state: 'cancelled', reason: 'user asked' });
    expect(monitor.calls.filter((c) => c.command === 'migrate_cancel')).toHaveLength(1);
    expect(kill).not.toHaveBeenCalled();
    expect(source.setPhase).toHaveBeenLastCalledWith('running', 'migration cancelled');
  });

  it('gives up on a stalled migration (no new low of remaining bytes)', async () => {
    const { source, kill } = await activeUntilCancelled();
    const m = new Migration(
      source,
      { migrationId: 'm4', uri: 'x', pollIntervalMs: 2, stallTimeoutMs: 30 },
      () => undefined,
    );
    const final = await m.done;
    expect(final.state).toBe('failed');
    expect(final.reason).toMatch(/stalled/);
    expect(kill).not.toHaveBeenCalled();
  });

  it('gives up when the completion budget is spent, even while making progress', async () => {
    let remaining = 100_000;
    const { source } = await activeUntilCancelled(() => --remaining);
    const m = new Migration(
      source,
      { migrationId: 'm5', uri: 'x', pollIntervalMs: 2, completionBudgetMs: 40 },
      () => undefined,
    );
    const final = await m.done;
    expect(final).toMatchObject({
      state: 'failed',
      reason: 'not completed within the budget of 40 ms',
    });
  });
});
