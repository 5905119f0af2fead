import type { PrinterColumn, ResourceDefinition, ResourceVersion } from '../resources.ts';

const age: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

const conditionStatus =
  (type: string) =>
  (obj: Record<string, unknown>): unknown => {
    const conds = (obj.status as { conditions?: { type: string; status: string }[] } | undefined)
      ?.conditions;
    return conds?.find((c) => c.type === type)?.status;
  };

function nodeStatus(obj: Record<string, unknown>): string {
  const ready = conditionStatus('Ready')(obj);
  const unschedulable = (obj.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
  const base = ready === 'True' ? 'Ready' : ready === undefined ? 'Unknown' : 'NotReady';
  return unschedulable ? `${base},SchedulingDisabled` : base;
}

function nodeRoles(obj: Record<string, unknown>): string {
  const labels = (obj.metadata as { labels?: Record<string, string> }).labels ?? {};
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.join(',') : '<none>';
}

function servicePorts(obj: Record<string, unknown>): string {
  const ports =
    (obj.spec as { ports?: { port: number; protocol?: string; nodePort?: number }[] } | undefined)
      ?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
    .join(',');
}

function externalIp(obj: Record<string, unknown>): string {
  const spec = obj.spec as { type?: string; externalIPs?: string[] } | undefined;
  const ingress = (obj.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)
    ?.loadBalancer?.ingress;
  const ips = [...(ingress?.map((i) => i.ip ?? '') ?? []), ...(spec?.externalIPs ?? [])].filter(
    Boolean,
  );
  if (ips.length) return ips.join(',');
  return spec?.type === 'LoadBalancer' ? '<pending>' : '<none>';
}

function endpointsText(obj: Record<string, unknown>): string {
  const subsets =
    (obj.subsets as { addresses?: { ip: string }[]; ports?: { port: number }[] }[] | undefined) ??
    [];
  const items = subsets.flatMap((s) =>
    (s.addresses ?? []).flatMap((a) =>
      s.ports?.length ? s.ports.map((p) => `${a.ip}:${p.port}`) : [a.ip],
    ),
  );
  if (!items.length) return '<none>';
  return items.length > 3
    ? `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`
    : items.join(',');
}

function sliceEndpoints(obj: Record<string, unknown>): string {
  const eps = (obj.endpoints as { addresses?: string[] }[] | undefined) ?? [];
  const ips = eps.flatMap((e) => e.addresses ?? []);
  if (!ips.length) return '<unset>';
  return ips.length > 3
    ? `${ips.slice(0, 3).join(',')} + ${ips.length - 3} more...`
    : ips.join(',');
}

function slicePorts(obj: Record<string, unknown>): string {
  const ports = (obj.ports as { port?: number }[] | undefined) ?? [];
  return ports.length ? ports.map((p) => p.port ?? '<unset>').join(',') : '<unset>';
}

function secretDataCount(obj: Record<string, unknown>): number {
  return Object.keys((obj.data as Record<string, unknown> | undefined) ?? {}).length;
}

interface PodView {
  metadata?: { deletionTimestamp?: string };
  spec?: { containers?: unknown[]; nodeName?: string };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    containerStatuses?: { ready?: boolean; restartCount?: number }[];
  };
}

/** `READY` of `kubectl get pods`: ready containers / containers. */
function podReady(obj: Record<string, unknown>): string {
  const p = obj as PodView;
  const total = p.spec?.containers?.length ?? 0;
  const ready = (p.status?.containerStatuses ?? []).filter((c) => c.ready).length;
  return `${ready}/${total}`;
}

/** `STATUS` of `kubectl get pods`: the phase, a reason, or Terminating. */
function podStatus(obj: Record<string, unknown>): string {
  const p = obj as PodView;
  if (p.metadata?.deletionTimestamp) return 'Terminating';
  return p.status?.reason ?? p.status?.phase ?? 'Unknown';
}

function podRestarts(obj: Record<string, unknown>): number {
  return ((obj as PodView).status?.containerStatuses ?? []).reduce(
    (n, c) => n + (c.restartCount ?? 0),
    0,
  );
}

