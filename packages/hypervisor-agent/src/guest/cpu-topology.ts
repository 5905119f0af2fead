/**
 * CPU topology as DVP derives it from `spec.cpu.cores`: 1–16 cores → 1 socket, 17–32 → 2,
 * 33–64 → 4, 65–248 → 8, and the cores must divide evenly by the socket count.
 * Upstream: deckhouse/virtualization `images/virtualization-artifact/pkg/common/vm/cpu.go`
 * (mirrored in /reference dvp-api.md §4.1). TODO(api helper): switch to
 * `@dvp/api/rules/cpu-topology` once it lands so there is one copy.
 */
export interface CpuTopology {
  sockets: number;
  coresPerSocket: number;
}

/** Maximum cores DVP accepts for one VM. */
export const MAX_CORES = 248;

/** Derives sockets × cores per socket; throws a RangeError with DVP's wording on bad input. */
export function cpuTopology(cores: number): CpuTopology {
  if (!Number.isInteger(cores) || cores < 1) {
    throw new RangeError(`cpu.cores must be a positive integer, got ${cores}`);
  }
  if (cores > MAX_CORES) throw new RangeError(`cpu.cores must be at most ${MAX_CORES}`);
  const sockets = cores <= 16 ? 1 : cores <= 32 ? 2 : cores <= 64 ? 4 : 8;
  if (cores % sockets !== 0) {
    throw new RangeError(`the requested number of cores must be a multiple of ${sockets}`);
  }
  return { sockets, coresPerSocket: cores / sockets };
}
