import type { KubeObject } from '../apiserver/types.ts';
import { READ, WRITE, clusterRole, rule, type RuleSpec } from './rbac-objects.ts';

/**
 * The DVP virtualization module's RBAC (deckhouse/virtualization `templates/rbacv2`, see
 * dvp-api.md §15). Small capability roles carry the rules and a level label; each role aggregates
 * the capabilities of its level plus the role one level below, which carries the next level's
 * label — so `viewer ⊂ user ⊂ manager ⊂ admin ⊂ superadmin` is pure label aggregation.
 */

const AS = 'rbac.deckhouse.io/aggregate-to-virtualization-as';
const KIND = 'rbac.deckhouse.io/kind';
const MODULE_LABELS = { heritage: 'deckhouse', module: 'virtualization' };
const V = 'virtualization.deckhouse.io';
const SUB = 'subresources.virtualization.deckhouse.io';

export const USE_LEVELS = ['viewer', 'user', 'manager', 'admin'] as const;
export type UseLevel = (typeof USE_LEVELS)[number];

/** The module-level use role of a level, e.g. `d8:use:role:user:virtualization`. */
export function useRoleName(level: UseLevel): string {
  return `d8:use:role:${level}:virtualization`;
}
export const USE_SUPERADMIN = 'd8:use:virtualization:superadmin';
export const MANAGE_ROLES = {
  viewer: 'd8:manage:virtualization:viewer',
  manager: 'd8:manage:virtualization:manager',
  superadmin: 'd8:manage:virtualization:superadmin',
} as const;

const PROJECT_KINDS = [
  'virtualdisks',
  'virtualdisksnapshots',
  'virtualimages',
  'virtualmachineblockdeviceattachments',
  'virtualmachineipaddresses',
  'virtualmachinemacaddresses',
  'virtualmachines',
  'virtualmachinesnapshots',
];

type Level = UseLevel | 'superadmin';

const useCapabilities: [name: string, level: Level, rules: RuleSpec[]][] = [
  [
    'view_resources',
    'viewer',
    [
      rule(
        READ,
        [V],
        [
          ...PROJECT_KINDS,
          'virtualmachineoperations',
          'virtualmachinesnapshotoperations',
          'usbdevices',
          'virtualmachinepools',
        ],
      ),
      rule(
        READ,
        [''],
        ['services', 'services/status', 'limitranges', 'resourcequotas', 'resourcequotas/status'],
      ),
      rule(READ, ['', 'events.k8s.io'], ['events']),
      rule(READ, ['discovery.k8s.io'], ['endpointslices']),
      rule(READ, ['networking.k8s.io'], ['networkpolicies', 'ingresses', 'ingresses/status']),
    ],
  ],
  [
    'access_console',
    'user',
    [rule(['get', 'create', 'update'], [SUB], ['virtualmachines/console'])],
  ],
  [
    'access_remote_display',
    'user',
    [rule(['get', 'create', 'update'], [SUB], ['virtualmachines/vnc'])],
  ],
  [
    'forward_ports',
    'user',
    [rule(['get', 'create', 'update'], [SUB], ['virtualmachines/portforward'])],
  ],
  ['execute_virtualmachine_operations', 'user', [rule(WRITE, [V], ['virtualmachineoperations'])]],
  [
    'execute_virtualmachinesnapshot_operations',
    'user',
    [rule(WRITE, [V], ['virtualmachinesnapshotoperations'])],
  ],
  ['view_secrets', 'user', [rule(READ, [''], ['secrets'])]],
  [
    'manage_resources',
    'manager',
    [
      rule(WRITE, [V], [...PROJECT_KINDS, 'virtualmachinepools']),
      rule(['get', 'patch', 'update'], [V], ['virtualmachinepools/scale']),
      rule(['create'], [SUB], ['virtualmachinepools/scaledownwith']),
      rule(WRITE, [''], ['secrets', 'services', 'events']),
      rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
    ],
  ],
  ['manage_limits', 'admin', [rule(WRITE, [''], ['limitranges'])]],
  ['manage_quotas', 'admin', [rule(WRITE, [''], ['resourcequotas'])]],
  [
    'manage_internals',
    'superadmin',
    [
      rule(
        READ,
        ['internal.virtualization.deckhouse.io'],
        [
          'internalvirtualizationvirtualmachines',
          'internalvirtualizationvirtualmachineinstances',
          'internalvirtualizationvirtualmachineinstancemigrations',
        ],
      ),
      rule(READ, [''], ['pods', 'persistentvolumeclaims']),
      rule(READ, ['apps'], ['controllerrevisions']),
      rule(READ, ['policy'], ['poddisruptionbudgets']),
      rule(READ, ['snapshot.storage.k8s.io'], ['volumesnapshots']),
    ],
  ],
];

