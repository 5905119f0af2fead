/* eslint-disable max-lines -- test data: one realistic object per registry row */
/** One realistic object per schema registry row, as the sandbox would store it. Test data. */
export interface RealisticObject {
  group: string;
  version: string;
  kind: string;
  object: Record<string, unknown>;
}

const DVP = 'virtualization.deckhouse.io';
const T = '2026-08-01T10:00:00Z';
const meta = (name: string, namespace?: string) => ({
  name,
  ...(namespace && { namespace }),
  uid: `uid-${name}`,
  resourceVersion: '42',
  generation: 1,
  creationTimestamp: T,
  labels: { app: 'demo' },
  annotations: { note: 'x' },
});
const cond = (type: string, reason: string, status = 'True') => ({
  type,
  status,
  reason,
  message: '',
  lastTransitionTime: T,
  observedGeneration: 1,
});

function dvp(kind: string, object: Record<string, unknown>, version = 'v1alpha2'): RealisticObject {
  return {
    group: DVP,
    version,
    kind,
    object: { apiVersion: `${DVP}/${version}`, kind, ...object },
  };
}

function core(group: string, version: string, kind: string, object: Record<string, unknown>) {
  const apiVersion = group ? `${group}/${version}` : version;
  return { group, version, kind, object: { apiVersion, kind, ...object } };
}

const vmSpec = {
  virtualMachineClassName: 'generic',
  runPolicy: 'AlwaysOnUnlessStoppedManually',
  disruptions: { restartApprovalMode: 'Manual' },
  terminationGracePeriodSeconds: 60,
  enableParavirtualization: true,
  osType: 'Generic',
  bootloader: 'BIOS',
  cpu: { cores: 2, coreFraction: '10%' },
  memory: { size: '2Gi' },
  blockDeviceRefs: [
    { kind: 'VirtualDisk', name: 'root' },
    { kind: 'ClusterVirtualImage', name: 'ubuntu-iso', bootOrder: 2 },
  ],
  provisioning: { type: 'UserDataRef', userDataRef: { kind: 'Secret', name: 'cloud-init' } },
  liveMigrationPolicy: 'PreferSafe',
  networks: [{ type: 'Main', id: 1 }],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'vm', effect: 'NoSchedule' }],
  affinity: {
    virtualMachineAndPodAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 50,
          virtualMachineAndPodAffinityTerm: {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: { app: 'db' } },
          },
        },
      ],
    },
  },
};

const dataSourceStatus = {
  cdrom: false,
  format: 'qcow2',
  progress: '100%',
  size: {
    stored: '250Mi',
    storedBytes: '262144000',
    unpacked: '2.2Gi',
    unpackedBytes: '2361393152',
  },
  downloadSpeed: { avg: '12Mi', avgBytes: '12582912' },
  sourceUID: 'src-uid',
  observedGeneration: 1,
  phase: 'Ready',
  conditions: [cond('Ready', 'Ready')],
};

