import { z } from 'zod';

import { ConditionsSchema, DVP_API_VERSION, kubeObject } from './common.ts';

/** `VirtualMachineBlockDeviceAttachment` (VMBDA): hot-plug a disk or image into a VM. */
export const VirtualMachineBlockDeviceAttachmentSchema = kubeObject(
  DVP_API_VERSION,
  'VirtualMachineBlockDeviceAttachment',
  {
    spec: z.object({
      blockDeviceRef: z.object({
        kind: z.enum(['VirtualDisk', 'VirtualImage', 'ClusterVirtualImage']).optional(),
        name: z.string().min(1).optional(),
      }),
      virtualMachineName: z.string().min(1),
    }),
    status: z
      .object({
        conditions: ConditionsSchema.optional(),
        observedGeneration: z.int().optional(),
        phase: z.enum(['Pending', 'InProgress', 'Attached', 'Failed', 'Terminating']).optional(),
        virtualMachineName: z.string().optional(),
      })
      .optional(),
  },
);
export type VirtualMachineBlockDeviceAttachment = z.infer<
  typeof VirtualMachineBlockDeviceAttachmentSchema
>;
