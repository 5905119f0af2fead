import type { VirtualMachine } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge-patch.ts';
import {
  affinityFromTerm,
  mapFromRows,
  rowsFromMap,
  specFromValues,
  termFromAffinity,
  TOPOLOGY_HOST,
  TOPOLOGY_ZONE,
  valuesFromVm,
} from './values.ts';

function vm(spec: Partial<VirtualMachine['spec']> = {}): VirtualMachine {
  return {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachine',
    metadata: { name: 'vm1', namespace: 'demo', resourceVersion: '7' },
    spec: {
      virtualMachineClassName: 'generic',
      runPolicy: 'AlwaysOnUnlessStoppedManually',
      disruptions: { restartApprovalMode: 'Manual' },
      terminationGracePeriodSeconds: 60,
      enableParavirtualization: true,
      osType: 'Generic',
      bootloader: 'BIOS',
      liveMigrationPolicy: 'PreferSafe',
      cpu: { cores: 1, coreFraction: '10%' },
      memory: { size: '1Gi' },
      blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root' }],
      ...spec,
    },
  };
}

const extra = { keepIp: false, sizes: [] };

describe('nodeSelector rows', () => {
  it('converts both ways and drops rows without a key', () => {
    expect(rowsFromMap({ disktype: 'ssd' })).toEqual([{ key: 'disktype', value: 'ssd' }]);
    expect(
      mapFromRows([
        { key: 'a', value: '1' },
        { key: ' ', value: 'x' },
      ]),
    ).toEqual({ a: '1' });
    expect(mapFromRows([])).toBeUndefined();
  });
});

describe('affinity terms', () => {
  it('reads the first required term (labels and topology)', () => {
    const term = termFromAffinity({
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { server: 'database' } }, topologyKey: TOPOLOGY_ZONE },
      ],
    });
    expect(term).toEqual({ rows: [{ key: 'server', value: 'database' }], topology: TOPOLOGY_ZONE });
    expect(termFromAffinity(undefined)).toEqual({ rows: [], topology: TOPOLOGY_HOST });
  });

  it('writes the term and keeps other terms and preferred rules', () => {
    const pref = [{ weight: 1, virtualMachineAndPodAffinityTerm: { topologyKey: TOPOLOGY_HOST } }];
    const other = { labelSelector: { matchLabels: { x: 'y' } }, topologyKey: TOPOLOGY_HOST };
    const before = {
      preferredDuringSchedulingIgnoredDuringExecution: pref,
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { a: 'b' } }, topologyKey: TOPOLOGY_HOST },
        other,
      ],
    };
    expect(
      affinityFromTerm(before, { rows: [{ key: 'app', value: 'db' }], topology: TOPOLOGY_ZONE }),
    ).toEqual({
      preferredDuringSchedulingIgnoredDuringExecution: pref,
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: TOPOLOGY_ZONE },
        other,
      ],
    });
  });

  it('removes the block when the last rule goes', () => {
    const before = {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { a: 'b' } }, topologyKey: TOPOLOGY_HOST },
      ],
    };
    expect(affinityFromTerm(before, { rows: [], topology: TOPOLOGY_HOST })).toBeUndefined();
  });
});

describe('specFromValues', () => {
  it('leaves the spec unchanged for untouched values', () => {
    const v = vm({ nodeSelector: { a: 'b' }, memory: { size: 1073741824 as unknown as string } });
    const spec = specFromValues(v.spec, valuesFromVm(v, extra));
    expect(mergePatch(v.spec, spec)).toBeUndefined();
  });

  it('patches only what the form changed', () => {
    const v = vm();
    const values = {
      ...valuesFromVm(v, extra),
      cores: 2,
      autoApply: true,
      nodeSelector: [{ key: 'disktype', value: 'ssd' }],
      near: { rows: [{ key: 'server', value: 'db' }], topology: TOPOLOGY_HOST },
    };
    expect(mergePatch(v.spec, specFromValues(v.spec, values))).toEqual({
      cpu: { cores: 2 },
      disruptions: { restartApprovalMode: 'Automatic' },
      nodeSelector: { disktype: 'ssd' },
      affinity: {
        virtualMachineAndPodAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { server: 'db' } }, topologyKey: TOPOLOGY_HOST },
          ],
        },
      },
    });
  });

  it('removes a cleared nodeSelector and unset coreFraction with null', () => {
    const v = vm({ nodeSelector: { a: 'b' } });
    const values = { ...valuesFromVm(v, extra), nodeSelector: [], coreFraction: '' };
    expect(mergePatch(v.spec, specFromValues(v.spec, values))).toEqual({
      nodeSelector: null,
      cpu: { coreFraction: null },
    });
  });

  it('replaces the boot list whole when reordered', () => {
    const v = vm({
      blockDeviceRefs: [
        { kind: 'VirtualDisk', name: 'a' },
        { kind: 'VirtualImage', name: 'b' },
      ],
    });
    const values = valuesFromVm(v, extra);
    values.bootDisks = [...values.bootDisks].reverse();
    expect(mergePatch(v.spec, specFromValues(v.spec, values))).toEqual({
      blockDeviceRefs: [
        { kind: 'VirtualImage', name: 'b' },
        { kind: 'VirtualDisk', name: 'a' },
      ],
    });
  });
});