const v1: ResourceVersion[] = [{ name: 'v1', storage: true }];
const readOnlyVerbs = ['create'];

/** Core Kubernetes and Deckhouse kinds the product touches. */
export const coreResources: ResourceDefinition[] = [
  {
    group: '',
    kind: 'Namespace',
    listKind: 'NamespaceList',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: false,
    shortNames: ['ns'],
    categories: [],
    subresources: ['status'],
    versions: v1,
    printerColumns: [{ name: 'Status', type: 'string', jsonPath: '.status.phase' }, age],
  },
  {
    group: '',
    kind: 'Node',
    listKind: 'NodeList',
    plural: 'nodes',
    singular: 'node',
    namespaced: false,
    shortNames: ['no'],
    categories: [],
    subresources: ['status'],
    versions: v1,
    printerColumns: [
      { name: 'Status', type: 'string', compute: nodeStatus },
      { name: 'Roles', type: 'string', compute: nodeRoles },
      age,
      { name: 'Version', type: 'string', jsonPath: '.status.nodeInfo.kubeletVersion' },
      {
        name: 'Internal-IP',
        type: 'string',
        priority: 1,
        jsonPath: ".status.addresses[?(@.type=='InternalIP')].address",
      },
      { name: 'OS-Image', type: 'string', priority: 1, jsonPath: '.status.nodeInfo.osImage' },
      {
        name: 'Kernel-Version',
        type: 'string',
        priority: 1,
        jsonPath: '.status.nodeInfo.kernelVersion',
      },
    ],
  },
  {
    // The sandbox runs no containers: its pods are the virt-launcher mirrors of running guests.
    group: '',
    kind: 'Pod',
    listKind: 'PodList',
    plural: 'pods',
    singular: 'pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'eviction'],
    versions: v1,
    printerColumns: [
      { name: 'Ready', type: 'string', compute: podReady },
      { name: 'Status', type: 'string', compute: podStatus },
      { name: 'Restarts', type: 'integer', compute: podRestarts },
      age,
      { name: 'IP', type: 'string', priority: 1, jsonPath: '.status.podIP' },
      { name: 'Node', type: 'string', priority: 1, jsonPath: '.spec.nodeName' },
      {
        name: 'Nominated Node',
        type: 'string',
        priority: 1,
        jsonPath: '.status.nominatedNodeName',
      },
      { name: 'Readiness Gates', type: 'string', priority: 1, compute: () => '<none>' },
    ],
  },
  {
    group: '',
    kind: 'Secret',
    listKind: 'SecretList',
    plural: 'secrets',
    singular: 'secret',
    namespaced: true,
    shortNames: [],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [
      { name: 'Type', type: 'string', jsonPath: '.type' },
      { name: 'Data', type: 'integer', compute: secretDataCount },
      age,
    ],
  },
  {
    group: '',
    kind: 'ConfigMap',
    listKind: 'ConfigMapList',
    plural: 'configmaps',
    singular: 'configmap',
    namespaced: true,
    shortNames: ['cm'],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [{ name: 'Data', type: 'integer', compute: secretDataCount }, age],
  },
  {
    group: '',
    kind: 'Service',
    listKind: 'ServiceList',
    plural: 'services',
    singular: 'service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
    versions: v1,
    printerColumns: [
      { name: 'Type', type: 'string', jsonPath: '.spec.type' },
      { name: 'Cluster-IP', type: 'string', jsonPath: '.spec.clusterIP' },
      { name: 'External-IP', type: 'string', compute: externalIp },
      { name: 'Port(s)', type: 'string', compute: servicePorts },
      age,
      { name: 'Selector', type: 'string', priority: 1, jsonPath: '.spec.selector' },
    ],
  },
  {
    group: '',
    kind: 'Endpoints',
    listKind: 'EndpointsList',
    plural: 'endpoints',
    singular: 'endpoints',
    namespaced: true,
    shortNames: ['ep'],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [{ name: 'Endpoints', type: 'string', compute: endpointsText }, age],
  },
  {
    group: 'discovery.k8s.io',
    kind: 'EndpointSlice',
    listKind: 'EndpointSliceList',
    plural: 'endpointslices',
    singular: 'endpointslice',
    namespaced: true,
    shortNames: [],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [
      { name: 'AddressType', type: 'string', jsonPath: '.addressType' },
      { name: 'Ports', type: 'string', compute: slicePorts },
      { name: 'Endpoints', type: 'string', compute: sliceEndpoints },
      age,
    ],
  },
  {
    group: '',
    kind: 'PersistentVolumeClaim',
    listKind: 'PersistentVolumeClaimList',
    plural: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim',
    namespaced: true,
    shortNames: ['pvc'],
    categories: [],
    subresources: ['status'],
    versions: v1,
    printerColumns: [
      { name: 'Status', type: 'string', jsonPath: '.status.phase' },
      { name: 'Volume', type: 'string', jsonPath: '.spec.volumeName' },
      { name: 'Capacity', type: 'string', jsonPath: '.status.capacity.storage' },
      { name: 'Access Modes', type: 'string', jsonPath: '.status.accessModes' },
      { name: 'StorageClass', type: 'string', jsonPath: '.spec.storageClassName' },
      age,
    ],
  },
  {
    group: '',
    kind: 'Event',
    listKind: 'EventList',
    plural: 'events',
    singular: 'event',
    namespaced: true,
    shortNames: ['ev'],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [
      { name: 'Last Seen', type: 'date', jsonPath: '.lastTimestamp' },
      { name: 'Type', type: 'string', jsonPath: '.type' },
      { name: 'Reason', type: 'string', jsonPath: '.reason' },
      { name: 'Object', type: 'string', compute: involvedObject },
      { name: 'Message', type: 'string', jsonPath: '.message' },
    ],
  },
  {
    group: 'events.k8s.io',
    kind: 'Event',
    listKind: 'EventList',
    plural: 'events',
    singular: 'event',
    namespaced: true,
    shortNames: ['ev'],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [
      { name: 'Last Seen', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      { name: 'Type', type: 'string', jsonPath: '.type' },
      { name: 'Reason', type: 'string', jsonPath: '.reason' },
      { name: 'Note', type: 'string', jsonPath: '.note' },
    ],
  },
  {
    group: 'networking.k8s.io',
    kind: 'Ingress',
    listKind: 'IngressList',
    plural: 'ingresses',
    singular: 'ingress',
    namespaced: true,
    shortNames: ['ing'],
    categories: [],
    subresources: ['status'],
    versions: v1,
    printerColumns: [
      { name: 'Class', type: 'string', jsonPath: '.spec.ingressClassName' },
      { name: 'Hosts', type: 'string', jsonPath: '.spec.rules[*].host' },
      { name: 'Address', type: 'string', jsonPath: '.status.loadBalancer.ingress[*].ip' },
      age,
    ],
  },
  {
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    listKind: 'StorageClassList',
    plural: 'storageclasses',
    singular: 'storageclass',
    namespaced: false,
    shortNames: ['sc'],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [
      { name: 'Provisioner', type: 'string', jsonPath: '.provisioner' },
      { name: 'ReclaimPolicy', type: 'string', jsonPath: '.reclaimPolicy' },
      { name: 'VolumeBindingMode', type: 'string', jsonPath: '.volumeBindingMode' },
      { name: 'AllowVolumeExpansion', type: 'boolean', jsonPath: '.allowVolumeExpansion' },
      age,
    ],
  },
  {
    group: 'snapshot.storage.k8s.io',
    kind: 'VolumeSnapshotClass',
    listKind: 'VolumeSnapshotClassList',
    plural: 'volumesnapshotclasses',
    singular: 'volumesnapshotclass',
    namespaced: false,
    shortNames: ['vsclass', 'vsclasses'],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [
      { name: 'Driver', type: 'string', jsonPath: '.driver' },
      { name: 'DeletionPolicy', type: 'string', jsonPath: '.deletionPolicy' },
      age,
    ],
  },
  {
    group: 'coordination.k8s.io',
    kind: 'Lease',
    listKind: 'LeaseList',
    plural: 'leases',
    singular: 'lease',
    namespaced: true,
    shortNames: [],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [{ name: 'Holder', type: 'string', jsonPath: '.spec.holderIdentity' }, age],
  },
  ...(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'] as const).map(
    (kind): ResourceDefinition => ({
      group: 'rbac.authorization.k8s.io',
      kind,
      listKind: `${kind}List`,
      plural: `${kind.toLowerCase()}s`,
      singular: kind.toLowerCase(),
      namespaced: !kind.startsWith('Cluster'),
      shortNames: [],
      categories: [],
      subresources: [],
      versions: v1,
      printerColumns: kind.endsWith('Binding')
        ? [
            { name: 'Role', type: 'string', compute: roleRef },
            age,
            { name: 'Users', type: 'string', priority: 1, compute: subjectsOf('User') },
            { name: 'Groups', type: 'string', priority: 1, compute: subjectsOf('Group') },
          ]
        : [{ name: 'Created At', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
    }),
  ),
  ...(
    [
      ['SelfSubjectAccessReview', 'selfsubjectaccessreviews', false],
      ['SubjectAccessReview', 'subjectaccessreviews', false],
      ['LocalSubjectAccessReview', 'localsubjectaccessreviews', true],
      ['SelfSubjectRulesReview', 'selfsubjectrulesreviews', false],
    ] as const
  ).map(([kind, plural, namespaced]): ResourceDefinition => ({
    group: 'authorization.k8s.io',
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [],
    verbs: readOnlyVerbs,
    virtual: true,
  })),
  {
    group: 'authentication.k8s.io',
    kind: 'SelfSubjectReview',
    listKind: 'SelfSubjectReviewList',
    plural: 'selfsubjectreviews',
    singular: 'selfsubjectreview',
    namespaced: false,
    shortNames: [],
    categories: [],
    subresources: [],
    versions: v1,
    printerColumns: [],
    verbs: readOnlyVerbs,
    virtual: true,
  },
  {
    group: 'deckhouse.io',
    kind: 'ModuleConfig',
    listKind: 'ModuleConfigList',
    plural: 'moduleconfigs',
    singular: 'moduleconfig',
    namespaced: false,
    shortNames: ['mc'],
    categories: [],
    subresources: ['status'],
    versions: [{ name: 'v1alpha1', storage: true }],
    printerColumns: [
      { name: 'Enabled', type: 'boolean', jsonPath: '.spec.enabled' },
      { name: 'Version', type: 'string', jsonPath: '.spec.version' },
      age,
      { name: 'Message', type: 'string', jsonPath: '.status.message' },
    ],
  },
  {
    group: 'deckhouse.io',
    kind: 'Project',
    listKind: 'ProjectList',
    plural: 'projects',
    singular: 'project',
    namespaced: false,
    shortNames: [],
    categories: [],
    subresources: ['status'],
    versions: [{ name: 'v1alpha2', storage: true }],
    printerColumns: [
      { name: 'State', type: 'string', jsonPath: '.status.state' },
      { name: 'Project template', type: 'string', jsonPath: '.spec.projectTemplateName' },
      { name: 'Description', type: 'string', jsonPath: '.spec.description' },
      age,
    ],
  },
];

function involvedObject(obj: Record<string, unknown>): string {
  const io = obj.involvedObject as { kind?: string; name?: string } | undefined;
  return io ? `${(io.kind ?? '').toLowerCase()}/${io.name ?? ''}` : '';
}

function roleRef(obj: Record<string, unknown>): string {
  const r = obj.roleRef as { kind?: string; name?: string } | undefined;
  return r ? `${r.kind ?? ''}/${r.name ?? ''}` : '';
}

function subjectsOf(kind: string) {
  return (obj: Record<string, unknown>): string =>
    ((obj.subjects as { kind: string; name: string }[] | undefined) ?? [])
      .filter((s) => s.kind === kind)
      .map((s) => s.name)
      .join(', ');
}
