/**
 * Live checks of the machine parameters against DVP's rules: the CPU topology (the VM webhook)
 * and the class's sizing policy (the same code DVP runs), as localizable issues and hints.
 */
import {
  coreFractionValue,
  cpuTopology,
  findSizingPolicy,
  formatQuantity,
  matchSizingPolicy,
  MAX_VM_CORES,
  nearestValidCores,
  tryParseQuantity,
  type SizingPolicy,
} from '@dvp/api';
import type { MessageKey, MessageValues } from '../../i18n/i18n.tsx';

export type SizingField = 'cores' | 'coreFraction' | 'memory';

export interface SizingIssue {
  field: SizingField;
  key: MessageKey;
  values: MessageValues;
}

const FIELD: Record<string, SizingField> = {
  'cpu.cores': 'cores',
  'cpu.coreFraction': 'coreFraction',
  'memory.size': 'memory',
};

/** The class's sizing policies (v1alpha2 and v1alpha3 shapes both fit `SizingPolicy`). */
export function policiesOf(cls: unknown): SizingPolicy[] | undefined {
  const spec = (cls as { spec?: { sizingPolicies?: SizingPolicy[] } } | undefined)?.spec;
  return spec?.sizingPolicies;
}

function coreRanges(policies: readonly SizingPolicy[]): string {
  return policies
    .map((p) => p.cores)
    .filter((c): c is NonNullable<SizingPolicy['cores']> => !!c)
    .map((c) => (c.min === c.max ? `${c.min}` : `${c.min}–${Math.min(c.max, MAX_VM_CORES)}`))
    .join(', ');
}

function fractions(policy: SizingPolicy | undefined): string | undefined {
  const list = policy?.coreFractions?.map(coreFractionValue).filter((n) => n !== undefined);
  return list && list.length ? list.map((n) => `${n}%`).join(', ') : undefined;
}

function q(v: string | number | undefined): string | undefined {
  const p = v === undefined ? undefined : tryParseQuantity(v);
  return p ? formatQuantity(p) : undefined;
}

/** Every problem with cores / CPU share / memory for the class, at most one per field. */
export function sizingIssues(
  input: { cores: number; coreFraction: string; memory: string; name: string },
  className: string,
  policies: readonly SizingPolicy[] | undefined,
): SizingIssue[] {
  const out: SizingIssue[] = [];
  const topo = cpuTopology(input.cores);
  if (!topo.ok) {
    if (topo.step) {
      const near = nearestValidCores(input.cores);
      out.push({
        field: 'cores',
        key: 'vm-create.err.coresTopology',
        values: { step: topo.step, lower: near.lower ?? '', upper: near.upper ?? '' },
      });
    } else {
      out.push({ field: 'cores', key: 'vm-create.err.coresRange', values: { max: MAX_VM_CORES } });
    }
  }
  const fraction = input.coreFraction.trim();
  if (fraction && fraction !== 'Auto' && !/^(100|[1-9][0-9]?)%$/.test(fraction)) {
    out.push({ field: 'coreFraction', key: 'vm-create.err.coreFractionFormat', values: {} });
  }
  if (!tryParseQuantity(input.memory.trim())) {
    out.push({ field: 'memory', key: 'vm-create.err.memoryFormat', values: {} });
  }
  if (!topo.ok || !policies?.length) return out;
  const match = matchSizingPolicy(
    {
      cores: input.cores,
      memory: input.memory.trim(),
      ...(fraction ? { coreFraction: fraction } : {}),
    },
    policies,
    { vmName: input.name || 'vm', className },
  );
  if (match.index === undefined && !match.ok) {
    out.push({
      field: 'cores',
      key: 'vm-create.err.coresPolicy',
      values: { className, allowed: coreRanges(policies) },
    });
    return out;
  }
  for (const v of match.violations) {
    const field = FIELD[v.field] ?? 'cores';
    if (out.some((i) => i.field === field)) continue;
    if (field === 'coreFraction') {
      out.push({
        field,
        key: 'vm-create.err.coreFractionPolicy',
        values: { value: fraction, className, allowed: fractions(match.policy) ?? '' },
      });
    } else {
      out.push({ field, key: 'vm-create.err.policy', values: { className, message: v.message } });
    }
  }
  return out;
}

/** What the class allows, for the hints next to the fields. */
export function sizingHints(
  cores: number,
  policies: readonly SizingPolicy[] | undefined,
): Partial<Record<SizingField, { key: MessageKey; values: MessageValues }>> {
  if (!policies?.length) return {};
  const policy = findSizingPolicy(policies, cores)?.policy;
  const out: Partial<Record<SizingField, { key: MessageKey; values: MessageValues }>> = {
    cores: {
      key: 'vm-create.hint.cores',
      values: {
        allowed: coreRanges(policies),
        step: policy?.cores?.step ?? 'none',
      },
    },
  };
  const f = fractions(policy);
  if (f) out.coreFraction = { key: 'vm-create.hint.coreFraction', values: { allowed: f } };
  const mem = policy?.memory;
  if (mem && (mem.min !== undefined || mem.max !== undefined)) {
    out.memory = {
      key: 'vm-create.hint.memory',
      values: { min: q(mem.min) ?? '0', max: q(mem.max) ?? '∞', step: q(mem.step) ?? 'none' },
    };
  }
  return out;
}
