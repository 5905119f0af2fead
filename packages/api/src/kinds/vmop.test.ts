import { describe, expect, it } from 'vitest';

import { nameReplacementTarget } from './common.ts';
import { cel, dvpCauses, dvpParse } from './test-helpers.testdata.ts';

const op = (spec: Record<string, unknown>) => ({ spec: { virtualMachineName: 'vm', ...spec } });

describe('VirtualMachineOperation', () => {
  it.each(['Start', 'Stop', 'Restart', 'Migrate', 'Evict'])('accepts type %s', (type) => {
    expect(dvpParse('VirtualMachineOperation', op({ type }))).toMatchObject({ spec: { type } });
  });

  it('rejects unknown types', () => {
    expect(dvpCauses('VirtualMachineOperation', op({ type: 'Pause' }))).toEqual([
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.type',
        message:
          'Unsupported value: "Pause": supported values: "Restart", "Start", "Stop", "Migrate", "Evict", "Restore", "Clone"',
      },
    ]);
  });

  it('enforces the spec CEL rules', () => {
    expect(dvpCauses('VirtualMachineOperation', op({ type: 'Start', force: true }))).toEqual([
      cel('spec', 'The `Start` operation cannot be performed forcibly.'),
    ]);
    expect(dvpParse('VirtualMachineOperation', op({ type: 'Start', force: false }))).toBeDefined();
    expect(dvpCauses('VirtualMachineOperation', op({ type: 'Restore' }))).toEqual([
      cel('spec', 'Restore requires restore field.'),
    ]);
    expect(dvpCauses('VirtualMachineOperation', op({ type: 'Clone' }))).toEqual([
      cel('spec', 'Clone requires clone field.'),
    ]);
    expect(
      dvpCauses('VirtualMachineOperation', op({ type: 'Evict', migrate: { nodeSelector: {} } })),
    ).toEqual([cel('spec', "spec.migrate can only be set when spec.type is 'Migrate'")]);
  });

  it('accepts a restore with mode and snapshot', () => {
    const restore = { mode: 'DryRun', virtualMachineSnapshotName: 'snap' };
    expect(dvpParse('VirtualMachineOperation', op({ type: 'Restore', restore }))).toBeDefined();
  });

  it('checks the clone block', () => {
    expect(
      dvpCauses('VirtualMachineOperation', op({ type: 'Clone', clone: { mode: 'Strict' } })),
    ).toEqual([
      cel(
        'spec.clone',
        'At least one of customization.namePrefix, customization.nameSuffix, or nameReplacement must be set',
      ),
    ]);
    const long = 'x'.repeat(60);
    expect(
      dvpCauses(
        'VirtualMachineOperation',
        op({
          type: 'Clone',
          clone: { mode: 'Strict', customization: { namePrefix: long, nameSuffix: '' } },
        }),
      ),
    ).toEqual([
      cel(
        'spec.clone.customization',
        'namePrefix length must be between 1 and 59 characters if set',
      ),
      cel(
        'spec.clone.customization',
        'nameSuffix length must be between 1 and 59 characters if set',
      ),
    ]);
    expect(
      dvpCauses(
        'VirtualMachineOperation',
        op({
          type: 'Clone',
          clone: { mode: 'Strict', nameReplacement: [{ from: { name: 'vm' }, to: long }] },
        }),
      ),
    ).toEqual([
      cel(
        'spec.clone.nameReplacement',
        'Each nameReplacement.to must be between 1 and 59 characters',
        'array',
      ),
    ]);
  });

  it('accepts nameReplacement (CRD) and nameReplacements with `to: {name}` (docs)', () => {
    const crd = dvpParse(
      'VirtualMachineOperation',
      op({
        type: 'Clone',
        clone: {
          mode: 'Strict',
          nameReplacement: [{ from: { kind: 'VirtualMachine', name: 'vm' }, to: 'vm2' }],
        },
      }),
    );
    expect(crd).toMatchObject({ spec: { clone: { nameReplacement: [{ to: 'vm2' }] } } });
    const docs = dvpParse(
      'VirtualMachineOperation',
      op({
        type: 'Clone',
        clone: {
          mode: 'BestEffort',
          nameReplacements: [{ from: { name: 'vm' }, to: { name: 'vm3' } }],
        },
      }),
    );
    expect(docs).toMatchObject({
      spec: { clone: { nameReplacements: [{ to: { name: 'vm3' } }] } },
    });
    expect(nameReplacementTarget({ from: { name: 'a' }, to: { name: 'b' } })).toBe('b');
    expect(nameReplacementTarget({ from: { name: 'a' }, to: 'c' })).toBe('c');
  });
});

describe('VirtualMachineSnapshotOperation and VirtualMachineRestore', () => {
  it('requires createVirtualMachine mode and a name change', () => {
    expect(
      dvpCauses('VirtualMachineSnapshotOperation', {
        spec: {
          type: 'CreateVirtualMachine',
          virtualMachineSnapshotName: 's',
          createVirtualMachine: { mode: 'Strict' },
        },
      }),
    ).toEqual([
      cel(
        'spec.createVirtualMachine',
        'At least one of customization.namePrefix, customization.nameSuffix, or nameReplacement must be set',
      ),
    ]);
  });

  it('defaults restoreMode to Safe and accepts both spellings of `to`', () => {
    const restore = dvpParse('VirtualMachineRestore', {
      spec: {
        virtualMachineSnapshotName: 'snap',
        nameReplacements: [
          { from: { kind: 'VirtualMachine', name: 'vm' }, to: 'vm-2' },
          { from: { kind: 'VirtualDisk', name: 'root' }, to: { name: 'root-2' } },
        ],
      },
    });
    expect(restore).toMatchObject({ spec: { restoreMode: 'Safe' } });
    expect(
      dvpCauses('VirtualMachineRestore', {
        spec: { virtualMachineSnapshotName: 's', restoreMode: 'DryRun' },
      }),
    ).toEqual([
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.restoreMode',
        message: 'Unsupported value: "DryRun": supported values: "Safe", "Forced"',
      },
    ]);
  });

  it('defaults snapshot consistency and IP handling', () => {
    expect(
      dvpParse('VirtualMachineSnapshot', { spec: { virtualMachineName: 'vm' } }),
    ).toMatchObject({
      spec: { requiredConsistency: true, keepIPAddress: 'Always' },
    });
    expect(dvpParse('VirtualDiskSnapshot', { spec: { virtualDiskName: 'd' } })).toMatchObject({
      spec: { requiredConsistency: true },
    });
  });
});
