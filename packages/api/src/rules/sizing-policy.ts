/**
 * VirtualMachineClass sizing policies: which policy applies to a VM and what it violates.
 *
 * Mirrors `pkg/controller/service/size_policy_service.go` (deckhouse/virtualization cf3a9e6c4),
 * reusing its messages, with exact quantity arithmetic. Works on both class versions:
 * v1alpha2 writes `coreFractions: [5, 10]`, v1alpha3 writes `["5%", "10%"]`.
 * Class-level validity (overlaps, defaults) lives in `sizing-policy-class.ts`.
 */
import {
  formatQuantity,
  quantityFromBytes,
  quantityToBytes,
  tryParsePercent,
  tryParseQuantity,
  type QuantityFormat,
} from './quantity.ts';

/** A quantity as it appears in JSON (int-or-string). */
export type QuantityInput = string | number;

/** One element of `spec.sizingPolicies` (the fields the rules read). */
export interface SizingPolicy {
  cores?: { min: number; max: number; step?: number };
  memory?: {
    min?: QuantityInput;
    max?: QuantityInput;
    step?: QuantityInput;
    perCore?: { min?: QuantityInput; max?: QuantityInput };
  };
  /** v1alpha2: integers 1–100; v1alpha3: `"N%"` strings. */
  coreFractions?: (number | string)[];
  /** v1alpha2: integer or `"Auto"`; v1alpha3: `"N%"` or `"Auto"`. */
  defaultCoreFraction?: number | string;
  dedicatedCores?: boolean[];
}

/** The VM fields a sizing policy constrains (`spec.cpu.*`, `spec.memory.size`). */
export interface VmSizing {
  cores: number;
  memory: QuantityInput;
  /** `"20%"`, `20` or `"Auto"`; unset means the default the mutating webhook would apply. */
  coreFraction?: string | number;
}

/** One broken rule, with the VM spec field it is about (relative to `spec`). */
export interface SizingViolation {
  field: 'cpu.cores' | 'cpu.coreFraction' | 'memory.size';
  message: string;
}

/** The outcome of matching a VM against a class's policies. */
export interface SizingPolicyMatch {
  /** True when the VM complies (also when the class has no policies). */
  ok: boolean;
  /** Index of the policy whose core range contains the VM's cores. */
  index?: number;
  policy?: SizingPolicy;
  violations: SizingViolation[];
  /** Allowed fractions of the applicable policy as numbers (for pickers), if it restricts them. */
  allowedCoreFractions?: number[];
}

/** The policy whose `cores` range contains `cores` (first match, as DVP does). */
export function findSizingPolicy(
  policies: readonly SizingPolicy[] | undefined,
  cores: number,
): { index: number; policy: SizingPolicy } | undefined {
  const index = (policies ?? []).findIndex(
    (p) => p.cores !== undefined && cores >= p.cores.min && cores <= p.cores.max,
  );
  const policy = policies?.[index];
  return policy ? { index, policy } : undefined;
}

/** Normalises `20`, `"20"` or `"20%"` to `20`; `undefined` for `Auto` or garbage. */
export function coreFractionValue(value: number | string | undefined): number | undefined {
  return value === undefined ? undefined : tryParsePercent(value);
}

/** The coreFraction the mutating webhook fills in: the policy default, else `"100%"`. */
export function defaultCoreFraction(
  policies: readonly SizingPolicy[] | undefined,
  cores: number,
): string {
  const def = findSizingPolicy(policies, cores)?.policy.defaultCoreFraction;
  if (def === 'Auto') return 'Auto';
  const n = coreFractionValue(def);
  return n === undefined ? '100%' : `${n}%`;
}

/**
 * Checks a VM against a class's sizing policies with DVP's messages, e.g. for 30% where the
 * policy allows [5,10,20,50,100]: "VM core fraction value 30 is not within the allowed values".
 */
export function matchSizingPolicy(
  vm: VmSizing,
  policies: readonly SizingPolicy[] | undefined,
  names: { vmName: string; className: string },
): SizingPolicyMatch {
  if (!policies || policies.length === 0) return { ok: true, violations: [] };
  const found = findSizingPolicy(policies, vm.cores);
  if (!found) {
    return {
      ok: false,
      violations: [
        {
          field: 'cpu.cores',
          message: `virtual machine ${JSON.stringify(names.vmName)} resources do not match any sizing policies in class ${JSON.stringify(names.className)}`,
        },
      ],
    };
  }
  const { policy, index } = found;
  const violations = [
    ...checkCores(vm.cores, policy),
    ...checkCoreFraction(vm, policies),
    ...checkMemory(vm, policy),
  ];
  const allowed = policy.coreFractions?.map(coreFractionValue).filter(isNumber);
  return {
    ok: violations.length === 0,
    index,
    policy,
    violations,
    ...(allowed && allowed.length > 0 ? { allowedCoreFractions: allowed } : {}),
  };
}

/** DVP's single error text for a failed match (`sizing policy validate: a\nb`). */
export function sizingPolicyMessage(match: SizingPolicyMatch): string | undefined {
  if (match.ok) return undefined;
  const texts = match.violations.map((v) => v.message);
  return match.index === undefined ? texts[0] : `sizing policy validate: ${texts.join('\n')}`;
}

