/**
 * Every rule a VirtualMachineClass's `spec.sizingPolicies` must follow, as coded issues a form
 * can translate and pin to a field. Three sources:
 * - `webhook`: DVP's admission webhook, the same checks `validateSizingPolicies` runs for the
 *   sandbox (core ranges must not overlap, `defaultCoreFraction` must be one of `coreFractions`,
 *   every policy has cores);
 * - `schema`: the CRD's OpenAPI/CEL (`cores.min ≥ 1`, `cores.max ≤ 1024`, `max > min`,
 *   `max > step`, fractions 1–100, quantities);
 * - `form`: the admin guide's rules DVP does not enforce but states as "must" (seed 002: ranges
 *   "strictly sequential", each range sets memory or coreFractions), plus consistency checks
 *   that catch typing mistakes (memory min ≤ max, a step that fits the range, a range in which
 *   no core count has a valid CPU topology).
 * Field paths are relative to the class (`spec.sizingPolicies[1].cores.min`).
 */
import { cpuTopology, MAX_VM_CORES } from './cpu-topology.ts';
import { quantityToBytes, tryParseQuantity } from './quantity.ts';
import { findCoreRangeOverlap, type SizingPolicyIssue } from './sizing-policy-class.ts';
import { coreFractionValue, type QuantityInput, type SizingPolicy } from './sizing-policy.ts';

/** The CRD's upper bound of `cores.max`. */
export const MAX_POLICY_CORES = 1024;

export type SizingRuleCode =
  | 'noCores'
  | 'overlap'
  | 'gap'
  | 'coresMin'
  | 'coresMaxLimit'
  | 'coresOrder'
  | 'coresStep'
  | 'noValidCores'
  | 'fractionRange'
  | 'fractionDuplicate'
  | 'defaultFraction'
  | 'noLimits'
  | 'memoryInvalid'
  | 'memoryOrder'
  | 'memoryStepZero'
  | 'memoryStepRange'
  | 'memoryStepMisfit';

/** One broken rule: which policy (by index), where, which rule and the values to show. */
export interface SizingRuleIssue {
  index: number;
  field: string;
  code: SizingRuleCode;
  source: SizingPolicyIssue['source'];
  params: Record<string, string | number>;
}

const base = (i: number) => `spec.sizingPolicies[${i}]`;

function bytesOf(v: QuantityInput | undefined): bigint | undefined | 'invalid' {
  if (v === undefined || v === '') return undefined;
  const q = tryParseQuantity(v);
  return q ? quantityToBytes(q) : 'invalid';
}

/** All issues of a class's sizing policies (empty when every rule holds). */
export function checkSizingPolicies(
  policies: readonly SizingPolicy[] | undefined,
): SizingRuleIssue[] {
  const list = policies ?? [];
  const out: SizingRuleIssue[] = [];
  list.forEach((p, i) => out.push(...policyIssues(p, i)));
  const overlap = findCoreRangeOverlap(list);
  if (overlap) {
    const [a, b] = overlap;
    out.push({
      index: b,
      field: `${base(b)}.cores.min`,
      code: 'overlap',
      source: 'webhook',
      params: { policy: a + 1, other: b + 1 },
    });
  } else {
    out.push(...gapIssues(list));
  }
  return out;
}

/** Seed 002: "Each new range must start with a value that immediately follows the max of the previous range." */
function gapIssues(list: readonly SizingPolicy[]): SizingRuleIssue[] {
  const order = list
    .map((p, index) => ({ cores: p.cores, index }))
    .filter((x): x is { cores: NonNullable<SizingPolicy['cores']>; index: number } => !!x.cores)
    .sort((a, b) => a.cores.min - b.cores.min);
  const out: SizingRuleIssue[] = [];
  for (let k = 1; k < order.length; k += 1) {
    const prev = order[k - 1];
    const next = order[k];
    if (!prev || !next || next.cores.min === prev.cores.max + 1) continue;
    out.push({
      index: next.index,
      field: `${base(next.index)}.cores.min`,
      code: 'gap',
      source: 'form',
      params: { expected: prev.cores.max + 1, policy: prev.index + 1 },
    });
  }
  return out;
}

