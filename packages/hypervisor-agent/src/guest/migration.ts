import type { MigrationInfo, MigrationParameters } from '../qmp/commands.ts';
import type { QmpMonitor } from '../qmp/monitor.ts';
import type { GuestPhase } from './guest.ts';
import {
  DEFAULT_THROTTLE,
  useAutoConverge,
  type LiveMigrationPolicy,
  type ThrottleParameters,
} from './migration-policy.ts';
import {
  canTransition,
  isTerminal,
  mergeProgress,
  stateFromQemu,
  type MigrationProgress,
  type MigrationState,
} from './migration-state.ts';

/** What a migration needs from the source guest (a Guest, or a fake in unit tests). */
export interface MigrationSource {
  readonly id: string;
  readonly monitor: QmpMonitor;
  setPhase(phase: GuestPhase, reason?: string): void;
  expectExit(reason: string): void;
  kill(): Promise<unknown>;
}

/** Options of one migration attempt. */
export interface MigrationOptions {
  /** Attempt id (the VMOP/migration uid); starting the same id again is a no-op. */
  migrationId: string;
  /** Destination URI from the destination agent's `prepareIncoming`. */
  uri: string;
  /** The VM's `spec.liveMigrationPolicy` (default PreferSafe). */
  policy?: LiveMigrationPolicy;
  /** The VMOP's `force`. */
  force?: boolean;
  /** `max-bandwidth`, bytes per second. */
  maxBandwidthBytesPerSecond?: number;
  /** `downtime-limit`, ms. */
  downtimeLimitMs?: number;
  /** Throttle parameters when auto-converge is on. */
  throttle?: Partial<ThrottleParameters>;
  /** Give up (cancel, state failed) when not completed after this long. Default 10 minutes. */
  completionBudgetMs?: number;
  /** Give up when the remaining bytes reach no new low for this long. Default 2 minutes. */
  stallTimeoutMs?: number;
  /** Interval of `query-migrate` polls. Default 250 ms. */
  pollIntervalMs?: number;
}

/** A point-in-time view of a migration, as reported in events. */
export interface MigrationSnapshot {
  migrationId: string;
  guestId: string;
  state: MigrationState;
  autoConverge: boolean;
  startedAt: string;
  finishedAt?: string;
  progress?: MigrationProgress;
  /** Total time and actual downtime reported by QEMU on completion, ms. */
  totalTimeMs?: number;
  downtimeMs?: number;
  /** Why the attempt failed or was cancelled. */
  reason?: string;
}

/** A migration progress or state change. */
export interface MigrationEvent {
  type: 'migration';
  guestId: string;
  migration: MigrationSnapshot;
}

/**
 * One outgoing live migration: an explicit state machine driven by `query-migrate` polls (woken
 * early by MIGRATION events), with a completion budget, stall detection and cancel. On success
 * the source QEMU quits (the destination runs the guest); on failure or cancel the source keeps
 * running.
 */
export class Migration {
  private state: MigrationState = 'pending';
  private progress: MigrationProgress | undefined;
  private reason: string | undefined;
  private finishedAt: Date | undefined;
  private timings: { totalTimeMs?: number; downtimeMs?: number } = {};
  private cancelReason: { state: 'failed' | 'cancelled'; reason: string } | undefined;
  private wake: (() => void) | undefined;
  readonly startedAt = new Date();
  readonly autoConverge: boolean;
  /** Resolves with the final snapshot. Never rejects. */
  readonly done: Promise<MigrationSnapshot>;

  constructor(
    private readonly source: MigrationSource,
    readonly options: MigrationOptions,
    private readonly onEvent: (event: MigrationEvent) => void,
  ) {
    this.autoConverge = useAutoConverge(options.policy ?? 'PreferSafe', options.force);
    this.done = this.run();
  }

  /** The attempt id. */
  get id(): string {
    return this.options.migrationId;
  }

  /** Current view. */
  snapshot(): MigrationSnapshot {
    return {
      migrationId: this.id,
      guestId: this.source.id,
      state: this.state,
      autoConverge: this.autoConverge,
      startedAt: this.startedAt.toISOString(),
      ...(this.finishedAt ? { finishedAt: this.finishedAt.toISOString() } : {}),
      ...(this.progress ? { progress: this.progress } : {}),
      ...this.timings,
      ...(this.reason ? { reason: this.reason } : {}),
    };
  }

  /** Asks QEMU to cancel; the source keeps running. Resolves with the final snapshot. */
  async cancel(reason = 'cancelled by request'): Promise<MigrationSnapshot> {
    await this.abort('cancelled', reason);
    return this.done;
  }

  private async abort(state: 'failed' | 'cancelled', reason: string): Promise<void> {
    if (isTerminal(this.state) || this.cancelReason) return;
    this.cancelReason = { state, reason };
    if (this.state === 'pending') return; // run() has not sent `migrate` yet and will stop
    this.transition('cancelling');
    try {
      await this.source.monitor.execute('migrate_cancel');
    } catch {
      // The poll loop will see the real outcome.
    }
    this.wake?.();
  }

