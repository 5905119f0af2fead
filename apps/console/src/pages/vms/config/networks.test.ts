import type { VirtualMachine, VmDetail } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { valuesFromDetail } from './detail-values.ts';
import { networkNameProblem, networkRows, type NetworkRow } from './networks.ts';
import { planChanges } from './plan.ts';

function vmWith(networks?: unknown): VirtualMachine {
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachine',
    metadata: { name: 'vm1', namespace: 'demo', resourceVersion: '7', uid: 'u1' },
    spec: {
      virtualMachineClassName: 'generic',
      runPolicy: 'AlwaysOnUnlessStoppedManually',
      disruptions: { restartApprovalMode: 'Manual' },
      cpu: { cores: 1, coreFraction: '10%' },
      memory: { size: '1Gi' },
      blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root' }],
      ...(networks ? { networks } : {}),
    },
  } as unknown as VirtualMachine;
}

const detailOf = (vm: VirtualMachine) =>
  ({ vm, disks: [], attachments: [], ipAddress: null }) as unknown as VmDetail;

/** The VM merge patch the Configuration form sends for `networks` edited to `rows` (`patchVm`). */
function patchFor(vm: VirtualMachine, rows: NetworkRow[]) {
  const detail = detailOf(vm);
  const plan = planChanges(vm, detail, { ...valuesFromDetail(detail), networks: rows });
  return plan.specPatch === undefined
    ? undefined
    : { metadata: { resourceVersion: vm.metadata.resourceVersion }, spec: plan.specPatch };
}

describe('networks of the Configuration form', () => {
  it('shows the implicit Main network when the spec lists none, and leaves it implicit', () => {
    const vm = vmWith();
    expect(networkRows(vm.spec.networks)).toEqual([{ type: 'Main', name: '' }]);
    expect(patchFor(vm, [{ type: 'Main', name: '' }])).toBeUndefined();
  });

  it('adding a network writes the whole list: Main first, the new one at the end', () => {
    const patch = patchFor(vmWith(), [
      { type: 'Main', name: '' },
      { type: 'Network', name: ' user-net ' },
    ]);
    expect(patch).toEqual({
      metadata: { resourceVersion: '7' },
      spec: { networks: [{ type: 'Main' }, { type: 'Network', name: 'user-net' }] },
    });
  });

  it('removing one keeps the other entries as they were (ids, MAC address names)', () => {
    const vm = vmWith([
      { type: 'Main', id: 1 },
      { type: 'Network', name: 'user-net', id: 2, virtualMachineMACAddressName: 'vm1-mac-a' },
      { type: 'ClusterNetwork', name: 'corp-net', id: 3 },
    ]);
    const rows = networkRows(vm.spec.networks);
    expect(rows).toEqual([
      { type: 'Main', name: '' },
      { type: 'Network', name: 'user-net' },
      { type: 'ClusterNetwork', name: 'corp-net' },
    ]);
    expect(patchFor(vm, [rows[0], rows[2]] as NetworkRow[])).toEqual({
      metadata: { resourceVersion: '7' },
      spec: {
        networks: [
          { type: 'Main', id: 1 },
          { type: 'ClusterNetwork', name: 'corp-net', id: 3 },
        ],
      },
    });
    // Back to Main only: the list stays explicit (it was explicit), with Main's fields.
    expect(patchFor(vm, [rows[0]] as NetworkRow[])?.spec).toEqual({
      networks: [{ type: 'Main', id: 1 }],
    });
  });

  it('an unchanged list is no change, a changed type is a new entry', () => {
    const vm = vmWith([{ type: 'Main' }, { type: 'Network', name: 'n1', id: 2 }]);
    expect(patchFor(vm, networkRows(vm.spec.networks))).toBeUndefined();
    expect(
      patchFor(vm, [
        { type: 'Main', name: '' },
        { type: 'ClusterNetwork', name: 'n1' },
      ])?.spec,
    ).toEqual({ networks: [{ type: 'Main' }, { type: 'ClusterNetwork', name: 'n1' }] });
  });

  it('names are required, DNS labels, and not listed twice; Main needs no name', () => {
    const rows: NetworkRow[] = [
      { type: 'Main', name: '' },
      { type: 'Network', name: '' },
      { type: 'Network', name: 'Bad_Name' },
      { type: 'Network', name: 'a' },
      { type: 'ClusterNetwork', name: 'a' },
      { type: 'Network', name: 'a ' },
    ];
    expect(rows.map((_, i) => networkNameProblem(rows, i))).toEqual([
      undefined,
      'vm-config.networkNameRequired',
      'vm-config.networkNameInvalid',
      undefined,
      undefined,
      'vm-config.networkTwice',
    ]);
  });
});
