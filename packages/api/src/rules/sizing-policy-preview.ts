/**
 * What a sizing policy lets a VM have, for a readable preview: the core counts (on the policy's
 * step grid and with a valid CPU topology), the core fractions, and the memory ranges with how
 * many sizes their step allows. Mirrors what `matchSizingPolicy` accepts.
 */
import { quantityToBytes, tryParseQuantity } from './quantity.ts';
import { allowedCores } from './sizing-policy-rules.ts';
import { coreFractionValue, type QuantityInput, type SizingPolicy } from './sizing-policy.ts';

/** `from`, `from + step`, … `to` (a single value has from === to). */
export interface NumberRun {
  from: number;
  to: number;
  step: number;
}

/** A memory range of a policy, in bytes; `perCore` ranges apply to memory ÷ cores. */
export interface MemoryRange {
  perCore: boolean;
  min?: bigint;
  max?: bigint;
  step?: bigint;
  /** How many sizes the step grid allows (min, min + step, …, max); absent without a grid. */
  sizes?: number;
}

export interface SizingPolicyPreview {
  cores: NumberRun[];
  /** Allowed fractions in percent, ascending; empty when the policy allows any. */
  coreFractions: number[];
  /** `"Auto"` or a percentage such as `"20%"`, when the policy sets one. */
  defaultCoreFraction?: string;
  memory: MemoryRange[];
}

/** Compresses ascending numbers into arithmetic runs: 1…16, 18, 20 … 32 → [1–16/1, 18–32/2]. */
export function numberRuns(values: readonly number[]): NumberRun[] {
  const out: NumberRun[] = [];
  let k = 0;
  while (k < values.length) {
    const from = values[k] ?? 0;
    const next = values[k + 1];
    if (next === undefined) {
      out.push({ from, to: from, step: 1 });
      break;
    }
    const step = next - from;
    let end = k + 1;
    while (end + 1 < values.length && (values[end + 1] ?? 0) - (values[end] ?? 0) === step) {
      end += 1;
    }
    // A pair that does not continue is better shown as two single values (1, 5) than a run.
    if (end === k + 1 && step !== 1) {
      out.push({ from, to: from, step: 1 });
      k += 1;
      continue;
    }
    out.push({ from, to: values[end] ?? from, step });
    k = end + 1;
  }
  return out;
}

function bytes(v: QuantityInput | undefined): bigint | undefined {
  const q = v === undefined ? undefined : tryParseQuantity(v);
  return q ? quantityToBytes(q) : undefined;
}

function range(
  perCore: boolean,
  lo: QuantityInput | undefined,
  hi: QuantityInput | undefined,
  stepInput: QuantityInput | undefined,
): MemoryRange | undefined {
  const min = bytes(lo);
  const max = bytes(hi);
  if (min === undefined && max === undefined) return undefined;
  const step = bytes(stepInput);
  const out: MemoryRange = { perCore };
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  if (step !== undefined && step > 0n) {
    out.step = step;
    if (min !== undefined && max !== undefined && max >= min) {
      const span = max - min;
      out.sizes = Number(span / step) + 1 + (span % step === 0n ? 0 : 1);
    }
  }
  return out;
}

/** The preview of one policy. */
export function previewSizingPolicy(policy: SizingPolicy): SizingPolicyPreview {
  const fractions = [
    ...new Set((policy.coreFractions ?? []).map(coreFractionValue).filter((n) => n !== undefined)),
  ].sort((a, b) => a - b);
  const def = policy.defaultCoreFraction;
  const defText =
    def === undefined ? undefined : def === 'Auto' ? 'Auto' : `${coreFractionValue(def) ?? def}%`;
  const m = policy.memory;
  const memory = [
    m ? range(false, m.min, m.max, m.step) : undefined,
    m?.perCore ? range(true, m.perCore.min, m.perCore.max, m.step) : undefined,
  ].filter((r): r is MemoryRange => r !== undefined);
  return {
    cores: policy.cores ? numberRuns(allowedCores(policy.cores)) : [],
    coreFractions: fractions,
    ...(defText !== undefined ? { defaultCoreFraction: defText } : {}),
    memory,
  };
}
