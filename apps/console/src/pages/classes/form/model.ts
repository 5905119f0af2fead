/**
 * The VM class form's values (as the UI shows them) and the VirtualMachineClass they stand for,
 * both ways. The form writes the storage version (v1alpha2: integer core fractions).
 */
import {
  formatQuantity,
  quantityFromBytes,
  tryParseQuantity,
  VMCLASS_CPU_TYPES,
  type KubeObject,
  type LabelSelector,
  type SizingPolicy,
} from '@dvp/api';

export type CpuType = (typeof VMCLASS_CPU_TYPES)[number];
export const CPU_TYPES = VMCLASS_CPU_TYPES;

export const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
export type Operator = (typeof OPERATORS)[number];

/** One row of "Labels and expressions". `label`: it came from `matchLabels` (kept there). */
export interface ExpressionValues {
  key: string;
  operator: Operator;
  values: string[];
  label?: boolean;
}

export interface PolicyValues {
  coresMin: string;
  coresMax: string;
  coresStep: string;
  /** Checked "Allow core shares" boxes: percentages as strings ("5", "100"). */
  fractions: string[];
  /** "" (none), "Auto" or a percentage ("20"). */
  defaultFraction: string;
  /** "Volume per core": min and max apply to memory ÷ cores (`memory.perCore`). */
  perCore: boolean;
  /** GiB ("1", "0.5") or a quantity ("512Mi"). */
  memMin: string;
  memMax: string;
  memStep: string;
  /** Not edited by the form; kept as the class has it. */
  dedicatedCores?: boolean[];
}

export interface ClassFormValues {
  name: string;
  cpuType: CpuType;
  model: string;
  features: string[];
  discovery: ExpressionValues[];
  nodeSelector: ExpressionValues[];
  policies: PolicyValues[];
}

/** The shape of `spec` the form reads and writes. */
export interface ClassSpec {
  cpu: {
    type: CpuType;
    model?: string;
    features?: string[];
    discovery?: { nodeSelector?: LabelSelector };
  };
  nodeSelector?: LabelSelector;
  sizingPolicies?: SizingPolicy[];
  [key: string]: unknown;
}

export const DVP_V1ALPHA2 = 'virtualization.deckhouse.io/v1alpha2';

/** Core shares offered as checkboxes (the admin guide's five plus common quarters). */
export const FRACTION_CHOICES = [5, 10, 20, 25, 50, 75, 100];

export function emptyPolicy(after?: PolicyValues): PolicyValues {
  const prevMax = Number.parseInt(after?.coresMax ?? '', 10);
  const min = Number.isInteger(prevMax) ? prevMax + 1 : 1;
  return {
    coresMin: String(min),
    coresMax: String(min + 3),
    coresStep: '',
    fractions: [],
    defaultFraction: '',
    perCore: false,
    memMin: '',
    memMax: '',
    memStep: '',
  };
}

export function classFormDefaults(): ClassFormValues {
  return {
    name: '',
    cpuType: 'Host',
    model: '',
    features: [],
    discovery: [],
    nodeSelector: [],
    policies: [],
  };
}

const GIB = 1024n ** 3n;

/** "1" → "1Gi", "0.5" → "512Mi", "0.3" → "0.3Gi", "512Mi" as is, "" → undefined; other text as is. */
export function memoryQuantity(text: string): string | undefined {
  const s = text.trim();
  if (!s) return undefined;
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(s);
  if (!m) return s;
  const whole = BigInt(m[1] ?? '0');
  const frac = m[2] ?? '';
  if (!frac) return `${whole}Gi`;
  const scale = 10n ** BigInt(frac.length);
  const num = (whole * scale + BigInt(frac)) * GIB;
  // Not a whole number of bytes: kube's own notation (it rounds up to a byte).
  if (num % scale !== 0n) return `${s}Gi`;
  return formatQuantity(quantityFromBytes(num / scale));
}

/** "8Gi" → "8" (GiB, as the form shows it); any other quantity as it is written. */
export function memoryText(q: string | number | undefined): string {
  if (q === undefined) return '';
  const s = String(q);
  const m = /^(\d+)Gi$/.exec(s);
  return m ? (m[1] ?? s) : s;
}

function expressionsOf(sel: LabelSelector | undefined): ExpressionValues[] {
  const labels = Object.entries(sel?.matchLabels ?? {}).map(([key, v]): ExpressionValues => ({
    key,
    operator: 'In',
    values: [v],
    label: true,
  }));
  const exprs = (sel?.matchExpressions ?? []).map((e): ExpressionValues => ({
    key: e.key,
    operator: (OPERATORS as readonly string[]).includes(e.operator)
      ? (e.operator as Operator)
      : 'In',
    values: e.values ?? [],
  }));
  return [...labels, ...exprs];
}

/** The selector of the rows, or undefined when there are none. */
export function selectorOf(rows: readonly ExpressionValues[]): LabelSelector | undefined {
  if (rows.length === 0) return undefined;
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const r of rows) {
    if (r.label && r.operator === 'In' && r.values.length === 1) {
      matchLabels[r.key] = r.values[0] ?? '';
      continue;
    }
    const valued = r.operator === 'In' || r.operator === 'NotIn';
    matchExpressions.push({
      key: r.key,
      operator: r.operator,
      ...(valued ? { values: r.values } : {}),
    });
  }
  return {
    ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
}

