import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../apiserver/types.ts';
import { VM_UID_LABEL } from './deps.ts';
import { macOf } from './guest-spec.ts';
import { networkReady, networksOf, SDN_MESSAGE } from './vm-networks.ts';

const vm = (networks?: unknown[]): KubeObject => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: { name: 'web', namespace: 'demo', uid: 'u1' },
  spec: networks ? { networks } : {},
});
const mac = (name: string, address: string, created: string, uid = 'u1'): KubeObject => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachineMACAddress',
  metadata: {
    name,
    namespace: 'demo',
    creationTimestamp: created,
    labels: { [VM_UID_LABEL]: uid },
  },
  status: { address },
});

describe('VM networks status', () => {
  it('Main only: NetworkReady=True and the guest NIC MAC', () => {
    expect(networksOf(vm(), [])).toEqual([{ type: 'Main', id: 1, macAddress: macOf('u1') }]);
    expect(networkReady(vm())).toMatchObject({ status: 'True', reason: 'NetworkReady' });
  });

  it('additional networks: SDNModuleDisabled, VMMACs in network order (named first, own oldest next)', () => {
    const v = vm([
      { type: 'Main' },
      { type: 'Network', name: 'a' },
      { type: 'ClusterNetwork', name: 'b', id: 7, virtualMachineMACAddressName: 'pinned' },
      { type: 'Network', name: 'c' },
    ]);
    const macs = [
      mac('web-new', '02:00:00:00:00:02', '2026-01-02T00:00:00Z'),
      mac('web-old', '02:00:00:00:00:01', '2026-01-01T00:00:00Z'),
      mac('pinned', '02:00:00:00:00:09', '2026-01-03T00:00:00Z', 'other'),
      mac('foreign', '02:00:00:00:00:08', '2025-01-01T00:00:00Z', 'u2'),
    ];
    expect(networksOf(v, macs)).toEqual([
      { type: 'Main', id: 1, macAddress: macOf('u1') },
      {
        type: 'Network',
        id: 2,
        name: 'a',
        macAddress: '02:00:00:00:00:01',
        virtualMachineMACAddressName: 'web-old',
      },
      {
        type: 'ClusterNetwork',
        id: 7,
        name: 'b',
        macAddress: '02:00:00:00:00:09',
        virtualMachineMACAddressName: 'pinned',
      },
      {
        type: 'Network',
        id: 4,
        name: 'c',
        macAddress: '02:00:00:00:00:02',
        virtualMachineMACAddressName: 'web-new',
      },
    ]);
    expect(networkReady(v)).toEqual({
      type: 'NetworkReady',
      status: 'False',
      reason: 'SDNModuleDisabled',
      message: SDN_MESSAGE,
    });
  });

  it('a network whose VMMAC does not exist yet has no MAC', () => {
    expect(networksOf(vm([{ type: 'Main' }, { type: 'Network', name: 'a' }]), [])[1]).toEqual({
      type: 'Network',
      id: 2,
      name: 'a',
    });
  });
});
