/**
 * DVP's `spec.liveMigrationPolicy` (VirtualMachine CRD; /reference dvp-api.md §4.1):
 * "Forced" means CPU throttling (QEMU auto-converge). `PreferSafe`: a VMOP with `force: true`
 * enables it; `PreferForced`: `force: false` disables it; `Always*` ignore `force`.
 */
export type LiveMigrationPolicy = 'AlwaysSafe' | 'PreferSafe' | 'AlwaysForced' | 'PreferForced';

/** Whether a migration under `policy` (with the VMOP's optional `force`) uses auto-converge. */
export function useAutoConverge(policy: LiveMigrationPolicy, force?: boolean): boolean {
  switch (policy) {
    case 'AlwaysSafe':
      return false;
    case 'AlwaysForced':
      return true;
    case 'PreferSafe':
      return force === true;
    case 'PreferForced':
      return force !== false;
  }
}

/** Throttle parameters used when auto-converge is on. */
export interface ThrottleParameters {
  /** `cpu-throttle-initial`, percent. */
  initial: number;
  /** `cpu-throttle-increment`, percent per iteration. */
  increment: number;
  /** `max-cpu-throttle`, percent. */
  max: number;
}

/**
 * Defaults measured on TCG (qemu.md §7): 50/20 converged a busy guest at 32 MiB/s in about 16 s,
 * QEMU's own 20/10 took twice as long.
 */
export const DEFAULT_THROTTLE: ThrottleParameters = { initial: 50, increment: 20, max: 99 };