function num(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** A sizing policy from the form (invalid input stays visible to the rule checks). */
export function policyOf(p: PolicyValues): SizingPolicy {
  const step = p.coresStep.trim();
  const fractions = [...new Set(p.fractions.map(Number))];
  const min = memoryQuantity(p.memMin);
  const max = memoryQuantity(p.memMax);
  const memStep = memoryQuantity(p.memStep);
  const range = { ...(min ? { min } : {}), ...(max ? { max } : {}) };
  const hasRange = Object.keys(range).length > 0;
  const memory =
    hasRange || memStep
      ? {
          ...(p.perCore ? (hasRange ? { perCore: range } : {}) : range),
          ...(memStep ? { step: memStep } : {}),
        }
      : undefined;
  const def = p.defaultFraction;
  return {
    cores: { min: num(p.coresMin), max: num(p.coresMax), ...(step ? { step: num(step) } : {}) },
    ...(memory ? { memory } : {}),
    ...(fractions.length ? { coreFractions: fractions } : {}),
    ...(def ? { defaultCoreFraction: def === 'Auto' ? 'Auto' : Number(def) } : {}),
    ...(p.dedicatedCores ? { dedicatedCores: p.dedicatedCores } : {}),
  };
}

function policyValuesOf(p: SizingPolicy): PolicyValues {
  const perCore = !!p.memory?.perCore && p.memory.min === undefined && p.memory.max === undefined;
  const range = perCore ? p.memory?.perCore : p.memory;
  const def = p.defaultCoreFraction;
  const pct = (v: number | string) => String(v).replace(/%$/, '');
  return {
    coresMin: String(p.cores?.min ?? ''),
    coresMax: String(p.cores?.max ?? ''),
    coresStep: p.cores?.step !== undefined ? String(p.cores.step) : '',
    fractions: (p.coreFractions ?? []).map(pct),
    defaultFraction: def === undefined ? '' : def === 'Auto' ? 'Auto' : pct(def),
    perCore,
    memMin: memoryText(range?.min),
    memMax: memoryText(range?.max),
    memStep: memoryText(p.memory?.step),
    ...(p.dedicatedCores ? { dedicatedCores: p.dedicatedCores } : {}),
  };
}

/** `spec.cpu` from the form. */
export function cpuOf(v: ClassFormValues): ClassSpec['cpu'] {
  switch (v.cpuType) {
    case 'Model':
      return { type: 'Model', model: v.model };
    case 'Features':
      return { type: 'Features', features: v.features };
    case 'Discovery': {
      const nodeSelector = selectorOf(v.discovery);
      return { type: 'Discovery', discovery: nodeSelector ? { nodeSelector } : {} };
    }
    default:
      return { type: v.cpuType };
  }
}

/** The editable part of `spec` (nodeSelector, sizingPolicies) from the form. */
export function editableSpecOf(
  v: ClassFormValues,
): Pick<ClassSpec, 'nodeSelector' | 'sizingPolicies'> {
  const nodeSelector = selectorOf(v.nodeSelector);
  return {
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(v.policies.length ? { sizingPolicies: v.policies.map(policyOf) } : {}),
  };
}

/** The VirtualMachineClass to create. */
export function manifestOf(v: ClassFormValues): KubeObject {
  return {
    apiVersion: DVP_V1ALPHA2,
    kind: 'VirtualMachineClass',
    metadata: { name: v.name.trim() },
    spec: { cpu: cpuOf(v), ...editableSpecOf(v) },
  };
}

/** The form's values of an existing class (edit). */
export function valuesOf(cls: KubeObject): ClassFormValues {
  const spec = (cls.spec as Partial<ClassSpec> | undefined) ?? {};
  const cpu = spec.cpu ?? { type: 'Host' };
  return {
    name: cls.metadata.name ?? '',
    cpuType: cpu.type,
    model: cpu.model ?? '',
    features: cpu.features ?? [],
    discovery: expressionsOf(cpu.discovery?.nodeSelector),
    nodeSelector: expressionsOf(spec.nodeSelector),
    policies: (spec.sizingPolicies ?? []).map(policyValuesOf),
  };
}

/** The editable part of an existing class's spec, for the merge patch's "before". */
export function editableSpecOfClass(
  cls: KubeObject,
): Pick<ClassSpec, 'nodeSelector' | 'sizingPolicies'> {
  const spec = (cls.spec as Partial<ClassSpec> | undefined) ?? {};
  return {
    ...(spec.nodeSelector ? { nodeSelector: spec.nodeSelector } : {}),
    ...(spec.sizingPolicies ? { sizingPolicies: spec.sizingPolicies } : {}),
  };
}

/** Whether a quantity text the form built is valid (used to tell typos from values). */
export function isMemoryInput(text: string): boolean {
  const q = memoryQuantity(text);
  return q === undefined || tryParseQuantity(q) !== undefined;
}
