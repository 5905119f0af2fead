import { errors } from '../apiserver/errors.ts';
import type { KubeObject, UserInfo } from '../apiserver/types.ts';
import { resourceAttributes } from './attributes.ts';
import { SYSTEM_MASTERS, aggregateErrors, authorize, rulesFor, type RbacSource } from './rbac.ts';
import {
  bindingRoleRef,
  effectiveClusterRoleRules,
  storedRules,
  type PolicyRule,
} from './rbac-policy.ts';

/**
 * RBAC's privilege-escalation prevention (pkg/registry/rbac/{role,clusterrole,rolebinding,
 * clusterrolebinding}/policybased, pkg/registry/rbac/validation/rule.go): a user may write a Role
 * only with rules they already hold (or the `escalate` verb), and bind a role only if they hold
 * its rules (or the `bind` verb on it). Without this a project admin could bind `cluster-admin`
 * in their namespace.
 */

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function has(set: readonly string[], value: string): boolean {
  return set.includes(value);
}

function hasAll(set: readonly string[], values: readonly string[]): boolean {
  return values.every((v) => set.includes(v));
}

/** A rule split into one verb × group × resource × name (or verb × URL) each, as kube does. */
function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  const base = { apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [] };
  for (const group of rule.apiGroups) {
    for (const resource of rule.resources) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames.length > 0 ? rule.resourceNames : [undefined];
        for (const name of names) {
          out.push({
            ...base,
            verbs: [verb],
            apiGroups: [group],
            resources: [resource],
            resourceNames: name === undefined ? [] : [name],
          });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs) {
    for (const verb of rule.verbs) out.push({ ...base, verbs: [verb], nonResourceURLs: [url] });
  }
  return out;
}

function resourceCoversAll(owner: readonly string[], wanted: readonly string[]): boolean {
  if (has(owner, '*') || hasAll(owner, wanted)) return true;
  return wanted.every((path) => {
    if (has(owner, path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && has(owner, `*/${path.slice(slash + 1)}`);
  });
}

function urlCovers(owner: string, wanted: string): boolean {
  return owner === wanted || (owner.endsWith('*') && wanted.startsWith(owner.replace(/\*+$/, '')));
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const namesOk =
    owner.resourceNames.length === 0 ||
    (sub.resourceNames.length > 0 && hasAll(owner.resourceNames, sub.resourceNames));
  return (
    (has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs)) &&
    (has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups)) &&
    resourceCoversAll(owner.resources, sub.resources) &&
    sub.nonResourceURLs.every((u) => owner.nonResourceURLs.some((o) => urlCovers(o, u))) &&
    namesOk
  );
}

/** The parts of `wanted` no rule of `owner` covers (kube's `validation.Covers`). */
export function uncoveredRules(
  owner: readonly PolicyRule[],
  wanted: readonly PolicyRule[],
): PolicyRule[] {
  return wanted.flatMap(breakdown).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}

/** Go's `%q` of a []string: `["a" "b"]`. */
function quoted(list: readonly string[]): string {
  return `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;
}

/** kube's `CompactString`: `{APIGroups:[""], Resources:["pods"], Verbs:["get"]}`. */
export function compactRule(rule: PolicyRule): string {
  const fields: [string, string[]][] = [
    ['APIGroups', rule.apiGroups],
    ['Resources', rule.resources],
    ['ResourceNames', rule.resourceNames],
    ['NonResourceURLs', rule.nonResourceURLs],
    ['Verbs', rule.verbs],
  ];
  const parts = fields.filter(([, v]) => v.length > 0).map(([k, v]) => `${k}:${quoted(v)}`);
  return `{${parts.join(', ')}}`;
}

function target(obj: KubeObject) {
  const resource = `${obj.kind.toLowerCase()}s`;
  return { group: RBAC_GROUP, resource, name: obj.metadata.name ?? '' };
}

function forbid(obj: KubeObject, why: string): never {
  const t = target(obj);
  throw errors.forbidden(`${t.resource}.${RBAC_GROUP} "${t.name}" is forbidden: ${why}`, t);
}

function confirmNoEscalation(
  user: UserInfo,
  obj: KubeObject,
  namespace: string,
  wanted: readonly PolicyRule[],
  rbac: RbacSource,
): void {
  const { rules, errors: problems } = rulesFor(user, namespace, rbac);
  const missing = uncoveredRules(rules, wanted);
  if (missing.length === 0) return;
  let msg =
    `user ${JSON.stringify(user.username)} (groups=${quoted(user.groups)}) is attempting to grant ` +
    `RBAC permissions not currently held:\n${missing.map(compactRule).join('\n')}`;
  if (problems.length > 0) msg += `; resolution errors: ${aggregateErrors(problems)}`;
  forbid(obj, msg);
}

function allowedVerb(
  user: UserInfo,
  verb: string,
  resource: string,
  namespace: string,
  name: string,
  rbac: RbacSource,
) {
  return authorize(
    user,
    resourceAttributes({ verb, group: RBAC_GROUP, resource, namespace, name }),
    rbac,
  ).allowed;
}

/**
 * Checks a create or update of a Role, ClusterRole, RoleBinding or ClusterRoleBinding by `user`
 * (for patches, pass the patched object). Other kinds pass untouched.
 * @throws StatusError 403 worded as kube's escalation check.
 */
export function checkRbacWrite(user: UserInfo, obj: KubeObject, rbac: RbacSource): void {
  if (!obj.apiVersion.startsWith(`${RBAC_GROUP}/`)) return;
  if (user.groups.includes(SYSTEM_MASTERS)) return;
  const namespace = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  switch (obj.kind) {
    case 'Role':
    case 'ClusterRole': {
      const plural = obj.kind === 'Role' ? 'roles' : 'clusterroles';
      if (allowedVerb(user, 'escalate', plural, namespace, name, rbac)) return;
      if (obj.kind === 'ClusterRole' && obj.aggregationRule !== undefined) {
        // An aggregation rule can gather anything, so it takes every right.
        const all: PolicyRule = {
          verbs: ['*'],
          apiGroups: ['*'],
          resources: ['*'],
          resourceNames: [],
          nonResourceURLs: ['*'],
        };
        if (uncoveredRules(rulesFor(user, '', rbac).rules, [all]).length > 0) {
          forbid(obj, 'must have cluster-admin privileges to use the aggregationRule');
        }
      }
      confirmNoEscalation(user, obj, namespace, storedRules(obj), rbac);
      return;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const ref = bindingRoleRef(obj) ?? { kind: '', name: '' };
      const refPlural = ref.kind === 'Role' ? 'roles' : 'clusterroles';
      if (allowedVerb(user, 'bind', refPlural, namespace, ref.name, rbac)) return;
      let rules: PolicyRule[] | undefined;
      if (ref.kind === 'ClusterRole')
        rules = effectiveClusterRoleRules(rbac.clusterRoles())(ref.name);
      if (ref.kind === 'Role' && namespace) {
        const role = rbac.roles(namespace).find((r) => r.metadata.name === ref.name);
        rules = role ? storedRules(role) : undefined;
      }
      if (!rules) {
        const kindLower = ref.kind.toLowerCase() || 'role';
        forbid(obj, `${kindLower}.${RBAC_GROUP} "${ref.name}" not found`);
      }
      confirmNoEscalation(user, obj, namespace, rules, rbac);
      return;
    }
    default:
      return;
  }
}
