import type { KubeObject } from '../apiserver/types.ts';
import type { RequestAttributes } from './attributes.ts';

/**
 * RBAC objects read from stored JSON, and kube's rule matching
 * (pkg/apis/rbac/v1/evaluation_helpers.go, plugin/pkg/auth/authorizer/rbac/rbac.go `RuleAllows`).
 * Stored objects are read defensively: a malformed field counts as empty, so it grants nothing.
 */

/** A `rbac.authorization.k8s.io/v1` PolicyRule with every list present. */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  kind: string;
  name: string;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A PolicyRule from JSON; missing lists become empty. */
export function toPolicyRule(raw: unknown): PolicyRule {
  const r = isRecord(raw) ? raw : {};
  return {
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  };
}

/** The `rules` a Role or ClusterRole stores. */
export function storedRules(role: KubeObject): PolicyRule[] {
  return Array.isArray(role.rules) ? role.rules.map(toPolicyRule) : [];
}

/** The subjects of a RoleBinding or ClusterRoleBinding. */
export function bindingSubjects(binding: KubeObject): Subject[] {
  if (!Array.isArray(binding.subjects)) return [];
  return binding.subjects.filter(isRecord).map((s) => {
    const namespace = str(s.namespace);
    return { kind: str(s.kind), name: str(s.name), ...(namespace ? { namespace } : {}) };
  });
}

/** The role a binding grants; undefined when absent. */
export function bindingRoleRef(binding: KubeObject): RoleRef | undefined {
  const ref = binding.roleRef;
  return isRecord(ref) ? { kind: str(ref.kind), name: str(ref.name) } : undefined;
}

/** The `aggregationRule.clusterRoleSelectors` of a ClusterRole; undefined when not aggregated. */
export function aggregationSelectors(role: KubeObject): unknown[] | undefined {
  const rule = role.aggregationRule;
  if (!isRecord(rule)) return undefined;
  const selectors: unknown = rule.clusterRoleSelectors;
  return Array.isArray(selectors) ? (selectors as unknown[]) : [];
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === '*' || g === group);
}

/**
 * `*` matches any resource and subresource; `pods/status` matches exactly; a star-slash rule
 * such as `*` + `/status` matches that subresource of any resource, and nothing else.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return rule.resources.some(
    (r) =>
      r === '*' ||
      r === combined ||
      (subresource !== '' && r.length === subresource.length + 2 && r === `*/${subresource}`),
  );
}

/** An empty `resourceNames` allows any name, including none (list, create). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

/** `*` matches any path; a trailing `*` matches by prefix (`/apis/*`); otherwise exact. */
export function nonResourceUrlMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))),
  );
}

/** Whether one rule allows the request. */
export function ruleAllows(attrs: RequestAttributes, rule: PolicyRule): boolean {
  if (!attrs.isResourceRequest) {
    return verbMatches(rule, attrs.verb) && nonResourceUrlMatches(rule, attrs.path);
  }
  const combined = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  return (
    verbMatches(rule, attrs.verb) &&
    apiGroupMatches(rule, attrs.apiGroup) &&
    resourceMatches(rule, combined, attrs.subresource) &&
    resourceNameMatches(rule, attrs.name)
  );
}

/**
 * `metav1.LabelSelectorAsSelector` then `Matches`: an empty selector matches everything, a
 * malformed one (unknown operator, In without values) matches nothing.
 */
export function labelSelectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) {
    if (labels[key] !== value) return false;
  }
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every((raw) => {
    if (!isRecord(raw)) return false;
    const key = str(raw.key);
    const values = strings(raw.values);
    const has = Object.hasOwn(labels, key);
    switch (raw.operator) {
      case 'In':
        return values.length > 0 && has && values.includes(labels[key] ?? '');
      case 'NotIn':
        return values.length > 0 && (!has || !values.includes(labels[key] ?? ''));
      case 'Exists':
        return values.length === 0 && has;
      case 'DoesNotExist':
        return values.length === 0 && !has;
      default:
        return false;
    }
  });
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The rules of every ClusterRole with aggregation applied, as kube's clusterrole-aggregation
 * controller would have written them: an aggregated role's own `rules` are replaced by the
 * de-duplicated rules of the roles its selectors pick (by name order, itself excluded). Computed
 * on read, recursively, so nested aggregation (`admin` ⊃ `edit` ⊃ `view`) needs no controller.
 * A cycle contributes nothing further once entered.
 */
export function effectiveClusterRoleRules(
  clusterRoles: readonly KubeObject[],
): (name: string) => PolicyRule[] | undefined {
  const byName = new Map<string, KubeObject>();
  for (const role of clusterRoles) {
    if (role.metadata.name) byName.set(role.metadata.name, role);
  }
  const sorted = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const memo = new Map<string, PolicyRule[]>();
  const inProgress = new Set<string>();

  const resolve = (name: string): PolicyRule[] | undefined => {
    const role = byName.get(name);
    if (!role) return undefined;
    const cached = memo.get(name);
    if (cached) return cached;
    const selectors = aggregationSelectors(role);
    if (selectors === undefined) {
      const rules = storedRules(role);
      memo.set(name, rules);
      return rules;
    }
    if (inProgress.has(name)) return [];
    inProgress.add(name);
    const rules: PolicyRule[] = [];
    for (const selector of selectors) {
      for (const [otherName, other] of sorted) {
        if (otherName === name || !labelSelectorMatches(selector, other.metadata.labels ?? {})) {
          continue;
        }
        for (const rule of resolve(otherName) ?? []) {
          if (!rules.some((r) => sameRule(r, rule))) rules.push(rule);
        }
      }
    }
    inProgress.delete(name);
    memo.set(name, rules);
    return rules;
  };
  return resolve;
}