function isNumber(v: number | undefined): v is number {
  return v !== undefined;
}

function checkCores(cores: number, policy: SizingPolicy): SizingViolation[] {
  const range = policy.cores;
  if (!range?.step) return [];
  // The CRD documents the step grid (min 2, max 10, step 4 → 2, 6, 10); wording follows memory's.
  const grid = nearestOnGrid(
    BigInt(cores),
    BigInt(range.min),
    BigInt(range.max),
    BigInt(range.step),
  );
  if (!grid) return [];
  return [
    {
      field: 'cpu.cores',
      message: `requested VM cores does not match any available values, nearest valid values are [${grid[0]}, ${grid[1]}]`,
    },
  ];
}

function checkCoreFraction(vm: VmSizing, policies: readonly SizingPolicy[]): SizingViolation[] {
  const policy = findSizingPolicy(policies, vm.cores)?.policy;
  if (!policy?.coreFractions || policy.coreFractions.length === 0) return [];
  const raw = vm.coreFraction ?? defaultCoreFraction(policies, vm.cores);
  // `Auto` hands the fraction to the autoscaler, which only picks allowed values.
  if (raw === 'Auto') return [];
  const fraction = coreFractionValue(raw);
  if (fraction === undefined) {
    return [
      {
        field: 'cpu.coreFraction',
        message: `unable to parse CPU core fraction: ${JSON.stringify(String(raw))}`,
      },
    ];
  }
  const allowed = policy.coreFractions.map(coreFractionValue);
  return allowed.includes(fraction)
    ? []
    : [
        {
          field: 'cpu.coreFraction',
          message: `VM core fraction value ${fraction} is not within the allowed values`,
        },
      ];
}

interface Bound {
  bytes: bigint;
  text: string;
  format: QuantityFormat;
}

/** A policy bound; unparsable bounds are ignored here (class validation reports them). */
function bound(input: QuantityInput | undefined): Bound | undefined {
  const q = input === undefined ? undefined : tryParseQuantity(input);
  if (!q) return undefined;
  return { bytes: quantityToBytes(q), text: formatQuantity(q), format: q.format };
}

function checkMemory(vm: VmSizing, policy: SizingPolicy): SizingViolation[] {
  const mem = policy.memory;
  if (!mem) return [];
  const out: SizingViolation[] = [];
  const size = tryParseQuantity(vm.memory);
  if (!size) {
    return [{ field: 'memory.size', message: `invalid quantity ${JSON.stringify(vm.memory)}` }];
  }
  const bytes = quantityToBytes(size);
  const step = bound(mem.step);
  out.push(
    ...checkRange('VM memory', bytes, formatQuantity(size), bound(mem.min), bound(mem.max), step),
  );
  if (mem.perCore && vm.cores > 0) {
    // DVP divides the byte value by the core count (integer division) and prints it as BinarySI.
    const perCore = bytes / BigInt(vm.cores);
    const text = formatQuantity(quantityFromBytes(perCore));
    const min = bound(mem.perCore.min);
    const max = bound(mem.perCore.max);
    out.push(...checkRange('VM per core memory', perCore, text, min, max, step));
  }
  return out;
}

function checkRange(
  what: string,
  value: bigint,
  text: string,
  min: Bound | undefined,
  max: Bound | undefined,
  step: Bound | undefined,
): SizingViolation[] {
  const out: SizingViolation[] = [];
  const range = `available range [${min?.text ?? '0'}, ${max?.text ?? '∞'}]`;
  const field = 'memory.size';
  if (min && value < min.bytes) {
    out.push({
      field,
      message: `requested ${what} (${text}) is less than the minimum allowed, ${range}`,
    });
  }
  if (max && value > max.bytes) {
    out.push({
      field,
      message: `requested ${what} (${text}) exceeds the maximum allowed, ${range}`,
    });
  }
  if (min && max && step && step.bytes > 0n) {
    const grid = nearestOnGrid(value, min.bytes, max.bytes, step.bytes);
    if (grid) {
      const lo = formatQuantity({ ...quantityFromBytes(grid[0]), format: min.format });
      const hi = formatQuantity({ ...quantityFromBytes(grid[1]), format: min.format });
      out.push({
        field,
        message: `requested ${what} does not match any available values, nearest valid values are [${lo}, ${hi}]`,
      });
    }
  }
  return out;
}

/**
 * The grid is min, min+step, … (below max), then max. Returns the neighbours of a value that
 * lies strictly between two grid points, or `undefined` when it is on the grid or out of range
 * (out-of-range values are reported by the min/max checks instead).
 */
export function nearestOnGrid(
  value: bigint,
  min: bigint,
  max: bigint,
  step: bigint,
): [bigint, bigint] | undefined {
  if (step <= 0n || value <= min || value >= max) return undefined;
  const lo = min + ((value - min) / step) * step;
  if (lo === value) return undefined;
  const next = lo + step;
  const hi = next < max ? next : max;
  return hi === value ? undefined : [lo, hi];
}
