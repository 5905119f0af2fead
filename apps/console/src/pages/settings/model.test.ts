import { describe, expect, it } from 'vitest';
import {
  addressesInUse,
  causeField,
  specPatch,
  validate,
  valuesOf,
  type SettingsValues,
} from './model.ts';

const SPEC = {
  enabled: true,
  version: 1,
  settings: {
    dvcr: {
      storage: {
        type: 'PersistentVolumeClaim',
        persistentVolumeClaim: { size: '50G', storageClassName: 'sandbox-shared' },
      },
      gc: { schedule: '0 2 * * *' },
    },
    virtualMachineCIDRs: ['10.66.10.0/24', '10.66.20.0/24'],
    virtualImages: { defaultStorageClassName: 'sandbox-shared' },
    virtualDisks: { allowedStorageClassNames: ['a', 'b'], defaultStorageClassName: 'a' },
    logLevel: 'info',
  },
};

const edit = (patch: Partial<SettingsValues>): SettingsValues => ({ ...valuesOf(SPEC), ...patch });

describe('module settings form', () => {
  it('reads the form from the spec (both ways of listing allowed classes)', () => {
    expect(valuesOf(SPEC)).toEqual({
      enabled: true,
      dvcrType: 'PersistentVolumeClaim',
      dvcrSize: '50G',
      dvcrStorageClass: 'sandbox-shared',
      cidrs: [{ value: '10.66.10.0/24' }, { value: '10.66.20.0/24' }],
      imagesDefault: 'sandbox-shared',
      imagesAllowed: [],
      disksDefault: 'a',
      disksAllowed: ['a', 'b'],
      audit: false,
    });
    expect(
      valuesOf({
        settings: { virtualImages: { allowedStorageClassSelector: { matchNames: ['x'] } } },
      }).imagesAllowed,
    ).toEqual(['x']);
  });

  it('patches only what changed and keeps settings the form does not show', () => {
    expect(specPatch(SPEC, valuesOf(SPEC))).toBeUndefined();
    expect(
      specPatch(SPEC, edit({ cidrs: [{ value: '10.66.10.0/24' }, { value: '10.77.0.0/16' }] })),
    ).toEqual({ settings: { virtualMachineCIDRs: ['10.66.10.0/24', '10.77.0.0/16'] } });
    expect(specPatch(SPEC, edit({ imagesAllowed: ['sandbox-shared', 'local-path'] }))).toEqual({
      settings: {
        virtualImages: {
          allowedStorageClassSelector: { matchNames: ['sandbox-shared', 'local-path'] },
        },
      },
    });
    // The older flat list stays the key it was; emptying it removes it.
    expect(specPatch(SPEC, edit({ disksAllowed: [] }))).toEqual({
      settings: { virtualDisks: { allowedStorageClassNames: null } },
    });
    expect(specPatch(SPEC, edit({ enabled: false, dvcrSize: '60G', audit: true }))).toEqual({
      enabled: false,
      settings: {
        dvcr: { storage: { persistentVolumeClaim: { size: '60G' } } },
        audit: { enabled: true },
      },
    });
    expect(specPatch({ settings: {} }, valuesOf({ settings: {} }))).toEqual({
      settings: { dvcr: { storage: { type: 'PersistentVolumeClaim' } } },
    });
  });

  it('checks CIDRs as the module webhook does: valid, non-overlapping, not cleared', () => {
    const issues = validate(
      edit({
        cidrs: [
          { value: '10.66.10.0/24' },
          { value: '10.66.10.128/25' },
          { value: '10.300.0.0/16' },
          { value: '' },
        ],
      }),
      true,
    );
    expect(issues).toEqual([
      { field: 'cidrs.2.value', code: 'cidrInvalid', detail: expect.any(String) as string },
      { field: 'cidrs.3.value', code: 'required' },
      { field: 'cidrs.1.value', code: 'cidrOverlap', detail: '10.66.10.0/24' },
    ]);
    expect(validate(edit({ cidrs: [] }), true)).toEqual([
      { field: 'cidrs', code: 'cidrsRequired' },
    ]);
    expect(validate(edit({ cidrs: [] }), false)).toEqual([]);
    expect(validate(edit({ dvcrSize: 'lots' }), true)).toEqual([
      { field: 'dvcrSize', code: 'quantity' },
    ]);
    expect(validate(edit({ disksDefault: 'c' }), true)).toEqual([
      { field: 'disksDefault', code: 'defaultNotAllowed' },
    ]);
  });

  it('counts leased addresses per CIDR', () => {
    const used = addressesInUse(
      ['10.66.10.0/24', '10.66.20.0/24', 'bad'],
      ['ip-10-66-10-2', 'ip-10-66-10-3', 'ip-10-66-30-1', 'other'],
    );
    expect([...used]).toEqual([
      ['10.66.10.0/24', 2],
      ['10.66.20.0/24', 0],
      ['bad', 0],
    ]);
  });

  it('maps server causes to fields', () => {
    expect(causeField('spec.settings.virtualMachineCIDRs[1]', 2)).toBe('cidrs.1.value');
    expect(causeField('spec.settings.virtualMachineCIDRs[5]', 2)).toBe('cidrs');
    expect(causeField('spec.settings.virtualMachineCIDRs', 2)).toBe('cidrs');
    expect(causeField('spec.settings.dvcr.storage.persistentVolumeClaim.size', 2)).toBe('dvcrSize');
    expect(causeField('spec.settings.virtualDisks.defaultStorageClassName', 2)).toBe(
      'disksDefault',
    );
    expect(causeField('metadata.name', 2)).toBeUndefined();
  });
});