  private async run(): Promise<MigrationSnapshot> {
    const { monitor } = this.source;
    const events = monitor.events();
    void this.wakeOnEvents(events);
    try {
      await this.configure();
      if (this.cancelReason) {
        this.finish(this.cancelReason.state, this.cancelReason.reason);
        return this.snapshot();
      }
      this.source.setPhase('migrating');
      await monitor.execute('migrate', { uri: this.options.uri });
      this.transition('setup');
      await this.pollUntilDone();
    } catch (err) {
      this.finish('failed', (err as Error).message);
    } finally {
      await events.return?.();
    }
    await this.settleSource();
    return this.snapshot();
  }

  private async configure(): Promise<void> {
    const { monitor } = this.source;
    await monitor.execute('migrate-set-capabilities', {
      capabilities: [
        { capability: 'events', state: true },
        { capability: 'auto-converge', state: this.autoConverge },
      ],
    });
    const params: MigrationParameters = {};
    if (this.options.maxBandwidthBytesPerSecond !== undefined) {
      params['max-bandwidth'] = this.options.maxBandwidthBytesPerSecond;
    }
    if (this.options.downtimeLimitMs !== undefined) {
      params['downtime-limit'] = this.options.downtimeLimitMs;
    }
    if (this.autoConverge) {
      const t = { ...DEFAULT_THROTTLE, ...this.options.throttle };
      params['cpu-throttle-initial'] = t.initial;
      params['cpu-throttle-increment'] = t.increment;
      params['max-cpu-throttle'] = t.max;
    }
    if (Object.keys(params).length > 0) await monitor.execute('migrate-set-parameters', params);
  }

  private async pollUntilDone(): Promise<void> {
    const budget = this.options.completionBudgetMs ?? 600_000;
    const stallMs = this.options.stallTimeoutMs ?? 120_000;
    const interval = this.options.pollIntervalMs ?? 250;
    // Progress = the dirty set found at each new pass getting smaller. Within a pass `remaining`
    // always falls towards zero, so only the value right after a sync counts.
    let lowest = Number.POSITIVE_INFINITY;
    let lastLowAt = Date.now();
    let pass = 0;
    while (!isTerminal(this.state)) {
      const info = await this.source.monitor.execute('query-migrate');
      this.observe(info);
      if (isTerminal(this.state)) break;
      const iterations = this.progress?.iterations ?? 0;
      const remaining = this.progress?.remainingBytes ?? Number.POSITIVE_INFINITY;
      if (this.state === 'active' && iterations > pass) {
        pass = iterations;
        if (remaining < lowest) {
          lowest = remaining;
          lastLowAt = Date.now();
        }
      }
      const elapsed = Date.now() - this.startedAt.getTime();
      if (elapsed > budget) {
        await this.abort('failed', `not completed within the budget of ${budget} ms`);
      } else if (this.state === 'active' && Date.now() - lastLowAt > stallMs) {
        await this.abort('failed', `stalled: no progress for ${stallMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, interval);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private observe(info: MigrationInfo): void {
    const next = stateFromQemu(info);
    const before = JSON.stringify(this.progress);
    this.progress = mergeProgress(this.progress, info);
    if (next === 'completed') {
      this.timings = {
        ...(info['total-time'] !== undefined ? { totalTimeMs: info['total-time'] } : {}),
        ...(info.downtime !== undefined ? { downtimeMs: info.downtime } : {}),
      };
      this.finish('completed');
    } else if (next === 'failed') {
      this.finish('failed', this.cancelReason?.reason ?? info['error-desc'] ?? 'migration failed');
    } else if (next === 'cancelled') {
      this.finish(
        this.cancelReason?.state ?? 'cancelled',
        this.cancelReason?.reason ?? 'cancelled',
      );
    } else if (next && next !== this.state && canTransition(this.state, next)) {
      this.transition(next);
    } else if (JSON.stringify(this.progress) !== before) {
      this.report();
    }
  }

  private async settleSource(): Promise<void> {
    if (this.state === 'completed') {
      // The destination runs the guest now; the source (in `postmigrate`) must go.
      this.source.expectExit('migrated');
      this.source.setPhase('migrated', this.id);
      await this.source.kill();
    } else {
      // QEMU resumes the source by itself after a failed or cancelled migration.
      this.source.setPhase('running', `migration ${this.state}`);
    }
  }

  private transition(to: MigrationState): void {
    if (to === this.state || !canTransition(this.state, to)) return;
    this.state = to;
    this.report();
  }

  private finish(to: 'completed' | 'failed' | 'cancelled', reason?: string): void {
    if (isTerminal(this.state)) return;
    this.state = to;
    this.reason = reason;
    this.finishedAt = new Date();
    if (to === 'completed' && this.progress) this.progress = { ...this.progress, percent: 100 };
    this.report();
  }

  private report(): void {
    this.onEvent({ type: 'migration', guestId: this.source.id, migration: this.snapshot() });
  }

  private async wakeOnEvents(events: AsyncIterableIterator<{ event: string }>): Promise<void> {
    for await (const e of events) {
      if (e.event === 'MIGRATION' || e.event === 'MIGRATION_PASS') this.wake?.();
    }
  }
}