function policyIssues(p: SizingPolicy, i: number): SizingRuleIssue[] {
  const out: SizingRuleIssue[] = [];
  const add = (
    field: string,
    code: SizingRuleCode,
    source: SizingRuleIssue['source'],
    params: SizingRuleIssue['params'] = {},
  ) => out.push({ index: i, field: `${base(i)}${field}`, code, source, params });
  const c = p.cores;
  if (!c) add('.cores', 'noCores', 'webhook');
  else {
    if (!Number.isInteger(c.min) || c.min < 1) add('.cores.min', 'coresMin', 'schema');
    if (!Number.isInteger(c.max) || c.max > MAX_POLICY_CORES)
      add('.cores.max', 'coresMaxLimit', 'schema', { max: MAX_POLICY_CORES });
    else if (!(c.max > c.min)) add('.cores.max', 'coresOrder', 'schema');
    if (c.step !== undefined && (!Number.isInteger(c.step) || c.step < 1 || !(c.max > c.step)))
      add('.cores.step', 'coresStep', 'schema');
    if (!out.length && allowedCores(c).length === 0)
      add('.cores', 'noValidCores', 'form', { max: MAX_VM_CORES });
  }
  out.push(...fractionIssues(p, i));
  if (!p.memory && !(p.coreFractions && p.coreFractions.length > 0)) add('', 'noLimits', 'form');
  out.push(...memoryIssues(p, i));
  return out;
}

/** Core counts of a range that are on its step grid and have a valid CPU topology. */
export function allowedCores(c: { min: number; max: number; step?: number }): number[] {
  const out: number[] = [];
  const step = c.step && c.step > 0 ? c.step : 1;
  const top = Math.min(c.max, MAX_VM_CORES);
  const ok = (n: number) => cpuTopology(n).ok;
  for (let n = Math.max(1, c.min); n <= top; n += step) if (ok(n)) out.push(n);
  // The grid always includes max itself (min 2, max 10, step 4 → 2, 6, 10).
  if (c.max <= MAX_VM_CORES && c.max >= c.min && !out.includes(c.max) && ok(c.max)) {
    out.push(c.max);
  }
  return out;
}

function fractionIssues(p: SizingPolicy, i: number): SizingRuleIssue[] {
  const out: SizingRuleIssue[] = [];
  const fractions = p.coreFractions ?? [];
  const values = fractions.map(coreFractionValue);
  const field = `${base(i)}.coreFractions`;
  const bad = fractions.find((_, k) => {
    const v = values[k];
    return v === undefined || v < 1;
  });
  if (bad !== undefined) {
    out.push({ index: i, field, code: 'fractionRange', source: 'schema', params: { value: bad } });
  }
  const dup = values.find((v, k) => v !== undefined && values.indexOf(v) !== k);
  if (dup !== undefined) {
    out.push({
      index: i,
      field,
      code: 'fractionDuplicate',
      source: 'form',
      params: { value: dup },
    });
  }
  const def = p.defaultCoreFraction;
  if (def !== undefined && def !== 'Auto' && fractions.length > 0) {
    const v = coreFractionValue(def);
    if (v === undefined || !values.includes(v)) {
      out.push({
        index: i,
        field: `${base(i)}.defaultCoreFraction`,
        code: 'defaultFraction',
        source: 'webhook',
        params: { value: String(def) },
      });
    }
  }
  return out;
}

function memoryIssues(p: SizingPolicy, i: number): SizingRuleIssue[] {
  const m = p.memory;
  if (!m) return [];
  const out: SizingRuleIssue[] = [];
  const path = `${base(i)}.memory`;
  const read = (v: QuantityInput | undefined, field: string) => {
    const b = bytesOf(v);
    if (b === 'invalid') {
      out.push({
        index: i,
        field: `${path}.${field}`,
        code: 'memoryInvalid',
        source: 'schema',
        params: { value: String(v) },
      });
      return undefined;
    }
    return b;
  };
  const min = read(m.min, 'min');
  const max = read(m.max, 'max');
  const step = read(m.step, 'step');
  const pcMin = read(m.perCore?.min, 'perCore.min');
  const pcMax = read(m.perCore?.max, 'perCore.max');
  const order = (lo: bigint | undefined, hi: bigint | undefined, field: string) => {
    if (lo !== undefined && hi !== undefined && lo > hi) {
      out.push({
        index: i,
        field: `${path}.${field}`,
        code: 'memoryOrder',
        source: 'form',
        params: {},
      });
    }
  };
  order(min, max, 'max');
  order(pcMin, pcMax, 'perCore.max');
  if (step === undefined) return out;
  if (step <= 0n) {
    out.push({
      index: i,
      field: `${path}.step`,
      code: 'memoryStepZero',
      source: 'form',
      params: {},
    });
    return out;
  }
  // DVP applies the step only to a range with both ends (total, and per core).
  const ranges = [
    [min, max],
    [pcMin, pcMax],
  ].filter((r): r is [bigint, bigint] => r[0] !== undefined && r[1] !== undefined);
  if (ranges.length === 0) {
    out.push({
      index: i,
      field: `${path}.step`,
      code: 'memoryStepRange',
      source: 'form',
      params: {},
    });
    return out;
  }
  if (ranges.some(([lo, hi]) => hi >= lo && (hi - lo) % step !== 0n)) {
    out.push({
      index: i,
      field: `${path}.step`,
      code: 'memoryStepMisfit',
      source: 'form',
      params: {},
    });
  }
  return out;
}
