import type { Condition } from '@dvp/api';

export type DiagnosticTone = 'success' | 'info' | 'warning' | 'danger' | 'neutral';

/** A condition in words: which sentence to show (`vm-detail.cond.*`) and how loudly. */
export interface Diagnostic {
  /** The message key suffix after `vm-detail.cond.`. */
  sentence: string;
  tone: DiagnosticTone;
  /** True when the sentence is about a problem the user may act on. */
  problem: boolean;
}

/** Conditions whose healthy state is `False` (they report a problem when `True`). */
const INVERTED = new Set([
  'AwaitingRestartToApplyConfiguration',
  'AgentVersionNotSupported',
  'EvictionRequired',
  'FilesystemFrozen',
  'Snapshotting',
  'Maintenance',
  'Migrating',
]);

/** Reasons with their own sentence (more specific than the condition's "not ready" one). */
const BY_REASON: Record<string, string> = {
  'BlockDevicesReady/WaitingForWaitForFirstConsumerBlockDevicesToBeReady':
    'BlockDevicesReady.waitFirstConsumer',
  'BlockDevicesReady/BlockDeviceLimitExceeded': 'BlockDevicesReady.limit',
  'VirtualMachineIPAddressReady/VirtualMachineIPAddressNotAvailable':
    'VirtualMachineIPAddressReady.notAvailable',
  'VirtualMachineIPAddressReady/VirtualMachineIPAddressNotAssigned':
    'VirtualMachineIPAddressReady.notAssigned',
  'Running/PodNotStarted': 'Running.notScheduled',
  'Running/NoBootableDevice': 'Running.noBootableDevice',
  'Running/InternalVirtualMachineError': 'Running.internalError',
  'Running/NotRunning': 'Running.stopped',
  'Migratable/VirtualMachineDisksNotMigratable': 'Migratable.disks',
  'Migratable/VirtualMachineHostDevicesNotMigratable': 'Migratable.hostDevices',
  'SizingPolicyMatched/VirtualMachineClassNotFound': 'VirtualMachineClassReady.bad',
};

/** Condition types with a pair of sentences (`<Type>.ok` / `<Type>.bad`). */
const KNOWN = new Set([
  'BlockDevicesReady',
  'VirtualMachineClassReady',
  'VirtualMachineIPAddressReady',
  'VirtualMachineMACAddressReady',
  'Running',
  'Migratable',
  'Migrating',
  'AgentReady',
  'AgentVersionNotSupported',
  'ProvisioningReady',
  'ConfigurationApplied',
  'AwaitingRestartToApplyConfiguration',
  'SizingPolicyMatched',
  'FirmwareUpToDate',
  'NetworkReady',
  'EvictionRequired',
  'FilesystemFrozen',
  'Snapshotting',
  'Maintenance',
]);

/** Informational conditions: their "bad" state is not a fault (a stopped VM has no agent). */
const SOFT = new Set(['AgentReady', 'Migratable', 'Migrating', 'Snapshotting', 'FilesystemFrozen']);

/** Maps a VM condition to the sentence that explains it and what to do. */
export function diagnose(c: Pick<Condition, 'type' | 'status' | 'reason'>): Diagnostic {
  const healthy = INVERTED.has(c.type) ? c.status === 'False' : c.status === 'True';
  if (c.status === 'Unknown') return { sentence: 'unknown', tone: 'neutral', problem: false };
  if (!KNOWN.has(c.type))
    return { sentence: 'generic', tone: healthy ? 'success' : 'warning', problem: !healthy };
  if (healthy) return { sentence: `${c.type}.ok`, tone: 'success', problem: false };
  const special = BY_REASON[`${c.type}/${c.reason}`];
  if (special === 'Running.stopped') return { sentence: special, tone: 'neutral', problem: false };
  const soft = SOFT.has(c.type);
  const tone: DiagnosticTone =
    c.type === 'Migrating'
      ? 'info'
      : soft
        ? 'neutral'
        : c.type === 'Running'
          ? 'danger'
          : 'warning';
  return { sentence: special ?? `${c.type}.bad`, tone, problem: !soft || c.type === 'Migratable' };
}

/** Problems first (the reason a VM is stuck), then the rest in the cluster's order. */
export function sortDiagnostics<T extends Pick<Condition, 'type' | 'status' | 'reason'>>(
  conditions: readonly T[],
): { condition: T; diagnostic: Diagnostic }[] {
  const rank: Record<DiagnosticTone, number> = {
    danger: 0,
    warning: 1,
    info: 2,
    neutral: 3,
    success: 4,
  };
  return conditions
    .map((condition) => ({ condition, diagnostic: diagnose(condition) }))
    .sort((a, b) => rank[a.diagnostic.tone] - rank[b.diagnostic.tone]);
}
