import { z } from 'zod';

import { StringMapSchema, TopologySpreadConstraintFullSchema } from '../meta.ts';
import { celIssue } from '../validation/issues.ts';
import { patternString } from '../validation/patterns.ts';
import { ConditionsSchema, DVP_API_VERSION, kubeObject } from './common.ts';
import { VirtualDiskSpecSchema } from './disk.ts';
import { BLOCK_DEVICE_KINDS, checkLegacyOsType, virtualMachineSpecShape } from './vm.ts';

const secretRef = z.object({ kind: z.enum(['Secret']).default('Secret'), name: z.string() });

/**
 * The pool's VM template spec. It differs from `VirtualMachine.spec` where the pool CRD does:
 * `liveMigrationPolicy` is required (no default) and allows `Manual`/`Never`, provisioning uses CEL
 * rules instead of `oneOf`, and names carry no `minLength`.
 */
export const PoolVirtualMachineSpecSchema = z
  .object({
    ...virtualMachineSpecShape,
    virtualMachineClassName: z.string(),
    virtualMachineIPAddressName: z.string().optional(),
    priorityClassName: z.string().optional(),
    topologySpreadConstraints: z.array(TopologySpreadConstraintFullSchema).optional(),
    liveMigrationPolicy: z.enum([
      'Manual',
      'Never',
      'AlwaysSafe',
      'PreferSafe',
      'AlwaysForced',
      'PreferForced',
    ]),
    blockDeviceRefs: z
      .array(
        z.object({
          kind: z.enum(BLOCK_DEVICE_KINDS),
          name: z.string(),
          bootOrder: z.int().min(1).optional(),
        }),
      )
      .min(1)
      .max(16),
    networks: z
      .array(
        z.object({
          type: z.string(),
          id: z.int().optional(),
          name: z.string().optional(),
          virtualMachineMACAddressName: z.string().optional(),
          ipAddressName: z.string().optional(),
        }),
      )
      .optional(),
    usbDevices: z
      .array(z.object({ name: z.string() }))
      .max(8)
      .optional(),
    provisioning: z
      .object({
        type: z.string(),
        userData: z.string().optional(),
        userDataRef: secretRef.optional(),
        sysprepRef: secretRef.optional(),
      })
      .superRefine((p, ctx) => {
        const only = (f: 'userData' | 'userDataRef' | 'sysprepRef') =>
          (['userData', 'userDataRef', 'sysprepRef'] as const).every((k) =>
            k === f ? p[k] !== undefined : p[k] === undefined,
          );
        if (p.type === 'UserData' && !only('userData')) {
          celIssue(ctx, 'UserData cannot have userDataRef or sysprepRef.');
        }
        if (p.type === 'UserDataRef' && !only('userDataRef')) {
          celIssue(ctx, 'UserDataRef cannot have userData or sysprepRef.');
        }
        if (p.type === 'SysprepRef' && !only('sysprepRef')) {
          celIssue(ctx, 'SysprepRef cannot have userData or userDataRef.');
        }
      })
      .optional(),
  })
  .superRefine(checkLegacyOsType);

/** One `virtualDiskTemplates` entry of a pool. */
export const VirtualDiskTemplateSchema = z.object({
  name: patternString('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$').max(63),
  spec: VirtualDiskSpecSchema,
  reclaim: z
    .object({
      onScaleDown: z.enum(['Delete', 'Retain']).default('Delete'),
      keep: z.int().min(0).default(0),
      ttl: z.string().optional(),
    })
    .superRefine((r, ctx) => {
      if (!(r.onScaleDown === 'Retain' || (r.keep === 0 && r.ttl === undefined))) {
        celIssue(ctx, 'keep and ttl are only valid with onScaleDown: Retain');
      }
      if (!(r.keep === 0 || r.ttl !== undefined)) {
        celIssue(
          ctx,
          'keep requires ttl; without ttl free disks are never garbage-collected, so keep would have no effect',
        );
      }
    })
    .optional(),
});

/** `VirtualMachinePool.spec` with the template/disk bijection rules. */
export const VirtualMachinePoolSpecSchema = z
  .object({
    replicas: z.int().min(0).optional(),
    scaleDownPolicy: z.enum(['NewestFirst', 'OldestFirst', 'Explicit']),
    virtualDiskTemplates: z.array(VirtualDiskTemplateSchema).min(1).max(16),
    virtualMachineTemplate: z.object({
      metadata: z
        .object({ labels: StringMapSchema.optional(), annotations: StringMapSchema.optional() })
        .optional(),
      spec: PoolVirtualMachineSpecSchema.optional(),
    }),
  })
  .superRefine((spec, ctx) => {
    const tmpl = spec.virtualMachineTemplate.spec;
    const refs = tmpl?.blockDeviceRefs;
    const diskRefs = refs?.filter((r) => r.kind === 'VirtualDisk') ?? [];
    const names = spec.virtualDiskTemplates.map((t) => t.name);
    if (!refs || !names.every((n) => diskRefs.some((r) => r.name === n))) {
      celIssue(
        ctx,
        'each virtualDiskTemplates entry must be referenced by a VirtualDisk entry in virtualMachineTemplate.spec.blockDeviceRefs',
      );
    }
    if (!refs || !diskRefs.every((r) => names.includes(r.name))) {
      celIssue(
        ctx,
        'each VirtualDisk reference in virtualMachineTemplate.spec.blockDeviceRefs must name a virtualDiskTemplates entry',
      );
    }
    if (!refs || diskRefs.length !== names.length) {
      celIssue(
        ctx,
        'each virtualDiskTemplates entry must be referenced exactly once (no duplicate VirtualDisk references)',
      );
    }
    if (tmpl?.osType === 'Legacy') {
      celIssue(
        ctx,
        'The Legacy osType is not supported in a VirtualMachinePool: replicas of such a pool cannot be told apart, because provisioning is unavailable for these operating systems.',
      );
    }
  });

/** `VirtualMachinePool` (EE): a scalable set of VMs from one template. */
export const VirtualMachinePoolSchema = kubeObject(DVP_API_VERSION, 'VirtualMachinePool', {
  spec: VirtualMachinePoolSpecSchema,
  status: z
    .object({
      conditions: ConditionsSchema.optional(),
      desiredTemplateHash: z.string().optional(),
      observedGeneration: z.int().optional(),
      readyReplicas: z.int().optional(),
      replicas: z.int().optional(),
      restartPendingReplicas: z.int().optional(),
      selector: z.string().optional(),
      updatedReplicas: z.int().optional(),
    })
    .optional(),
});
export type VirtualMachinePool = z.infer<typeof VirtualMachinePoolSchema>;
