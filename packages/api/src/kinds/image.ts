import { z } from 'zod';

import {
  ClusterVirtualImageDataSourceSchema,
  ConditionsSchema,
  DownloadSpeedSchema,
  DVP_API_VERSION,
  ImageSizeSchema,
  ImageUploadURLsSchema,
  kubeObject,
  VirtualImageDataSourceSchema,
} from './common.ts';

/** `status.phase` of a ClusterVirtualImage. */
export const CVI_PHASES = [
  'Pending',
  'Provisioning',
  'WaitForUserUpload',
  'Ready',
  'Failed',
  'Terminating',
  'ImageLost',
] as const;

/** `status.phase` of a VirtualImage (adds `PVCLost`). */
export const VI_PHASES = [...CVI_PHASES, 'PVCLost'] as const;

/** Status fields shared by VI and CVI. */
const imageStatusShape = {
  cdrom: z.boolean().optional(),
  conditions: ConditionsSchema.optional(),
  downloadSpeed: DownloadSpeedSchema.optional(),
  format: z.string().optional(),
  imageUploadURLs: ImageUploadURLsSchema.optional(),
  observedGeneration: z.int().optional(),
  progress: z.string().optional(),
  size: ImageSizeSchema.optional(),
  sourceUID: z.string().optional(),
  uploadCommand: z.string().optional(),
};

/**
 * `VirtualImage.spec.storage`. `Kubernetes` is the deprecated alias of `PersistentVolumeClaim`
 * still shown in older docs (dvp-api.md §19).
 */
export const IMAGE_STORAGE_TYPES = [
  'ContainerRegistry',
  'Kubernetes',
  'PersistentVolumeClaim',
] as const;

/** `VirtualImage` (namespaced). */
export const VirtualImageSchema = kubeObject(DVP_API_VERSION, 'VirtualImage', {
  spec: z.object({
    dataSource: VirtualImageDataSourceSchema,
    persistentVolumeClaim: z.object({ storageClassName: z.string().optional() }).optional(),
    storage: z.enum(IMAGE_STORAGE_TYPES).default('ContainerRegistry'),
  }),
  status: z
    .object({
      ...imageStatusShape,
      phase: z.enum(VI_PHASES).optional(),
      storageClassName: z.string().optional(),
      target: z
        .object({
          persistentVolumeClaimName: z.string().optional(),
          registryURL: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type VirtualImage = z.infer<typeof VirtualImageSchema>;

/** `ClusterVirtualImage` (cluster-scoped, always stored in DVCR). */
export const ClusterVirtualImageSchema = kubeObject(DVP_API_VERSION, 'ClusterVirtualImage', {
  spec: z.object({ dataSource: ClusterVirtualImageDataSourceSchema }),
  status: z
    .object({
      ...imageStatusShape,
      phase: z.enum(CVI_PHASES).optional(),
      target: z.object({ registryURL: z.string().optional() }).optional(),
      usedInNamespaces: z.array(z.string()).optional(),
    })
    .optional(),
});
export type ClusterVirtualImage = z.infer<typeof ClusterVirtualImageSchema>;
