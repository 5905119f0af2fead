import { z } from 'zod';

import { celIssue } from '../validation/issues.ts';
import { NameReplacementSchema, nameReplacementTarget } from './common.ts';

/** Restore/clone modes of VMOP and VMSOP. */
export const OPERATION_MODES = ['DryRun', 'Strict', 'BestEffort'] as const;

const celSize = (s: string) => [...s].length;

/** `customization` of a clone: prefix/suffix for every cloned resource name. */
export const CloneCustomizationSchema = z
  .object({ namePrefix: z.string().optional(), nameSuffix: z.string().optional() })
  .superRefine((c, ctx) => {
    if (
      c.namePrefix !== undefined &&
      !(celSize(c.namePrefix) >= 1 && celSize(c.namePrefix) <= 59)
    ) {
      celIssue(ctx, 'namePrefix length must be between 1 and 59 characters if set');
    }
    if (
      c.nameSuffix !== undefined &&
      !(celSize(c.nameSuffix) >= 1 && celSize(c.nameSuffix) <= 59)
    ) {
      celIssue(ctx, 'nameSuffix length must be between 1 and 59 characters if set');
    }
  });

/** `nameReplacement[]` of a clone, with the CRD's list-level length rule. */
export const CloneNameReplacementsSchema = z
  .array(NameReplacementSchema)
  .superRefine((list, ctx) => {
    const ok = list.every((nr) => {
      const to = celSize(nameReplacementTarget(nr));
      return to >= 1 && to <= 59;
    });
    if (!ok)
      celIssue(ctx, 'Each nameReplacement.to must be between 1 and 59 characters', [], 'array');
  });

/**
 * The clone block of VMOP `Clone` and VMSOP `CreateVirtualMachine`. The CRD field is
 * `nameReplacement`; the product docs write `nameReplacements`, so both are accepted
 * (dvp-api.md §19).
 */
export const CloneSpecSchema = z
  .object({
    mode: z.enum(OPERATION_MODES),
    nameReplacement: CloneNameReplacementsSchema.optional(),
    nameReplacements: CloneNameReplacementsSchema.optional(),
    customization: CloneCustomizationSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const prefix = (c.customization?.namePrefix ?? '').length > 0;
    const suffix = (c.customization?.nameSuffix ?? '').length > 0;
    const replacements = (c.nameReplacement?.length ?? 0) + (c.nameReplacements?.length ?? 0) > 0;
    if (!prefix && !suffix && !replacements) {
      celIssue(
        ctx,
        'At least one of customization.namePrefix, customization.nameSuffix, or nameReplacement must be set',
      );
    }
  });
export type CloneSpec = z.infer<typeof CloneSpecSchema>;
