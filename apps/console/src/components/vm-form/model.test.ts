import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.tsx';
import {
  manifestsFromValues,
  newDiskValue,
  valuesFromManifests,
  vmFormDefaults,
  vmManifestFromValues,
  type VmFormValues,
} from './model.ts';
import { sizingHints, sizingIssues } from './sizing.ts';
import { validateVmValues } from './validate.ts';

const GENERIC = [
  { cores: { min: 1, max: 4 }, coreFractions: [5, 10, 20, 50, 100] },
  { cores: { min: 5, max: 8 }, coreFractions: [20, 50, 100] },
  {
    cores: { min: 9, max: 16 },
    coreFractions: [50, 100],
    memory: { min: '1Gi', max: '8Gi', step: '1Gi' },
  },
];

function filled(): VmFormValues {
  return {
    ...vmFormDefaults({ className: 'generic' }),
    name: 'linux-vm',
    cores: 2,
    coreFraction: '10%',
    memory: '1Gi',
    bootDisks: [
      newDiskValue('linux-vm-root', 'local', { kind: 'VirtualImage', name: 'ubuntu', size: '5Gi' }),
      { ...newDiskValue('data', ''), mode: 'existing', kind: 'VirtualDisk' },
      { ...newDiskValue('iso', ''), mode: 'existing', kind: 'ClusterVirtualImage' },
    ],
    cloudInitEnabled: true,
    cloudInit: '#cloud-config\nssh_pwauth: True\n',
    runPolicy: 'Manual',
  };
}

/** Values without the bookkeeping of unknown fields (compared separately). */
function modelled(v: VmFormValues) {
  return {
    ...v,
    extra: undefined,
    bootDisks: v.bootDisks.map((d) => ({ ...d, extraDisk: undefined, extraRef: undefined })),
  };
}

describe('VM form model', () => {
  it('values → manifests → values keeps every field', () => {
    const values = filled();
    const docs = manifestsFromValues(values, 'demo');
    expect(docs.map((d) => d.kind)).toEqual(['VirtualDisk', 'VirtualMachine']);
    expect(docs[0]).toEqual({
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualDisk',
      metadata: { name: 'linux-vm-root', namespace: 'demo' },
      spec: {
        dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'ubuntu' } },
        persistentVolumeClaim: { size: '5Gi', storageClassName: 'local' },
      },
    });
    expect(docs[1]?.spec).toEqual({
      virtualMachineClassName: 'generic',
      runPolicy: 'Manual',
      cpu: { cores: 2, coreFraction: '10%' },
      memory: { size: '1Gi' },
      blockDeviceRefs: [
        { kind: 'VirtualDisk', name: 'linux-vm-root' },
        { kind: 'VirtualDisk', name: 'data' },
        { kind: 'ClusterVirtualImage', name: 'iso' },
      ],
      provisioning: { type: 'UserData', userData: '#cloud-config\nssh_pwauth: True\n' },
    });
    const back = valuesFromManifests(docs);
    expect(modelled(back)).toEqual(modelled(values));
  });

  it('keeps fields the form does not model (from YAML) when emitting again', () => {
    const docs = manifestsFromValues(filled(), 'demo');
    const disk = docs[0] as Record<string, unknown> & { spec: Record<string, unknown> };
    const vm = docs[1] as Record<string, unknown> & { spec: Record<string, unknown> };
    disk.metadata = { ...(disk.metadata as object), labels: { tier: 'db' } };
    vm.metadata = { ...(vm.metadata as object), annotations: { note: 'x' } };
    vm.spec.nodeSelector = { disktype: 'ssd' };
    vm.spec.cpu = { cores: 4, coreFraction: '20%', future: true };
    vm.spec.blockDeviceRefs = [
      { kind: 'VirtualDisk', name: 'linux-vm-root', bootOrder: 1 },
      { kind: 'VirtualDisk', name: 'data' },
      { kind: 'ClusterVirtualImage', name: 'iso' },
    ];
    const values = valuesFromManifests([disk, vm]);
    expect(values.cores).toBe(4);
    expect(values.coreFraction).toBe('20%');
    const again = manifestsFromValues(values, 'demo');
    expect(again).toEqual([disk, vm]);
    // An edit in the form lands next to the unknown fields.
    const edited = vmManifestFromValues({ ...values, memory: '2Gi' }, 'demo');
    expect(edited.spec.memory).toEqual({ size: '2Gi' });
    expect(edited.spec.nodeSelector).toEqual({ disktype: 'ssd' });
    expect(edited.spec.cpu).toEqual({ cores: 4, coreFraction: '20%', future: true });
  });

  it('drops an inline cloud-init when the switch is off, keeps a Secret reference', () => {
    const off = { ...filled(), cloudInitEnabled: false };
    expect(vmManifestFromValues(off, 'demo').spec.provisioning).toBeUndefined();
    const ref = valuesFromManifests([
      {
        kind: 'VirtualMachine',
        metadata: { name: 'a' },
        spec: { provisioning: { type: 'UserDataRef', userDataRef: { kind: 'Secret', name: 's' } } },
      },
    ]);
    expect(ref.cloudInitEnabled).toBe(false);
    expect(vmManifestFromValues(ref, 'demo').spec.provisioning).toEqual({
      type: 'UserDataRef',
      userDataRef: { kind: 'Secret', name: 's' },
    });
  });

  it('refuses YAML without exactly one VirtualMachine or with other kinds', () => {
    expect(() => valuesFromManifests([])).toThrow('noVm');
    expect(() =>
      valuesFromManifests([{ kind: 'VirtualMachine' }, { kind: 'VirtualMachine' }]),
    ).toThrow('manyVms');
    expect(() => valuesFromManifests([{ kind: 'VirtualMachine' }, { kind: 'Secret' }])).toThrow(
      'otherKind',
    );
  });
});

