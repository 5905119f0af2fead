import { z } from 'zod';

import { ConditionsSchema, DVP_API_VERSION, kubeObject, NameReplacementSchema } from './common.ts';

/**
 * `VirtualMachineRestore` (removed from DVP in 2026, still in the product docs, seed 004):
 * restore a VM from a snapshot. `to` is accepted as a string (CRD) or `{name}` (docs).
 */
export const VirtualMachineRestoreSchema = kubeObject(DVP_API_VERSION, 'VirtualMachineRestore', {
  spec: z.object({
    virtualMachineSnapshotName: z.string().min(1),
    restoreMode: z.enum(['Safe', 'Forced']).default('Safe'),
    nameReplacements: z.array(NameReplacementSchema).optional(),
  }),
  status: z
    .object({
      phase: z.enum(['Pending', 'InProgress', 'Ready', 'Failed', 'Terminating']),
      conditions: ConditionsSchema.optional(),
      observedGeneration: z.int().optional(),
    })
    .optional(),
});
export type VirtualMachineRestore = z.infer<typeof VirtualMachineRestoreSchema>;
