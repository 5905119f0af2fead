/**
 * Which operations apply to a VM in which phase and under which run policy (dvp-api.md §9,
 * `pkg/controller/vmop/{powerstate,migration}/internal/service`).
 */

/** The compute area's VMOP types (Restore and Clone belong to the snapshots area). */
export const COMPUTE_VMOP_TYPES = ['Start', 'Stop', 'Restart', 'Migrate', 'Evict'] as const;

const RULES: Record<string, { phases: string[]; forcedPhases?: string[]; policies: string[] }> = {
  Start: { phases: ['Stopped', 'Stopping'], policies: ['Manual', 'AlwaysOnUnlessStoppedManually'] },
  Stop: {
    phases: ['Running', 'Degraded', 'Starting', 'Pause', 'Pending'],
    forcedPhases: ['Stopping'],
    policies: ['Manual', 'AlwaysOnUnlessStoppedManually'],
  },
  Restart: {
    phases: ['Running', 'Degraded', 'Starting', 'Pause'],
    forcedPhases: ['Stopping'],
    policies: ['Manual', 'AlwaysOnUnlessStoppedManually', 'AlwaysOn'],
  },
  Migrate: {
    phases: ['Running'],
    policies: ['Manual', 'AlwaysOnUnlessStoppedManually', 'AlwaysOn'],
  },
  Evict: { phases: ['Running'], policies: ['Manual', 'AlwaysOnUnlessStoppedManually', 'AlwaysOn'] },
};

/** Why an operation does not apply, or undefined when it does. */
export function notApplicable(
  type: string,
  vmPhase: string | undefined,
  runPolicy: string | undefined,
  force: boolean,
): { reason: string; message: string } | undefined {
  const rule = RULES[type];
  if (!rule) return undefined;
  const policy = runPolicy ?? 'AlwaysOnUnlessStoppedManually';
  if (!rule.policies.includes(policy)) {
    return {
      reason: 'NotApplicableForVirtualMachineRunPolicy',
      message: `The ${type} operation is not applicable to a virtual machine with runPolicy ${policy}; it applies with ${rule.policies.join(', ')}.`,
    };
  }
  const phases = [...rule.phases, ...(force ? (rule.forcedPhases ?? []) : [])];
  if (!phases.includes(vmPhase ?? '')) {
    return {
      reason: 'NotApplicableForVirtualMachinePhase',
      message: `The ${type} operation is not applicable to a virtual machine in phase ${vmPhase ?? 'unknown'}; it applies in ${phases.join(', ')}.`,
    };
  }
  return undefined;
}

/**
 * The status of an operation with its `Completed` condition, or undefined when the current
 * status already says the same (no write needed).
 */
export function vmopStatus(
  op: { status?: unknown; metadata: { generation?: number } },
  phase: string,
  done: boolean,
  reason: string,
  message: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> | undefined {
  const old = op.status as
    | { phase?: string; progress?: string; conditions?: { reason?: string; message?: string }[] }
    | undefined;
  const c = old?.conditions?.[0];
  if (
    old?.phase === phase &&
    c?.reason === reason &&
    c.message === message &&
    old.progress === extra.progress
  )
    return undefined;
  const generation = op.metadata.generation ?? 1;
  return {
    phase,
    observedGeneration: generation,
    conditions: [
      {
        type: 'Completed',
        status: done ? 'True' : 'False',
        reason,
        message,
        lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        observedGeneration: generation,
      },
    ],
    ...extra,
  };
}
