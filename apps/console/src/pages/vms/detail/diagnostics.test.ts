import { describe, expect, it } from 'vitest';
import { en, ru } from './condition-messages.ts';
import { diagnose, sortDiagnostics } from './diagnostics.ts';

const c = (type: string, status: 'True' | 'False' | 'Unknown', reason = 'R') => ({
  type,
  status,
  reason,
});

describe('diagnose', () => {
  it('explains why a VM is stuck with the reason-specific sentence', () => {
    expect(diagnose(c('Running', 'False', 'PodNotStarted'))).toEqual({
      sentence: 'Running.notScheduled',
      tone: 'danger',
      problem: true,
    });
    expect(
      diagnose(c('VirtualMachineClassReady', 'False', 'VirtualMachineClassNotReady')),
    ).toMatchObject({
      sentence: 'VirtualMachineClassReady.bad',
      tone: 'warning',
    });
    expect(diagnose(c('BlockDevicesReady', 'False', 'BlockDevicesNotReady')).sentence).toBe(
      'BlockDevicesReady.bad',
    );
    expect(
      diagnose(c('VirtualMachineIPAddressReady', 'False', 'VirtualMachineIPAddressNotAvailable'))
        .sentence,
    ).toBe('VirtualMachineIPAddressReady.notAvailable');
    expect(diagnose(c('Migratable', 'False', 'VirtualMachineDisksNotMigratable')).sentence).toBe(
      'Migratable.disks',
    );
  });
  it('reads inverted conditions: AwaitingRestart True is the problem, False is fine', () => {
    expect(
      diagnose(c('AwaitingRestartToApplyConfiguration', 'True', 'ChangesPendingRestart')),
    ).toMatchObject({
      sentence: 'AwaitingRestartToApplyConfiguration.bad',
      problem: true,
    });
    expect(diagnose(c('AwaitingRestartToApplyConfiguration', 'False')).sentence).toBe(
      'AwaitingRestartToApplyConfiguration.ok',
    );
  });
  it('healthy, stopped, unknown and unfamiliar conditions', () => {
    expect(diagnose(c('AgentReady', 'True'))).toEqual({
      sentence: 'AgentReady.ok',
      tone: 'success',
      problem: false,
    });
    expect(diagnose(c('Running', 'False', 'NotRunning')).tone).toBe('neutral');
    expect(diagnose(c('Running', 'Unknown')).sentence).toBe('unknown');
    expect(diagnose(c('SomethingNew', 'False')).sentence).toBe('generic');
  });
  it('every sentence it can pick exists in both locales', () => {
    const types = [
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
    ];
    const reasons = [
      'R',
      'PodNotStarted',
      'NoBootableDevice',
      'InternalVirtualMachineError',
      'NotRunning',
      'VirtualMachineDisksNotMigratable',
      'VirtualMachineHostDevicesNotMigratable',
      'VirtualMachineIPAddressNotAvailable',
      'VirtualMachineIPAddressNotAssigned',
      'WaitingForWaitForFirstConsumerBlockDevicesToBeReady',
      'BlockDeviceLimitExceeded',
      'VirtualMachineClassNotFound',
    ];
    for (const type of types)
      for (const status of ['True', 'False', 'Unknown'] as const)
        for (const reason of reasons) {
          const key = `vm-detail.cond.${diagnose(c(type, status, reason)).sentence}`;
          expect(en, key).toHaveProperty([key]);
          expect(ru, key).toHaveProperty([key]);
        }
  });
});

describe('sortDiagnostics', () => {
  it('puts problems first', () => {
    const sorted = sortDiagnostics([
      c('AgentReady', 'True'),
      c('BlockDevicesReady', 'False'),
      c('Running', 'False', 'PodNotStarted'),
    ]);
    expect(sorted.map((s) => s.condition.type)).toEqual([
      'Running',
      'BlockDevicesReady',
      'AgentReady',
    ]);
  });
});
