import { z } from 'zod';

import { LabelSelectorSchema, QuantitySchema, TolerationSchema } from '../meta.ts';
import { celIssue } from '../validation/issues.ts';
import { patternString } from '../validation/patterns.ts';
import { ConditionsSchema, kubeObject } from './common.ts';
import { CORE_FRACTION_PATTERN } from './vm.ts';

/** `spec.cpu.type` of a VirtualMachineClass. */
export const VMCLASS_CPU_TYPES = [
  'Host',
  'HostPassthrough',
  'Discovery',
  'Model',
  'Features',
] as const;

/** `spec.cpu`, identical in both versions; immutable (a transition rule, see `validateUpdate`). */
export const VirtualMachineClassCpuSchema = z
  .object({
    type: z.enum(VMCLASS_CPU_TYPES),
    model: z.string().min(1).optional(),
    features: z.array(z.string()).min(1).optional(),
    discovery: z.object({ nodeSelector: LabelSelectorSchema.optional() }).optional(),
  })
  .superRefine((cpu, ctx) => {
    const model = cpu.model !== undefined;
    const features = cpu.features !== undefined;
    const discovery = cpu.discovery !== undefined;
    if (
      (cpu.type === 'HostPassthrough' || cpu.type === 'Host') &&
      (model || features || discovery)
    ) {
      celIssue(ctx, 'HostPassthrough and Host cannot have model, features or discovery');
    }
    if (cpu.type === 'Discovery' && (model || features)) {
      celIssue(ctx, 'Discovery cannot have model or features');
    }
    if (cpu.type === 'Model' && !(model && !features && !discovery)) {
      celIssue(ctx, 'Model requires model and cannot have features or discovery');
    }
    if (cpu.type === 'Features' && !(features && !model && !discovery)) {
      celIssue(ctx, 'Features requires features and cannot have model or discovery');
    }
  });

const CoresSchema = z
  .object({ min: z.int().min(1), max: z.int().max(1024), step: z.int().min(1).optional() })
  .superRefine((c, ctx) => {
    if (!(c.max > c.min)) celIssue(ctx, 'The maximum must be greater than the minimum');
    if (c.step !== undefined && !(c.max > c.step)) {
      celIssue(ctx, 'The maximum must be greater than the step');
    }
  });

const MemoryPolicySchema = z.object({
  min: QuantitySchema.optional(),
  max: QuantitySchema.optional(),
  step: QuantitySchema.optional(),
  perCore: z.object({ min: QuantitySchema.optional(), max: QuantitySchema.optional() }).optional(),
});

/** v1alpha2 `defaultCoreFraction`: an integer 1–100 or the string `Auto` (max 4 chars). */
const DefaultCoreFractionV1alpha2Schema = z
  .union([z.int(), z.string().max(4)])
  .superRefine((v, ctx) => {
    const ok = typeof v === 'number' ? v >= 1 && v <= 100 : v === 'Auto';
    if (!ok) {
      celIssue(ctx, "The default core fraction must be a number from 1 to 100, or 'Auto'.", [], '');
    }
  });

function sizingPolicy<F extends z.ZodType, D extends z.ZodType>(fraction: F, defaultFraction: D) {
  return z.object({
    cores: CoresSchema,
    memory: MemoryPolicySchema.optional(),
    coreFractions: z.array(fraction).optional(),
    dedicatedCores: z.array(z.boolean()).optional(),
    defaultCoreFraction: defaultFraction.optional(),
  });
}

/** A v1alpha2 sizing policy: integer core fractions. */
export const SizingPolicyV1alpha2Schema = sizingPolicy(
  z.int().min(1).max(100),
  DefaultCoreFractionV1alpha2Schema,
);
/** A v1alpha3 sizing policy: `"N%"` core fractions. */
export const SizingPolicyV1alpha3Schema = sizingPolicy(
  patternString('^(100|[1-9][0-9]?)%$'),
  patternString(CORE_FRACTION_PATTERN),
);

const statusSchema = z.object({
  phase: z.enum(['Pending', 'Ready', 'Terminating']),
  availableNodes: z.array(z.string()).optional(),
  conditions: ConditionsSchema.optional(),
  cpuFeatures: z
    .object({
      enabled: z.array(z.string()).optional(),
      notEnabledCommon: z.array(z.string()).optional(),
    })
    .optional(),
  maxAllocatableResources: z.record(z.string(), QuantitySchema).optional(),
  observedGeneration: z.int().optional(),
});

