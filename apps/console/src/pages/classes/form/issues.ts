/**
 * Everything wrong with the VM class form, live: the name, the CPU block, the selector rows and
 * the sizing rules (the shared `checkSizingPolicies`, the same rules as DVP's admission plus the
 * admin guide's). Issues are message keys pinned to form fields; the server's Status causes map
 * onto the same fields.
 */
import { validateLabelValue, validateObjectName, validateQualifiedName } from '@dvp/api';
import { checkSizingPolicies, type SizingRuleCode } from '@dvp/api/rules/sizing-policy-rules';
import type { MessageKey, MessageValues } from '../../../i18n/i18n.tsx';
import {
  policyOf,
  type ClassFormValues,
  type ExpressionValues,
  type PolicyValues,
} from './model.ts';

export interface FormIssue {
  /** A form path: `name`, `model`, `policies.1.coresMax`, `policies.1.rule`, `nodeSelector`. */
  field: string;
  key: MessageKey;
  values: MessageValues;
}

/** The rule's field under a policy: `cores.max` → `coresMax`; anything else → `rule`. */
const POLICY_FIELDS: [RegExp, keyof PolicyValues | 'rule'][] = [
  [/^cores\.min/, 'coresMin'],
  [/^cores\.max/, 'coresMax'],
  [/^cores\.step/, 'coresStep'],
  [/^memory(\.perCore)?\.min/, 'memMin'],
  [/^memory(\.perCore)?\.max/, 'memMax'],
  [/^memory\.step/, 'memStep'],
  [/^coreFractions/, 'fractions'],
  [/^defaultCoreFraction/, 'defaultFraction'],
];

/**
 * The form field of a path in the class (a Status cause's `field` or a rule's): e.g.
 * `spec.sizingPolicies[1].cores.max` → `policies.1.coresMax`. Undefined: not a form field.
 */
export function formFieldOf(path: string): string | undefined {
  if (path === 'metadata.name' || path.startsWith('metadata.name')) return 'name';
  if (path.startsWith('spec.cpu.model')) return 'model';
  if (path.startsWith('spec.cpu.features')) return 'features';
  if (path.startsWith('spec.cpu.discovery')) return 'discovery';
  if (path.startsWith('spec.cpu')) return 'cpuType';
  if (path.startsWith('spec.nodeSelector')) return 'nodeSelector';
  const m = /^spec\.sizingPolicies\[(\d+)\]\.?(.*)$/.exec(path);
  if (m) {
    const rest = m[2] ?? '';
    const field = POLICY_FIELDS.find(([re]) => re.test(rest))?.[1] ?? 'rule';
    return `policies.${m[1]}.${field}`;
  }
  if (path.startsWith('spec.sizingPolicies')) return 'policies';
  return undefined;
}

const RULE_KEYS: Record<SizingRuleCode, MessageKey> = {
  noCores: 'classes.rule.noCores',
  overlap: 'classes.rule.overlap',
  gap: 'classes.rule.gap',
  coresMin: 'classes.rule.coresMin',
  coresMaxLimit: 'classes.rule.coresMaxLimit',
  coresOrder: 'classes.rule.coresOrder',
  coresStep: 'classes.rule.coresStep',
  noValidCores: 'classes.rule.noValidCores',
  fractionRange: 'classes.rule.fractionRange',
  fractionDuplicate: 'classes.rule.fractionDuplicate',
  defaultFraction: 'classes.rule.defaultFraction',
  noLimits: 'classes.rule.noLimits',
  memoryInvalid: 'classes.rule.memoryInvalid',
  memoryOrder: 'classes.rule.memoryOrder',
  memoryStepZero: 'classes.rule.memoryStepZero',
  memoryStepRange: 'classes.rule.memoryStepRange',
  memoryStepMisfit: 'classes.rule.memoryStepMisfit',
};

function expressionIssues(rows: readonly ExpressionValues[], field: string): FormIssue[] {
  for (const r of rows) {
    const keyErr = validateQualifiedName(r.key)[0];
    if (keyErr) return [{ field, key: 'classes.err.key', values: { key: r.key, message: keyErr } }];
    const valued = r.operator === 'In' || r.operator === 'NotIn';
    if (valued && r.values.length === 0) {
      return [{ field, key: 'classes.err.values', values: { key: r.key } }];
    }
    const bad = valued ? r.values.find((v) => validateLabelValue(v).length > 0) : undefined;
    if (bad !== undefined) {
      return [{ field, key: 'classes.err.value', values: { value: bad } }];
    }
  }
  return [];
}

/** The issues of the policies alone (also what an edit's preview needs). */
export function policyIssues(policies: readonly PolicyValues[]): FormIssue[] {
  const out: FormIssue[] = [];
  policies.forEach((p, i) => {
    for (const f of ['coresMin', 'coresMax'] as const) {
      if (p[f].trim() === '')
        out.push({ field: `policies.${i}.${f}`, key: 'classes.err.required', values: {} });
    }
  });
  for (const issue of checkSizingPolicies(policies.map(policyOf))) {
    const field = formFieldOf(issue.field) ?? `policies.${issue.index}.rule`;
    out.push({ field, key: RULE_KEYS[issue.code], values: issue.params });
  }
  return out;
}

/** Every issue of the form; `edit` skips what cannot change (name, CPU). */
export function classFormIssues(v: ClassFormValues, edit = false): FormIssue[] {
  const out: FormIssue[] = [];
  if (!edit) {
    const name = v.name.trim();
    if (!name) out.push({ field: 'name', key: 'classes.err.required', values: {} });
    else {
      const err = validateObjectName('VirtualMachineClass', name)[0];
      if (err) out.push({ field: 'name', key: 'classes.err.name', values: { message: err } });
    }
    if (v.cpuType === 'Model' && !v.model) {
      out.push({ field: 'model', key: 'classes.err.model', values: {} });
    }
    if (v.cpuType === 'Features' && v.features.length === 0) {
      out.push({ field: 'features', key: 'classes.err.features', values: {} });
    }
    if (v.cpuType === 'Discovery') out.push(...expressionIssues(v.discovery, 'discovery'));
  }
  out.push(...expressionIssues(v.nodeSelector, 'nodeSelector'));
  out.push(...policyIssues(v.policies));
  return out;
}

/** The first issue per field. */
export function issuesByField(issues: readonly FormIssue[]): Map<string, FormIssue> {
  const map = new Map<string, FormIssue>();
  for (const i of issues) if (!map.has(i.field)) map.set(i.field, i);
  return map;
}