export const realisticObjects: readonly RealisticObject[] = [
  dvp('VirtualMachine', {
    metadata: meta('linux-vm', 'demo'),
    spec: vmSpec,
    status: {
      phase: 'Running',
      nodeName: 'node-1',
      ipAddress: '10.66.10.12',
      virtualMachineIPAddressName: 'linux-vm',
      guestOSInfo: { name: 'Ubuntu', kernelRelease: '6.8.0', anything: { nested: true } },
      blockDeviceRefs: [
        { kind: 'VirtualDisk', name: 'root', size: '10Gi', attached: true, target: 'sda' },
      ],
      stats: {
        phasesTransitions: [{ phase: 'Running', timestamp: T }],
        launchTimeDuration: { virtualMachineStarting: '12s' },
        lastStartTime: T,
      },
      migrationState: { startTimestamp: T, endTimestamp: T, result: 'Succeeded' },
      resources: {
        cpu: {
          cores: 2,
          coreFraction: '10%',
          requestedCores: '200m',
          topology: { sockets: 1, coresPerSocket: 2 },
        },
        memory: { size: '2Gi', runtimeOverhead: '200Mi' },
      },
      restartAwaitingChanges: [
        { operation: 'replace', path: 'cpu.cores', currentValue: 1, desiredValue: 2 },
      ],
      virtualMachinePods: [{ name: 'virt-launcher-linux-vm-abcde', active: true }],
      versions: { qemu: '9.2.0', libvirt: '10.9.0' },
      networks: [{ type: 'Main', id: 1, macAddress: '02:00:00:00:00:01' }],
      conditions: [cond('AgentReady', 'AgentReady'), cond('Running', 'Running')],
      observedGeneration: 1,
    },
  }),
  dvp('VirtualMachineClass', {
    metadata: meta('generic'),
    spec: {
      cpu: { type: 'Model', model: 'Nehalem' },
      nodeSelector: {
        matchExpressions: [
          { key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' },
        ],
      },
      sizingPolicies: [
        { cores: { min: 1, max: 4 }, coreFractions: [5, 10, 20, 50, 100], defaultCoreFraction: 10 },
        {
          cores: { min: 5, max: 8 },
          coreFractions: [20, 50, 100],
          memory: { perCore: { min: '1Gi', max: '8Gi' } },
        },
      ],
    },
    status: {
      phase: 'Ready',
      availableNodes: ['node-1'],
      maxAllocatableResources: { cpu: 8, memory: '32Gi' },
    },
  }),
  dvp(
    'VirtualMachineClass',
    {
      metadata: meta('generic'),
      spec: {
        cpu: { type: 'Discovery', discovery: { nodeSelector: { matchLabels: { group: 'blue' } } } },
        sizingPolicies: [
          {
            cores: { min: 1, max: 4, step: 1 },
            coreFractions: ['5%', '100%'],
            defaultCoreFraction: 'Auto',
          },
        ],
      },
      status: { phase: 'Ready', cpuFeatures: { enabled: ['sse4_2'], notEnabledCommon: [] } },
    },
    'v1alpha3',
  ),
  dvp('VirtualImage', {
    metadata: meta('ubuntu', 'demo'),
    spec: {
      storage: 'ContainerRegistry',
      dataSource: {
        type: 'HTTP',
        http: {
          url: 'https://cloud-images.ubuntu.com/noble/current/noble.img',
          checksum: { sha256: 'a'.repeat(64) },
        },
      },
    },
    status: {
      ...dataSourceStatus,
      target: { registryURL: 'dvcr.d8-virtualization.svc/vi/demo/ubuntu' },
    },
  }),
  dvp('ClusterVirtualImage', {
    metadata: meta('ubuntu-from-disk'),
    spec: {
      dataSource: {
        type: 'ObjectRef',
        objectRef: { kind: 'VirtualDisk', name: 'root', namespace: 'demo' },
      },
    },
    status: {
      ...dataSourceStatus,
      usedInNamespaces: ['demo'],
      target: { registryURL: 'dvcr/cvi/x' },
    },
  }),
  dvp('VirtualDisk', {
    metadata: meta('root', 'demo'),
    spec: {
      dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'ubuntu' } },
      persistentVolumeClaim: { size: '10Gi', storageClassName: 'local' },
    },
    status: {
      phase: 'Ready',
      capacity: '10Gi',
      storageClassName: 'local',
      target: { persistentVolumeClaimName: 'vd-root-uid' },
      attachedToVirtualMachines: [{ name: 'linux-vm', mounted: true }],
      stats: { creationDuration: { totalProvisioning: '30s', waitingForFirstConsumer: null } },
      conditions: [cond('Ready', 'Ready')],
    },
  }),
  dvp('VirtualDiskSnapshot', {
    metadata: meta('root-snap', 'demo'),
    spec: { virtualDiskName: 'root', requiredConsistency: true },
    status: { phase: 'Ready', consistent: true, volumeSnapshotName: 'vs-1', conditions: [] },
  }),
  dvp('VirtualMachineSnapshot', {
    metadata: meta('vm-snap', 'demo'),
    spec: { virtualMachineName: 'linux-vm', requiredConsistency: true, keepIPAddress: 'Always' },
    status: {
      phase: 'Ready',
      consistent: true,
      virtualDiskSnapshotNames: ['root-snap'],
      virtualMachineSnapshotSecretName: 'vm-snap-secret',
      resources: [{ apiVersion: `${DVP}/v1alpha2`, kind: 'VirtualMachine', name: 'linux-vm' }],
    },
  }),
  dvp('VirtualMachineSnapshotOperation', {
    metadata: meta('new-vm', 'demo'),
    spec: {
      type: 'CreateVirtualMachine',
      virtualMachineSnapshotName: 'vm-snap',
      createVirtualMachine: { mode: 'Strict', customization: { nameSuffix: '-copy' } },
    },
    status: {
      phase: 'Completed',
      resources: [
        {
          apiVersion: 'v1',
          kind: 'VirtualMachine',
          name: 'linux-vm-copy',
          status: 'Completed',
          message: '',
        },
      ],
    },
  }),
  dvp('VirtualMachineOperation', {
    metadata: meta('migrate-linux-vm', 'demo'),
    spec: {
      type: 'Migrate',
      virtualMachineName: 'linux-vm',
      force: true,
      migrate: { nodeSelector: { 'kubernetes.io/hostname': 'node-2' } },
    },
    status: {
      phase: 'InProgress',
      progress: '33%',
      conditions: [cond('Completed', 'MigrationRunning', 'False')],
    },
  }),
  dvp('VirtualMachineBlockDeviceAttachment', {
    metadata: meta('attach-blank', 'demo'),
    spec: {
      blockDeviceRef: { kind: 'VirtualDisk', name: 'blank' },
      virtualMachineName: 'linux-vm',
    },
    status: {
      phase: 'Attached',
      virtualMachineName: 'linux-vm',
      conditions: [cond('Attached', 'Attached')],
    },
  }),
  dvp('VirtualMachineIPAddress', {
    metadata: meta('linux-vm', 'demo'),
    spec: { type: 'Static', staticIP: '10.66.10.12' },
    status: { phase: 'Attached', address: '10.66.10.12', virtualMachineName: 'linux-vm' },
  }),
  dvp('VirtualMachineIPAddressLease', {
    metadata: meta('ip-10-66-10-12'),
    spec: { virtualMachineIPAddressRef: { name: 'linux-vm', namespace: 'demo' } },
    status: { phase: 'Bound', conditions: [cond('Bound', 'Bound')] },
  }),
  dvp('VirtualMachineMACAddress', {
    metadata: meta('linux-vm-mac', 'demo'),
    spec: { address: '02:00:00:00:00:01' },
    status: { phase: 'Bound', address: '02:00:00:00:00:01' },
  }),
  dvp('VirtualMachineMACAddressLease', {
    metadata: meta('mac-02-00-00-00-00-01'),
    spec: { virtualMachineMACAddressRef: { name: 'linux-vm-mac', namespace: 'demo' } },
    status: { phase: 'Bound' },
  }),
  dvp('VirtualMachinePool', {
    metadata: meta('web', 'demo'),
    spec: {
      replicas: 2,
      scaleDownPolicy: 'NewestFirst',
      virtualDiskTemplates: [
        {
          name: 'root',
          spec: {
            dataSource: { type: 'ObjectRef', objectRef: { kind: 'VirtualImage', name: 'ubuntu' } },
          },
          reclaim: { onScaleDown: 'Retain', keep: 1, ttl: '24h' },
        },
      ],
      virtualMachineTemplate: {
        metadata: { labels: { tier: 'web' } },
        spec: {
          ...vmSpec,
          liveMigrationPolicy: 'Never',
          blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root' }],
        },
      },
    },
    status: {
      replicas: 2,
      readyReplicas: 2,
      selector: 'vmpool.virtualization.deckhouse.io/pool-uid=x',
    },
  }),
  dvp('VirtualMachineRestore', {
    metadata: meta('restore', 'demo'),
    spec: {
      virtualMachineSnapshotName: 'vm-snap',
      restoreMode: 'Forced',
      nameReplacements: [
        { from: { kind: 'VirtualMachine', name: 'linux-vm' }, to: 'linux-vm-2' },
        { from: { name: 'root' }, to: { name: 'root-2' } },
      ],
    },
    status: { phase: 'Ready' },
  }),
  dvp('NodeUSBDevice', {
    metadata: meta('usb-1'),
    spec: { assignedNamespace: 'demo' },
    status: {
      nodeName: 'node-1',
      attributes: { vendorID: '0781', productID: '5567', speed: 480, major: 189 },
    },
  }),
  dvp('USBDevice', {
    metadata: meta('usb-1', 'demo'),
    status: {
      nodeName: 'node-1',
      attributes: { name: 'usb-1', bus: '1' },
      conditions: [cond('Ready', 'Ready')],
    },
  }),
  core('', 'v1', 'Namespace', {
    metadata: meta('demo'),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }),
  core('', 'v1', 'Node', {
    metadata: meta('node-1'),
    spec: { podCIDR: '10.0.0.0/24', taints: [{ key: 'k', effect: 'NoSchedule' }] },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      addresses: [{ type: 'InternalIP', address: '192.168.1.10' }],
      capacity: { cpu: '8', memory: '32Gi', pods: 110 },
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Ubuntu' },
      images: [{ names: ['x'] }],
    },
  }),
  core('', 'v1', 'Secret', {
    metadata: meta('cloud-init', 'demo'),
    type: 'provisioning.virtualization.deckhouse.io/cloud-init',
    data: { userData: 'I2Nsb3VkLWNvbmZpZw==' },
  }),
  core('', 'v1', 'ConfigMap', { metadata: meta('cfg', 'demo'), data: { a: 'b' } }),
  core('', 'v1', 'Service', {
    metadata: meta('web', 'demo'),
    spec: {
      type: 'NodePort',
      selector: { app: 'nginx' },
      ports: [{ protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 31880 }],
      ipFamilies: ['IPv4'],
    },
    status: { loadBalancer: {} },
  }),
  core('', 'v1', 'PersistentVolumeClaim', {
    metadata: meta('vd-root', 'demo'),
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      storageClassName: 'local',
      volumeMode: 'Block',
    },
    status: { phase: 'Bound', capacity: { storage: '10Gi' } },
  }),
  core('', 'v1', 'Event', {
    metadata: meta('linux-vm.1', 'demo'),
    involvedObject: {
      apiVersion: `${DVP}/v1alpha2`,
      kind: 'VirtualMachine',
      name: 'linux-vm',
      namespace: 'demo',
    },
    reason: 'Started',
    message: 'VM started',
    type: 'Normal',
    count: 1,
    firstTimestamp: T,
    lastTimestamp: T,
    source: { component: 'virtualization-controller' },
  }),
  core('events.k8s.io', 'v1', 'Event', {
    metadata: meta('linux-vm.2', 'demo'),
    eventTime: '2026-08-01T10:00:00.000000Z',
    reportingController: 'virtualization-controller',
    reportingInstance: 'controller-0',
    action: 'Start',
    reason: 'Started',
    regarding: { kind: 'VirtualMachine', name: 'linux-vm', namespace: 'demo' },
    note: 'VM started',
    type: 'Normal',
  }),
  core('networking.k8s.io', 'v1', 'Ingress', {
    metadata: meta('web', 'demo'),
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'vm.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'web', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  }),
  core('storage.k8s.io', 'v1', 'StorageClass', {
    metadata: meta('local'),
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  }),
  core('snapshot.storage.k8s.io', 'v1', 'VolumeSnapshotClass', {
    metadata: meta('csi'),
    driver: 'csi.example',
    deletionPolicy: 'Delete',
  }),
  core('', 'v1', 'Pod', {
    metadata: {
      ...meta('virt-launcher-linux-vm-abcde', 'demo'),
      labels: {
        'kubevirt.internal.virtualization.deckhouse.io': 'virt-launcher',
        'vm.kubevirt.internal.virtualization.deckhouse.io/name': 'linux-vm',
      },
    },
    spec: {
      nodeName: 'sandbox-node-1',
      restartPolicy: 'Never',
      containers: [
        { name: 'compute', image: 'virt-launcher', resources: { requests: { cpu: '200m' } } },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '10.0.0.11',
      podIP: '10.66.10.14',
      startTime: '2025-01-01T00:00:00Z',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }],
      containerStatuses: [{ name: 'compute', ready: true, restartCount: 0 }],
    },
  }),
  core('', 'v1', 'Endpoints', {
    metadata: meta('http', 'demo'),
    subsets: [
      {
        addresses: [
          {
            ip: '10.66.10.14',
            nodeName: 'sandbox-node-1',
            targetRef: { kind: 'VirtualMachine', name: 'linux-vm', namespace: 'demo', uid: 'u' },
          },
        ],
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      },
    ],
  }),
  core('discovery.k8s.io', 'v1', 'EndpointSlice', {
    metadata: meta('http-abcde', 'demo'),
    addressType: 'IPv4',
    endpoints: [
      {
        addresses: ['10.66.10.14'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'sandbox-node-1',
        targetRef: { kind: 'VirtualMachine', name: 'linux-vm', namespace: 'demo', uid: 'u' },
      },
    ],
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  }),
  core('coordination.k8s.io', 'v1', 'Lease', {
    metadata: meta('d8v-vm-console-linux-vm-uid', 'demo'),
    spec: {
      holderIdentity: 'alice',
      leaseDurationSeconds: 30,
      renewTime: '2026-08-01T10:00:00.000000Z',
    },
  }),
  core('rbac.authorization.k8s.io', 'v1', 'Role', {
    metadata: meta('vm-user', 'demo'),
    rules: [{ apiGroups: [DVP], resources: ['virtualmachines'], verbs: ['get', 'list'] }],
  }),
  core('rbac.authorization.k8s.io', 'v1', 'ClusterRole', {
    metadata: meta('d8:use:role:user:virtualization'),
    aggregationRule: {
      clusterRoleSelectors: [
        { matchLabels: { 'rbac.deckhouse.io/aggregate-to-virtualization-as': 'user' } },
      ],
    },
    rules: [],
  }),
  core('rbac.authorization.k8s.io', 'v1', 'RoleBinding', {
    metadata: meta('alice', 'demo'),
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' }],
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'd8:use:role:user:virtualization',
    },
  }),
  core('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', {
    metadata: meta('admins'),
    subjects: [{ kind: 'Group', name: 'admins' }],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
  }),
  core('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', {
    metadata: {},
    spec: {
      resourceAttributes: {
        namespace: 'demo',
        verb: 'create',
        group: DVP,
        resource: 'virtualmachineoperations',
      },
    },
    status: { allowed: true },
  }),
  core('authorization.k8s.io', 'v1', 'SubjectAccessReview', {
    metadata: {},
    spec: {
      user: 'alice',
      groups: ['dev'],
      nonResourceAttributes: { path: '/healthz', verb: 'get' },
    },
    status: { allowed: false, reason: 'no rule' },
  }),
  core('authorization.k8s.io', 'v1', 'LocalSubjectAccessReview', {
    metadata: { namespace: 'demo' },
    spec: {
      user: 'alice',
      resourceAttributes: { namespace: 'demo', verb: 'get', resource: 'secrets' },
    },
  }),
  core('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', {
    metadata: {},
    spec: { namespace: 'demo' },
    status: {
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
      nonResourceRules: [],
      incomplete: false,
    },
  }),
  core('authentication.k8s.io', 'v1', 'SelfSubjectReview', {
    metadata: {},
    status: { userInfo: { username: 'alice', groups: ['system:authenticated'] } },
  }),
  core('deckhouse.io', 'v1alpha1', 'ModuleConfig', {
    metadata: meta('virtualization'),
    spec: {
      enabled: true,
      version: 1,
      settings: {
        dvcr: {
          storage: { type: 'PersistentVolumeClaim', persistentVolumeClaim: { size: '50G' } },
        },
        virtualMachineCIDRs: ['10.66.10.0/24'],
        virtualDisks: {
          defaultStorageClassName: 'local',
          allowedStorageClassSelector: { matchNames: ['local'] },
        },
        featureGates: ['HotplugCPUWithLiveMigration'],
      },
    },
    status: { message: '', version: '1' },
  }),
  core('deckhouse.io', 'v1alpha2', 'Project', {
    metadata: meta('demo'),
    spec: {
      description: 'Demo project',
      projectTemplateName: 'default',
      parameters: { quota: { 'requests.cpu': 10 } },
    },
    status: {
      state: 'Deployed',
      namespaces: [{ name: 'demo', kind: 'Main' }],
      conditions: [{ type: 'Validated', status: 'True' }],
    },
  }),
];
