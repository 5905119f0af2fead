import type { KubeObject } from '../apiserver/types.ts';
import { kubeDefaultRbac } from './bootstrap-kube.ts';
import { MANAGE_ROLES, dvpRbac, useRoleName } from './bootstrap-dvp.ts';
import {
  READ,
  clusterRole,
  clusterRoleBinding,
  roleBinding,
  rule,
  user,
  type SubjectSpec,
} from './rbac-objects.ts';
import { CONSOLE_USER } from './users.ts';

/**
 * The RBAC objects of a fresh sandbox: kube's defaults, the DVP roles, three sandbox roles, and
 * the bindings that give the example users of `users.ts` their access.
 */

/** Project administrators' role: kube's namespace `admin` plus DVP's use-level admin. */
export const PROJECT_ADMIN_ROLE = 'd8:project:admin';
/** Read access to the cluster-wide catalog (images and VM classes) that VM forms list. */
export const CATALOG_VIEWER_ROLE = 'sandbox:virtualization:catalog-viewer';
/** What the console backend needs to act as users. */
export const IMPERSONATOR_ROLE = 'sandbox:impersonator';
/**
 * What the console backend reads for its shared watch cache: read-only, and never secrets. It
 * serves a user from that cache only after the user's own access review allows the read.
 */
export const CONSOLE_CACHE_ROLE = 'sandbox:console-cache-reader';

const SANDBOX_LABELS = { 'app.kubernetes.io/managed-by': 'dvp-sandbox' };

function sandboxRoles(): KubeObject[] {
  return [
    // In DVP, multitenancy-manager binds `d8:project:admin` through the ProjectRoleBinding
    // `d8-administrators` (dvp-api.md §18). Its real rules are not in our reference, so the
    // sandbox composes it from the two role families a project admin evidently needs.
    clusterRole(PROJECT_ADMIN_ROLE, [], {
      labels: SANDBOX_LABELS,
      aggregate: [
        { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
        {
          'rbac.deckhouse.io/kind': 'use',
          'rbac.deckhouse.io/aggregate-to-virtualization-as': 'admin',
        },
      ],
    }),
    // rbacv2 grants the catalog only with the manage roles; a real cluster gives project users a
    // binding like this one so they can pick an image and a class. The sandbox ships it.
    clusterRole(
      CATALOG_VIEWER_ROLE,
      [
        rule(
          READ,
          ['virtualization.deckhouse.io'],
          ['clustervirtualimages', 'virtualmachineclasses'],
        ),
      ],
      { labels: SANDBOX_LABELS },
    ),
    clusterRole(
      IMPERSONATOR_ROLE,
      [
        rule(['impersonate'], [''], ['users', 'groups', 'serviceaccounts']),
        // Only uids: kube has no `userextras/*` wildcard, and the console sends no extras.
        rule(['impersonate'], ['authentication.k8s.io'], ['uids']),
      ],
      { labels: SANDBOX_LABELS },
    ),
    clusterRole(
      CONSOLE_CACHE_ROLE,
      [
        rule(READ, ['virtualization.deckhouse.io'], ['*']),
        rule(READ, [''], ['namespaces', 'nodes', 'events', 'services', 'pods']),
        rule(READ, ['deckhouse.io'], ['projects', 'moduleconfigs']),
        rule(READ, ['storage.k8s.io'], ['storageclasses']),
        rule(READ, ['snapshot.storage.k8s.io'], ['volumesnapshotclasses']),
        rule(READ, ['networking.k8s.io'], ['ingresses']),
      ],
      { labels: SANDBOX_LABELS },
    ),
  ];
}

/**
 * The RoleBinding that makes `administrators` admins of project `projectName` (its namespace
 * carries the project's name), named as multitenancy-manager names it.
 */
export function projectBindings(projectName: string, administrators: SubjectSpec[]): KubeObject[] {
  if (administrators.length === 0) return [];
  return [
    roleBinding(
      projectName,
      'd8-administrators',
      { kind: 'ClusterRole', name: PROJECT_ADMIN_ROLE },
      administrators,
      { labels: { ...SANDBOX_LABELS, 'projects.deckhouse.io/project': projectName } },
    ),
  ];
}

export interface BootstrapOptions {
  /** The namespace (= project) the example users work in. */
  demoNamespace: string;
}

/** Everything a fresh sandbox's RBAC starts with, as plain `rbac.authorization.k8s.io/v1` objects. */
export function bootstrapRbac({ demoNamespace }: BootstrapOptions): KubeObject[] {
  const m = { labels: SANDBOX_LABELS };
  return [
    ...kubeDefaultRbac(),
    ...dvpRbac(),
    ...sandboxRoles(),
    ...projectBindings(demoNamespace, [user('alice')]),
    roleBinding(
      demoNamespace,
      'dave-virtualization-user',
      { kind: 'ClusterRole', name: useRoleName('user') },
      [user('dave')],
      m,
    ),
    roleBinding(
      demoNamespace,
      'bob-virtualization-viewer',
      { kind: 'ClusterRole', name: useRoleName('viewer') },
      [user('bob')],
      m,
    ),
    clusterRoleBinding(
      CATALOG_VIEWER_ROLE,
      CATALOG_VIEWER_ROLE,
      [user('alice'), user('dave'), user('bob')],
      m,
    ),
    clusterRoleBinding('carol-virtualization-manager', MANAGE_ROLES.manager, [user('carol')], m),
    clusterRoleBinding(IMPERSONATOR_ROLE, IMPERSONATOR_ROLE, [user(CONSOLE_USER)], m),
    clusterRoleBinding(CONSOLE_CACHE_ROLE, CONSOLE_CACHE_ROLE, [user(CONSOLE_USER)], m),
  ];
}
