import { z } from 'zod';

import { QuantitySchema } from '../meta.ts';
import { kubeObject } from './common.ts';

const storageClassChoice = z.looseObject({
  defaultStorageClassName: z.string().optional(),
  allowedStorageClassSelector: z.object({ matchNames: z.array(z.string()).optional() }).optional(),
  // The older admin guide (seed 002) writes a flat list instead of the selector.
  allowedStorageClassNames: z.array(z.string()).optional(),
});

/**
 * `spec.settings` of `ModuleConfig/virtualization` (the module's `openapi/config-values.yaml`,
 * dvp-api.md §16). Loose: Deckhouse validates settings itself and we only check what we model.
 */
export const VirtualizationModuleSettingsSchema = z.looseObject({
  dvcr: z.looseObject({
    storage: z.looseObject({
      type: z.enum(['PersistentVolumeClaim']),
      persistentVolumeClaim: z
        .looseObject({ size: QuantitySchema, storageClassName: z.string().optional() })
        .optional(),
    }),
    gc: z.looseObject({ schedule: z.string().optional() }).optional(),
  }),
  virtualMachineCIDRs: z.array(z.string()).min(1).optional(),
  virtualImages: storageClassChoice.extend({ storageClassName: z.string().optional() }).optional(),
  virtualDisks: storageClassChoice.optional(),
  audit: z.looseObject({ enabled: z.boolean().optional() }).optional(),
  liveMigration: z
    .looseObject({
      network: z
        .looseObject({
          type: z.enum(['SystemNetwork']).optional(),
          systemNetwork: z.looseObject({ name: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
  ingressClass: z.string().optional(),
  gatewayAPIGateway: z
    .looseObject({ name: z.string().optional(), namespace: z.string().optional() })
    .optional(),
  https: z
    .looseObject({
      mode: z.enum(['Disabled', 'CertManager', 'CustomCertificate', 'OnlyInURI']).optional(),
      certManager: z.looseObject({ clusterIssuerName: z.string().optional() }).optional(),
      customCertificate: z.looseObject({ secretName: z.string().optional() }).optional(),
    })
    .optional(),
  highAvailability: z.boolean().optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  logFormat: z.enum(['text', 'json']).optional(),
  featureGates: z
    .array(
      z.enum([
        'HotplugCPUWithLiveMigration',
        'HotplugMemoryWithLiveMigration',
        'HotplugCPUAndMemoryWithInPlaceResize',
        'GPU',
      ]),
    )
    .optional(),
});
export type VirtualizationModuleSettings = z.infer<typeof VirtualizationModuleSettingsSchema>;

/** The module whose settings this package types. */
export const VIRTUALIZATION_MODULE = 'virtualization';

/**
 * `ModuleConfig` (deckhouse.io/v1alpha1, cluster-scoped). `settings` are stored as sent; for
 * `ModuleConfig/virtualization` they are also checked against
 * {@link VirtualizationModuleSettingsSchema}.
 */
export const ModuleConfigSchema = kubeObject('deckhouse.io/v1alpha1', 'ModuleConfig', {
  spec: z
    .object({
      enabled: z.boolean().optional(),
      version: z.int().optional(),
      settings: z.record(z.string(), z.unknown()).optional(),
      source: z.string().optional(),
      updatePolicy: z.string().optional(),
      maintenance: z.string().optional(),
    })
    .optional(),
  status: z
    .looseObject({ message: z.string().optional(), version: z.string().optional() })
    .optional(),
}).superRefine((mc, ctx) => {
  if (mc.metadata.name !== VIRTUALIZATION_MODULE || mc.spec?.settings === undefined) return;
  const result = VirtualizationModuleSettingsSchema.safeParse(mc.spec.settings);
  for (const issue of result.error?.issues ?? []) {
    ctx.addIssue({ ...issue, path: ['spec', 'settings', ...issue.path] });
  }
});
export type ModuleConfig = z.infer<typeof ModuleConfigSchema>;
