import type { KubeObject, UserInfo } from '../apiserver/types.ts';
import type { RequestAttributes } from './attributes.ts';
import {
  bindingRoleRef,
  bindingSubjects,
  effectiveClusterRoleRules,
  ruleAllows,
  storedRules,
  type PolicyRule,
  type RoleRef,
  type Subject,
} from './rbac-policy.ts';

/**
 * kube's RBAC authorizer (plugin/pkg/auth/authorizer/rbac) over the objects the server stores,
 * preceded by the `system:masters` superuser check kube-apiserver runs before any authorizer.
 */

/** Where the authorizer reads RBAC objects; the server backs it with its store. */
export interface RbacSource {
  roles(namespace: string): readonly KubeObject[];
  clusterRoles(): readonly KubeObject[];
  roleBindings(namespace: string): readonly KubeObject[];
  clusterRoleBindings(): readonly KubeObject[];
}

/** An authorizer's answer. RBAC never denies outright: not allowed means "no opinion". */
export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by …` when allowed; `RBAC: <errors>` when rules could not be read; else ''. */
  reason: string;
}

export const SYSTEM_MASTERS = 'system:masters';
const SA_PREFIX = 'system:serviceaccount:';

/** Receives each rule in force with a description of where it comes from, or a resolution error.
 * Return false to stop visiting. */
export type RuleVisitor = (
  source: string | undefined,
  rule: PolicyRule | undefined,
  error: string | undefined,
) => boolean;

/** An {@link RbacSource} over a fixed list of objects (tests, bootstrap checks, previews). */
export function staticRbacSource(objects: readonly KubeObject[]): RbacSource {
  const of = (kind: string, namespace?: string) =>
    objects.filter(
      (o) =>
        o.kind === kind &&
        o.apiVersion.startsWith('rbac.authorization.k8s.io/') &&
        (namespace === undefined || o.metadata.namespace === namespace),
    );
  return {
    roles: (ns) => of('Role', ns),
    clusterRoles: () => of('ClusterRole'),
    roleBindings: (ns) => of('RoleBinding', ns),
    clusterRoleBindings: () => of('ClusterRoleBinding'),
  };
}

/** The user name of a service account, `system:serviceaccount:<ns>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      // A RoleBinding may name a service account of its own namespace without a namespace.
      const saNamespace = subject.namespace ?? namespace;
      return (
        saNamespace !== '' && user.username === serviceAccountUsername(saNamespace, subject.name)
      );
    }
    default:
      return false;
  }
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    return `${subject.kind} "${subject.name}/${subject.namespace ?? bindingNamespace}"`;
  }
  return `${subject.kind} "${subject.name}"`;
}

function describeBinding(binding: KubeObject, ref: RoleRef, subject: Subject): string {
  const name = binding.metadata.name ?? '';
  const namespace = binding.metadata.namespace ?? '';
  const kind = binding.kind;
  const shown = kind === 'RoleBinding' ? `${name}/${namespace}` : name;
  return `${kind} "${shown}" of ${ref.kind} "${ref.name}" to ${describeSubject(subject, namespace)}`;
}

/**
 * Visits every rule granted to `user` by ClusterRoleBindings, then by the RoleBindings of
 * `namespace` (none when it is ''), as kube's `DefaultRuleResolver.VisitRulesFor`.
 */
export function visitRulesFor(
  user: UserInfo,
  namespace: string,
  rbac: RbacSource,
  visitor: RuleVisitor,
): void {
  let clusterRules: ((name: string) => PolicyRule[] | undefined) | undefined;
  const resolveRef = (ref: RoleRef, bindingNamespace: string): PolicyRule[] | string => {
    if (ref.kind === 'ClusterRole') {
      clusterRules ??= effectiveClusterRoleRules(rbac.clusterRoles());
      return (
        clusterRules(ref.name) ?? `clusterrole.rbac.authorization.k8s.io "${ref.name}" not found`
      );
    }
    if (ref.kind === 'Role') {
      const role = bindingNamespace
        ? rbac.roles(bindingNamespace).find((r) => r.metadata.name === ref.name)
        : undefined;
      return role ? storedRules(role) : `role.rbac.authorization.k8s.io "${ref.name}" not found`;
    }
    return `unsupported role reference kind: "${ref.kind}"`;
  };

  const visitBindings = (bindings: readonly KubeObject[], bindingNamespace: string): boolean => {
    for (const binding of bindings) {
      const subject = bindingSubjects(binding).find((s) =>
        appliesToUser(user, s, bindingNamespace),
      );
      if (!subject) continue;
      const ref = bindingRoleRef(binding) ?? { kind: '', name: '' };
      const rules = resolveRef(ref, bindingNamespace);
      if (typeof rules === 'string') {
        if (!visitor(undefined, undefined, rules)) return false;
        continue;
      }
      const source = describeBinding(binding, ref, subject);
      for (const rule of rules) {
        if (!visitor(source, rule, undefined)) return false;
      }
    }
    return true;
  };

  if (!visitBindings(rbac.clusterRoleBindings(), '')) return;
  if (namespace !== '') visitBindings(rbac.roleBindings(namespace), namespace);
}

/** kube's `utilerrors.NewAggregate(...).Error()`: one message bare, several de-duplicated in []. */
export function aggregateErrors(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0] ?? '';
  return unique.length === 0 ? '' : `[${unique.join(', ')}]`;
}

/** Whether `user` may do what `attrs` describe: superuser group first, then RBAC. */
export function authorize(user: UserInfo, attrs: RequestAttributes, rbac: RbacSource): Decision {
  if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
  let allowedBy: string | undefined;
  const problems: string[] = [];
  visitRulesFor(user, attrs.namespace, rbac, (source, rule, error) => {
    if (error !== undefined) problems.push(error);
    if (rule && source !== undefined && ruleAllows(attrs, rule)) {
      allowedBy = source;
      return false;
    }
    return true;
  });
  if (allowedBy !== undefined) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
  return { allowed: false, reason: problems.length ? `RBAC: ${aggregateErrors(problems)}` : '' };
}

/** Every rule in force for `user` in `namespace` (kube's `RulesFor`), in visiting order. */
export function rulesFor(
  user: UserInfo,
  namespace: string,
  rbac: RbacSource,
): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(user, namespace, rbac, (_source, rule, error) => {
    if (rule) rules.push(rule);
    if (error !== undefined) errors.push(error);
    return true;
  });
  return { rules, errors };
}
