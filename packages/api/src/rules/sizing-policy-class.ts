/**
 * Validity of a VirtualMachineClass's `spec.sizingPolicies` as a whole.
 *
 * Webhook rules (deckhouse/virtualization cf3a9e6c4, `pkg/controller/vmclass/internal/validators/`):
 * core ranges must not overlap ("size policy cpu crosses"), and `defaultCoreFraction` must be one
 * of `coreFractions`. Schema rules (CRD CEL): `cores.max > cores.min`, `cores.max > cores.step`.
 * Memory bound order is not checked by DVP; it is checked here for forms only.
 * Note: DVP's overlap check misses a range fully inside another (it skips the reverse pair);
 * this one does not.
 */
import { compareQuantities, tryParseQuantity } from './quantity.ts';
import { coreFractionValue, type QuantityInput, type SizingPolicy } from './sizing-policy.ts';

/** A problem with a class policy; `field` is relative to the class (`spec.sizingPolicies[1].cores`). */
export interface SizingPolicyIssue {
  field: string;
  message: string;
  /** `webhook`: DVP's admission webhook; `schema`: CRD CEL/OpenAPI; `form`: console-only advice. */
  source: 'webhook' | 'schema' | 'form';
}

/** Which sources {@link validateSizingPolicies} reports; default all. */
export interface SizingPolicyCheckOptions {
  sources?: readonly SizingPolicyIssue['source'][];
}

/** The first pair of policies (by index) whose core ranges overlap. */
export function findCoreRangeOverlap(
  policies: readonly SizingPolicy[],
): [number, number] | undefined {
  for (let i = 0; i < policies.length; i += 1) {
    for (let j = i + 1; j < policies.length; j += 1) {
      const a = policies[i]?.cores;
      const b = policies[j]?.cores;
      if (a && b && a.min <= b.max && b.min <= a.max) return [i, j];
    }
  }
  return undefined;
}

/** Go's `%v` of a slice: `[5 10 20]` or `[5% 10%]`. */
function goSlice(values: readonly (number | string)[]): string {
  return `[${values.join(' ')}]`;
}

/**
 * All issues of a class's sizing policies. Seeds: ranges 1–4 and 4–8 → "vmclass X has size
 * policy cpu crosses"; `defaultCoreFraction: 30` with `[5, 10, 20, 50, 100]` → rejected.
 */
export function validateSizingPolicies(
  className: string,
  policies: readonly SizingPolicy[] | undefined,
  options: SizingPolicyCheckOptions = {},
): SizingPolicyIssue[] {
  const list = policies ?? [];
  const issues: SizingPolicyIssue[] = [];
  const base = 'spec.sizingPolicies';
  if (list.some((p) => p.cores === undefined)) {
    issues.push({
      field: base,
      source: 'webhook',
      message: `vmclass ${className} has sizing policies but none of them specify cores`,
    });
  }
  if (findCoreRangeOverlap(list)) {
    issues.push({
      field: base,
      source: 'webhook',
      message: `vmclass ${className} has size policy cpu crosses`,
    });
  }
  list.forEach((policy, i) => {
    issues.push(...policyIssues(className, policy, i, `${base}[${i}]`));
  });
  const sources = options.sources;
  return sources ? issues.filter((i) => sources.includes(i.source)) : issues;
}

function policyIssues(
  className: string,
  policy: SizingPolicy,
  i: number,
  path: string,
): SizingPolicyIssue[] {
  const out: SizingPolicyIssue[] = [];
  const cores = policy.cores;
  if (cores) {
    if (!(cores.max > cores.min)) {
      out.push({
        field: `${path}.cores`,
        source: 'schema',
        message: 'The maximum must be greater than the minimum',
      });
    }
    if (cores.step !== undefined && !(cores.max > cores.step)) {
      out.push({
        field: `${path}.cores`,
        source: 'schema',
        message: 'The maximum must be greater than the step',
      });
    }
  }
  const fractions = policy.coreFractions ?? [];
  const def = policy.defaultCoreFraction;
  if (def !== undefined && def !== 'Auto' && fractions.length > 0) {
    const value = coreFractionValue(def);
    if (value === undefined || !fractions.map(coreFractionValue).includes(value)) {
      out.push({
        field: `${path}.defaultCoreFraction`,
        source: 'webhook',
        message: `vmclass ${className} sizingPolicy[${i}]: defaultCoreFraction ${String(def)} is not in the allowed coreFractions list ${goSlice(fractions)}`,
      });
    }
  }
  const mem = policy.memory;
  if (mem) {
    out.push(...orderIssue(mem.min, mem.max, `${path}.memory`));
    if (mem.perCore)
      out.push(...orderIssue(mem.perCore.min, mem.perCore.max, `${path}.memory.perCore`));
  }
  return out;
}

function orderIssue(
  min: QuantityInput | undefined,
  max: QuantityInput | undefined,
  field: string,
): SizingPolicyIssue[] {
  const lo = min === undefined ? undefined : tryParseQuantity(min);
  const hi = max === undefined ? undefined : tryParseQuantity(max);
  if (!lo || !hi || compareQuantities(lo, hi) <= 0) return [];
  return [{ field, source: 'form', message: 'the minimum must not be greater than the maximum' }];
}
