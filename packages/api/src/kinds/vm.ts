import { z } from 'zod';

import {
  QuantitySchema,
  StringMapSchema,
  TolerationSchema,
  TopologySpreadConstraintSchema,
  VirtualMachineAffinitySchema,
} from '../meta.ts';
import { celIssue, oneOfIssue } from '../validation/issues.ts';
import { patternString } from '../validation/patterns.ts';
import { DVP_API_VERSION, kubeObject } from './common.ts';
import { VirtualMachineStatusSchema } from './vm-status.ts';

/** `spec.runPolicy` values. */
export const RUN_POLICIES = [
  'AlwaysOn',
  'AlwaysOff',
  'Manual',
  'AlwaysOnUnlessStoppedManually',
] as const;
/** `spec.liveMigrationPolicy` values accepted by the VM CRD. */
export const LIVE_MIGRATION_POLICIES = [
  'AlwaysSafe',
  'PreferSafe',
  'AlwaysForced',
  'PreferForced',
] as const;
/** Kinds a VM `blockDeviceRefs` entry may name. */
export const BLOCK_DEVICE_KINDS = ['ClusterVirtualImage', 'VirtualImage', 'VirtualDisk'] as const;

/** `spec.cpu.coreFraction`: `Auto` or a percentage. */
export const CORE_FRACTION_PATTERN = '^(Auto|(100|[1-9][0-9]?)%)$';
const GPU_CLASS_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

const secretRef = z.object({ kind: z.enum(['Secret']).default('Secret'), name: z.string().min(1) });

/** CEL counts characters (code points), not UTF-16 units. */
const celSize = (s: string) => [...s].length;

/**
 * `spec.provisioning`. The CRD expresses "type picks exactly one field" as a `oneOf`, which
 * kube-apiserver reports without a field path.
 */
export const ProvisioningSchema = z
  .object({
    type: z.enum(['UserData', 'UserDataRef', 'SysprepRef']),
    userData: z
      .string()
      .superRefine((s, ctx) => {
        if (celSize(s) > 2048) {
          celIssue(
            ctx,
            '`userData` exceeds 2048 byte limit; should use `userDataRef` for larger data.',
            [],
            'string',
          );
        }
      })
      .optional(),
    userDataRef: secretRef.optional(),
    sysprepRef: secretRef.optional(),
  })
  .superRefine((p, ctx) => {
    const alternatives: [string, 'userData' | 'userDataRef' | 'sysprepRef'][] = [
      ['SysprepRef', 'sysprepRef'],
      ['UserData', 'userData'],
      ['UserDataRef', 'userDataRef'],
    ];
    const fields = ['userData', 'userDataRef', 'sysprepRef'] as const;
    const valid = alternatives.filter(
      ([type, field]) =>
        p.type === type &&
        p[field] !== undefined &&
        fields.every((f) => f === field || p[f] === undefined),
    ).length;
    if (valid !== 1) oneOfIssue(ctx, valid);
  });
export type Provisioning = z.infer<typeof ProvisioningSchema>;

/** One `spec.blockDeviceRefs` entry. */
export const BlockDeviceRefSchema = z.object({
  kind: z.enum(BLOCK_DEVICE_KINDS),
  name: z.string().min(1),
  bootOrder: z.int().min(1).optional(),
});
export type BlockDeviceRef = z.infer<typeof BlockDeviceRefSchema>;

/** One `spec.networks` entry. */
export const VirtualMachineNetworkSchema = z.object({
  type: z.enum(['Main', 'Network', 'ClusterNetwork']),
  id: z.int().optional(),
  name: z.string().min(1).optional(),
  virtualMachineMACAddressName: z.string().min(1).optional(),
  ipAddressName: z.string().min(1).optional(),
});

