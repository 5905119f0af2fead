import { z } from 'zod';

import { QuantitySchema } from '../meta.ts';
import {
  ConditionsSchema,
  DownloadSpeedSchema,
  DVP_API_VERSION,
  ImageUploadURLsSchema,
  kubeObject,
  NullableStringSchema,
  VirtualDiskDataSourceSchema,
} from './common.ts';

/** `status.phase` of a VirtualDisk. */
export const VD_PHASES = [
  'Pending',
  'Provisioning',
  'WaitForUserUpload',
  'WaitForFirstConsumer',
  'Ready',
  'Resizing',
  'Failed',
  'PVCLost',
  'Exporting',
  'Terminating',
  'Migrating',
] as const;

/** `VirtualDisk.spec`, also the `spec` of pool disk templates. */
export const VirtualDiskSpecSchema = z.object({
  dataSource: VirtualDiskDataSourceSchema.optional(),
  persistentVolumeClaim: z
    .object({ size: QuantitySchema.optional(), storageClassName: z.string().optional() })
    .optional(),
});
export type VirtualDiskSpec = z.infer<typeof VirtualDiskSpecSchema>;

/** `VirtualDisk.status`. */
export const VirtualDiskStatusSchema = z.object({
  attachedToVirtualMachines: z
    .array(z.object({ name: z.string().optional(), mounted: z.boolean().optional() }))
    .optional(),
  capacity: z.string().optional(),
  conditions: ConditionsSchema.optional(),
  downloadSpeed: DownloadSpeedSchema.optional(),
  imageUploadURLs: ImageUploadURLsSchema.optional(),
  migrationState: z
    .object({
      sourcePVC: z.string().optional(),
      targetPVC: z.string().optional(),
      startTimestamp: z.string().optional(),
      endTimestamp: z.string().optional(),
      result: z.enum(['Succeeded', 'Failed']).optional(),
      message: z.string().optional(),
    })
    .optional(),
  observedGeneration: z.int().optional(),
  phase: z.enum(VD_PHASES).optional(),
  progress: z.string().optional(),
  sourceUID: z.string().optional(),
  stats: z
    .object({
      creationDuration: z
        .object({
          dvcrProvisioning: NullableStringSchema.optional(),
          totalProvisioning: NullableStringSchema.optional(),
          waitingForDependencies: NullableStringSchema.optional(),
          waitingForFirstConsumer: NullableStringSchema.optional(),
        })
        .optional(),
    })
    .optional(),
  storageClassName: z.string().optional(),
  target: z.object({ persistentVolumeClaimName: z.string().optional() }).optional(),
  uploadCommand: z.string().optional(),
});

/** `VirtualDisk` (namespaced). */
export const VirtualDiskSchema = kubeObject(DVP_API_VERSION, 'VirtualDisk', {
  spec: VirtualDiskSpecSchema,
  status: VirtualDiskStatusSchema.optional(),
});
export type VirtualDisk = z.infer<typeof VirtualDiskSchema>;
