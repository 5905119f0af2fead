import type { z } from 'zod';

import { CORE_SCHEMAS } from './kinds/registry-core.ts';
import { DVP_SCHEMAS } from './kinds/registry-dvp.ts';
import type { FieldCause } from './status.ts';
import { zodIssuesToCauses } from './validation/causes.ts';
import { dropNulls } from './validation/nulls.ts';

/** One row of the schema registry. */
export interface KindSchemaEntry {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  schema: z.ZodType;
}

/** Every kind the sandbox serves, in every served version. */
export const kindSchemas: readonly KindSchemaEntry[] = [...DVP_SCHEMAS, ...CORE_SCHEMAS];

const byKey = new Map<string, z.ZodType>(
  kindSchemas.map((e) => [`${e.group}/${e.version}/${e.kind}`, e.schema]),
);

/**
 * The schema for one kind in one version. `safeParse` of a whole object applies CRD defaults,
 * prunes unknown fields (except where the CRD preserves them) and runs the CRD's CEL rules.
 * Turn failures into causes with `zodIssuesToCauses`. The schema is plain (no transforms), so
 * `z.toJSONSchema` can publish it as OpenAPI; null pruning is therefore a separate step:
 * parse `dropNulls(obj)`, or use {@link validateObject}, which does both.
 */
export function schemaFor(group: string, kind: string, version: string): z.ZodType | undefined {
  return byKey.get(`${group}/${version}/${kind}`);
}

/** The outcome of {@link validateObject}. */
export type ValidationResult =
  { ok: true; object: Record<string, unknown> } | { ok: false; causes: FieldCause[] };

/**
 * Parses a whole object with its kind's schema: on success the stored form (defaults applied,
 * unknown fields pruned), otherwise kube-apiserver-worded causes. `undefined` for unknown kinds.
 */
export function validateObject(
  group: string,
  kind: string,
  version: string,
  obj: unknown,
): ValidationResult | undefined {
  const schema = schemaFor(group, kind, version);
  if (!schema) return undefined;
  // kube-apiserver prunes nulls of non-nullable fields before defaulting.
  const input = dropNulls(obj);
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, object: result.data as Record<string, unknown> };
  return { ok: false, causes: zodIssuesToCauses(result.error.issues, input) };
}
