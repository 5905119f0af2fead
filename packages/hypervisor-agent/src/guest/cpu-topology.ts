import { cpuTopology as dvpCpuTopology, type CpuTopology } from '@dvp/api/rules/cpu-topology';

export type { CpuTopology } from '@dvp/api/rules/cpu-topology';

/**
 * Sockets × cores per socket for `spec.cpu.cores`, exactly as DVP derives it (the shared rule in
 * `@dvp/api`); throws a RangeError with the webhook's wording for core counts DVP refuses.
 */
export function cpuTopology(cores: number): CpuTopology {
  const r = dvpCpuTopology(cores);
  if (!r.ok) throw new RangeError(r.message);
  return r.topology;
}
