/**
 * VM CPU topology: DVP derives sockets × cores-per-socket from `spec.cpu.cores`.
 *
 * Rules from the user guide ("Automatic CPU topology configuration") and the VM webhook
 * `pkg/controller/vm/internal/validators/cpu_count_validator.go` (deckhouse/virtualization
 * cf3a9e6c4), whose messages are reused verbatim:
 * 1–16 cores → 1 socket; 17–32 → 2 sockets (even); 33–64 → 4 (multiple of 4);
 * 65–248 → 8 (multiple of 8). So every multi-socket layout has 9–16 cores per socket, except
 * the 8-socket range, which only has the lower bound.
 */

/** The most cores a DVP VM may have. */
export const MAX_VM_CORES = 248;

/** How cores are spread over sockets (`status.resources.cpu.topology`). */
export interface CpuTopology {
  sockets: number;
  coresPerSocket: number;
}

/** A topology or the reason `cores` has none. */
export type CpuTopologyResult =
  { ok: true; topology: CpuTopology } | { ok: false; message: string; step?: number };

/** The number of sockets DVP uses for `cores` (1, 2, 4 or 8). */
export function socketsForCores(cores: number): number {
  if (cores <= 16) return 1;
  if (cores <= 32) return 2;
  if (cores <= 64) return 4;
  return 8;
}

/** The step by which the core count may change around `cores` (equals the socket count). */
export function coreStep(cores: number): number {
  return socketsForCores(cores);
}

/**
 * The topology for `cores`, or the webhook's refusal, e.g. 20 → 2×10, 17 → "the requested
 * number of cores must be a multiple of 2".
 */
export function cpuTopology(cores: number): CpuTopologyResult {
  if (!Number.isInteger(cores) || cores < 1) {
    return { ok: false, message: 'the requested number of cores must be a positive integer' };
  }
  if (cores > MAX_VM_CORES) {
    return {
      ok: false,
      message: `the requested number of cores must be no more than ${MAX_VM_CORES}`,
    };
  }
  const sockets = socketsForCores(cores);
  if (cores % sockets !== 0) {
    return {
      ok: false,
      message: `the requested number of cores must be a multiple of ${sockets}`,
      step: sockets,
    };
  }
  return { ok: true, topology: { sockets, coresPerSocket: cores / sockets } };
}

/** True when DVP accepts `cores` as a VM core count. */
export function isValidCoreCount(cores: number): boolean {
  return cpuTopology(cores).ok;
}

/** Every accepted core count in ascending order (1…16, 18, 20 … 32, 36 … 64, 72 … 248). */
export function validCoreCounts(): number[] {
  const out: number[] = [];
  for (let c = 1; c <= MAX_VM_CORES; c += 1) if (isValidCoreCount(c)) out.push(c);
  return out;
}

/** The accepted core counts just below and above `cores` (for "did you mean" hints). */
export function nearestValidCores(cores: number): { lower?: number; upper?: number } {
  const valid = validCoreCounts();
  const lower = [...valid].reverse().find((c) => c <= cores);
  const upper = valid.find((c) => c >= cores);
  return {
    ...(lower !== undefined ? { lower } : {}),
    ...(upper !== undefined ? { upper } : {}),
  };
}
