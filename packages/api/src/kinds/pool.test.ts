import { describe, expect, it } from 'vitest';

import { cel, dvpCauses, dvpParse } from './test-helpers.testdata.ts';

const template = (blockDeviceRefs: unknown[], extra: Record<string, unknown> = {}) => ({
  virtualMachineClassName: 'generic',
  liveMigrationPolicy: 'Manual',
  cpu: { cores: 1 },
  memory: { size: '1Gi' },
  blockDeviceRefs,
  ...extra,
});

const pool = (spec: Record<string, unknown>) => ({
  spec: {
    scaleDownPolicy: 'NewestFirst',
    virtualDiskTemplates: [{ name: 'root', spec: { persistentVolumeClaim: { size: '5Gi' } } }],
    virtualMachineTemplate: { spec: template([{ kind: 'VirtualDisk', name: 'root' }]) },
    ...spec,
  },
});

describe('VirtualMachinePool', () => {
  it('applies template and reclaim defaults', () => {
    expect(dvpParse('VirtualMachinePool', pool({}))).toMatchObject({
      spec: {
        virtualDiskTemplates: [{ name: 'root' }],
        virtualMachineTemplate: {
          spec: {
            runPolicy: 'AlwaysOnUnlessStoppedManually',
            osType: 'Generic',
            liveMigrationPolicy: 'Manual',
          },
        },
      },
    });
    const withReclaim = pool({
      virtualDiskTemplates: [{ name: 'root', spec: {}, reclaim: {} }],
    });
    expect(dvpParse('VirtualMachinePool', withReclaim)).toMatchObject({
      spec: { virtualDiskTemplates: [{ reclaim: { onScaleDown: 'Delete', keep: 0 } }] },
    });
  });

  it('requires liveMigrationPolicy in the template (no default there)', () => {
    const { liveMigrationPolicy: _omit, ...spec } = template([
      { kind: 'VirtualDisk', name: 'root' },
    ]);
    expect(dvpCauses('VirtualMachinePool', pool({ virtualMachineTemplate: { spec } }))).toEqual([
      {
        reason: 'FieldValueRequired',
        field: 'spec.virtualMachineTemplate.spec.liveMigrationPolicy',
        message: 'Required value',
      },
    ]);
  });

  it('enforces the disk template ↔ blockDeviceRefs bijection', () => {
    const refs = [
      { kind: 'VirtualDisk', name: 'data' },
      { kind: 'VirtualDisk', name: 'data' },
    ];
    expect(
      dvpCauses('VirtualMachinePool', pool({ virtualMachineTemplate: { spec: template(refs) } })),
    ).toEqual([
      cel(
        'spec',
        'each virtualDiskTemplates entry must be referenced by a VirtualDisk entry in virtualMachineTemplate.spec.blockDeviceRefs',
      ),
      cel(
        'spec',
        'each VirtualDisk reference in virtualMachineTemplate.spec.blockDeviceRefs must name a virtualDiskTemplates entry',
      ),
      cel(
        'spec',
        'each virtualDiskTemplates entry must be referenced exactly once (no duplicate VirtualDisk references)',
      ),
    ]);
    const withImage = template([
      { kind: 'VirtualDisk', name: 'root' },
      { kind: 'ClusterVirtualImage', name: 'tools' },
    ]);
    expect(
      dvpParse('VirtualMachinePool', pool({ virtualMachineTemplate: { spec: withImage } })),
    ).toBeDefined();
  });

  it('refuses Legacy templates and checks reclaim rules', () => {
    const legacy = template([{ kind: 'VirtualDisk', name: 'root' }], { osType: 'Legacy' });
    expect(
      dvpCauses('VirtualMachinePool', pool({ virtualMachineTemplate: { spec: legacy } })),
    ).toEqual([
      cel(
        'spec',
        'The Legacy osType is not supported in a VirtualMachinePool: replicas of such a pool cannot be told apart, because provisioning is unavailable for these operating systems.',
      ),
    ]);
    const reclaim = (r: Record<string, unknown>) =>
      pool({ virtualDiskTemplates: [{ name: 'root', spec: {}, reclaim: r }] });
    expect(dvpCauses('VirtualMachinePool', reclaim({ keep: 2 }))).toEqual([
      cel(
        'spec.virtualDiskTemplates[0].reclaim',
        'keep and ttl are only valid with onScaleDown: Retain',
      ),
      cel(
        'spec.virtualDiskTemplates[0].reclaim',
        'keep requires ttl; without ttl free disks are never garbage-collected, so keep would have no effect',
      ),
    ]);
    expect(
      dvpParse('VirtualMachinePool', reclaim({ onScaleDown: 'Retain', keep: 2, ttl: '1h' })),
    ).toBeDefined();
  });

  it('checks the provisioning rules of the template', () => {
    const spec = template([{ kind: 'VirtualDisk', name: 'root' }], {
      provisioning: { type: 'UserData', userData: 'x', sysprepRef: { name: 's' } },
    });
    expect(dvpCauses('VirtualMachinePool', pool({ virtualMachineTemplate: { spec } }))).toEqual([
      cel(
        'spec.virtualMachineTemplate.spec.provisioning',
        'UserData cannot have userDataRef or sysprepRef.',
      ),
    ]);
  });
});
