import type { Condition } from '@dvp/api';
import type { DiagnosticTone } from '../../vms/detail/diagnostics.ts';

/** A disk or snapshot condition in words: the sentence key (`disks.cond.*`) and its tone. */
export interface ObjectDiagnostic {
  sentence: string;
  tone: DiagnosticTone;
}

/** Sentences by `Type/status/reason` (most specific), then `Type/status`. */
const SENTENCES: Record<string, [string, DiagnosticTone]> = {
  'Ready/True': ['ready', 'success'],
  'Ready/False/WaitingForFirstConsumer': ['wffc', 'info'],
  'Ready/False/Provisioning': ['provisioning', 'info'],
  'Ready/False/DatasourceIsNotReady': ['datasourceWait', 'warning'],
  'Ready/False/StorageClassIsNotReady': ['storageClassBad', 'warning'],
  'Ready/False/ProvisioningFailed': ['failed', 'danger'],
  'Ready/False': ['notReady', 'warning'],
  'DatasourceReady/True': ['datasourceOk', 'success'],
  'DatasourceReady/False': ['datasourceWait', 'warning'],
  'StorageClassReady/True': ['storageClassOk', 'success'],
  'StorageClassReady/False': ['storageClassBad', 'warning'],
  'InUse/True': ['inUse', 'info'],
  'InUse/False': ['notInUse', 'neutral'],
  'Resizing/True': ['resizing', 'info'],
  'Resized/True': ['resized', 'success'],
  'Snapshotting/True': ['snapshotting', 'info'],
  'Terminating/True': ['terminating', 'warning'],
  'VirtualDiskSnapshotReady/True': ['snapshotReady', 'success'],
  'VirtualDiskSnapshotReady/False/PotentiallyInconsistent': ['inconsistent', 'warning'],
  'VirtualDiskSnapshotReady/False/WaitingForTheVirtualDisk': ['waitDisk', 'warning'],
  'VirtualDiskSnapshotReady/False/VirtualDiskSnapshotFailed': ['failed', 'danger'],
  'VirtualDiskSnapshotReady/False': ['inProgress', 'info'],
  'VirtualMachineSnapshotReady/True': ['snapshotReady', 'success'],
  'VirtualMachineSnapshotReady/False/PotentiallyInconsistent': ['inconsistent', 'warning'],
  'VirtualMachineSnapshotReady/False/BlockDevicesNotReady': ['waitDisks', 'warning'],
  'VirtualMachineSnapshotReady/False/WaitingForTheVirtualMachine': ['waitVm', 'warning'],
  'VirtualMachineSnapshotReady/False/VirtualMachineSnapshotFailed': ['failed', 'danger'],
  'VirtualMachineSnapshotReady/False': ['inProgress', 'info'],
  'VirtualDiskReady/True': ['diskReady', 'success'],
  'VirtualDiskReady/False': ['waitDisk', 'warning'],
  'VirtualMachineReady/True': ['vmReady', 'success'],
  'VirtualMachineReady/False': ['waitVm', 'warning'],
};

const RANK: Record<DiagnosticTone, number> = {
  danger: 0,
  warning: 1,
  info: 2,
  neutral: 3,
  success: 4,
};

export function diagnoseObject(c: Pick<Condition, 'type' | 'status' | 'reason'>): ObjectDiagnostic {
  const hit =
    SENTENCES[`${c.type}/${c.status}/${c.reason ?? ''}`] ?? SENTENCES[`${c.type}/${c.status}`];
  if (hit) return { sentence: hit[0], tone: hit[1] };
  return { sentence: 'generic', tone: c.status === 'Unknown' ? 'neutral' : 'neutral' };
}

/** Problems first, then the rest in the cluster's order. */
export function sortObjectDiagnostics<T extends Pick<Condition, 'type' | 'status' | 'reason'>>(
  conditions: readonly T[],
): { condition: T; diagnostic: ObjectDiagnostic }[] {
  return conditions
    .map((condition) => ({ condition, diagnostic: diagnoseObject(condition) }))
    .sort((a, b) => RANK[a.diagnostic.tone] - RANK[b.diagnostic.tone]);
}
