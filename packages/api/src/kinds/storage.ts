import { z } from 'zod';

import { LabelSelectorSchema, QuantitySchema, StringMapSchema } from '../meta.ts';
import { kubeObject } from './common.ts';

const typedLocalObjectReference = z.object({
  apiGroup: z.string().optional(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
});

/** `PersistentVolumeClaim` (v1): the volume behind a VirtualDisk or a PVC-backed image. */
export const PersistentVolumeClaimSchema = kubeObject('v1', 'PersistentVolumeClaim', {
  spec: z
    .looseObject({
      accessModes: z.array(z.string()).optional(),
      resources: z
        .object({
          requests: z.record(z.string(), QuantitySchema).optional(),
          limits: z.record(z.string(), QuantitySchema).optional(),
        })
        .optional(),
      storageClassName: z.string().optional(),
      volumeMode: z.enum(['Block', 'Filesystem']).optional(),
      volumeName: z.string().optional(),
      selector: LabelSelectorSchema.optional(),
      dataSource: typedLocalObjectReference.optional(),
      dataSourceRef: typedLocalObjectReference.optional(),
    })
    .optional(),
  status: z
    .looseObject({
      phase: z.enum(['Pending', 'Bound', 'Lost']).optional(),
      accessModes: z.array(z.string()).optional(),
      capacity: z.record(z.string(), QuantitySchema).optional(),
    })
    .optional(),
});
export type PersistentVolumeClaim = z.infer<typeof PersistentVolumeClaimSchema>;

/** `StorageClass` (storage.k8s.io/v1). */
export const StorageClassSchema = kubeObject('storage.k8s.io/v1', 'StorageClass', {
  provisioner: z.string(),
  parameters: StringMapSchema.optional(),
  reclaimPolicy: z.enum(['Delete', 'Retain', 'Recycle']).optional(),
  volumeBindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']).optional(),
  allowVolumeExpansion: z.boolean().optional(),
  mountOptions: z.array(z.string()).optional(),
  allowedTopologies: z.array(z.looseObject({})).optional(),
});
export type StorageClass = z.infer<typeof StorageClassSchema>;

/** `VolumeSnapshotClass` (snapshot.storage.k8s.io/v1), used by disk snapshots. */
export const VolumeSnapshotClassSchema = kubeObject(
  'snapshot.storage.k8s.io/v1',
  'VolumeSnapshotClass',
  {
    driver: z.string(),
    deletionPolicy: z.enum(['Delete', 'Retain']),
    parameters: StringMapSchema.optional(),
  },
);
export type VolumeSnapshotClass = z.infer<typeof VolumeSnapshotClassSchema>;