/** The VM spec fields, before the spec-level CEL rules (shared with pool templates). */
export const virtualMachineSpecShape = {
  virtualMachineClassName: z.string().min(1),
  runPolicy: z.enum(RUN_POLICIES).default('AlwaysOnUnlessStoppedManually'),
  virtualMachineIPAddressName: z.string().min(1).optional(),
  topologySpreadConstraints: z.array(TopologySpreadConstraintSchema).optional(),
  affinity: VirtualMachineAffinitySchema.optional(),
  nodeSelector: StringMapSchema.optional(),
  priorityClassName: z.string().min(1).optional(),
  tolerations: z.array(TolerationSchema).optional(),
  disruptions: z
    .object({ restartApprovalMode: z.enum(['Manual', 'Automatic']).optional() })
    .default({ restartApprovalMode: 'Manual' }),
  terminationGracePeriodSeconds: z.int().default(60),
  enableParavirtualization: z.boolean().default(true),
  osType: z.enum(['Windows', 'Generic', 'Legacy']).default('Generic'),
  bootloader: z.enum(['BIOS', 'EFI', 'EFIWithSecureBoot']).default('BIOS'),
  cpu: z.object({
    cores: z.int().min(1),
    coreFraction: patternString(CORE_FRACTION_PATTERN).optional(),
  }),
  memory: z.object({ size: QuantitySchema }),
  blockDeviceRefs: z.array(BlockDeviceRefSchema).min(1).max(16),
  provisioning: ProvisioningSchema.optional(),
  liveMigrationPolicy: z.enum(LIVE_MIGRATION_POLICIES).default('PreferSafe'),
  networks: z.array(VirtualMachineNetworkSchema).optional(),
  usbDevices: z
    .array(z.object({ name: z.string().min(1) }))
    .max(8)
    .optional(),
  gpus: z
    .array(z.object({ gpuClassName: patternString(GPU_CLASS_PATTERN).min(1).max(253) }))
    .max(16)
    .optional(),
};

interface LegacyFields {
  osType?: string;
  bootloader?: string;
  provisioning?: unknown;
  enableParavirtualization?: boolean;
  blockDeviceRefs: unknown[];
}

/** The three `osType: Legacy` CEL rules, shared by the VM spec and pool templates. */
export function checkLegacyOsType(spec: LegacyFields, ctx: z.core.$RefinementCtx): void {
  if (spec.osType !== 'Legacy') return;
  if (spec.bootloader !== undefined && spec.bootloader !== 'BIOS') {
    celIssue(ctx, 'The Legacy osType requires the BIOS bootloader.');
  }
  if (spec.provisioning !== undefined) {
    celIssue(
      ctx,
      'The Legacy osType does not support provisioning: such operating systems have no cloud-init or Sysprep support.',
    );
  }
  if (spec.enableParavirtualization === false && spec.blockDeviceRefs.length > 4) {
    celIssue(
      ctx,
      'The Legacy osType with enableParavirtualization=false supports at most 4 block devices.',
    );
  }
}

/** `VirtualMachine.spec`, with its CEL rules. */
export const VirtualMachineSpecSchema = z
  .object(virtualMachineSpecShape)
  .superRefine((spec, ctx) => {
    const cf = spec.cpu.coreFraction;
    if (cf !== undefined && cf !== 'Auto') {
      const n = cf.endsWith('%') ? Number.parseInt(cf.replace('%', ''), 10) : Number.NaN;
      if (!(n >= 1 && n <= 100)) {
        celIssue(ctx, "Core fraction must be 'Auto' or a percentage between 1% and 100%.");
      }
    }
    checkLegacyOsType(spec, ctx);
  });
export type VirtualMachineSpec = z.infer<typeof VirtualMachineSpecSchema>;

/** `VirtualMachine` (virtualization.deckhouse.io/v1alpha2). */
export const VirtualMachineSchema = kubeObject(DVP_API_VERSION, 'VirtualMachine', {
  spec: VirtualMachineSpecSchema,
  status: VirtualMachineStatusSchema.optional(),
});
export type VirtualMachine = z.infer<typeof VirtualMachineSchema>;
