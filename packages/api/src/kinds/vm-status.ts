import { z } from 'zod';

import { QuantitySchema } from '../meta.ts';
import { patternString } from '../validation/patterns.ts';
import { ConditionsSchema, NullableStringSchema } from './common.ts';

/** `status.phase` of a VirtualMachine. */
export const VM_PHASES = [
  'Pending',
  'Running',
  'Degraded',
  'Terminating',
  'Stopped',
  'Stopping',
  'Starting',
  'Migrating',
  'Pause',
] as const;
export type VirtualMachinePhase = (typeof VM_PHASES)[number];

const nodePod = z.object({ node: z.string().optional(), pod: z.string().optional() });

/** `VirtualMachine.status`, as written by the controller. */
export const VirtualMachineStatusSchema = z.object({
  // KubeVirt guest agent data; the CRD preserves whatever the agent reports.
  guestOSInfo: z.record(z.string(), z.unknown()).optional(),
  phase: z.enum(VM_PHASES).optional(),
  nodeName: z.string().optional(),
  virtualMachineIPAddressName: z.string().optional(),
  ipAddress: z.string().optional(),
  blockDeviceRefs: z
    .array(
      z.object({
        kind: z.enum(['ClusterVirtualImage', 'VirtualImage', 'VirtualDisk']),
        name: z.string(),
        size: z.string(),
        attached: z.boolean(),
        hotplugged: z.boolean().optional(),
        target: z.string().optional(),
        virtualMachineBlockDeviceAttachmentName: z.string().optional(),
        bootOrder: z.int().optional(),
      }),
    )
    .optional(),
  migrationState: z
    .object({
      startTimestamp: NullableStringSchema.optional(),
      endTimestamp: NullableStringSchema.optional(),
      target: nodePod.optional(),
      source: nodePod.optional(),
      result: z.enum(['', 'Succeeded', 'Failed']).optional(),
    })
    .optional(),
  stats: z
    .object({
      phasesTransitions: z
        .array(
          z.object({
            phase: z.enum(VM_PHASES).optional(),
            timestamp: NullableStringSchema.optional(),
          }),
        )
        .optional(),
      launchTimeDuration: z
        .object({
          waitingForDependencies: NullableStringSchema.optional(),
          virtualMachineStarting: NullableStringSchema.optional(),
          guestOSAgentStarting: NullableStringSchema.optional(),
        })
        .optional(),
      lastStartTime: NullableStringSchema.optional(),
    })
    .optional(),
  conditions: ConditionsSchema.optional(),
  // Untyped in the CRD: {operation, path, currentValue, desiredValue} (dvp-api.md §4.2).
  restartAwaitingChanges: z.array(z.record(z.string(), z.unknown())).optional(),
  observedGeneration: z.int().optional(),
  recommendedResources: z
    .object({
      cpu: z.object({ coreFraction: patternString('^(100|[1-9][0-9]?)%$').optional() }).optional(),
    })
    .optional(),
  virtualMachinePods: z.array(z.object({ name: z.string(), active: z.boolean() })).optional(),
  versions: z.object({ libvirt: z.string().optional(), qemu: z.string().optional() }).optional(),
  resources: z
    .object({
      cpu: z
        .object({
          cores: z.int(),
          coreFraction: z.string().optional(),
          requestedCores: QuantitySchema.optional(),
          runtimeOverhead: QuantitySchema.optional(),
          topology: z.object({ sockets: z.int(), coresPerSocket: z.int() }).optional(),
        })
        .optional(),
      memory: z
        .object({ size: QuantitySchema, runtimeOverhead: QuantitySchema.optional() })
        .optional(),
    })
    .optional(),
  usbDevices: z
    .array(
      z.object({
        name: z.string(),
        attached: z.boolean(),
        ready: z.boolean(),
        address: z.object({ bus: z.int().optional(), port: z.int().optional() }).optional(),
        hotplugged: z.boolean().optional(),
      }),
    )
    .optional(),
  networks: z
    .array(
      z.object({
        type: z.string(),
        id: z.int().optional(),
        name: z.string().optional(),
        macAddress: z.string().optional(),
        virtualMachineMACAddressName: z.string().optional(),
        ipAddress: z.string().optional(),
      }),
    )
    .optional(),
});
export type VirtualMachineStatus = z.infer<typeof VirtualMachineStatusSchema>;
