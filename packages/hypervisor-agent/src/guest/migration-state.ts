import type { MigrationInfo } from '../qmp/commands.ts';

/**
 * States of one migration attempt (kubevirt's migration monitor shape). Terminal states are
 * `completed`, `failed` and `cancelled`; an attempt never leaves a terminal state.
 */
export type MigrationState =
  'pending' | 'setup' | 'active' | 'cancelling' | 'completed' | 'failed' | 'cancelled';

const TRANSITIONS: Record<MigrationState, readonly MigrationState[]> = {
  pending: ['setup', 'failed', 'cancelled'],
  setup: ['active', 'completed', 'failed', 'cancelling', 'cancelled'],
  active: ['completed', 'failed', 'cancelling', 'cancelled'],
  // A cancel can lose the race against completion.
  cancelling: ['cancelled', 'failed', 'completed'],
  completed: [],
  failed: [],
  cancelled: [],
};

/** True when `from → to` is a legal transition. */
export function canTransition(from: MigrationState, to: MigrationState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** True for states an attempt ends in. */
export function isTerminal(state: MigrationState): boolean {
  return TRANSITIONS[state].length === 0;
}

/** Progress of a migration, from `query-migrate`. All counters only grow (see mergeProgress). */
export interface MigrationProgress {
  /** Bytes of RAM sent so far. */
  transferredBytes: number;
  /** Bytes still to send in this iteration. */
  remainingBytes: number;
  /** Guest RAM size. */
  totalBytes: number;
  /** Pages dirtied per second by the guest. */
  dirtyPagesRate: number;
  /** Dirty-sync iterations (passes over RAM). */
  iterations: number;
  /** QEMU's estimate of the downtime if it switched over now, ms. */
  expectedDowntimeMs: number;
  /** Current auto-converge throttle, percent (0 when not throttling). */
  throttlePercent: number;
  /** Throughput, Mbit/s. */
  mbps: number;
  /** 0–100, never decreasing within an attempt. */
  percent: number;
}

/** The state QEMU reports mapped onto the attempt's state. */
export function stateFromQemu(info: MigrationInfo): MigrationState | undefined {
  switch (info.status) {
    case 'setup':
      return 'setup';
    case 'active':
    case 'device':
    case 'pre-switchover':
    case 'wait-unplug':
    case 'postcopy-active':
      return 'active';
    case 'cancelling':
      return 'cancelling';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    default:
      return undefined;
  }
}

/**
 * Folds a `query-migrate` answer into the previous progress so that counters and the percentage
 * never go backwards (remaining bytes jump up at each new iteration; the percentage must not).
 */
export function mergeProgress(
  previous: MigrationProgress | undefined,
  info: MigrationInfo,
): MigrationProgress {
  const ram = info.ram;
  const transferred = Math.max(previous?.transferredBytes ?? 0, ram?.transferred ?? 0);
  const remaining = ram?.remaining ?? previous?.remainingBytes ?? 0;
  const total = ram?.total ?? previous?.totalBytes ?? 0;
  // Share of the first full pass that is done; later passes only re-send dirty pages.
  const firstPass = total > 0 ? Math.min(1, Math.max(0, (total - remaining) / total)) : 0;
  const raw = info.status === 'completed' ? 100 : Math.floor(firstPass * 99);
  return {
    transferredBytes: transferred,
    remainingBytes: info.status === 'completed' ? 0 : remaining,
    totalBytes: total,
    dirtyPagesRate: ram?.['dirty-pages-rate'] ?? 0,
    iterations: Math.max(previous?.iterations ?? 0, ram?.['dirty-sync-count'] ?? 0),
    expectedDowntimeMs: info['expected-downtime'] ?? previous?.expectedDowntimeMs ?? 0,
    throttlePercent: info['cpu-throttle-percentage'] ?? 0,
    mbps: ram?.mbps ?? 0,
    percent: Math.max(previous?.percent ?? 0, raw),
  };
}