describe('sizing policy checks', () => {
  const en = (i: {
    key: Parameters<typeof translate>[1];
    values: Record<string, string | number>;
  }) => translate('en', i.key, i.values);
  const check = (cores: number, coreFraction: string, memory = '1Gi') =>
    sizingIssues({ cores, coreFraction, memory, name: 'vm' }, 'generic', GENERIC).map((i) => ({
      field: i.field,
      text: en(i as never),
    }));

  it('accepts what the class allows', () => {
    expect(check(2, '10%')).toEqual([]);
    expect(check(12, '', '4Gi')).toEqual([]);
  });

  it('says which CPU shares the class allows for the cores', () => {
    expect(check(2, '30%')).toEqual([
      {
        field: 'coreFraction',
        text: 'Class generic does not allow CPU share 30%; allowed: 5%, 10%, 20%, 50%, 100%.',
      },
    ]);
    expect(check(6, '10%')[0]?.text).toBe(
      'Class generic does not allow CPU share 10%; allowed: 20%, 50%, 100%.',
    );
  });

  it('reports cores outside every policy and CPU topology rules', () => {
    expect(check(20, '')).toEqual([
      { field: 'cores', text: 'Class generic allows these core counts: 1–4, 5–8, 9–16.' },
    ]);
    expect(check(17, '')).toEqual([
      {
        field: 'cores',
        text: 'At this size cores must be a multiple of 2 (nearest: 16 or 18).',
      },
    ]);
    expect(check(0, '')[0]?.field).toBe('cores');
  });

  it('reports memory outside the policy range and off its step', () => {
    const out = check(10, '50%', '512Mi');
    expect(out[0]?.field).toBe('memory');
    expect(out[0]?.text).toContain('Not allowed by class generic: requested VM memory (512Mi)');
    expect(check(10, '50%', 'lots')[0]).toEqual({
      field: 'memory',
      text: 'Enter a size such as 1Gi or 512Mi.',
    });
  });

  it('hints what is allowed next to the fields', () => {
    const h = sizingHints(10, GENERIC);
    expect(h.cores && translate('en', h.cores.key, h.cores.values)).toBe('Allowed: 1–4, 5–8, 9–16');
    expect(h.coreFraction && translate('ru', h.coreFraction.key, h.coreFraction.values)).toBe(
      'Допустимо: 50%, 100%',
    );
    expect(h.memory && translate('en', h.memory.key, h.memory.values)).toBe(
      'Allowed: 1Gi – 8Gi, step 1Gi',
    );
  });

  it('validates the whole form: name, boot disks, cloud-init size', () => {
    const t = (k: Parameters<typeof translate>[1], v?: Parameters<typeof translate>[2]) =>
      translate('en', k, v);
    const errors = validateVmValues(
      { ...filled(), name: 'Bad_Name', bootDisks: [], cloudInit: 'x'.repeat(2049) },
      { t, policiesFor: () => GENERIC },
    );
    expect(errors.name).toMatch(/^Invalid name: a lowercase RFC 1123/);
    expect(errors.bootDisks).toBe('Add at least one boot disk.');
    expect(errors.cloudInit).toBe(
      'The script is 2049 bytes; inline cloud-init is limited to 2048 bytes.',
    );
    expect(validateVmValues(filled(), { t, policiesFor: () => GENERIC })).toEqual({});
  });
});
