import { describe, expect, it } from 'vitest';

import { cel, dvpCauses, dvpParse } from './test-helpers.testdata.ts';

const HTTP = { type: 'HTTP', http: { url: 'https://example.com/img.qcow2' } };
const REGISTRY = {
  type: 'ContainerImage',
  containerImage: { image: 'registry.example.com/os/ubuntu:22.04' },
};

describe('dataSource CEL rules (VI, CVI, VD)', () => {
  it.each([
    [{ type: 'HTTP' }, 'HTTP requires http and cannot have ContainerImage, ObjectRef or Upload.'],
    [
      { ...REGISTRY, http: HTTP.http },
      'ContainerImage requires containerImage and cannot have HTTP, ObjectRef or Upload.',
    ],
    [
      { type: 'ObjectRef', upload: {} },
      'ObjectRef requires objectRef and cannot have HTTP, ContainerImage or Upload.',
    ],
    [{ type: 'Upload', http: HTTP.http }, 'Upload cannot have HTTP, ContainerImage or ObjectRef.'],
  ])('VirtualImage rejects %j', (dataSource, message) => {
    expect(
      dvpCauses('VirtualImage', { spec: { storage: 'ContainerRegistry', dataSource } }),
    ).toEqual([cel('spec.dataSource', message)]);
  });

  it('accepts Upload without an upload block and applies the storage default', () => {
    expect(dvpParse('VirtualImage', { spec: { dataSource: { type: 'Upload' } } })).toMatchObject({
      spec: { storage: 'ContainerRegistry', dataSource: { type: 'Upload' } },
    });
  });

  it('accepts both the deprecated Kubernetes storage and PersistentVolumeClaim', () => {
    for (const storage of ['Kubernetes', 'PersistentVolumeClaim']) {
      expect(dvpParse('VirtualImage', { spec: { storage, dataSource: HTTP } })).toMatchObject({
        spec: { storage },
      });
    }
  });

  it('checks the URL, image reference and checksum patterns', () => {
    const causes = dvpCauses('ClusterVirtualImage', {
      spec: { dataSource: { type: 'HTTP', http: { url: 'ftp://x', checksum: { md5: 'abc' } } } },
    });
    expect(causes.map((c) => [c.field, c.reason])).toEqual([
      ['spec.dataSource.http.url', 'FieldValueInvalid'],
      ['spec.dataSource.http.checksum.md5', 'FieldValueInvalid'],
      ['spec.dataSource.http.checksum.md5', 'FieldValueInvalid'],
    ]);
    expect(causes[1]?.message).toBe(
      'Invalid value: "abc": spec.dataSource.http.checksum.md5 in body should match \'^[0-9a-fA-F]{32}$\'',
    );
    expect(causes[2]?.message).toBe(
      'Invalid value: "abc": spec.dataSource.http.checksum.md5 in body should be at least 32 chars long',
    );
    expect(
      dvpCauses('VirtualImage', {
        spec: {
          dataSource: { type: 'ContainerImage', containerImage: { image: 'docker.io/<user>/x' } },
        },
      }),
    ).toEqual([expect.objectContaining({ field: 'spec.dataSource.containerImage.image' })]);
    expect(dvpParse('VirtualImage', { spec: { dataSource: REGISTRY } })).toBeDefined();
  });

  it('requires a namespace for namespaced objectRef kinds of a CVI', () => {
    const ref = (objectRef: Record<string, unknown>) => ({
      spec: { dataSource: { type: 'ObjectRef', objectRef } },
    });
    expect(dvpCauses('ClusterVirtualImage', ref({ kind: 'VirtualDisk', name: 'root' }))).toEqual([
      cel(
        'spec.dataSource.objectRef',
        'The namespace is required for VirtualDisk, VirtualImage and VirtualDiskSnapshot',
      ),
      cel('spec.dataSource.objectRef', 'The namespace must be no longer than 63 characters.'),
    ]);
    expect(
      dvpCauses(
        'ClusterVirtualImage',
        ref({ kind: 'VirtualImage', name: 'i', namespace: 'n'.repeat(64) }),
      ),
    ).toEqual([
      cel('spec.dataSource.objectRef', 'The namespace must be no longer than 63 characters.'),
    ]);
    expect(
      dvpParse('ClusterVirtualImage', ref({ kind: 'ClusterVirtualImage', name: 'c' })),
    ).toBeDefined();
  });

  it('limits VirtualDisk objectRef kinds and requires a type', () => {
    expect(
      dvpCauses('VirtualDisk', {
        spec: { dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualDisk', name: 'd' } } },
      }),
    ).toEqual([
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.dataSource.objectRef.kind',
        message:
          'Unsupported value: "VirtualDisk": supported values: "ClusterVirtualImage", "VirtualImage", "VirtualDiskSnapshot"',
      },
    ]);
    expect(dvpCauses('VirtualDisk', { spec: { dataSource: { http: HTTP.http } } })).toEqual([
      { reason: 'FieldValueRequired', field: 'spec.dataSource.type', message: 'Required value' },
    ]);
  });

  it('accepts a blank disk with an integer or string size', () => {
    expect(
      dvpParse('VirtualDisk', { spec: { persistentVolumeClaim: { size: '10Gi' } } }),
    ).toBeDefined();
    expect(
      dvpParse('VirtualDisk', { spec: { persistentVolumeClaim: { size: 1073741824 } } }),
    ).toBeDefined();
  });
});
