/**
 * kube-apiserver prunes `null` values of fields that are not `nullable` before defaulting, so a
 * manifest with `runPolicy: null` gets the default. We drop every null (the few nullable CRD
 * fields are optional timestamps, for which absent and null mean the same).
 */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null) out[k] = dropNulls(v);
  }
  return out;
}