function classSpec<P extends z.ZodType>(policy: P) {
  return z.object({
    cpu: VirtualMachineClassCpuSchema,
    nodeSelector: LabelSelectorSchema.optional(),
    sizingPolicies: z.array(policy).max(16).optional(),
    tolerations: z.array(TolerationSchema).optional(),
  });
}

/** `VirtualMachineClass` v1alpha2: the storage version (deprecated for clients). */
export const VirtualMachineClassSchema = kubeObject(
  'virtualization.deckhouse.io/v1alpha2',
  'VirtualMachineClass',
  { spec: classSpec(SizingPolicyV1alpha2Schema), status: statusSchema.optional() },
);
export type VirtualMachineClass = z.infer<typeof VirtualMachineClassSchema>;

/** `VirtualMachineClass` v1alpha3: served, converted from/to v1alpha2. */
export const VirtualMachineClassV1alpha3Schema = kubeObject(
  'virtualization.deckhouse.io/v1alpha3',
  'VirtualMachineClass',
  { spec: classSpec(SizingPolicyV1alpha3Schema), status: statusSchema.optional() },
);
export type VirtualMachineClassV1alpha3 = z.infer<typeof VirtualMachineClassV1alpha3Schema>;

type PolicyV2 = z.infer<typeof SizingPolicyV1alpha2Schema>;
type PolicyV3 = z.infer<typeof SizingPolicyV1alpha3Schema>;

const toPercent = (n: number) => `${n}%`;
const fromPercent = (s: string) => Number.parseInt(s.replace('%', ''), 10);

function policyToV3(p: PolicyV2): PolicyV3 {
  const { coreFractions, defaultCoreFraction, ...rest } = p;
  return {
    ...rest,
    ...(coreFractions && { coreFractions: coreFractions.map(toPercent) }),
    ...(defaultCoreFraction !== undefined && {
      defaultCoreFraction:
        typeof defaultCoreFraction === 'number'
          ? toPercent(defaultCoreFraction)
          : defaultCoreFraction,
    }),
  };
}

function policyToV2(p: PolicyV3): PolicyV2 {
  const { coreFractions, defaultCoreFraction, ...rest } = p;
  return {
    ...rest,
    ...(coreFractions && { coreFractions: coreFractions.map(fromPercent) }),
    ...(defaultCoreFraction !== undefined && {
      defaultCoreFraction:
        defaultCoreFraction === 'Auto' ? 'Auto' : fromPercent(defaultCoreFraction),
    }),
  };
}

/**
 * Converts a VirtualMachineClass between v1alpha2 (integer fractions) and v1alpha3 (`"N%"`), as
 * DVP's conversion webhook does. Pure: the input is not modified. Converting to the version the
 * object already has returns a copy.
 */
export function convertVirtualMachineClass(
  obj: VirtualMachineClass | VirtualMachineClassV1alpha3,
  toVersion: 'v1alpha2',
): VirtualMachineClass;
export function convertVirtualMachineClass(
  obj: VirtualMachineClass | VirtualMachineClassV1alpha3,
  toVersion: 'v1alpha3',
): VirtualMachineClassV1alpha3;
export function convertVirtualMachineClass(
  obj: VirtualMachineClass | VirtualMachineClassV1alpha3,
  toVersion: 'v1alpha2' | 'v1alpha3',
): VirtualMachineClass | VirtualMachineClassV1alpha3 {
  // Objects are plain JSON; structuredClone is not in this package's lib (no DOM/Node types).
  const copy = JSON.parse(JSON.stringify(obj)) as typeof obj;
  if (toVersion === 'v1alpha3') {
    if (copy.apiVersion === 'virtualization.deckhouse.io/v1alpha3') return copy;
    const { sizingPolicies, ...spec } = copy.spec;
    return {
      ...copy,
      apiVersion: 'virtualization.deckhouse.io/v1alpha3',
      spec: { ...spec, ...(sizingPolicies && { sizingPolicies: sizingPolicies.map(policyToV3) }) },
    };
  }
  if (copy.apiVersion === 'virtualization.deckhouse.io/v1alpha2') return copy;
  const { sizingPolicies, ...spec } = copy.spec;
  return {
    ...copy,
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    spec: { ...spec, ...(sizingPolicies && { sizingPolicies: sizingPolicies.map(policyToV2) }) },
  };
}
