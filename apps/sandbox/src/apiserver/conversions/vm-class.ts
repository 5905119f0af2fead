import type { KubeObject } from '../types.ts';

/**
 * VirtualMachineClass is stored as v1alpha2 (integer `coreFractions`) and also served as v1alpha3
 * (`"N%"` strings), as DVP's conversion webhook does.
 *
 * Not `convertVirtualMachineClass` from `@dvp/api`: that one takes validated objects, while the
 * server converts request bodies *before* schema validation, so this one must pass anything it
 * does not understand through untouched (the schema then reports it as a 422, never a 500).
 */
type Policy = { coreFractions?: unknown[]; defaultCoreFraction?: unknown } & Record<
  string,
  unknown
>;

function mapPolicies(obj: KubeObject, f: (p: Policy) => Policy): KubeObject {
  const spec = obj.spec as { sizingPolicies?: Policy[] } | undefined;
  if (!spec?.sizingPolicies) return obj;
  return { ...obj, spec: { ...spec, sizingPolicies: spec.sizingPolicies.map(f) } };
}

const toPercent = (v: unknown): unknown => (typeof v === 'number' ? `${v}%` : v);
const toInt = (v: unknown): unknown =>
  typeof v === 'string' && /^\d+%$/.test(v) ? Number(v.slice(0, -1)) : v;

/** v1alpha3 → stored v1alpha2. */
export function classToStorage(obj: KubeObject): KubeObject {
  const out = mapPolicies(obj, (p) => ({
    ...p,
    ...(p.coreFractions ? { coreFractions: p.coreFractions.map(toInt) } : {}),
    ...(p.defaultCoreFraction !== undefined
      ? { defaultCoreFraction: toInt(p.defaultCoreFraction) }
      : {}),
  }));
  return { ...out, apiVersion: 'virtualization.deckhouse.io/v1alpha2' };
}

/** Stored v1alpha2 → the requested version. */
export function classFromStorage(obj: KubeObject, version: string): KubeObject {
  if (version === 'v1alpha2') return obj;
  const out = mapPolicies(obj, (p) => ({
    ...p,
    ...(p.coreFractions ? { coreFractions: p.coreFractions.map(toPercent) } : {}),
    ...(p.defaultCoreFraction !== undefined
      ? { defaultCoreFraction: toPercent(p.defaultCoreFraction) }
      : {}),
  }));
  return { ...out, apiVersion: `virtualization.deckhouse.io/${version}` };
}
