import { describe, expect, it } from 'vitest';

import { validateObject } from '../schemas.ts';
import { SECRET_TYPES } from './core.ts';

const mc = (settings: Record<string, unknown>, name = 'virtualization') => ({
  apiVersion: 'deckhouse.io/v1alpha1',
  kind: 'ModuleConfig',
  metadata: { name },
  spec: { enabled: true, version: 1, settings },
});

describe('core and Deckhouse kinds', () => {
  it('checks ModuleConfig/virtualization settings but stores them as sent', () => {
    const settings = {
      dvcr: { storage: { type: 'PersistentVolumeClaim', persistentVolumeClaim: { size: '50G' } } },
      virtualImages: { allowedStorageClassNames: ['sc-1'], defaultStorageClassName: 'sc-1' },
      somethingNew: { kept: true },
    };
    const ok = validateObject('deckhouse.io', 'ModuleConfig', 'v1alpha1', mc(settings));
    expect(ok).toEqual({
      ok: true,
      object: expect.objectContaining({
        spec: expect.objectContaining({ settings }) as unknown,
      }) as unknown,
    });

    const bad = validateObject(
      'deckhouse.io',
      'ModuleConfig',
      'v1alpha1',
      mc({ logLevel: 'trace' }),
    );
    expect(bad).toEqual({
      ok: false,
      causes: [
        { reason: 'FieldValueRequired', field: 'spec.settings.dvcr', message: 'Required value' },
        {
          reason: 'FieldValueNotSupported',
          field: 'spec.settings.logLevel',
          message: 'Unsupported value: "trace": supported values: "debug", "info", "warn", "error"',
        },
      ],
    });
    // Other modules' settings are not ours to check.
    expect(
      validateObject('deckhouse.io', 'ModuleConfig', 'v1alpha1', mc({ logLevel: 'trace' }, 'sdn')),
    ).toMatchObject({ ok: true });
  });

  it('accepts the DVP provisioning Secret types and any other type', () => {
    expect(SECRET_TYPES).toContain('provisioning.virtualization.deckhouse.io/cloud-init');
    expect(SECRET_TYPES).toContain('provisioning.virtualization.deckhouse.io/sysprep');
    for (const type of ['provisioning.virtualization.deckhouse.io/sysprep', 'example.com/custom']) {
      const r = validateObject('', 'Secret', 'v1', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        type,
        stringData: { 'unattend.xml': '<xml/>' },
      });
      expect(r).toMatchObject({ ok: true, object: { type } });
    }
  });

  it('keeps unmodelled Service spec fields and checks the typed ones', () => {
    const svc = (ports: unknown) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'ClusterIP', clusterIP: 'None', ports, ipFamilyPolicy: 'SingleStack' },
    });
    expect(validateObject('', 'Service', 'v1', svc([{ port: 80 }]))).toMatchObject({
      ok: true,
      object: { spec: { ipFamilyPolicy: 'SingleStack' } },
    });
    expect(validateObject('', 'Service', 'v1', svc([{ port: 80, protocol: 'HTTP' }]))).toEqual({
      ok: false,
      causes: [
        {
          reason: 'FieldValueNotSupported',
          field: 'spec.ports[0].protocol',
          message: 'Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"',
        },
      ],
    });
  });

  it('requires roleRef on bindings', () => {
    const r = validateObject('rbac.authorization.k8s.io', 'RoleBinding', 'v1', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'demo' },
      subjects: [{ kind: 'User', name: 'alice' }],
    });
    expect(r).toEqual({
      ok: false,
      causes: [{ reason: 'FieldValueRequired', field: 'roleRef', message: 'Required value' }],
    });
  });
});