const manageWrite = ['create', 'update', 'patch', 'delete'];
const managePermissions: [
  name: string,
  level: 'viewer' | 'manager' | 'superadmin',
  rules: RuleSpec[],
][] = [
  [
    'view_resources',
    'viewer',
    [
      rule(
        READ,
        [V],
        [
          'clustervirtualimages',
          'virtualmachineclasses',
          'virtualmachineipaddressleases',
          'virtualmachinemacaddressleases',
          'nodeusbdevices',
        ],
      ),
      {
        verbs: READ,
        apiGroups: ['deckhouse.io'],
        resources: ['moduleconfigs'],
        resourceNames: ['virtualization'],
      },
      rule(READ, [''], ['namespaces', 'namespaces/status', 'nodes']),
      rule(READ, ['scheduling.k8s.io'], ['priorityclasses']),
    ],
  ],
  [
    'manage_resources',
    'manager',
    [
      rule(WRITE, [V], ['clustervirtualimages', 'virtualmachineclasses']),
      rule(['update', 'patch', 'delete', 'deletecollection'], [V], ['nodeusbdevices']),
      {
        verbs: manageWrite,
        apiGroups: ['deckhouse.io'],
        resources: ['moduleconfigs'],
        resourceNames: ['virtualization'],
      },
      rule(manageWrite, [''], ['namespaces', 'nodes']),
      rule(['*'], [''], ['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats']),
      rule(manageWrite, ['scheduling.k8s.io'], ['priorityclasses']),
    ],
  ],
  [
    'manage_internals',
    'superadmin',
    [
      rule(WRITE, ['storage.virtualization.deckhouse.io'], ['storageprofiles']),
      rule(WRITE, ['internal.virtualization.deckhouse.io'], ['internalvirtualizationkubevirts']),
      rule(
        ['update', 'patch', 'delete'],
        [V],
        ['virtualmachineipaddressleases', 'virtualmachinemacaddressleases'],
      ),
    ],
  ],
];

function next<T extends string>(levels: readonly T[], level: T): T | undefined {
  return levels[levels.indexOf(level) + 1];
}

/** Every DVP use and manage ClusterRole, capabilities included. */
export function dvpRbac(): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const [name, level, rules] of useCapabilities) {
    objects.push(
      clusterRole(`d8:use:capability:virtualization:${name}`, rules, {
        labels: { ...MODULE_LABELS, [KIND]: 'use', [AS]: level },
      }),
    );
  }
  const useChain: Level[] = [...USE_LEVELS, 'superadmin'];
  for (const level of USE_LEVELS) {
    objects.push(
      clusterRole(useRoleName(level), [], {
        labels: { ...MODULE_LABELS, [KIND]: 'use', [AS]: next(useChain, level) ?? 'superadmin' },
        aggregate: [{ [KIND]: 'use', [AS]: level }],
      }),
    );
  }
  objects.push(
    clusterRole(USE_SUPERADMIN, [], {
      labels: { ...MODULE_LABELS, [KIND]: 'use' },
      aggregate: [{ [KIND]: 'use', [AS]: 'superadmin' }],
    }),
  );

  for (const [name, level, rules] of managePermissions) {
    objects.push(
      clusterRole(`d8:manage:permission:subsystem:virtualization:${name}`, rules, {
        labels: { ...MODULE_LABELS, [KIND]: 'manage', [AS]: level },
      }),
    );
  }
  const manageChain = ['viewer', 'manager', 'superadmin'] as const;
  for (const level of manageChain) {
    const above = next(manageChain, level);
    objects.push(
      clusterRole(MANAGE_ROLES[level], [], {
        labels: { ...MODULE_LABELS, [KIND]: 'manage', ...(above ? { [AS]: above } : {}) },
        aggregate: [{ [KIND]: 'manage', [AS]: level }],
      }),
    );
  }
  return objects;
}
