import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@dvp/api';
import { translate, type MessageKey, type MessageValues } from '../../../i18n/i18n.tsx';
import { diskActionReasons, type DiskCapabilities } from './reasons.ts';

const t = (key: MessageKey, values?: MessageValues) => translate('en', key, values);
const yes = { allowed: true, pending: false };
const all: DiskCapabilities = { patch: yes, snapshot: yes, delete: yes };
const disk = (status: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}) =>
  ({
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualDisk',
    metadata: { name: 'd', namespace: 'demo', ...extra },
    spec: {},
    status,
  }) as KubeObject;

describe('disk action reasons', () => {
  it('blocks delete while attached, naming the VMs', () => {
    const r = diskActionReasons(
      t,
      all,
      disk({ phase: 'Ready', attachedToVirtualMachines: [{ name: 'a' }, { name: 'b' }] }),
    );
    expect(r.delete).toBe('Attached to VMs a, b: detach it from these VMs first.');
    expect(r.resize).toBeUndefined();
    expect(r.snapshot).toBeUndefined();
    expect(diskActionReasons(t, all, disk({ phase: 'Ready' })).delete).toBeUndefined();
  });

  it('puts missing rights first, and snapshots need a Ready disk', () => {
    const no = { allowed: false, pending: false, reason: 'common.forbidden' as const };
    const r = diskActionReasons(t, { ...all, delete: no }, disk({ phase: 'Provisioning' }));
    expect(r.delete).toBe('You do not have permission to do this.');
    expect(r.snapshot).toBe('Only a Ready disk can be snapshotted (this one is Provisioning).');
    expect(
      diskActionReasons(t, all, disk({ phase: 'Ready' }, { deletionTimestamp: 'x' })).resize,
    ).toBe('The disk is being deleted.');
  });
});
