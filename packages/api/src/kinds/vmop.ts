import { z } from 'zod';

import { StringMapSchema } from '../meta.ts';
import { celIssue } from '../validation/issues.ts';
import { CloneSpecSchema, OPERATION_MODES } from './clone.ts';
import {
  ConditionsSchema,
  DVP_API_VERSION,
  kubeObject,
  OperationResourceSchema,
} from './common.ts';

/** `VirtualMachineOperation.spec.type` values (CRD and product docs agree). */
export const VMOP_TYPES = [
  'Restart',
  'Start',
  'Stop',
  'Migrate',
  'Evict',
  'Restore',
  'Clone',
] as const;
export type VirtualMachineOperationType = (typeof VMOP_TYPES)[number];

/** `status.phase` of a VirtualMachineOperation. */
export const VMOP_PHASES = [
  'Pending',
  'InProgress',
  'Completed',
  'Failed',
  'Terminating',
  'Superseded',
] as const;

/** `VirtualMachineOperation.spec` with its CEL rules (the immutability rule is a transition rule). */
export const VirtualMachineOperationSpecSchema = z
  .object({
    type: z.enum(VMOP_TYPES),
    virtualMachineName: z.string().min(1),
    force: z.boolean().optional(),
    migrate: z.object({ nodeSelector: StringMapSchema.optional() }).optional(),
    restore: z
      .object({ mode: z.enum(OPERATION_MODES), virtualMachineSnapshotName: z.string().min(1) })
      .optional(),
    clone: CloneSpecSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    if (spec.type === 'Start' && spec.force === true) {
      celIssue(ctx, 'The `Start` operation cannot be performed forcibly.');
    }
    if (spec.type === 'Restore' && spec.restore === undefined) {
      celIssue(ctx, 'Restore requires restore field.');
    }
    if (spec.type === 'Clone' && spec.clone === undefined) {
      celIssue(ctx, 'Clone requires clone field.');
    }
    if (spec.migrate !== undefined && spec.type !== 'Migrate') {
      celIssue(ctx, "spec.migrate can only be set when spec.type is 'Migrate'");
    }
  });
export type VirtualMachineOperationSpec = z.infer<typeof VirtualMachineOperationSpecSchema>;

/** `VirtualMachineOperation` (VMOP): power actions, migration, restore and clone. */
export const VirtualMachineOperationSchema = kubeObject(
  DVP_API_VERSION,
  'VirtualMachineOperation',
  {
    spec: VirtualMachineOperationSpecSchema,
    status: z
      .object({
        phase: z.enum(VMOP_PHASES),
        conditions: ConditionsSchema.optional(),
        observedGeneration: z.int().optional(),
        progress: z.string().optional(),
        resources: z.array(OperationResourceSchema).optional(),
      })
      .optional(),
  },
);
export type VirtualMachineOperation = z.infer<typeof VirtualMachineOperationSchema>;
