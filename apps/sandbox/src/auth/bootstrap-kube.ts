import type { KubeObject } from '../apiserver/types.ts';
import {
  READ,
  clusterRole,
  clusterRoleBinding,
  group,
  rule,
  type RuleSpec,
} from './rbac-objects.ts';

/**
 * kube-apiserver's default RBAC policy, the part a DVP console meets
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, v1.32): the superuser role, the
 * discovery/basic-user/public-info roles every authenticated user has, and the aggregated
 * user-facing `admin` ⊃ `edit` ⊃ `view` roles with a subset of their workload rules.
 */

const DEFAULTS = {
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
};

const AGG = 'rbac.authorization.k8s.io/aggregate-to-';
const EDIT_VERBS = ['create', 'delete', 'deletecollection', 'patch', 'update'];

function withLabels(labels: Record<string, string>) {
  return { ...DEFAULTS, labels: { ...DEFAULTS.labels, ...labels } };
}

const viewRules: RuleSpec[] = [
  rule(
    READ,
    [''],
    [
      'configmaps',
      'endpoints',
      'persistentvolumeclaims',
      'persistentvolumeclaims/status',
      'pods',
      'replicationcontrollers',
      'replicationcontrollers/scale',
      'serviceaccounts',
      'services',
      'services/status',
    ],
  ),
  rule(
    READ,
    [''],
    [
      'bindings',
      'events',
      'limitranges',
      'namespaces/status',
      'pods/log',
      'pods/status',
      'replicationcontrollers/status',
      'resourcequotas',
      'resourcequotas/status',
    ],
  ),
  rule(READ, [''], ['namespaces']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
  rule(
    READ,
    ['apps'],
    [
      'controllerrevisions',
      'daemonsets',
      'daemonsets/status',
      'deployments',
      'deployments/scale',
      'deployments/status',
      'replicasets',
      'replicasets/scale',
      'replicasets/status',
      'statefulsets',
      'statefulsets/scale',
      'statefulsets/status',
    ],
  ),
  rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
];

const editRules: RuleSpec[] = [
  rule(
    READ,
    [''],
    ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'],
  ),
  rule(['impersonate'], [''], ['serviceaccounts']),
  rule(EDIT_VERBS, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
  rule(['create'], [''], ['pods/eviction']),
  rule(
    EDIT_VERBS,
    [''],
    [
      'configmaps',
      'events',
      'persistentvolumeclaims',
      'replicationcontrollers',
      'replicationcontrollers/scale',
      'secrets',
      'serviceaccounts',
      'services',
      'services/proxy',
    ],
  ),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(
    EDIT_VERBS,
    ['apps'],
    [
      'daemonsets',
      'deployments',
      'deployments/rollback',
      'deployments/scale',
      'replicasets',
      'replicasets/scale',
      'statefulsets',
      'statefulsets/scale',
    ],
  ),
  rule(EDIT_VERBS, ['batch'], ['cronjobs', 'jobs']),
  rule(EDIT_VERBS, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
  rule(EDIT_VERBS, ['policy'], ['poddisruptionbudgets']),
];

const adminRules: RuleSpec[] = [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule([...EDIT_VERBS, ...READ], ['rbac.authorization.k8s.io'], ['rolebindings', 'roles']),
];

/** The default ClusterRoles and ClusterRoleBindings of kube-apiserver (subset, see above). */
export function kubeDefaultRbac(): KubeObject[] {
  const discoveryUrls = [
    '/api',
    '/api/*',
    '/apis',
    '/apis/*',
    '/healthz',
    '/livez',
    '/openapi',
    '/openapi/*',
    '/readyz',
    '/version',
    '/version/',
  ];
  const publicInfoUrls = ['/healthz', '/livez', '/readyz', '/version', '/version/'];
  return [
    clusterRole(
      'cluster-admin',
      [
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
        { verbs: ['*'], nonResourceURLs: ['*'] },
      ],
      DEFAULTS,
    ),
    clusterRoleBinding('cluster-admin', 'cluster-admin', [group('system:masters')], DEFAULTS),

    clusterRole('system:discovery', [{ verbs: ['get'], nonResourceURLs: discoveryUrls }], DEFAULTS),
    clusterRoleBinding(
      'system:discovery',
      'system:discovery',
      [group('system:authenticated')],
      DEFAULTS,
    ),
    clusterRole(
      'system:basic-user',
      [
        rule(
          ['create'],
          ['authorization.k8s.io'],
          ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        ),
        rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
      ],
      DEFAULTS,
    ),
    clusterRoleBinding(
      'system:basic-user',
      'system:basic-user',
      [group('system:authenticated')],
      DEFAULTS,
    ),
    clusterRole(
      'system:public-info-viewer',
      [{ verbs: ['get'], nonResourceURLs: publicInfoUrls }],
      DEFAULTS,
    ),
    clusterRoleBinding(
      'system:public-info-viewer',
      'system:public-info-viewer',
      [group('system:authenticated'), group('system:unauthenticated')],
      DEFAULTS,
    ),

    clusterRole('admin', [], { ...DEFAULTS, aggregate: [{ [`${AGG}admin`]: 'true' }] }),
    clusterRole('edit', [], {
      ...withLabels({ [`${AGG}admin`]: 'true' }),
      aggregate: [{ [`${AGG}edit`]: 'true' }],
    }),
    clusterRole('view', [], {
      ...withLabels({ [`${AGG}edit`]: 'true' }),
      aggregate: [{ [`${AGG}view`]: 'true' }],
    }),
    clusterRole('system:aggregate-to-admin', adminRules, withLabels({ [`${AGG}admin`]: 'true' })),
    clusterRole('system:aggregate-to-edit', editRules, withLabels({ [`${AGG}edit`]: 'true' })),
    clusterRole('system:aggregate-to-view', viewRules, withLabels({ [`${AGG}view`]: 'true' })),
  ];
}
