import type { KubeObject } from '../apiserver/types.ts';

/** Builders for `rbac.authorization.k8s.io/v1` objects as plain JSON, ready for the store. */

export const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A PolicyRule as written in YAML: only the lists it uses. */
export interface RuleSpec {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface SubjectSpec {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

interface Meta {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export const READ = ['get', 'list', 'watch'];
export const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** Shorthand for a resource rule: `rule(['get'], [''], ['pods'])`. */
export function rule(verbs: string[], apiGroups: string[], resources: string[]): RuleSpec {
  return { verbs, apiGroups, resources };
}

function meta(name: string, m: Meta, namespace?: string): KubeObject['metadata'] {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(m.labels ? { labels: m.labels } : {}),
    ...(m.annotations ? { annotations: m.annotations } : {}),
  };
}

/** A ClusterRole; with `aggregate` its rules are the union of the roles the selectors pick. */
export function clusterRole(
  name: string,
  rules: RuleSpec[],
  m: Meta & { aggregate?: Record<string, string>[] } = {},
): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: 'ClusterRole',
    metadata: meta(name, m),
    ...(m.aggregate
      ? {
          aggregationRule: {
            clusterRoleSelectors: m.aggregate.map((matchLabels) => ({ matchLabels })),
          },
        }
      : {}),
    rules,
  };
}

export function role(namespace: string, name: string, rules: RuleSpec[], m: Meta = {}): KubeObject {
  return { apiVersion: RBAC_API_VERSION, kind: 'Role', metadata: meta(name, m, namespace), rules };
}

function subjects(list: SubjectSpec[]): Record<string, string>[] {
  // kube defaults apiGroup: rbac for User/Group, '' for ServiceAccount.
  return list.map((s): Record<string, string> =>
    s.kind === 'ServiceAccount'
      ? { kind: s.kind, name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) }
      : { apiGroup: RBAC_GROUP, kind: s.kind, name: s.name },
  );
}

export function clusterRoleBinding(
  name: string,
  clusterRoleName: string,
  to: SubjectSpec[],
  m: Meta = {},
): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: meta(name, m),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: clusterRoleName },
    subjects: subjects(to),
  };
}

/** A RoleBinding granting a ClusterRole (default) or a Role of the same namespace. */
export function roleBinding(
  namespace: string,
  name: string,
  roleRef: { kind: 'ClusterRole' | 'Role'; name: string },
  to: SubjectSpec[],
  m: Meta = {},
): KubeObject {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: 'RoleBinding',
    metadata: meta(name, m, namespace),
    roleRef: { apiGroup: RBAC_GROUP, ...roleRef },
    subjects: subjects(to),
  };
}

/** Shorthand subjects. */
export const user = (name: string): SubjectSpec => ({ kind: 'User', name });
export const group = (name: string): SubjectSpec => ({ kind: 'Group', name });
